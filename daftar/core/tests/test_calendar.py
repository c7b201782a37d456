"""Working-day deadlines on the holiday calendar."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daftar.core.calendar import TEHRAN, add_working_days, working_days_between
from daftar.core.models import Holiday

pytestmark = pytest.mark.django_db


def _at(y, m, d, h=10):
    return datetime.datetime(y, m, d, h, tzinfo=TEHRAN)


def test_fridays_are_skipped():
    # Saturday 2026-11-28 + 5 working days: Sun Mon Tue Wed Thu -> Thursday 2026-12-03
    assert add_working_days(_at(2026, 11, 28), 5).astimezone(TEHRAN).date() == datetime.date(
        2026, 12, 3
    )
    # + 6 skips Friday 12-04 -> Saturday 12-05
    assert add_working_days(_at(2026, 11, 28), 6).astimezone(TEHRAN).date() == datetime.date(
        2026, 12, 5
    )


def test_a_holiday_pushes_the_deadline_by_a_day():
    start = _at(2026, 11, 28)
    before = add_working_days(start, 5)
    Holiday.objects.create(date=datetime.date(2026, 12, 1), name_fa="تعطیل رسمی")
    after = add_working_days(start, 5)
    assert after.astimezone(TEHRAN).date() == datetime.date(2026, 12, 5)
    assert after > before


def test_the_deadline_is_at_the_end_of_the_working_day_in_tehran():
    deadline = add_working_days(_at(2026, 11, 28), 1)
    assert deadline.astimezone(TEHRAN).time() == datetime.time(16, 0)
    assert deadline.utcoffset() == datetime.timedelta(0)


def test_nowruz_holidays_are_not_working_days():
    for day in range(21, 25):  # 1 to 4 Farvardin 1405
        Holiday.objects.create(date=datetime.date(2026, 3, day), name_fa="نوروز")
    deadline = add_working_days(_at(2026, 3, 19), 1)  # Thursday before Nowruz
    assert deadline.astimezone(TEHRAN).date() == datetime.date(2026, 3, 25)


def test_counting_working_days_between_two_moments():
    Holiday.objects.create(date=datetime.date(2026, 12, 1), name_fa="تعطیل")
    assert working_days_between(_at(2026, 11, 28), _at(2026, 12, 5)) == 5
    assert working_days_between(_at(2026, 12, 5), _at(2026, 11, 28)) == 0


def _walked(start, end, holidays):
    """The count by its definition: every day after `start`'s up to `end`'s, one by one."""
    first, last = start.astimezone(TEHRAN).date(), end.astimezone(TEHRAN).date()
    count, day = 0, first
    while day < last:
        day += datetime.timedelta(days=1)
        count += day.weekday() != 4 and day not in holidays
    return count


@given(
    start=st.datetimes(
        min_value=datetime.datetime(2020, 1, 1), max_value=datetime.datetime(2030, 1, 1)
    ),
    days=st.integers(min_value=-20, max_value=1500),
    offsets=st.sets(st.integers(min_value=-30, max_value=1530), max_size=60),
)
@settings(max_examples=300, deadline=None)
def test_the_counted_working_days_equal_the_days_walked_one_by_one(start, days, offsets):
    """The closed form (whole weeks, the days left over, the holidays on working days) gives
    the walk's answer for any span, years long or backwards, with holidays inside the span,
    outside it and on Fridays."""
    start = start.replace(tzinfo=TEHRAN)
    end = start + datetime.timedelta(days=days, hours=days % 24)
    holidays = {start.date() + datetime.timedelta(days=o) for o in offsets}
    assert working_days_between(start, end, holidays=holidays) == _walked(start, end, holidays)
