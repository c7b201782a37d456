"""Staff leave: the office's manager records the days a member of its staff is away (annual
leave, sick leave, training, other) and cancels a leave that has not begun, or ends one under way
early. A staff member on leave is not on duty, so booking offers fewer seats for the services of
the domains they are certified for (`offices.selectors.staff_on_duty_counts`, ADR 0036).

Appointments already booked are never cancelled here: appointments sit above offices, and the
manager is the one who knows whether to call the citizens or cover the counter; the leave page
lists the days whose bookings now exceed the staff on duty (appointments' panel).
"""

from __future__ import annotations

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited, office_stream
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.jalali import format_date
from daftar.offices.choices import LeaveReason
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.hours import tehran_today
from daftar.offices.models import OfficeStaff, StaffLeave
from daftar.offices.permissions import managed_office
from daftar.offices.services.registry import require_operable

# The longest leave recorded at once: a longer absence is a departure, or a second leave.
LEAVE_MAX_DAYS = 366


def _date(day: datetime.date) -> str:
    return format_date(day, language=translation.get_language() or "fa")


def _name(post: OfficeStaff) -> str:
    return post.user.get_full_name() or post.user.get_username()


def _require_manager(actor: Actor, post: OfficeStaff) -> None:
    """The office's own manager (a system job, such as the demo, may too)."""
    if actor.user is None:
        return
    office = managed_office(actor.user)
    if office is None or office.pk != post.office_id:
        raise Forbidden(
            _("Only the manager of the office records and cancels its staff's leave."),
            code=OfficesErrorCode.LEAVE_NOT_MANAGER,
        )


def _overlapping(post: OfficeStaff, first: datetime.date, last: datetime.date):
    return StaffLeave.objects.filter(
        staff=post, cancelled_at__isnull=True, first_day__lte=last, last_day__gte=first
    ).order_by("first_day")


@audited
def staff_leave_record(
    *,
    actor: Actor,
    post: OfficeStaff,
    first_day: datetime.date,
    last_day: datetime.date,
    reason: LeaveReason | str,
    note: str = "",
    today: datetime.date | None = None,
) -> StaffLeave:
    """Record that `post`'s holder is away from `first_day` to `last_day` inclusive (today or
    later). Refused, with nothing written: someone other than the office's manager, a person who
    has left, the last day before the first, a first day in the past, more than a year, a reason
    not in the list, days overlapping another leave of the same person."""
    _require_manager(actor, post)
    # One writer per person at a time, so two overlapping leaves cannot both pass the check.
    post = (
        OfficeStaff.objects.select_for_update(of=("self",))
        .select_related("office", "user")
        .get(pk=post.pk)
    )
    require_operable(post.office)
    today = today or tehran_today()
    if post.left_on is not None:
        raise Conflict(
            _("%(name)s left the office on %(date)s; leave is recorded for current staff only."),
            code=OfficesErrorCode.LEAVE_STAFF_LEFT,
            field="staff",
            params={"name": _name(post), "date": _date(post.left_on)},
        )
    if last_day < first_day:
        raise InvalidInput(
            _("The last day (%(last)s) is before the first day (%(first)s)."),
            code=OfficesErrorCode.LEAVE_LAST_BEFORE_FIRST,
            field="last_day",
            params={"last": _date(last_day), "first": _date(first_day)},
        )
    if first_day < today:
        raise InvalidInput(
            _("%(date)s has passed; a leave starts today or on a later day."),
            code=OfficesErrorCode.LEAVE_IN_PAST,
            field="first_day",
            params={"date": _date(first_day)},
        )
    if (last_day - first_day).days + 1 > LEAVE_MAX_DAYS:
        raise InvalidInput(
            _("A leave is recorded for at most %(days)d days at a time."),
            code=OfficesErrorCode.LEAVE_TOO_LONG,
            field="last_day",
            params={"days": LEAVE_MAX_DAYS},
        )
    if str(reason) not in LeaveReason.values:
        raise InvalidInput(
            _("Choose the reason of the leave from the list."),
            code=OfficesErrorCode.LEAVE_REASON_UNKNOWN,
            field="reason",
        )
    other = _overlapping(post, first_day, last_day).first()
    if other is not None:
        raise Conflict(
            _(
                "%(name)s already has a leave from %(first)s to %(last)s; change the days or "
                "cancel that leave first."
            ),
            code=OfficesErrorCode.LEAVE_OVERLAPS,
            field="first_day",
            params={
                "name": _name(post),
                "first": _date(other.first_day),
                "last": _date(other.last_day),
            },
        )
    note = note.strip()[:300]
    leave = StaffLeave.objects.create(
        staff=post,
        first_day=first_day,
        last_day=last_day,
        reason=str(reason),
        note=note,
        recorded_by=actor.user,
        recorded_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="office.staff_leave_recorded",
        stream=office_stream(post.office.code),
        obj=leave,
        summary=f"{post.user.username} at {post.office.code}: leave "
        f"{first_day.isoformat()}..{last_day.isoformat()} ({reason})",
        after={
            "staff": post.pk,
            "user": post.user.username,
            "first_day": first_day.isoformat(),
            "last_day": last_day.isoformat(),
            "reason": str(reason),
            "note": note,
        },
    )
    return leave


@audited
def staff_leave_cancel(
    *, actor: Actor, leave: StaffLeave, today: datetime.date | None = None
) -> StaffLeave:
    """Cancel a leave that has not begun; a leave under way ends yesterday instead (the person
    is back today: the days already taken stay on record). A leave that is over, or already
    cancelled, is refused."""
    leave = (
        StaffLeave.objects.select_for_update(of=("self",))
        .select_related("staff__office", "staff__user")
        .get(pk=leave.pk)
    )
    post = leave.staff
    _require_manager(actor, post)
    today = today or tehran_today()
    if leave.cancelled_at is not None:
        raise Conflict(
            _("This leave was already cancelled."), code=OfficesErrorCode.LEAVE_CANCELLED
        )
    if leave.last_day < today:
        raise Conflict(
            _("This leave ended on %(date)s; past leave stays as it was recorded."),
            code=OfficesErrorCode.LEAVE_OVER,
            params={"date": _date(leave.last_day)},
        )
    before = {"first_day": leave.first_day.isoformat(), "last_day": leave.last_day.isoformat()}
    if leave.first_day < today:
        leave.last_day = today - datetime.timedelta(days=1)
        leave.save(update_fields=["last_day"])
        action, done = "office.staff_leave_ended_early", f"ended early on {today.isoformat()}"
        after = {"last_day": leave.last_day.isoformat()}
    else:
        leave.cancelled_at = timezone.now()
        leave.cancelled_by = actor.user
        leave.save(update_fields=["cancelled_at", "cancelled_by"])
        action, done, after = "office.staff_leave_cancelled", "cancelled", {"cancelled": True}
    audit_record(
        actor=actor,
        action=action,
        stream=office_stream(post.office.code),
        obj=leave,
        summary=f"{post.user.username} at {post.office.code}: leave "
        f"{before['first_day']}..{before['last_day']} {done}",
        before=before,
        after=after,
    )
    return leave
