"""File tracking codes (کد رهگیری): 12 digits, the last a Verhoeff check digit.

Citizens read these codes aloud over the phone and type them on small keyboards. The
Verhoeff scheme catches every single mistyped digit and every swap of two neighbouring
digits, the two mistakes people make most. The first eleven digits are random (from
`secrets` unless a seeded generator is given), so a code says nothing about how many files
an office has opened or when.
"""

from __future__ import annotations

import random
import re
import secrets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from daftar.core.digits import to_ascii_digits

TRACKING_CODE_LENGTH = 12
_RANDOM_PART = TRACKING_CODE_LENGTH - 1
_SEPARATORS = re.compile(r"[\s\-‐‑–—_]+")

# Verhoeff's tables: multiplication in the dihedral group D5, the position permutations
# (powers of (1 5 8 9 4 2 7 0)(3 6)), and the group inverse.
_MULTIPLY = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_PERMUTE = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_INVERSE = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _checksum(digits: str, *, offset: int) -> int:
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _MULTIPLY[check][_PERMUTE[(position + offset) % 8][int(digit)]]
    return check


def verhoeff_check_digit(digits: str) -> str:
    """The Verhoeff check digit to append to `digits` (ASCII digits, at least one)."""
    if not digits or not _is_ascii_digits(digits):
        raise ValueError(f"expected ASCII digits, got {digits!r}")
    return str(_INVERSE[_checksum(digits, offset=1)])


def verhoeff_valid(code: str) -> bool:
    """True if the last digit of `code` is the Verhoeff check digit of the others."""
    if len(code) < 2 or not _is_ascii_digits(code):
        return False
    return _checksum(code, offset=0) == 0


def new_tracking_code(rng: random.Random | None = None) -> str:
    """A fresh 12-digit tracking code; pass a seeded `rng` only in tests and demo data."""
    low, high = 10 ** (_RANDOM_PART - 1), 10**_RANDOM_PART  # first digit never zero
    if rng is None:
        body = str(low + secrets.randbelow(high - low))
    else:
        body = str(rng.randrange(low, high))
    return body + verhoeff_check_digit(body)


def normalize_tracking_code(text: object) -> str:
    """The canonical 12 ASCII digits of a typed tracking code, or a ValidationError.

    Persian and Arabic-Indic digits, spaces and dashes are accepted ('۱۲۳۴-۵۶۷۸-۹۰۱۲').
    """
    code = _SEPARATORS.sub("", to_ascii_digits(str(text or "")))
    if not code:
        raise ValidationError(_("Enter the tracking code."), code="tracking_code_required")
    if not _is_ascii_digits(code):
        raise ValidationError(
            _("The tracking code may contain digits only."), code="tracking_code_invalid"
        )
    if len(code) != TRACKING_CODE_LENGTH:
        raise ValidationError(
            _("The tracking code must have exactly %(length)d digits; %(count)d were entered."),
            code="tracking_code_length",
            params={"length": TRACKING_CODE_LENGTH, "count": len(code)},
        )
    if code[0] == "0" or not verhoeff_valid(code):
        raise ValidationError(
            _("This tracking code is not valid. Please check it and type it again."),
            code="tracking_code_invalid",
        )
    return code


def format_tracking_code(code: str) -> str:
    """'123456789012' -> '1234-5678-9012' (canonical codes only)."""
    if len(code) != TRACKING_CODE_LENGTH or not _is_ascii_digits(code):
        raise ValueError(f"not a canonical tracking code: {code!r}")
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"
