"""Reads of bookings: the free slots of an office for a service (derived from its hours,
counters and staff on duty — certified, not on leave; holidays and closures excluded), a
citizen's appointments, the no-show rule in force and whether it blocks a citizen, and the
lookup the queue's check-in uses (docs/appointments.md, ADR 0033, ADR 0036)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from daftar.appointments.choices import AppointmentStatus
from daftar.appointments.models import Appointment, NoShowRule, SlotSeat
from daftar.appointments.slots import BOOKING_HORIZON_DAYS, quarter_hours, visit_length
from daftar.catalogue.choices import Channel
from daftar.catalogue.selectors import service_list
from daftar.core import calendar
from daftar.offices.choices import Weekday
from daftar.offices.hours import office_open_intervals_between, tehran_today
from daftar.offices.selectors import (
    office_deliverable_domain_ids,
    office_finder,
    office_public_get,
    staff_on_duty_counts,
)


@dataclass(frozen=True, slots=True)
class Slot:
    starts_at: datetime.datetime  # Tehran wall-clock, aware
    ends_at: datetime.datetime
    seats_left: int

    @property
    def free(self) -> bool:
        return self.seats_left > 0

    @property
    def clock(self) -> str:
        """'09:30' (Tehran), for the time buttons (shown through local_digits)."""
        return f"{self.starts_at.astimezone(calendar.TEHRAN):%H:%M}"

    @property
    def key(self) -> str:
        """What a form sends back: the start in ISO form (Tehran offset)."""
        return self.starts_at.isoformat()


@dataclass(frozen=True, slots=True)
class DayFree:
    day: datetime.date
    free: int  # free slots that day
    open: bool  # the office opens that day at all

    @property
    def weekday(self) -> str:
        return Weekday(self.day.weekday()).label


@dataclass(frozen=True, slots=True)
class NoShowNumbers:
    """The numbers of a no-show rule; `decision` is None for the documented default."""

    max_no_shows: int
    window_days: int
    block_days: int
    decision: object = None


# Until the steering committee adopts a rule: three missed appointments within 30 days block
# booking for 14 days (docs/appointments.md).
DEFAULT_NO_SHOW_RULE = NoShowNumbers(max_no_shows=3, window_days=30, block_days=14)


# --- where and what a citizen may book ---------------------------------------------------------
def bookable_offices(district: int | None = None) -> QuerySet:
    """Active offices (by district), as the public office finder lists them."""
    return office_finder(district=district)


def bookable_office(code: str):
    office = office_public_get(code) if code else None
    return office if office is not None and office.status == "active" else None


def bookable_services(office, on: datetime.date | None = None) -> QuerySet:
    """The services `office` may deliver at its counter (licence, certified staff and the
    committee's authorisation for the domain: offices' delivery rule)."""
    domains = office_deliverable_domain_ids(office, on=on or tehran_today())
    return service_list(channel=Channel.OFFICE).filter(domain_id__in=domains)


def bookable_service(office, code: str, on: datetime.date | None = None):
    return bookable_services(office, on).filter(code=code).first() if code else None


def booking_days(today: datetime.date | None = None) -> list[datetime.date]:
    """The days a citizen may book: today and the next BOOKING_HORIZON_DAYS."""
    today = today or tehran_today()
    return [today + datetime.timedelta(days=n) for n in range(BOOKING_HORIZON_DAYS + 1)]


# --- slots -------------------------------------------------------------------------------------
def slot_capacity(office, service, day: datetime.date) -> int:
    """How many citizens one slot takes: the office's counters, but no more than the staff on
    duty for the service's domain that day — certified and not on leave (a counter without a
    certified person serves no one for this service; ADR 0036)."""
    on_duty = staff_on_duty_counts(office, service.domain_id, day, day)[day]
    return min(office.counters, on_duty)


def _seats_held(office, first: datetime.datetime, last: datetime.datetime) -> dict:
    """Quarter-hour start → the seat numbers held, between `first` and `last` (one query)."""
    held: dict[datetime.datetime, set[int]] = defaultdict(set)
    rows = SlotSeat.objects.filter(
        office=office, starts_at__gte=first, starts_at__lt=last
    ).values_list("starts_at", "seat")
    for starts_at, seat in rows:
        held[starts_at].add(seat)
    return held


def _day_bounds(first: datetime.date, last: datetime.date):
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=calendar.TEHRAN)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=calendar.TEHRAN
    )
    return start, end


def free_seat_numbers(held: dict, capacity: int, starts_at, ends_at) -> list[int]:
    """The seats below `capacity` free in every quarter hour from `starts_at` to `ends_at`."""
    cells = list(quarter_hours(starts_at, ends_at))
    return [seat for seat in range(capacity) if all(seat not in held.get(c, ()) for c in cells)]


def slots_for_days(
    office, service, days: list[datetime.date], *, now: datetime.datetime | None = None
) -> dict[datetime.date, list[Slot]]:
    """Every slot of each day in `days` (future ones only) with its seats left, in a constant
    number of queries whatever the number of days: the seats held, the office's hours, its
    closures, and the staff on duty for the service's domain (certificates, leave)."""
    if not days:
        return {}
    now = now or timezone.now()
    first, last = min(days), max(days)
    length = visit_length(service.code)
    held = _seats_held(office, *_day_bounds(first, last))
    intervals = office_open_intervals_between(office, first, last)
    on_duty = staff_on_duty_counts(office, service.domain_id, first, last)
    result: dict[datetime.date, list[Slot]] = {}
    for day in days:
        slots: list[Slot] = []
        capacity = min(office.counters, on_duty[day])
        for interval in intervals[day] if capacity else []:
            start = interval.opens
            while start + length <= interval.closes:
                if start > now:
                    free = free_seat_numbers(held, capacity, start, start + length)
                    slots.append(Slot(start, start + length, len(free)))
                start += length
        result[day] = slots
    return result


