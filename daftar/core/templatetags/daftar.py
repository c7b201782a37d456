"""Template filters for Persian display: Jalali dates, Persian digits, rials, tracking codes.

Every filter follows the active language (Persian: Jalali dates and Persian digits;
English: Gregorian dates and ASCII digits) and shows a missing value (None, or the empty
string a misspelt variable resolves to) as an em dash. The formatting itself lives in
`daftar.core.jalali`, `money` and `tracking`; these filters only pick the language.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template
from django.conf import settings
from django.utils.translation import get_language

from daftar.core import jalali, money, numbers, tracking
from daftar.core.digits import to_persian_digits
from daftar.core.logging import mask_national_code

register = template.Library()

MISSING = "—"
# Left-to-right isolate: keeps "049****899" in order inside a right-to-left paragraph, where
# the run of asterisks would otherwise reorder the digit groups.
_LTR_ISOLATE, _POP_ISOLATE = "\u2066", "\u2069"


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _is_missing(value: object) -> bool:
    return value is None or value == ""


def _digits(text: str) -> str:
    return to_persian_digits(text) if jalali.is_persian(_language()) else text


@register.filter
def jdate(value: datetime.date | None) -> str:
    """A date, or the Tehran date of an aware datetime: '۱۴۰۴/۰۸/۱۲' / '2025-11-03'."""
    if _is_missing(value):
        return MISSING
    return jalali.format_date(value, language=_language())


@register.filter(name="jdatetime")
def jdatetime_filter(value: datetime.datetime | datetime.date | None) -> str:
    """Tehran date and time: '۱۴۰۴/۰۸/۱۲ ۱۴:۳۰' / '2025-11-03 14:30' (a plain date: no time)."""
    if _is_missing(value):
        return MISSING
    if not isinstance(value, datetime.datetime):
        return jalali.format_date(value, language=_language())
    return jalali.format_datetime(value, language=_language())


@register.filter
def jdate_long(value: datetime.date | None) -> str:
    """'۱۲ آبان ۱۴۰۴' / '3 November 2025'."""
    if _is_missing(value):
        return MISSING
    return jalali.format_date_long(value, language=_language())


@register.filter
def local_digits(value: object) -> str:
    """Persian digits in Persian, the value unchanged in English; a number (int, Decimal,
    float) is written by `numbers.format_number` (separators included: '۹۹٫۵', '۳۱۵٬۰۰۰')."""
    if _is_missing(value):
        return MISSING
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return numbers.format_number(value, None, _language())
    return _digits(str(value))


@register.filter
def num(value: object, decimals: int | str | None = None) -> str:
    """A number as the language writes it: '۱۲٬۳۴۵' / '12,345'; `|num:2` with two decimal
    places ('۱۲۰٫۰۰' / '120.00'). Text that is not a number is shown with local digits."""
    if _is_missing(value):
        return MISSING
    places = None if decimals in (None, "") else int(decimals)
    try:
        return numbers.format_number(value, places, _language())
    except (TypeError, ValueError, ArithmeticError):
        return _digits(str(value))


@register.filter
def filesize(value: int | None) -> str:
    """A size in bytes: '۱۹۳ بایت', '۵ مگابایت' / '193 bytes', '5 MB'."""
    if _is_missing(value):
        return MISSING
    return numbers.format_size(int(value), _language())


@register.filter
def percent(value: object, decimals: int | str = 1) -> str:
    """A percentage (already times 100): '۹۹٫۵٪' / '99.5%'."""
    if _is_missing(value):
        return MISSING
    return numbers.format_percent(value, int(decimals), _language())


@register.filter
def join_local(items) -> str:
    """Items joined with the language's list separator: 'الف، ب' / 'a, b'."""
    return numbers.join_list(items, _language())


@register.filter
def rials(value: int | None) -> str:
    """'۱۲٬۳۴۵٬۰۰۰ ریال' / '12,345,000 rials'."""
    if _is_missing(value):
        return MISSING
    return money.format_rials(value, language=_language())


@register.filter
def tomans(value: int | None) -> str:
    """A rial amount shown in tomans: '۱٬۲۳۴٬۵۰۰ تومان' / '1,234,500 tomans'."""
    if _is_missing(value):
        return MISSING
    return money.format_tomans(value, language=_language())


@register.filter(name="tracking")
def tracking_code(value: str | None) -> str:
    """'۱۲۳۴-۵۶۷۸-۹۰۱۲' / '1234-5678-9012'."""
    if _is_missing(value):
        return MISSING
    try:
        formatted = tracking.format_tracking_code(str(value))
    except ValueError:
        formatted = str(value)  # not canonical (legacy or typed); show it as it is
    return _digits(formatted)


@register.filter
def masked_national_code(value: str | None) -> str:
    """'۰۴۹****۸۹۹' / '049****899': enough to recognise, not enough to misuse.

    In Persian the result is wrapped in a left-to-right isolate (invisible) for the reason
    given at `_LTR_ISOLATE`.
    """
    if _is_missing(value):
        return MISSING
    masked = mask_national_code(str(value))
    if not jalali.is_persian(_language()):
        return masked
    return f"{_LTR_ISOLATE}{to_persian_digits(masked)}{_POP_ISOLATE}"
