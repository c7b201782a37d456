"""Booking an office visit: book, cancel, move, check in (the queue calls it), the nightly
no-show marking, the reminders the day before, and the no-show rule adopted by decision
(docs/appointments.md, ADR 0033).

Race safety: a booking holds one seat per quarter hour it covers (`SlotSeat`), seats being
numbered below the slot's capacity and unique per office and quarter hour. Each seat is tried
in its own savepoint; the database's unique index makes the second of two concurrent bookings
of the last seat wait for the first and then fail, so exactly one wins on PostgreSQL and on
SQLite alike. One booking per citizen, office and day is a partial unique constraint too.
Check-in is a conditional UPDATE (`status = booked`), so a second check-in changes nothing.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.appointments.choices import AppointmentStatus, BookingChannel
from daftar.appointments.error_codes import AppointmentsErrorCode
from daftar.appointments.models import Appointment, NoShowRule, SlotSeat
from daftar.appointments.selectors.booking import (
    appointment_for_check_in,
    bookable_services,
    booking_block,
    free_seat_numbers,
    slot_at,
    slot_capacity,
)
from daftar.appointments.slots import (
    CHANGE_DEADLINE,
    CHECK_IN_EARLY,
    CHECK_IN_LATE,
    booking_code_in_text,
    new_booking_code,
    normalize_booking_code,
    quarter_hours,
)
from daftar.audit.services import audit_nothing_changed, audit_record, audited, office_stream
from daftar.core import calendar
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from daftar.core.identifiers import normalize_national_code
from daftar.core.jalali import format_date, format_datetime
from daftar.core.logging import mask_national_code
from daftar.core.numbers import local_digits
from daftar.governance.choices import DecisionKind, DecisionStatus
from daftar.notifications.services import sms_enqueue
from daftar.offices.hours import tehran_today
from daftar.offices.selectors import office_of_user

logger = logging.getLogger(__name__)

QR_SALT = "appointments.qr"


# --- helpers -------------------------------------------------------------------------------
def qr_token(code: str) -> str:
    """The signed token of the QR page's link (the SMS carries it; a bare code is not enough)."""
    return signing.dumps(code, salt=QR_SALT)


def qr_code_from_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=QR_SALT)
    except signing.BadSignature:
        return None


def qr_page_url(appointment: Appointment) -> str:
    path = reverse("appointments:qr", kwargs={"token": qr_token(appointment.code)})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment, calendar.TEHRAN)


def _when_fa(appointment: Appointment) -> str:
    return format_datetime(appointment.starts_at, language="fa")


def _sms(appointment: Appointment, template) -> None:
    with translation.override("fa"):
        body = str(template) % {
            "code": booking_code_in_text(appointment.code, "fa"),
            "office": appointment.office.name,
            "when": _when_fa(appointment),
            "link": qr_page_url(appointment),
        }
    sms_enqueue(to=appointment.citizen_mobile, body=body, purpose="appointment")


_BOOKED_SMS = _(
    "Daftar — appointment %(code)s at %(office)s, %(when)s. Show this QR code at the office: "
    "%(link)s"
)
_MOVED_SMS = _("Daftar — appointment %(code)s moved to %(when)s at %(office)s. QR code: %(link)s")
_CANCELLED_SMS = _("Daftar — appointment %(code)s at %(office)s, %(when)s, was cancelled.")
_REMINDER_SMS = _(
    "Daftar — reminder: tomorrow %(when)s, appointment %(code)s at %(office)s. QR code: %(link)s"
)


def _leave_booked(pks, to: AppointmentStatus, **fields) -> int:
    """The one place an appointment's status changes: a conditional UPDATE from BOOKED, so of
    two concurrent changes only one takes effect. Returns how many rows changed."""
    return Appointment.objects.filter(pk__in=pks, status=AppointmentStatus.BOOKED).update(
        status=to, **fields
    )


