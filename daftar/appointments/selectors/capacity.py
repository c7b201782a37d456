"""Booked appointments beyond what the office can now serve (ADR 0036).

Capacity shrinks after booking when a member of staff goes on leave (or a certificate expires,
or someone leaves the office). Bookings are never cancelled for it: the office's manager sees
the days whose coming appointments exceed the staff on duty, and how many, so they can call the
citizens or cover the counter.

"Exceed" follows booking's own rule (ADR 0033): in each quarter hour, every booked appointment
needs a seat below its service's capacity that day — `min(counters, staff on duty for the
service's domain)`. Seats below a limit are nested (seat 0 serves every service with capacity
≥ 1, and so on), so the most appointments a quarter hour can keep are found by giving seats in
order of capacity, smallest first (earlier bookings first among equals); the appointments left
without a seat in some quarter hour are the ones beyond capacity.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from daftar.appointments.choices import AppointmentStatus
from daftar.appointments.models import Appointment
from daftar.appointments.slots import quarter_hours
from daftar.core import calendar
from daftar.offices.selectors import staff_on_duty_by_domain


@dataclass(frozen=True, slots=True)
class DayOverCapacity:
    day: datetime.date
    booked: int  # the office's coming booked appointments that day
    over: int  # how many of them no staff member on duty can take


def _beyond(cells: dict, capacity_of: dict[int, int]) -> set[int]:
    """The appointments (ids) left without a seat in some quarter hour."""
    left: set[int] = set()
    for booked in cells.values():
        seat = 0
        for pk in sorted(booked, key=lambda pk: (capacity_of[pk], pk)):
            if seat < capacity_of[pk]:
                seat += 1
            else:
                left.add(pk)
    return left


def days_over_capacity(office, *, now: datetime.datetime | None = None) -> list[DayOverCapacity]:
    """The coming days (earliest first) on which `office` has more booked appointments than its
    staff on duty and counters can take, with how many. Three queries, whatever the number of
    appointments and days: the appointments, then the certificates and the leave of the staff."""
    now = now or timezone.now()
    rows = list(
        Appointment.objects.filter(office=office, status=AppointmentStatus.BOOKED, ends_at__gt=now)
        .order_by("starts_at", "pk")
        .values_list("pk", "starts_at", "ends_at", "service__domain_id")
    )
    if not rows:
        return []
    by_day: dict[datetime.date, list[tuple]] = defaultdict(list)
    for row in rows:
        by_day[timezone.localtime(row[1], calendar.TEHRAN).date()].append(row)
    on_duty = staff_on_duty_by_domain(office, {row[3] for row in rows}, min(by_day), max(by_day))
    found = []
    for day, booked in sorted(by_day.items()):
        capacity_of = {
            pk: min(office.counters, on_duty[domain][day]) for pk, _s, _e, domain in booked
        }
        cells: dict[datetime.datetime, list[int]] = defaultdict(list)
        for pk, starts_at, ends_at, _domain in booked:
            for cell in quarter_hours(starts_at, ends_at):
                cells[cell].append(pk)
        over = _beyond(cells, capacity_of)
        if over:
            found.append(DayOverCapacity(day=day, booked=len(booked), over=len(over)))
    return found
