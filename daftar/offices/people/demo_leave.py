"""Demo staff leave (ADR 0036): one certified member of the flagship office's staff — not the
demo operator, who runs the queue — is away on the office's next open day after tomorrow,
recorded by the demo manager through the leave service, so the manager's leave page lists it
and that day's slots offer fewer seats. Runs after the people section and before bookings.
Idempotent: an office that already has a coming leave is left alone."""

from __future__ import annotations

import datetime

from daftar.accounts.models import User
from daftar.core.actors import Actor
from daftar.offices.choices import LeaveReason, StaffRole
from daftar.offices.demo import FLAGSHIP_OFFICE
from daftar.offices.hours import office_open_intervals, tehran_today
from daftar.offices.models import Office, OfficeStaff, StaffLeave
from daftar.offices.services import staff_leave_record

DEMO_OPERATOR = "operator"
LOOK_AHEAD_DAYS = 14


def next_open_day(office: Office, after: datetime.date) -> datetime.date | None:
    """The first day after `after` (within two weeks) on which `office` opens."""
    for n in range(1, LOOK_AHEAD_DAYS + 1):
        day = after + datetime.timedelta(days=n)
        if office_open_intervals(office, day):
            return day
    return None


def demo_leave_record(office: Office, manager: Actor, today: datetime.date) -> StaffLeave | None:
    """Record the demo's leave at `office` (None when it has one coming already, or has no
    certified operator besides the demo operator, or does not open in the next two weeks)."""
    if StaffLeave.objects.filter(
        staff__office=office, cancelled_at__isnull=True, last_day__gte=today
    ).exists():
        return None
    post = (
        OfficeStaff.objects.filter(
            office=office, left_on__isnull=True, certifications__expires_on__gt=today
        )
        .exclude(user__username=DEMO_OPERATOR)
        .exclude(role=StaffRole.MANAGER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    day = next_open_day(office, today + datetime.timedelta(days=1))
    if post is None or day is None:
        return None
    return staff_leave_record(
        actor=manager,
        post=post,
        first_day=day,
        last_day=day,
        reason=LeaveReason.TRAINING,
        note="دوره بازآموزی خدمات شهرسازی",
        today=today,
    )


def seed_staff_leave(ctx) -> None:
    office = Office.objects.filter(code=FLAGSHIP_OFFICE).first()
    manager = User.objects.filter(username="manager").first()
    if office is None or manager is None:
        ctx.log("staff leave: no flagship office or demo manager; none recorded")
        return
    leave = demo_leave_record(office, Actor.for_user(manager), tehran_today())
    if leave is None:
        ctx.log("staff leave: the flagship office has its leave (or no one to send)")
        return
    ctx.log(
        f"staff leave: {leave.staff.user.username} away on {leave.first_day.isoformat()} "
        f"at {office.code}"
    )
