"""Working days in Tehran: Fridays are weekly rest days; official holidays are data (Holiday).

Deadlines count whole working days after the day a file entered a state and end at the close
of business of the last one (WORKDAY_END, Tehran time), so "5 working days" submitted on
Saturday ends on Thursday evening — or later when a holiday falls in between.
"""

from __future__ import annotations

import datetime
import time
from zoneinfo import ZoneInfo

from django.conf import settings

from daftar.core.models import Holiday

TEHRAN = ZoneInfo("Asia/Tehran")
REST_WEEKDAYS = frozenset({4})  # Friday (Python: Monday = 0)
WORKDAY_END = datetime.time(16, 0)


_holidays: tuple[float, frozenset[datetime.date]] | None = None


def _all_holidays() -> frozenset[datetime.date]:
    """Every holiday, read at most once per HOLIDAY_CACHE_SECONDS per process: deadlines are
    computed on every file move, holidays change a few times a year. A change made in this
    process is seen at once (signals clear the copy); other processes see it within the
    period."""
    global _holidays
    now = time.monotonic()
    if _holidays is None or now - _holidays[0] >= settings.HOLIDAY_CACHE_SECONDS:
        _holidays = (now, frozenset(Holiday.objects.values_list("date", flat=True)))
    return _holidays[1]


def forget_holidays(**_kwargs) -> None:
    global _holidays
    _holidays = None


def holidays_between(first: datetime.date, last: datetime.date) -> set[datetime.date]:
    return {day for day in _all_holidays() if first <= day <= last}


def is_working_day(day: datetime.date, holidays: set[datetime.date] | None = None) -> bool:
    if day.weekday() in REST_WEEKDAYS:
        return False
    if holidays is None:
        holidays = holidays_between(day, day)
    return day not in holidays


def add_working_days(start: datetime.datetime, days: int) -> datetime.datetime:
    """The deadline `days` working days after `start` (aware), at the end of that working day."""
    if days < 0:
        raise ValueError("days must not be negative")
    local = start.astimezone(TEHRAN).date()
    # Enough calendar days to cover the span even with many holidays.
    holidays = holidays_between(local, local + datetime.timedelta(days=days * 3 + 30))
    day, counted = local, 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return datetime.datetime.combine(day, WORKDAY_END, tzinfo=TEHRAN).astimezone(datetime.UTC)


def working_days_between(
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    holidays: set[datetime.date] | frozenset[datetime.date] | None = None,
) -> int:
    """Whole working days from the day after `start` up to and including `end`'s day.

    `holidays` (at least those between the two days) saves the read when many spans are
    counted at once, e.g. the rows of a list."""
    first, last = start.astimezone(TEHRAN).date(), end.astimezone(TEHRAN).date()
    if last <= first:
        return 0
    if holidays is None:
        holidays = holidays_between(first, last)
    count, day = 0, first
    while day < last:
        day += datetime.timedelta(days=1)
        count += is_working_day(day, holidays)
    return count
