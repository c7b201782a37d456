"""Numbers as people read them: the one place where a number becomes text.

Persian shows Persian digits with the Persian thousands separator (٬, U+066C) and decimal
separator (٫, U+066B): '۱۲٬۳۴۵٫۶'; English shows ASCII digits with ',' and '.':
'12,345.6'. Everything that puts a number in front of a person goes through here — the
`num`, `filesize` and `percent` template filters, rials (`money.py`), SMS texts, validation
messages (`localise_message`) — so no Latin digit or Latin separator can slip into Persian
text, and no Persian digit into English.

`language` is an explicit argument everywhere; None means the active language (the request's,
or the one a task activated with `translation.override`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import get_language

from daftar.core.digits import to_persian_digits
from daftar.core.jalali import is_persian

PERSIAN_THOUSANDS_SEPARATOR = "\u066c"  # ٬
PERSIAN_DECIMAL_SEPARATOR = "\u066b"  # ٫
PERSIAN_PERCENT_SIGN = "\u066a"  # ٪
PERSIAN_LIST_SEPARATOR = "، "
ENGLISH_LIST_SEPARATOR = ", "

# Byte units, smallest first: (bytes, Persian name, English symbol).
_SIZE_UNITS = (
    (1, "بایت", "bytes"),
    (1024, "کیلوبایت", "KB"),
    (1024**2, "مگابایت", "MB"),
    (1024**3, "گیگابایت", "GB"),
)


class Bytes(int):
    """A number of bytes: `format_message` writes it as a file size ('۶ مگابایت' / '6 MB')."""


def active_language(language: str | None = None) -> str:
    """`language`, or the active one, or the project's default."""
    return language or get_language() or settings.LANGUAGE_CODE


def localise_separators(number: str, *, language: str | None = None) -> str:
    """'1,234.5' (ASCII digits, ',' and '.') as written in `language`: '۱٬۲۳۴٫۵' in Persian."""
    if not is_persian(active_language(language)):
        return number
    number = number.replace(",", PERSIAN_THOUSANDS_SEPARATOR)
    return to_persian_digits(number.replace(".", PERSIAN_DECIMAL_SEPARATOR))


def format_number(
    value: int | float | Decimal | str,
    decimals: int | None = None,
    language: str | None = None,
    *,
    grouping: bool | None = None,
) -> str:
    """'۱۲٬۳۴۵' / '12,345'; with `decimals`, exactly that many places, rounded half up
    ('۱۲۰٫۰۰' / '120.00'); without, a whole number has none and a fraction keeps its places
    ('۲٫۵' / '2.5'). A numeric string ('1404', '2.50') is read as a Decimal; bools are refused.

    Thousands separators: by default only from 10,000 up (CLDR's "minimum grouping digits"
    of 2), so that years, counts and small numbers read as people write them ('۱۴۰۴',
    '۲۰۲۵', '۶۱۴۴ کیلوبایت') and large ones are grouped ('۳۱۵٬۰۰۰'); `grouping=True` groups
    every number of four digits or more (amounts of money), `grouping=False` none.
    """
    if isinstance(value, bool):
        raise TypeError("format_number takes a number, not a bool")
    number = Decimal(str(value)) if isinstance(value, str | float) else value
    if isinstance(number, Decimal):
        if not number.is_finite():
            raise ValueError(f"format_number takes a finite number, not {value!r}")
        if decimals is not None:
            number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        elif number == number.to_integral_value():
            number = int(number)
    elif not isinstance(number, int):
        raise TypeError(f"format_number takes a number, not {type(value).__name__}")
    if isinstance(number, int) and decimals:
        number = Decimal(number).quantize(Decimal(1).scaleb(-decimals))
    negative = number < 0
    if grouping is None:
        grouping = abs(number) >= 10_000
    spec = ("," if grouping else "") + ("f" if isinstance(number, Decimal) else "d")
    text = format(abs(number), spec)
    if negative:
        text = f"-{text}"
    if not is_persian(active_language(language)):
        return text
    if negative:  # the minus at the number's left, whatever the paragraph (see money.py)
        text = "\u200e\u2212" + text[1:]
    return localise_separators(text, language=language)