def _set_status(appointment: Appointment, to: AppointmentStatus, **fields) -> bool:
    changed = _leave_booked([appointment.pk], to, **fields)
    if changed:
        appointment.status = to
        for name, value in fields.items():
            setattr(appointment, name, value)
    return bool(changed)


def _hold_seats(appointment: Appointment, capacity: int) -> None:
    """Hold one seat (the same number) for every quarter hour of the appointment, trying the
    seats free when we looked, each in a savepoint; none left: SLOT_FULL."""
    held = {}
    for row in SlotSeat.objects.filter(
        office=appointment.office,
        starts_at__gte=appointment.starts_at,
        starts_at__lt=appointment.ends_at,
    ).values_list("starts_at", "seat"):
        held.setdefault(row[0], set()).add(row[1])
    cells = list(quarter_hours(appointment.starts_at, appointment.ends_at))
    for seat in free_seat_numbers(held, capacity, appointment.starts_at, appointment.ends_at):
        try:
            with transaction.atomic():
                SlotSeat.objects.bulk_create(
                    [
                        SlotSeat(
                            appointment=appointment,
                            office=appointment.office,
                            starts_at=cell,
                            seat=seat,
                        )
                        for cell in cells
                    ]
                )
        except IntegrityError:
            continue  # taken meanwhile by a concurrent booking: try the next seat
        return
    raise Conflict(
        _("This slot was just taken. Please choose another time."),
        code=AppointmentsErrorCode.SLOT_FULL,
        field="slot",
    )


def _require_slot(office, service, starts_at, now):
    slot = slot_at(office, service, starts_at, now=now)
    if slot is None:
        raise InvalidInput(
            _("There is no such slot: the office is closed then, or the time has passed."),
            code=AppointmentsErrorCode.SLOT_UNKNOWN,
            field="slot",
        )
    if not slot.free:
        raise Conflict(
            _("This slot was just taken. Please choose another time."),
            code=AppointmentsErrorCode.SLOT_FULL,
            field="slot",
        )
    return slot


def _require_bookable(office, service, day) -> None:
    if office.status != "active":
        raise InvalidInput(
            _("This office does not take appointments now."),
            code=AppointmentsErrorCode.OFFICE_NOT_BOOKABLE,
            field="office",
        )
    if not bookable_services(office, day).filter(pk=service.pk).exists():
        raise InvalidInput(
            _("%(office)s does not deliver «%(service)s» at its counter; choose another office."),
            code=AppointmentsErrorCode.SERVICE_NOT_BOOKABLE,
            field="service",
            params={"office": office.name, "service": service.title_fa},
        )


def _require_not_blocked(citizen, today) -> None:
    block = booking_block(citizen, today)
    if block is not None:
        raise Forbidden(
            _(
                "You missed %(count)s appointments in %(days)s days, so you cannot book until "
                "%(date)s. You can still visit an office without an appointment."
            ),
            code=AppointmentsErrorCode.BOOKING_BLOCKED,
            params={
                "count": block.missed,
                "days": block.window_days,
                "date": format_date(block.until, language=translation.get_language() or "fa"),
            },
        )


def _require_changeable(appointment: Appointment, now) -> None:
    if appointment.status != AppointmentStatus.BOOKED:
        raise Conflict(
            _("This appointment is no longer booked (%(status)s)."),
            code=AppointmentsErrorCode.BOOKING_NOT_ACTIVE,
            params={"status": appointment.get_status_display()},
        )
    if appointment.starts_at - now < CHANGE_DEADLINE:
        raise Conflict(
            _(
                "An appointment can be cancelled or moved only until an hour before it "
                "(%(when)s). Please call the office instead."
            ),
            code=AppointmentsErrorCode.TOO_LATE_TO_CHANGE,
            params={"when": format_datetime(appointment.starts_at, language="fa")},
        )


