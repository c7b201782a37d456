"""Fixtures of the booking tests: office_a ready to deliver the catalogue's service (licence,
a certified operator, the committee's authorisation), open 08:00–16:00 every day."""

from __future__ import annotations

import datetime

import pytest

from daftar.core import calendar
from daftar.core.actors import Actor

OPEN, CLOSE = datetime.time(8, 0), datetime.time(16, 0)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=calendar.TEHRAN)


@pytest.fixture
def bookable(counter_ready):
    from daftar.offices.services import office_set_hours

    office_set_hours(
        actor=Actor.system("test"),
        office=counter_ready,
        hours=[(weekday, OPEN, CLOSE) for weekday in range(7)],
    )
    return counter_ready


@pytest.fixture
def tomorrow() -> datetime.date:
    from daftar.offices.hours import tehran_today

    return tehran_today() + datetime.timedelta(days=1)