def format_percent(value: float | Decimal | int, decimals: int = 1, language=None) -> str:
    """A percentage already multiplied by 100: '۹۹٫۵٪' / '99.5%'."""
    number = format_number(Decimal(str(value)), decimals, language)
    if is_persian(active_language(language)):
        return f"{number}{PERSIAN_PERCENT_SIGN}"
    return f"{number}%"


def format_size(size_in_bytes: int, language: str | None = None) -> str:
    """A file size in the largest unit it fills, one decimal place at most and none when
    whole: '۱۹۳ بایت', '۶ مگابایت', '۱٫۵ کیلوبایت' / '193 bytes', '6 MB', '1.5 KB'."""
    if isinstance(size_in_bytes, bool) or not isinstance(size_in_bytes, int):
        raise TypeError("format_size takes an int number of bytes")
    factor, name_fa, name_en = next(
        unit for unit in reversed(_SIZE_UNITS) if size_in_bytes >= unit[0] or unit[0] == 1
    )
    amount = Decimal(size_in_bytes) / factor
    amount = amount.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    number = format_number(amount, None, language)
    persian = is_persian(active_language(language))
    if not persian and factor == 1 and size_in_bytes == 1:
        return f"{number} byte"
    return f"{number} {name_fa if persian else name_en}"


def join_list(items: Iterable[object], language: str | None = None) -> str:
    """Items joined with the language's list separator: 'الف، ب' / 'a, b'."""
    separator = (
        PERSIAN_LIST_SEPARATOR if is_persian(active_language(language)) else ENGLISH_LIST_SEPARATOR
    )
    return separator.join(str(item) for item in items)


# A number written with ASCII digits that is not part of a code: not glued to a Latin letter,
# a digit, or a code's '-' or '_' ('T0101', 'R-000000123', 'SHA-256' stay).
_LATIN_NUMBER = re.compile(r"(?<![A-Za-z0-9_\-.,])[0-9]+(?:\.[0-9]+)?(?![A-Za-z0-9_\-])")


def localise_message(text: str, language: str | None = None) -> str:
    """A message whose numbers were filled in with ASCII digits (Django's validators, '%d'
    placeholders), with each of those numbers written as `format_number` would ('حداکثر ۱۴۰۴',
    '۱۰ رقم'). Codes (digits beside Latin letters, '-' or '_') are kept."""
    if not is_persian(active_language(language)):
        return text

    def one(match: re.Match[str]) -> str:
        number = Decimal(match.group())
        return format_number(number, None, language)

    return _LATIN_NUMBER.sub(one, str(text))


_INTEGER_PLACEHOLDER = re.compile(r"%\((\w+)\)d")


def format_message(message: object, params: dict, language: str | None = None) -> str:
    """`message % params` with each number of `params` written by `format_number` ('%(n)d'
    placeholders included: 'Article %(n)d' → 'ماده ۱۲'); other values are filled in as they
    are (a float is left alone: pass a Decimal or an int)."""
    template = _INTEGER_PLACEHOLDER.sub(r"%(\1)s", str(message))
    return template % {name: _param(value, language) for name, value in params.items()}


def _param(value: object, language: str | None) -> object:
    if isinstance(value, Bytes):
        return format_size(int(value), language)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return value
    return format_number(value, None, language)


def local_digits(text: object, language: str | None = None) -> str:
    """Text whose digits are written in `language` ('1404/3' → '۱۴۰۴/۳' in Persian): for
    numbers that are text (decision numbers, dates typed as text), not for codes meant to stay
    Latin."""
    text = str(text)
    return to_persian_digits(text) if is_persian(active_language(language)) else text
