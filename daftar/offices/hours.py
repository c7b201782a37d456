"""Reads of the working calendar: when an office is open on a day (its weekly hours, less the
official holidays and its own closures), its coming closures, and a year's holidays.

`office_open_intervals(office, day)` is the one answer to "when can a citizen come?" that
appointments (issue 18) builds its slots on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from daftar.core import calendar
from daftar.core.jalali import fiscal_year, jalali_year_bounds
from daftar.core.models import Holiday
from daftar.offices.choices import OfficeStatus, Weekday
from daftar.offices.models import Office, OfficeClosure, OfficeHours


@dataclass(frozen=True, slots=True)
class OpenInterval:
    """The office is open from `opens` until `closes` (aware datetimes, Tehran wall-clock)."""

    opens: datetime.datetime
    closes: datetime.datetime


def tehran_today(now: datetime.datetime | None = None) -> datetime.date:
    return timezone.localdate(now or timezone.now(), calendar.TEHRAN)


def office_open_intervals(office: Office, day: datetime.date) -> list[OpenInterval]:
    """The opening times of `office` on `day`, earliest first: its hours for that weekday,
    none on an official holiday, on a closure of the office, or while the office is not
    active (pending, suspended, revoked, closed)."""
    if office.status != OfficeStatus.ACTIVE:
        return []
    if day in calendar.holidays_between(day, day):
        return []
    if OfficeClosure.objects.filter(office=office, date=day).exists():
        return []
    hours = OfficeHours.objects.filter(office=office, weekday=day.weekday()).order_by("opens")
    return [
        OpenInterval(
            opens=datetime.datetime.combine(day, row.opens, tzinfo=calendar.TEHRAN),
            closes=datetime.datetime.combine(day, row.closes, tzinfo=calendar.TEHRAN),
        )
        for row in hours
    ]


def office_open_at(office: Office, now: datetime.datetime | None = None) -> bool:
    """Whether `office` is open at `now` (holidays and closures counted)."""
    now = now or timezone.now()
    return any(
        interval.opens <= now < interval.closes
        for interval in office_open_intervals(office, tehran_today(now))
    )


def offices_closed_on(day: datetime.date) -> set[int]:
    """Ids of the offices with a closure on `day` (one query, for a list of offices)."""
    return set(OfficeClosure.objects.filter(date=day).values_list("office_id", flat=True))


def office_closures_from(office: Office, day: datetime.date, limit: int = 20) -> list:
    """The office's closures on `day` or later, earliest first."""
    return list(OfficeClosure.objects.filter(office=office, date__gte=day).order_by("date")[:limit])


def holidays_coming(day: datetime.date, limit: int = 5) -> list[Holiday]:
    """The next official holidays from `day` (an office's page lists them)."""
    first, last = day, day + datetime.timedelta(days=366)
    return list(calendar.holidays_in(first, last)[:limit])


@dataclass(frozen=True, slots=True)
class HolidayRow:
    holiday: Holiday
    passed: bool  # before today: history, it cannot be removed
    rest_day: bool  # a Friday
    weekday: str


def holidays_of_year(year: int, today: datetime.date | None = None) -> list[HolidayRow]:
    """The stored holidays of Jalali year `year`, in date order."""
    today = today or tehran_today()
    first, last = jalali_year_bounds(year)
    return [
        HolidayRow(
            holiday=row,
            passed=row.date < today,
            rest_day=row.date.weekday() in calendar.REST_WEEKDAYS,
            weekday=Weekday(row.date.weekday()).label,
        )
        for row in calendar.holidays_in(first, last)
    ]


def current_year() -> int:
    return fiscal_year(tehran_today())


@dataclass(frozen=True, slots=True)
class ClosedDay:
    date: datetime.date
    why: str
    official: bool  # an official holiday (else the office's own closure)


def office_days_closed(office: Office, day: datetime.date, limit: int = 6) -> list[ClosedDay]:
    """The next days `office` is closed besides its weekly rest days, from `day`: its own
    closures and the official holidays, in date order (the public page lists them)."""
    days = [ClosedDay(c.date, c.reason, False) for c in office_closures_from(office, day, limit)]
    days += [ClosedDay(h.date, h.name, True) for h in holidays_coming(day, limit)]
    return sorted(days, key=lambda closed: (closed.date, closed.official))[:limit]


def office_open_intervals_between(
    office: Office, first: datetime.date, last: datetime.date
) -> dict[datetime.date, list[OpenInterval]]:
    """`office_open_intervals` for every day from `first` to `last` in two queries (the weekly
    hours and the closures of the range), for pages that show many days at once (appointments'
    day picker)."""
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    if office.status != OfficeStatus.ACTIVE or not days:
        return {day: [] for day in days}
    holidays = calendar.holidays_between(first, last)
    closed = set(
        OfficeClosure.objects.filter(office=office, date__gte=first, date__lte=last).values_list(
            "date", flat=True
        )
    )
    by_weekday: dict[int, list] = {}
    for row in OfficeHours.objects.filter(office=office).order_by("opens"):
        by_weekday.setdefault(row.weekday, []).append(row)
    return {
        day: []
        if day in holidays or day in closed
        else [
            OpenInterval(
                opens=datetime.datetime.combine(day, row.opens, tzinfo=calendar.TEHRAN),
                closes=datetime.datetime.combine(day, row.closes, tzinfo=calendar.TEHRAN),
            )
            for row in by_weekday.get(day.weekday(), [])
        ]
        for day in days
    }
