"""A holiday added or removed moves the deadlines of open files that counted the day, once,
with the reason on the file's timeline and in the audit log; late and closed files stay."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.cases import services
from daftar.cases.models import File
from daftar.cases.tests.fixtures import pdf
from daftar.cases.timeline import timeline_entries
from daftar.core.actors import Actor
from daftar.core.calendar import REST_WEEKDAYS, TEHRAN
from daftar.offices.services import holiday_add, holiday_remove

pytestmark = pytest.mark.django_db
FORM = {"area_m2": "۱۲۰٫۵", "zone": "1"}


def _in_review(personas, catalogue) -> File:
    file = services.file_create(
        actor=Actor.for_user(personas.citizen),
        service=catalogue.service,
        channel="web",
        citizen=personas.citizen,
        form_data=FORM,
    )
    services.attachment_add(
        actor=Actor.for_user(personas.citizen), file=file, document="deed", upload=pdf()
    )
    file = services.file_submit(actor=Actor.for_user(personas.citizen), file=file)
    return services.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")


def _local(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(TEHRAN).date()


def _next_working(day: datetime.date) -> datetime.date:
    day += datetime.timedelta(days=1)
    while day.weekday() in REST_WEEKDAYS:
        day += datetime.timedelta(days=1)
    return day


def test_a_holiday_before_a_deadline_gives_the_file_one_more_working_day(personas, catalogue):
    file = _in_review(personas, catalogue)
    state_due, due = file.state_due_at, file.due_at
    holiday = _next_working(_local(file.state_entered_at))
    assert holiday <= _local(state_due)

    result = holiday_add(
        actor=Actor.for_user(personas.catalogue_admin), day=holiday, name_fa="تعطیلی آلودگی هوا"
    )

    file.refresh_from_db()
    assert _local(file.state_due_at) == _next_working(_local(state_due))
    assert _local(file.due_at) == _next_working(_local(due))
    assert file.state_due_at.astimezone(TEHRAN).time() == state_due.astimezone(TEHRAN).time()
    assert result.files_changed == 1
    event = file.events.get(kind="deadline")
    assert event.public
    assert "تعطیلی آلودگی هوا" in event.reason
    entry = timeline_entries(file, [event])[0]
    assert entry.sentence == "مهلت یک روز کاری دیرتر شد"
    assert entry.who == "تقویم رسمی تعطیلات"
    audit = AuditEntry.objects.get(action="files.deadlines_moved")
    assert file.tracking_code in audit.after["files"]

    # Removing it brings the deadlines back to where they were.
    holiday_remove(actor=Actor.for_user(personas.admin), day=holiday)
    file.refresh_from_db()
    assert (file.state_due_at, file.due_at) == (state_due, due)
    assert file.events.filter(kind="deadline").count() == 2


def test_an_overdue_file_does_not_move(personas, catalogue):
    file = _in_review(personas, catalogue)
    past = timezone.now() - datetime.timedelta(hours=1)
    File.objects.filter(pk=file.pk).update(state_due_at=past, due_at=past)
    holiday_add(
        actor=Actor.for_user(personas.admin),
        day=_next_working(_local(timezone.now())),
        name_fa="تعطیل",
    )
    file.refresh_from_db()
    assert (file.state_due_at, file.due_at) == (past, past)
    assert not file.events.filter(kind="deadline").exists()


def test_a_holiday_after_the_deadline_or_a_closed_file_changes_nothing(personas, catalogue):
    file = _in_review(personas, catalogue)
    closed = _in_review(personas, catalogue)
    File.objects.filter(pk=closed.pk).update(closed_at=timezone.now())
    closed.refresh_from_db()
    after = _next_working(max(_local(file.due_at), _local(file.state_due_at)))
    before_due = (file.state_due_at, file.due_at)
    result = holiday_add(actor=Actor.for_user(personas.admin), day=after, name_fa="تعطیل")
    file.refresh_from_db()
    assert (file.state_due_at, file.due_at) == before_due
    assert result.files_changed == 0
    holiday_add(
        actor=Actor.for_user(personas.admin),
        day=_next_working(_local(timezone.now())),
        name_fa="تعطیل",
    )
    moved_closed = File.objects.get(pk=closed.pk)
    assert (moved_closed.state_due_at, moved_closed.due_at) == (closed.state_due_at, closed.due_at)


def test_a_failing_recomputation_rolls_the_holiday_back(personas, catalogue, monkeypatch):
    from daftar.core import calendar
    from daftar.core.models import Holiday

    file = _in_review(personas, catalogue)

    def broken(**_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setitem(calendar._listeners, "broken", broken)
    with pytest.raises(RuntimeError):
        holiday_add(
            actor=Actor.for_user(personas.admin),
            day=_next_working(_local(file.state_entered_at)),
            name_fa="تعطیل",
        )
    assert not Holiday.objects.exists()
    assert not file.events.filter(kind="deadline").exists()