def _one_per_day_conflict() -> Conflict:
    return Conflict(
        _("You already have an appointment at this office on that day. Move it instead."),
        code=AppointmentsErrorCode.ONE_BOOKING_PER_DAY,
        field="slot",
    )


def _audit_after(appointment: Appointment) -> dict:
    return {
        "code": appointment.code,
        "office": appointment.office.code,
        "service": appointment.service.code,
        "starts_at": appointment.starts_at.isoformat(),
        "status": appointment.status,
        "national_code": mask_national_code(appointment.national_code),
    }


# --- booking ---------------------------------------------------------------------------------
@audited
def appointment_book(
    *,
    actor: Actor,
    citizen,
    office,
    service,
    starts_at: datetime.datetime,
    channel: BookingChannel = BookingChannel.PORTAL,
    partner=None,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Book the slot of `office` for `service` starting at `starts_at` for `citizen`; an SMS
    with the QR page's link follows the commit."""
    now = now or timezone.now()
    if not user_has_role(citizen, Role.CITIZEN) or not citizen.national_code:
        raise Forbidden(
            _("Only a signed-in citizen books an appointment."),
            code=AppointmentsErrorCode.CITIZENS_ONLY,
        )
    day = _local(starts_at).date()
    _require_bookable(office, service, day)
    _require_not_blocked(citizen, tehran_today(now))
    slot = _require_slot(office, service, starts_at, now)
    capacity = slot_capacity(office, service, day)
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                code=new_booking_code(),
                office=office,
                service=service,
                citizen=citizen,
                national_code=citizen.national_code,
                citizen_mobile=citizen.mobile,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                day=day,
                channel=channel,
                partner=partner,
            )
    except IntegrityError as error:
        raise _one_per_day_conflict() from error
    _hold_seats(appointment, capacity)
    audit_record(
        actor=actor,
        action="appointment.booked",
        stream=office_stream(office.code),
        obj=appointment,
        summary=f"appointment {appointment.code} booked at {office.code} for "
        f"{_local(slot.starts_at):%Y-%m-%d %H:%M}",
        after=_audit_after(appointment),
    )
    _sms(appointment, _BOOKED_SMS)
    return appointment


def _locked(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update()
        .select_related("office", "service")
        .get(pk=appointment.pk)
    )


@audited
def appointment_cancel(
    *, actor: Actor, appointment: Appointment, now: datetime.datetime | None = None
) -> Appointment:
    """Cancel until an hour before: the seats go back to the slot."""
    now = now or timezone.now()
    appointment = _locked(appointment)
    _require_changeable(appointment, now)
    _set_status(appointment, AppointmentStatus.CANCELLED, cancelled_at=now)
    appointment.seats.all().delete()
    audit_record(
        actor=actor,
        action="appointment.cancelled",
        stream=office_stream(appointment.office.code),
        obj=appointment,
        summary=f"appointment {appointment.code} cancelled",
        after=_audit_after(appointment),
    )
    _sms(appointment, _CANCELLED_SMS)
    return appointment


