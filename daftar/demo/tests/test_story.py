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