def free_slots(office, service, day: datetime.date, *, now=None) -> list[Slot]:
    """The slots of `day` a citizen can still book (at least one seat left)."""
    return [slot for slot in slots_for_days(office, service, [day], now=now)[day] if slot.free]


def days_with_free_slots(office, service, *, today=None, now=None) -> list[DayFree]:
    """The booking horizon's days with how many free slots each has (the day picker)."""
    days = booking_days(today)
    slots = slots_for_days(office, service, days, now=now)
    return [
        DayFree(day=day, free=sum(1 for s in slots[day] if s.free), open=bool(slots[day]))
        for day in days
    ]


def slot_at(office, service, starts_at: datetime.datetime, *, now=None) -> Slot | None:
    """The slot starting at `starts_at` (whatever its seats), or None when there is no such
    slot in the grid of its day (closed, past, not a slot boundary)."""
    day = timezone.localtime(starts_at, calendar.TEHRAN).date()
    for slot in slots_for_days(office, service, [day], now=now)[day]:
        if slot.starts_at == starts_at:
            return slot
    return None


# --- the no-show rule --------------------------------------------------------------------------
def no_show_rule_in_force(on: datetime.date | None = None) -> NoShowNumbers:
    """The latest rule adopted by decision and in force on `on`, else the default."""
    on = on or tehran_today()
    rule = NoShowRule.objects.filter(effective_from__lte=on).select_related("decision").first()
    if rule is None:
        return DEFAULT_NO_SHOW_RULE
    return NoShowNumbers(rule.max_no_shows, rule.window_days, rule.block_days, rule.decision)


def no_show_rules() -> QuerySet[NoShowRule]:
    return NoShowRule.objects.select_related("decision")


@dataclass(frozen=True, slots=True)
class Block:
    missed: int
    window_days: int
    until: datetime.date  # the first day the citizen may book again


def booking_block(citizen, today: datetime.date | None = None) -> Block | None:
    """Whether the no-show rule blocks `citizen` today: at least `max_no_shows` missed
    appointments within the `window_days` before the last one, and fewer than `block_days`
    since it."""
    today = today or tehran_today()
    rule = no_show_rule_in_force(today)
    missed = list(
        Appointment.objects.filter(
            citizen=citizen,
            status=AppointmentStatus.NO_SHOW,
            day__gte=today - datetime.timedelta(days=rule.window_days + rule.block_days),
        )
        .order_by("-day")
        .values_list("day", flat=True)
    )
    if len(missed) < rule.max_no_shows:
        return None
    last = missed[0]
    window_start = last - datetime.timedelta(days=rule.window_days - 1)
    count = sum(1 for day in missed if day >= window_start)
    until = last + datetime.timedelta(days=rule.block_days + 1)
    if count < rule.max_no_shows or today >= until:
        return None
    return Block(missed=count, window_days=rule.window_days, until=until)


# --- a citizen's appointments ----------------------------------------------------------------
def appointment_visible_to(user) -> QuerySet[Appointment]:
    """The one access path for people: a citizen sees their own appointments."""
    if not getattr(user, "is_authenticated", False):
        return Appointment.objects.none()
    return Appointment.objects.filter(citizen=user).select_related(
        "office", "office__district", "service"
    )


def appointments_upcoming(user, *, now=None) -> QuerySet[Appointment]:
    now = now or timezone.now()
    return (
        appointment_visible_to(user)
        .filter(status=AppointmentStatus.BOOKED, ends_at__gte=now)
        .order_by("starts_at")
    )


def appointments_past(user, *, now=None, limit: int = 20) -> list[Appointment]:
    now = now or timezone.now()
    upcoming = appointments_upcoming(user, now=now).values("pk")
    return list(
        appointment_visible_to(user).exclude(pk__in=upcoming).order_by("-starts_at")[:limit]
    )


def appointment_get_for_user(user, code: str) -> Appointment | None:
    return appointment_visible_to(user).filter(code=code).first()


def appointment_by_code(code: str) -> Appointment | None:
    """For the QR page reached by a signed link (the signature is checked by the view)."""
    return Appointment.objects.select_related("office", "service").filter(code=code).first()


def appointment_of_partner(partner, code: str) -> Appointment | None:
    return (
        Appointment.objects.select_related("office", "service")
        .filter(code=code, partner=partner)
        .first()
    )


# --- the queue's check-in (h18q's tickets call services.booking.appointment_check_in) ----------
def appointment_for_check_in(
    *, office, code: str | None = None, national_code: str | None = None, day=None
) -> Appointment | None:
    """Today's booked appointment at `office` by booking code, or else the citizen's earliest
    one that day by national code."""
    day = day or tehran_today()
    rows = Appointment.objects.select_related("service", "office").filter(
        office=office, day=day, status=AppointmentStatus.BOOKED
    )
    if code:
        return rows.filter(code=code).first()
    if national_code:
        return rows.filter(national_code=national_code).order_by("starts_at").first()
    return None