@audited
def appointment_move(
    *,
    actor: Actor,
    appointment: Appointment,
    starts_at: datetime.datetime,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Move to another slot of the same office and service, until an hour before; the code
    (and the QR) stay the same."""
    now = now or timezone.now()
    appointment = _locked(appointment)
    _require_changeable(appointment, now)
    before = _audit_after(appointment)
    appointment.seats.all().delete()  # its own seats do not count against the new slot
    day = _local(starts_at).date()
    _require_bookable(appointment.office, appointment.service, day)
    slot = _require_slot(appointment.office, appointment.service, starts_at, now)
    appointment.starts_at, appointment.ends_at, appointment.day = slot.starts_at, slot.ends_at, day
    appointment.reminded_at = None
    try:
        with transaction.atomic():
            appointment.save(update_fields=["starts_at", "ends_at", "day", "reminded_at"])
    except IntegrityError as error:
        raise _one_per_day_conflict() from error
    _hold_seats(appointment, slot_capacity(appointment.office, appointment.service, day))
    audit_record(
        actor=actor,
        action="appointment.moved",
        stream=office_stream(appointment.office.code),
        obj=appointment,
        summary=f"appointment {appointment.code} moved to {_local(slot.starts_at):%Y-%m-%d %H:%M}",
        before=before,
        after=_audit_after(appointment),
    )
    _sms(appointment, _MOVED_SMS)
    return appointment


# --- check-in (the queue's ticket creation calls it) -------------------------------------------
@audited
def appointment_check_in(
    *,
    actor: Actor,
    office,
    code: str | None = None,
    national_code: str | None = None,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Check in today's appointment at `office` by its booking code (typed or scanned from the
    QR) or the citizen's national code, within the window (an hour before until half an hour
    after its start). Returns the appointment, now CHECKED_IN; a second check-in is refused."""
    now = now or timezone.now()
    if actor.is_user and office_of_user(actor.user) != office:
        raise Forbidden(
            _("Only the office's own staff check its appointments in."),
            code=AppointmentsErrorCode.NOT_OFFICE_STAFF,
        )
    canonical_code = normalize_booking_code(code) if code else None
    canonical_national = None
    if national_code and not canonical_code:
        try:
            canonical_national = normalize_national_code(national_code)
        except ValidationError:  # a mistyped national code finds nothing
            canonical_national = None
    appointment = appointment_for_check_in(
        office=office, code=canonical_code, national_code=canonical_national, day=tehran_today(now)
    )
    if appointment is None:
        already = canonical_code and appointment_for_check_in_any(office, canonical_code)
        if already:
            raise Conflict(
                _("This appointment was already checked in."),
                code=AppointmentsErrorCode.ALREADY_CHECKED_IN,
            )
        raise NotFound(
            _("No appointment booked today at this office matches this code or national code."),
            code=AppointmentsErrorCode.CHECK_IN_NOT_FOUND,
            field="code" if code else "national_code",
        )
    if not (appointment.starts_at - CHECK_IN_EARLY <= now <= appointment.starts_at + CHECK_IN_LATE):
        raise Conflict(
            _(
                "This appointment is at %(time)s: check-in opens an hour before it and closes "
                "half an hour after it starts."
            ),
            code=AppointmentsErrorCode.CHECK_IN_OUTSIDE_WINDOW,
            params={"time": local_digits(f"{_local(appointment.starts_at):%H:%M}")},
        )
    if not _set_status(appointment, AppointmentStatus.CHECKED_IN, checked_in_at=now):
        raise Conflict(
            _("This appointment was already checked in."),
            code=AppointmentsErrorCode.ALREADY_CHECKED_IN,
        )
    audit_record(
        actor=actor,
        action="appointment.checked_in",
        stream=office_stream(office.code),
        obj=appointment,
        summary=f"appointment {appointment.code} checked in",
        after=_audit_after(appointment),
    )
    return appointment


def appointment_for_check_in_any(office, code: str) -> bool:
    """Whether today's appointment with `code` at `office` is already checked in."""
    return Appointment.objects.filter(
        office=office, code=code, status=AppointmentStatus.CHECKED_IN
    ).exists()


# --- jobs --------------------------------------------------------------------------------------
SYSTEM = Actor.system("appointments")


@audited
def appointments_mark_no_shows(*, now: datetime.datetime | None = None) -> int:
    """After each day: the appointments of past days still booked (never checked in) become
    NO_SHOW. Idempotent; one audit entry per run that changed anything."""
    now = now or timezone.now()
    today = tehran_today(now)
    due = list(
        Appointment.objects.filter(status=AppointmentStatus.BOOKED, day__lt=today).values_list(
            "pk", "code"
        )
    )
    if not due:
        audit_nothing_changed()
        return 0
    changed = _leave_booked([pk for pk, _code in due], AppointmentStatus.NO_SHOW, no_show_at=now)
    audit_record(
        actor=SYSTEM,
        action="appointment.no_shows_marked",
        summary=f"{changed} appointment(s) before {today.isoformat()} marked as not come",
        after={"codes": [code for _pk, code in due][:500], "count": changed},
    )
    return changed


@audited
def appointment_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """The day before: one SMS per booked appointment of tomorrow not yet reminded."""
    now = now or timezone.now()
    tomorrow = tehran_today(now) + datetime.timedelta(days=1)
    due = list(
        Appointment.objects.select_for_update(skip_locked=True)
        .select_related("office")
        .filter(status=AppointmentStatus.BOOKED, day=tomorrow, reminded_at__isnull=True)
    )
    if not due:
        audit_nothing_changed()
        return 0
    for appointment in due:
        _sms(appointment, _REMINDER_SMS)
    Appointment.objects.filter(pk__in=[a.pk for a in due]).update(reminded_at=now)
    audit_record(
        actor=SYSTEM,
        action="appointment.reminders_sent",
        summary=f"{len(due)} reminder(s) sent for {tomorrow.isoformat()}",
        after={"codes": [a.code for a in due][:500], "count": len(due)},
    )
    return len(due)


# --- the no-show rule, adopted by decision -----------------------------------------------------
@audited
def no_show_rule_record(
    *,
    actor: Actor,
    decision,
    max_no_shows: int,
    window_days: int,
    block_days: int,
    effective_from: datetime.date | None = None,
) -> NoShowRule:
    """Put in force the no-show rule an adopted policy decision sets (recorded by the
    supervision unit, as the catalogue team applies an adopted tariff)."""
    if actor.is_user and not user_has_role(actor.user, Role.SUPERVISOR, Role.SYSTEM_ADMIN):
        raise Forbidden(
            _("Only the supervision unit records the no-show rule adopted by the committee."),
            code=AppointmentsErrorCode.NO_SHOW_RULE_KEEPERS_ONLY,
        )
    if (
        decision is None
        or decision.status != DecisionStatus.ADOPTED
        or decision.kind != DecisionKind.POLICY
    ):
        raise InvalidInput(
            _("Choose an adopted policy decision of the steering committee."),
            code=AppointmentsErrorCode.NO_SHOW_DECISION_INVALID,
            field="decision",
        )
    for field, value, high in (
        ("max_no_shows", max_no_shows, 20),
        ("window_days", window_days, 365),
        ("block_days", block_days, 365),
    ):
        if not isinstance(value, int) or not 1 <= value <= high:
            raise InvalidInput(
                _("Enter a whole number from 1 to %(high)s."),
                code=AppointmentsErrorCode.NO_SHOW_RULE_NUMBERS,
                field=field,
                params={"high": high},
            )
    effective_from = effective_from or tehran_today()
    if effective_from < tehran_today():
        raise InvalidInput(
            _("A rule takes effect today or later, never in the past."),
            code=AppointmentsErrorCode.NO_SHOW_RULE_NUMBERS,
            field="effective_from",
        )
    try:
        with transaction.atomic():
            rule = NoShowRule.objects.create(
                decision=decision,
                max_no_shows=max_no_shows,
                window_days=window_days,
                block_days=block_days,
                effective_from=effective_from,
            )
    except IntegrityError as error:
        raise InvalidInput(
            _("This decision's rule is already recorded."),
            code=AppointmentsErrorCode.NO_SHOW_DECISION_INVALID,
            field="decision",
        ) from error
    audit_record(
        actor=actor,
        action="appointment.no_show_rule_recorded",
        obj=rule,
        summary=f"no-show rule {max_no_shows} in {window_days} days blocks {block_days} days, "
        f"decision {decision.number}",
        after={
            "decision": decision.number,
            "max_no_shows": max_no_shows,
            "window_days": window_days,
            "block_days": block_days,
            "effective_from": effective_from.isoformat(),
        },
    )
    return rule
