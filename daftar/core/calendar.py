"""Working days in Tehran: Fridays are weekly rest days; official holidays are data (Holiday).

Deadlines count whole working days after the day a file entered a state and end at the close
of business of the last one (WORKDAY_END, Tehran time), so "5 working days" submitted on
Saturday ends on Thursday evening — or later when a holiday falls in between.

Holidays are kept by staff (offices' calendar services, audited); this module holds the reads,
the two row writers those services call, and the registry through which a higher app (cases)
recomputes its deadlines when a holiday is added or removed (`on_calendar_change`): core may
import no app, so the apps that keep deadlines register here, as role homes do in homes.py.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
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


def holiday_rows(day: datetime.date):
    """The holiday rows of `day` as a lazy queryset, for a subquery (`Exists(...)`) in a
    higher app's query; nothing is read until that query runs."""
    return Holiday.objects.filter(date=day)


def holidays_between(first: datetime.date, last: datetime.date) -> set[datetime.date]:
    return {day for day in _all_holidays() if first <= day <= last}


def is_working_day(day: datetime.date, holidays: Collection[datetime.date] | None = None) -> bool:
    if day.weekday() in REST_WEEKDAYS:
        return False
    if holidays is None:
        holidays = holidays_between(day, day)
    return day not in holidays


def add_working_days(
    start: datetime.datetime, days: int, *, holidays: Collection[datetime.date] | None = None
) -> datetime.datetime:
    """The deadline `days` working days after `start` (aware), at the end of that working day.

    `holidays` replaces the stored calendar (a recomputation compares two calendars)."""
    if days < 0:
        raise ValueError("days must not be negative")
    local = start.astimezone(TEHRAN).date()
    if holidays is None:
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
    # Counted, not walked: an inbox's most overdue files are years late, and walking each of
    # their days was a fifth of a reviewer's page (B2). Whole weeks hold len(REST_WEEKDAYS)
    # rest days each; the few days left over are looked at one by one.
    span = (last - first).days
    weeks, left = divmod(span, 7)
    rest = weeks * len(REST_WEEKDAYS) + sum(
        (first + datetime.timedelta(days=i)).weekday() in REST_WEEKDAYS for i in range(1, left + 1)
    )
    off = sum(1 for day in holidays if first < day <= last and day.weekday() not in REST_WEEKDAYS)
    return span - rest - off


def deadline_on_new_calendar(
    start: datetime.datetime,
    due: datetime.datetime,
    *,
    before: Collection[datetime.date],
    after: Collection[datetime.date],
) -> datetime.datetime:
    """`due` (counted in working days from `start` on the calendar `before`) counted again on
    the calendar `after`: the same number of working days, the same time of day.

    A holiday added between the two days pushes the deadline one working day later; one
    removed brings it one working day earlier; a day outside the span changes nothing."""
    first = start.astimezone(TEHRAN).date()
    local_due = due.astimezone(TEHRAN)
    days = working_days_between(start, due, holidays=frozenset(before))
    if days == 0:
        return due
    day, counted = first, 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day, after):
            counted += 1
    if day == local_due.date():
        return due
    moved = datetime.datetime.combine(day, local_due.time(), tzinfo=TEHRAN)
    return moved.astimezone(datetime.UTC)


def all_holidays() -> frozenset[datetime.date]:
    """Every holiday's date (the process's copy, see `_all_holidays`)."""
    return _all_holidays()


# --- the rows (called only by the audited calendar services in offices) --------------------


def holidays_in(first: datetime.date, last: datetime.date):
    """The Holiday rows from `first` to `last`, in date order."""
    return Holiday.objects.filter(date__gte=first, date__lte=last).order_by("date")


def holiday_on(day: datetime.date) -> Holiday | None:
    return Holiday.objects.filter(date=day).first()


def holiday_row_write(
    *,
    day: datetime.date,
    name_fa: str,
    name_en: str,
    kind: str,
    reason: str,
    provisional: bool = False,
) -> tuple[Holiday, bool]:
    """Create or update the row of `day`; (row, created). Callers audit it."""
    row, created = Holiday.objects.update_or_create(
        date=day,
        defaults={
            "name_fa": name_fa,
            "name_en": name_en,
            "kind": kind,
            "reason": reason,
            "provisional": provisional,
        },
    )
    return row, created


def holiday_row_delete(row: Holiday) -> None:
    """Delete one row. Callers audit it."""
    row.delete()


# --- who recomputes when the calendar changes ------------------------------------------------


@dataclass(frozen=True, slots=True)
class CalendarChange:
    """One day became a holiday (`added`) or stopped being one; `why` is the sentence a
    timeline shows (Persian, stored)."""

    day: datetime.date
    added: bool
    why: str

    def calendars(self) -> tuple[frozenset[datetime.date], frozenset[datetime.date]]:
        """(before, after) the change: the stored calendar is already `after`."""
        after = _all_holidays()
        before = after - {self.day} if self.added else after | {self.day}
        return frozenset(before), frozenset(after)


CalendarListener = Callable[..., int]
_listeners: dict[str, CalendarListener] = {}


def on_calendar_change(func: CalendarListener) -> CalendarListener:
    """Register `func(*, actor, change: CalendarChange) -> int` (how many things it changed):
    called inside the transaction of every holiday added or removed."""
    _listeners[f"{func.__module__}.{func.__qualname__}"] = func
    return func


def calendar_changed(*, actor, change: CalendarChange) -> dict[str, int]:
    """Run every listener; {listener name: what it changed}. A failure rolls back the change."""
    forget_holidays()  # the listeners must read the calendar with the change
    return {name: func(actor=actor, change=change) for name, func in sorted(_listeners.items())}
