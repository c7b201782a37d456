"""Jalali (Solar Hijri) dates: conversion, display and parsing, always in Tehran time.

Times are stored as aware UTC; a datetime is converted to Asia/Tehran before its calendar
date is taken, so an event at 22:00 UTC on 20 March is already Nowruz in Tehran. Naive
datetimes are refused rather than guessed.

Persian display uses Jalali dates with Persian digits; English display uses Gregorian dates
(what English readers use), in ISO-like order. Month names are calendar data selected by the
explicit `language` argument, not translations, so output never depends on whether a
message catalogue is compiled.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import overload
from zoneinfo import ZoneInfo

import jdatetime
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.core.digits import to_ascii_digits, to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")

JALALI_MONTHS_FA = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
JALALI_MONTHS_EN = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)
GREGORIAN_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_DATE_PATTERN = re.compile(r"([0-9]{4})\s*([/-])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})")


def is_persian(language: str | None) -> bool:
    """True for 'fa' and its regional variants ('fa-ir'); everything else reads English."""
    return bool(language) and language.lower().replace("_", "-").split("-")[0] == "fa"


def tehran_date(value: datetime.date) -> datetime.date:
    """The calendar date of `value` in Tehran (a plain date is returned unchanged)."""
    if isinstance(value, datetime.datetime):
        return to_tehran(value).date()
    if isinstance(value, datetime.date):
        return value
    raise TypeError(f"expected a date or datetime, got {type(value).__name__}")


def to_tehran(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime in Asia/Tehran; naive datetimes are a bug and raise ValueError."""
    if not isinstance(value, datetime.datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ValueError("naive datetimes cannot be shown in Tehran time; use an aware one")
    return value.astimezone(TEHRAN)


@overload
def to_jalali(value: datetime.datetime) -> jdatetime.datetime: ...
@overload
def to_jalali(value: datetime.date) -> jdatetime.date: ...
def to_jalali(value: datetime.date) -> jdatetime.date:
    """A Jalali date (or Tehran-local Jalali datetime for an aware datetime)."""
    if isinstance(value, datetime.datetime):
        return jdatetime.datetime.fromgregorian(
            datetime=to_tehran(value), locale=jdatetime.FA_LOCALE
        )
    return jdatetime.date.fromgregorian(date=tehran_date(value), locale=jdatetime.FA_LOCALE)


def from_jalali(year: int, month: int, day: int) -> datetime.date:
    """The Gregorian date of a Jalali date; ValueError if the date does not exist."""
    return jdatetime.date(year, month, day, locale=jdatetime.FA_LOCALE).togregorian()


def format_date(value: datetime.date, *, language: str) -> str:
    """'۱۴۰۴/۰۸/۱۲' in Persian, '2025-11-03' in English."""
    day = tehran_date(value)
    if is_persian(language):
        return _persian_date(day)
    return day.isoformat()


@lru_cache(maxsize=4096)
def _persian_date(day: datetime.date) -> str:
    """'۱۴۰۴/۰۸/۱۲'. Cached: a list of files repeats a few hundred days over and over."""
    jalali = to_jalali(day)
    return to_persian_digits(f"{jalali.year:04d}/{jalali.month:02d}/{jalali.day:02d}")


def format_datetime(value: datetime.datetime, *, language: str) -> str:
    """'۱۴۰۴/۰۸/۱۲ ۱۴:۳۰' in Persian, '2025-11-03 14:30' in English, Tehran local time."""
    local = to_tehran(value)
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if is_persian(language):
        return f"{format_date(local, language=language)} {to_persian_digits(clock)}"
    return f"{local.date().isoformat()} {clock}"


def format_date_long(value: datetime.date, *, language: str) -> str:
    """'۱۲ آبان ۱۴۰۴' in Persian, '3 November 2025' in English."""
    day = tehran_date(value)
    if is_persian(language):
        jalali = to_jalali(day)
        month = JALALI_MONTHS_FA[jalali.month - 1]
        return to_persian_digits(f"{jalali.day} {month} {jalali.year}")
    return f"{day.day} {GREGORIAN_MONTHS_EN[day.month - 1]} {day.year}"


def jalali_month_name(month: int, language: str) -> str:
    """The name of Jalali month `month` (1 = Farvardin) in Persian or in English letters."""
    if isinstance(month, bool) or not isinstance(month, int):
        raise TypeError("month must be an int")
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, not {month}")
    names = JALALI_MONTHS_FA if is_persian(language) else JALALI_MONTHS_EN
    return names[month - 1]


def current_jalali_year() -> int:
    """This year in the Solar Hijri calendar, in Tehran (e.g. 1405)."""
    return fiscal_year(timezone.now())


def fiscal_year(value: datetime.date) -> int:
    """The fiscal year of `value`: the Jalali year, since the fiscal year starts 1 Farvardin."""
    return to_jalali(tehran_date(value)).year


def parse_jalali_date(text: str) -> datetime.date:
    """Parse a typed Jalali date ('1404/08/12', '۱۴۰۴-۸-۱۲') into a Gregorian date."""
    typed = to_ascii_digits(str(text or "")).strip()
    match = _DATE_PATTERN.fullmatch(typed)
    if match is None:
        raise ValidationError(
            _("Enter the date as year/month/day in the Solar Hijri calendar, e.g. 1404/08/12."),
            code="jalali_date_invalid",
        )
    year, month, day = int(match[1]), int(match[3]), int(match[4])
    try:
        return from_jalali(year, month, day)
    except (ValueError, OverflowError):
        raise ValidationError(
            _("%(date)s is not a date in the Solar Hijri calendar."),
            code="jalali_date_invalid",
            params={"date": f"{year:04d}/{month:02d}/{day:02d}"},
        ) from None


def jalali_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last Gregorian dates of Jalali year `year` (1 Farvardin to end of Esfand)."""
    first = from_jalali(year, 1, 1)
    last = from_jalali(year + 1, 1, 1) - datetime.timedelta(days=1)
    return first, last
