"""The SLA sweep checks both deadlines of a file, marks and escalates each file once, and goes
on past a file that fails."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.db import connection
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.cases import services
from daftar.cases.models import File
from daftar.cases.services import sla
from daftar.cases.tasks import sweep_deadlines
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def _in_review(personas, catalogue) -> File:
    file = open_file(personas, catalogue)
    return services.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")


def _long_overdue(file: File, *, now: datetime.datetime, days: int = 3) -> File:
    """Given: the file was submitted long ago, bounced back and forth, and entered its status
    again only now, so its overall deadline has passed while the status deadline is days away."""
    File.objects.filter(pk=file.pk).update(
        due_at=now - datetime.timedelta(days=days), state_due_at=now + datetime.timedelta(days=4)
    )
    file.refresh_from_db()
    return file


def _breach_entries(file: File):
    return AuditEntry.objects.filter(action="file.sla_breached", object_id=str(file.pk))


def test_a_file_past_its_overall_deadline_is_marked_though_its_status_deadline_is_far(
    personas, catalogue
):
    now = timezone.now()
    file = _long_overdue(_in_review(personas, catalogue), now=now)

    result = services.sla_sweep(now=now)

    assert result == sla.SlaSweepResult(marked=1, escalated=1, failed=0)
    file.refresh_from_db()
    assert file.breached_at == now
    assert file.escalated_at == now
    assert file.assignee == catalogue.head
    overdue = file.events.get(kind="overdue")
    assert overdue.public
    assert overdue.action == "in_review"
    assert file.events.filter(kind="escalation", public=False).count() == 1
    assert _breach_entries(file).get().after["missed"] == ["overall"]


def test_a_file_past_its_status_deadline_is_marked_as_before(personas, catalogue):
    file = _in_review(personas, catalogue)
    later = file.state_due_at + datetime.timedelta(minutes=1)
    assert later < file.due_at

    assert services.sla_sweep(now=later).marked == 1

    file.refresh_from_db()
    assert file.breached_at == later
    assert file.events.filter(kind="sla_breach").count() == 1
    assert not file.events.filter(kind="overdue").exists()
    assert _breach_entries(file).get().after["missed"] == ["state"]


def test_a_file_past_both_deadlines_is_marked_once_as_overdue(personas, catalogue):
    file = _in_review(personas, catalogue)
    later = file.due_at + HOUR

    assert services.sla_sweep(now=later).marked == 1

    file.refresh_from_db()
    assert list(file.events.filter(kind__in=["sla_breach", "overdue"]).values_list("kind")) == [
        ("overdue",)
    ]
    assert _breach_entries(file).get().after["missed"] == ["state", "overall"]


def test_running_the_sweep_twice_marks_and_escalates_once(personas, catalogue):
    now = timezone.now()
    file = _long_overdue(_in_review(personas, catalogue), now=now)

    first = services.sla_sweep(now=now)
    second = services.sla_sweep(now=now + HOUR)

    assert (first.marked, first.escalated) == (1, 1)
    assert second == sla.SlaSweepResult()
    file.refresh_from_db()
    assert file.breached_at == now
    assert file.events.filter(kind="overdue").count() == 1
    assert file.events.filter(kind="escalation").count() == 1
    assert _breach_entries(file).count() == 1


def test_two_sweeps_that_listed_the_same_file_mark_it_once(personas, catalogue):
    now = timezone.now()
    file = _long_overdue(_in_review(personas, catalogue), now=now)
    assert sla.sla_due_files(now=now, limit=10) == [file.pk]

    # both runs listed the file before either marked it; the row lock makes the second a no-op
    assert sla._breach(pk=file.pk, now=now) == "escalated"
    assert sla._breach(pk=file.pk, now=now + HOUR) is None

    file.refresh_from_db()
    assert file.breached_at == now
    assert file.events.filter(kind__in=["overdue", "escalation"]).count() == 2
    assert _breach_entries(file).count() == 1


def test_one_file_that_fails_does_not_stop_the_sweep(personas, catalogue, monkeypatch, caplog):
    now = timezone.now()
    files = [_long_overdue(_in_review(personas, catalogue), now=now, days=d) for d in (3, 2, 1)]
    broken = files[1]
    record_event = sla.record_event

    def failing_for_one_file(file, **kwargs):
        if file.pk == broken.pk:
            raise RuntimeError("the timeline refused this file")
        return record_event(file, **kwargs)

    monkeypatch.setattr(sla, "record_event", failing_for_one_file)
    with caplog.at_level(logging.ERROR, logger="daftar.cases.services.sla"):
        result = services.sla_sweep(now=now)

    assert result == sla.SlaSweepResult(marked=2, escalated=2, failed=1)
    for file in files:
        file.refresh_from_db()
    assert files[0].breached_at == now
    assert files[2].breached_at == now
    # the failed file is left exactly as it was, for the next run
    assert broken.breached_at is None
    assert broken.assignee is None
    assert not broken.events.filter(kind__in=["overdue", "escalation"]).exists()
    assert not _breach_entries(broken).exists()
    assert f"file id {broken.pk} could not be marked" in caplog.text
    assert "1 of 3 files due could not be marked" in caplog.text

    monkeypatch.undo()
    assert services.sla_sweep(now=now + HOUR) == sla.SlaSweepResult(marked=1, escalated=1)


def test_a_database_error_on_one_file_leaves_the_sweep_able_to_mark_the_others(
    personas, catalogue, monkeypatch
):
    # On PostgreSQL an error aborts the transaction: each file's savepoint must contain it.
    now = timezone.now()
    files = [_long_overdue(_in_review(personas, catalogue), now=now, days=d) for d in (2, 1)]
    record_event = sla.record_event

    def broken_sql_for_the_first(file, **kwargs):
        if file.pk == files[0].pk:
            with connection.cursor() as cursor:
                cursor.execute("SELECT no_such_column FROM cases_file")
        return record_event(file, **kwargs)

    monkeypatch.setattr(sla, "record_event", broken_sql_for_the_first)
    result = services.sla_sweep(now=now)

    assert (result.marked, result.failed) == (1, 1)
    assert File.objects.get(pk=files[0].pk).breached_at is None
    assert File.objects.get(pk=files[1].pk).breached_at == now


def test_a_file_waiting_on_the_citizen_is_marked_but_not_escalated(personas, catalogue):
    now = timezone.now()
    file = _long_overdue(open_file(personas, catalogue), now=now)
    assert file.state.code == "awaiting_payment"

    assert services.sla_sweep(now=now) == sla.SlaSweepResult(marked=1, escalated=0)

    file.refresh_from_db()
    assert file.breached_at == now
    assert file.escalated_at is None
    assert file.assignee is None


def test_a_file_still_past_its_overall_deadline_is_marked_again_in_its_next_status(
    personas, catalogue
):
    now = timezone.now()
    file = _long_overdue(_in_review(personas, catalogue), now=now)
    services.sla_sweep(now=now)
    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="schedule_visit"
    )
    assert file.breached_at is None  # the workflow engine clears the mark of the old status

    later = timezone.now() + HOUR
    assert services.sla_sweep(now=later).marked == 1

    file.refresh_from_db()
    assert file.state.code == "field_visit"
    assert file.breached_at == later
    assert list(file.events.filter(kind="overdue").values_list("action", flat=True)) == [
        "in_review",
        "field_visit",
    ]


def test_closed_and_unsubmitted_files_are_never_marked(personas, catalogue):
    now = timezone.now()
    file = _in_review(personas, catalogue)
    for action in ("approve", "deliver", "close"):
        file = services.file_apply_action(
            actor=Actor.for_user(personas.reviewer), file=file, action=action
        )
    File.objects.filter(pk=file.pk).update(due_at=now - HOUR)
    draft = services.file_create(
        actor=Actor.for_user(personas.citizen),
        service=catalogue.service,
        channel="web",
        citizen=personas.citizen,
        form_data={"area_m2": "100", "zone": "1"},
    )
    assert draft.due_at is None

    assert services.sla_sweep(now=now + datetime.timedelta(days=400)).marked == 0


def test_the_longest_overdue_files_go_first_within_the_limit(personas, catalogue):
    now = timezone.now()
    oldest = _long_overdue(_in_review(personas, catalogue), now=now, days=9)
    newest = _long_overdue(_in_review(personas, catalogue), now=now, days=1)
    middle = _in_review(personas, catalogue)
    File.objects.filter(pk=middle.pk).update(state_due_at=now - datetime.timedelta(days=5))

    assert sla.sla_due_files(now=now, limit=10) == [oldest.pk, middle.pk, newest.pk]
    assert services.sla_sweep(now=now, limit=2).marked == 2
    assert File.objects.get(pk=newest.pk).breached_at is None
    assert services.sla_sweep(now=now, limit=2).marked == 1


def test_the_periodic_job_reports_what_it_did(personas, catalogue):
    _long_overdue(_in_review(personas, catalogue), now=timezone.now())

    assert sweep_deadlines.call_local() == {"marked": 1, "escalated": 1, "failed": 0}
    assert sweep_deadlines.call_local() == {"marked": 0, "escalated": 0, "failed": 0}
