"""Working-day deadlines on the holiday calendar."""

import datetime

import pytest

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
