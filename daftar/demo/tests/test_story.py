"""The demo tells a true story (issue 14 item 8): the flagship office is online with a week of
heartbeats, every file's timeline runs in its workflow's order, and every role finds something
to do when they sign in. One tiny seed, checked from every side."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.cases.choices import EventKind
from daftar.cases.models import File, FileEvent
from daftar.demo import seed
from daftar.governance.models import Decision, Vote
from daftar.offices.models import HeartbeatSlot, Office, OfficeUptimeDay, Terminal
from daftar.offices.selectors import office_online_now, offices_offline
from daftar.treasury.models import Refund, StatementLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.DEMO_ALLOWED = True
    settings.AUDIT_CHECKPOINT_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_seed", "--size", "tiny")


def test_the_demo_tells_a_true_story(demo):
    _the_flagship_office_is_online_with_a_week_of_heartbeats()
    _every_office_heard_from_has_heartbeats_on_its_open_days()
    _every_timeline_runs_in_its_workflow_s_order()
    _every_role_has_something_to_do()
    _the_merged_drafts_are_recorded_as_merged_and_nothing_is_listed_twice()
    _every_page_of_every_demo_role_has_persian_digits()
    _the_portal_shows_how_long_citizens_waited_at_the_offices()


def _the_merged_drafts_are_recorded_as_merged_and_nothing_is_listed_twice():
    from daftar.governance.models import BylawVersion

    in_force = BylawVersion.objects.get(status="adopted")
    merged = {in_force.merged_from_left.number, in_force.merged_from_right.number}
    drafts = set(BylawVersion.objects.filter(status="draft").values_list("number", flat=True))
    assert drafts == merged, "a draft that went into the version in force is recorded as its source"
    names = list(Office.objects.values_list("name", flat=True))
    assert len(names) == len(set(names)), "two offices with one name"
    for decision in Decision.objects.prefetch_related("citations"):
        cited = [(c.article_id, c.note_id) for c in decision.citations.all()]
        assert len(cited) == len(set(cited)), decision


def _demo_world():
    """The access table's URL arguments, pointing at the demo's objects (those of the flagship
    office where there is a choice): the pages show real amounts, penalties, uptime..."""
    from daftar.cases.models import Attachment
    from daftar.governance.models import BylawVersion
    from daftar.licensing.models import Application, ApplicationDocument
    from daftar.treasury.models import ReconciliationDay
    from tests.access_world import MISSING, World

    office = Office.objects.get(code=seed.DEMO_OFFICE_CODE)
    file = (
        File.objects.filter(office=office, closed_at__isnull=False, attachments__isnull=False)
        .order_by("pk")
        .first()
    )
    version = BylawVersion.objects.get(status="adopted")
    adopted = Decision.objects.filter(status="adopted", citations__isnull=False).latest("pk")
    application = Application.objects.order_by("pk").first()
    licence = office.licences.order_by("pk").first()
    day = (
        ReconciliationDay.objects.filter(
            imports__lines__resolution="",
            imports__lines__match__in=["bank_only", "amount_mismatch", "duplicate"],
        )
        .order_by("day")
        .first()
    )
    from daftar.treasury.models import Receipt, Settlement

    receipt = Receipt.objects.select_related("payment__file").order_by("pk").first()
    from daftar.transparency.models import IssuedDocument

    documents = IssuedDocument.objects.order_by("pk")
    document = documents.filter(file__office=office).first() or documents.first()
    world = World(
        file_code=file.tracking_code,
        attachment=Attachment.objects.filter(file=file).first().pk,
        paid_file_code=receipt.payment.file.tracking_code,
        payment=receipt.payment.pk,
        receipt_code=receipt.verification_code,
        settlement=Settlement.objects.order_by("pk").values_list("pk", flat=True).first()
        or MISSING,
        version=version.number,
        article=version.articles.order_by("number").first().number,
        decision_year=adopted.year,
        decision_seq=adopted.seq,
        # the governance demo's draft (the catalogue demo's tariff change is a later one)
        decision_draft=Decision.objects.filter(status="draft").order_by("pk").first().pk,
        office=office.code,
        other_office=Office.objects.exclude(pk=office.pk).order_by("code").first().code,
        licence=licence.number,
        licence_code=licence.verification_code,
        terminal=office.terminals.first().pk,
        call=application.call.code,
        application=application.pk,
        application_document=ApplicationDocument.objects.filter(application=application).first().pk,
        staff_user=User.objects.get(username="operator").pk,
        partner=MISSING,
        service=file.service.code,
        today=(day.day if day else timezone.localdate()).isoformat(),
        partner_key="",
        document=document.number,
        document_code=document.verification_code,
    )
    return world


def _every_page_of_every_demo_role_has_persian_digits():
    """tests/test_persian_digits.py over the access table's world, here over the demo's data."""
    from django.test import Client
    from django.urls import reverse

    from tests.access_world import url_kwargs
    from tests.test_access import GET, TABLE
    from tests.test_persian_digits import latin_digits_in_html

    kwargs = url_kwargs(_demo_world())
    national_code, _mobile = seed.demo_citizen_identity(1404)
    users = [User.objects.get(username=a.username) for a in seed.DEMO_STAFF]
    users.append(User.objects.get(national_code=national_code))
    found: dict[tuple[str, str], list[str]] = {}
    pages = 0
    for user in users:
        client = Client(HTTP_ACCEPT_LANGUAGE="fa")
        client.force_login(user)
        for row in TABLE:
            if row.method != GET or row.name.startswith("api:"):
                continue
            url = reverse(row.name, kwargs=kwargs.get(row.name))
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            pages += 1
            for text in dict.fromkeys(latin_digits_in_html(response.content.decode())):
                found.setdefault((url, text[:160]), []).append(user.username)
    assert pages > 60, pages
    assert not found, "Latin digits in Persian text (page, text, who):\n" + "\n".join(
        f"{url} {text!r} ({' '.join(who)})" for (url, text), who in sorted(found.items())
    )


def _the_flagship_office_is_online_with_a_week_of_heartbeats():
    office = Office.objects.get(code=seed.DEMO_OFFICE_CODE)
    assert office.terminals.exists()
    assert not office.terminals.filter(last_seen_at__isnull=True).exists(), "a silent terminal"
    assert office_online_now(office)
    assert office not in offices_offline()
    days = OfficeUptimeDay.objects.filter(office=office)
    assert days.count() >= 5, "a week of opening days"
    assert all(day.slots_up > 0 for day in days), [(d.day, d.slots_up) for d in days]
    assert all(day.percent >= 80 for day in days), [(d.day, d.percent) for d in days]


def _every_office_heard_from_has_heartbeats_on_its_open_days():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for terminal in Terminal.objects.filter(last_seen_at__isnull=False).select_related("office"):
        if not terminal.office.hours.filter(weekday=yesterday.weekday()).exists():
            continue
        start = datetime.datetime.combine(yesterday, datetime.time(0), tzinfo=datetime.UTC)
        assert HeartbeatSlot.objects.filter(
            terminal=terminal, slot__gte=start - datetime.timedelta(hours=4)
        ).exists(), f"{terminal.code} is online but sent nothing yesterday"


def _every_timeline_runs_in_its_workflow_s_order():
    wrong = []
    events = FileEvent.objects.filter(kind=EventKind.ACTION).order_by("file_id", "at", "pk")
    previous: dict[int, FileEvent] = {}
    for event in events.only("file_id", "at", "action", "from_state", "to_state"):
        before = previous.get(event.file_id)
        if before is None:
            if event.action != "create":
                wrong.append(f"file {event.file_id} starts with {event.action}")
        elif event.from_state and event.from_state != before.to_state:
            wrong.append(
                f"file {event.file_id}: {before.action} → {before.to_state}, "
                f"then {event.action} from {event.from_state}"
            )
        previous[event.file_id] = event
    assert len(previous) > 100
    assert not wrong, "\n".join(wrong[:20])
    for file in File.objects.filter(closed_at__isnull=False).select_related("state")[:200]:
        last = previous[file.pk]
        assert last.to_state == file.state.code, (file.tracking_code, last.action)


def _every_role_has_something_to_do():
    today_open = File.objects.filter(state__is_terminal=False)
    # the office operator and manager: files at their counter waiting on the office or citizen
    office = Office.objects.get(code=seed.DEMO_OFFICE_CODE)
    assert today_open.filter(office=office).exists()
    # the reviewer: files in their department's hands
    reviewer = User.objects.get(username="reviewer")
    department = reviewer.department_post.department
    assert today_open.filter(department=department, state__in_department=True).exists()
    # the committee member: a decision that awaits their vote
    committee = User.objects.get(username="committee")
    pending = Decision.objects.filter(status="draft")
    assert pending.exists()
    assert pending.exclude(votes__in=Vote.objects.filter(member__user=committee)).exists()
    # the treasury officer: a discrepancy to explain and refunds to approve or pay
    assert StatementLine.objects.exclude(match="matched").filter(resolution="").exists()
    assert Refund.objects.filter(status__in=["requested", "approved"]).exists()
    # FAVA's administrator: offices flagged offline
    assert offices_offline().exists()
    # the demo citizen: a file of their own that is not finished
    national_code, _mobile = seed.demo_citizen_identity(1404)
    citizen = User.objects.get(national_code=national_code)
    assert today_open.filter(citizen=citizen).exists()
    # the auditor and the council read; they find a signed checkpoint and a year of decisions
    assert User.objects.filter(groups__name=Role.AUDITOR).exists()
    assert Decision.objects.filter(status="adopted").count() >= 20


def _the_portal_shows_how_long_citizens_waited_at_the_offices():
    """The queue's past (appointments.demo_history) reaches the portal's default twelve months:
    citizens called, the share within 15 minutes and the median shown, offices differing."""
    from daftar.transparency.selectors import public
    from daftar.transparency.selectors.aggregates import portal_filter

    months, total = public.waiting_per_month(portal_filter())
    assert (total.called or 0) > 100, total
    assert total.within_percent is not None
    assert total.median_wait is not None
    assert [row for row in months if row.called], "no month with tickets"
    districts, _city = public.waiting_by_district(portal_filter())
    shares = {row.within_percent for row in districts if row.within_percent is not None}
    assert len(shares) > 1, "every district waits alike"
