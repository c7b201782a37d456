"""The slot grid: the length of a visit per service (data), the quarter hours a visit covers,
and the booking codes. No database access here."""

from __future__ import annotations

import datetime
import functools
import random
import secrets
from pathlib import Path

from pydantic import Field

from daftar.core.datafiles import DataRecord, datafile_load
from daftar.core.digits import to_ascii_digits
from daftar.core.tracking import verhoeff_check_digit, verhoeff_valid

GRID = datetime.timedelta(minutes=15)  # seats are held per quarter hour
BOOKING_HORIZON_DAYS = 14  # how far ahead a citizen may book
CHANGE_DEADLINE = datetime.timedelta(hours=1)  # cancel or move until an hour before
CHECK_IN_EARLY = datetime.timedelta(minutes=60)  # check-in opens an hour before the slot
CHECK_IN_LATE = datetime.timedelta(minutes=30)  # and closes half an hour after it starts
CODE_LENGTH = 10

VISIT_LENGTHS_FILE = Path(__file__).resolve().parent / "data" / "visit_lengths.json"


class VisitLength(DataRecord):
    code: str = Field(min_length=1, max_length=40)
    minutes: int = Field(ge=15, le=240, multiple_of=15)


class VisitLengths(DataRecord):
    default_minutes: int = Field(ge=15, le=240, multiple_of=15)
    services: list[VisitLength]


@functools.cache
def visit_lengths() -> VisitLengths:
    return datafile_load(VISIT_LENGTHS_FILE, VisitLengths)


def visit_length(service_code: str) -> datetime.timedelta:
    """How long a visit for the service takes (a whole number of quarter hours)."""
    data = visit_lengths()
    minutes = next((s.minutes for s in data.services if s.code == service_code), None)
    return datetime.timedelta(minutes=minutes or data.default_minutes)


def quarter_hours(starts_at: datetime.datetime, ends_at: datetime.datetime):
    """The starts of the quarter hours from `starts_at` until `ends_at`."""
    moment = starts_at
    while moment < ends_at:
        yield moment
        moment += GRID


def new_booking_code(rng: random.Random | None = None) -> str:
    """Ten digits, the last a Verhoeff check digit (as the files' tracking codes)."""
    low, high = 10 ** (CODE_LENGTH - 2), 10 ** (CODE_LENGTH - 1)
    body = str(rng.randrange(low, high) if rng else low + secrets.randbelow(high - low))
    return body + verhoeff_check_digit(body)


def normalize_booking_code(text: object) -> str | None:
    """The canonical code of what was typed or scanned, or None when it cannot be one."""
    code = "".join(ch for ch in to_ascii_digits(str(text or "")) if ch.isdigit())
    if len(code) != CODE_LENGTH or code[0] == "0" or not verhoeff_valid(code):
        return None
    return code


def format_booking_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}" if len(code) == CODE_LENGTH else code


def booking_code_in_text(code: str, language: str | None = None) -> str:
    """The code for a sentence: local digits, kept left-to-right inside Persian text (a
    direction isolate; otherwise «۱۲۳۴۵-۶۷۸۹۰» shows its halves swapped)."""
    from daftar.core.numbers import local_digits

    return "\u2066" + local_digits(format_booking_code(code), language) + "\u2069"
