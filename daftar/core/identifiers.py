"""Iranian identifiers: validate, normalise to the canonical ASCII form, or explain why not.

Each `normalize_*` accepts Persian/Arabic-Indic digits, spaces and dashes (and the usual
prefixes for mobiles and Sheba numbers) and returns the canonical value stored in the
database, or raises a `ValidationError` with a stable code and a translated message that
names the identifier.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from daftar.core.digits import to_ascii_digits, to_persian_digits
from daftar.core.error_codes import CoreErrorCode
from daftar.core.jalali import is_persian

_SEPARATORS = re.compile(r"[\s\-‐‑–—_.]+")
# Direction marks and isolates that text copied from right-to-left pages often carries.
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _clean(value: object) -> str:
    if value is None:
        return ""
    return _SEPARATORS.sub("", _BIDI_MARKS.sub("", to_ascii_digits(str(value))))


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() alone also accepts other scripts' digits and superscripts ("²"), which
    # would either be stored non-canonically or crash int() instead of failing validation.
    return text.isascii() and text.isdigit()


# --- national code (کد ملی) ------------------------------------------------------------------


def national_code_check_digit(first_nine: str) -> int:
    total = sum(int(digit) * (10 - position) for position, digit in enumerate(first_nine))
    remainder = total % 11
    return remainder if remainder < 2 else 11 - remainder


def normalize_national_code(value: object) -> str:
    code = _clean(value)
    if not code:
        raise ValidationError(
            _("Enter the national code."), code=CoreErrorCode.NATIONAL_CODE_REQUIRED
        )
    if not _is_ascii_digits(code):
        raise ValidationError(
            _("The national code may contain digits only."),
            code=CoreErrorCode.NATIONAL_CODE_NOT_DIGITS,
        )
    if len(code) != 10:
        raise ValidationError(
            _("The national code must have exactly 10 digits; %(count)d were entered."),
            code=CoreErrorCode.NATIONAL_CODE_LENGTH,
            params={"count": len(code)},
        )
    if len(set(code)) == 1:
        raise ValidationError(
            _("A national code cannot consist of one repeated digit."),
            code=CoreErrorCode.NATIONAL_CODE_REPEATED,
        )
    if national_code_check_digit(code[:9]) != int(code[9]):
        raise ValidationError(
            _("This national code is not valid (its check digit does not match)."),
            code=CoreErrorCode.NATIONAL_CODE_CHECKSUM,
        )
    return code


# --- legal-entity national ID (شناسه ملی) ----------------------------------------------------

_LEGAL_ID_WEIGHTS = (29, 27, 23, 19, 17, 29, 27, 23, 19, 17)


def legal_id_check_digit(first_ten: str) -> int:
    bias = int(first_ten[9]) + 2
    total = sum((int(d) + bias) * w for d, w in zip(first_ten, _LEGAL_ID_WEIGHTS, strict=True))
    remainder = total % 11
    return 0 if remainder == 10 else remainder


def normalize_legal_id(value: object) -> str:
    code = _clean(value)
    if not code:
        raise ValidationError(
            _("Enter the legal entity's national ID."), code=CoreErrorCode.LEGAL_ID_REQUIRED
        )
    if not _is_ascii_digits(code):
        raise ValidationError(
            _("The national ID may contain digits only."), code=CoreErrorCode.LEGAL_ID_NOT_DIGITS
        )
    if len(code) != 11:
        raise ValidationError(
            _(
                "The legal entity's national ID must have exactly 11 digits; "
                "%(count)d were entered."
            ),
            code=CoreErrorCode.LEGAL_ID_LENGTH,
            params={"count": len(code)},
        )
    if len(set(code)) == 1:
        raise ValidationError(
            _("A national ID cannot consist of one repeated digit."),
            code=CoreErrorCode.LEGAL_ID_REPEATED,
        )
    if code[3:9] == "000000":
        raise ValidationError(
            _("This national ID is not valid (digits 4 to 9 cannot all be zero)."),
            code=CoreErrorCode.LEGAL_ID_INVALID,
        )
    if legal_id_check_digit(code[:10]) != int(code[10]):
        raise ValidationError(
            _("This national ID is not valid (its check digit does not match)."),
            code=CoreErrorCode.LEGAL_ID_CHECKSUM,
        )
    return code


# --- postal code (کد پستی) ---------------------------------------------------------------------


def normalize_postal_code(value: object) -> str:
    code = _clean(value)
    if not code:
        raise ValidationError(_("Enter the postal code."), code=CoreErrorCode.POSTAL_CODE_REQUIRED)
    if not _is_ascii_digits(code):
        raise ValidationError(
            _("The postal code may contain digits only."), code=CoreErrorCode.POSTAL_CODE_NOT_DIGITS
        )
    if len(code) != 10:
        raise ValidationError(
            _("The postal code must have exactly 10 digits; %(count)d were entered."),
            code=CoreErrorCode.POSTAL_CODE_LENGTH,
            params={"count": len(code)},
        )
    if any(digit in "02" for digit in code[:5]):
        raise ValidationError(
            _("This postal code is not valid: its first five digits cannot include 0 or 2."),
            code=CoreErrorCode.POSTAL_CODE_INVALID,
        )
    return code


# --- Sheba / IBAN (شبا) ------------------------------------------------------------------------


def sheba_checksum_ok(sheba: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to numbers, mod 97 == 1.

    The remainder alone does not make the check digits valid: 00, 01 and 99 leave the same
    remainders as 97, 98 and 02, and ISO 13616 allows only 02 to 98 (`normalize_sheba`)."""
    rearranged = sheba[4:] + sheba[:4]
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(numeric) % 97 == 1


def sheba_check_digits(bban: str) -> str:
    """The two check digits for an Iranian BBAN of 22 digits."""
    numeric = "".join(str(int(ch, 36)) for ch in bban + "IR00")
    return f"{98 - int(numeric) % 97:02d}"


def normalize_sheba(value: object) -> str:
    sheba = _clean(value).upper()
    if not sheba:
        raise ValidationError(_("Enter the Sheba number."), code=CoreErrorCode.SHEBA_REQUIRED)
    if _is_ascii_digits(sheba) and len(sheba) == 24:
        sheba = "IR" + sheba
    if not sheba.startswith("IR"):
        raise ValidationError(
            _("The Sheba number must start with IR."),
            code=CoreErrorCode.SHEBA_PREFIX,
        )
    if not _is_ascii_digits(sheba[2:]) or len(sheba) != 26:
        raise ValidationError(
            _("The Sheba number must be IR followed by exactly 24 digits."),
            code=CoreErrorCode.SHEBA_LENGTH,
        )
    if not 2 <= int(sheba[2:4]) <= 98:
        raise ValidationError(
            _("This Sheba number is not valid (its check digits must be between 02 and 98)."),
            code=CoreErrorCode.SHEBA_CHECK_DIGITS,
        )
    if not sheba_checksum_ok(sheba):
        raise ValidationError(
            _("This Sheba number is not valid (its check digits do not match)."),
            code=CoreErrorCode.SHEBA_CHECKSUM,
        )
    return sheba


# --- mobile ----------------------------------------------------------------------------------

_COUNTRY_AND_TRUNK_PREFIXES = ("+98", "0098", "98", "0")
MOBILE_PREFIXES_FILE = Path(__file__).resolve().parent / "data" / "mobile_prefixes.json"
_ONE_PAIR_OF_PARENTHESES = re.compile(r"([^()]*)\(([^()]*)\)([^()]*)")


@dataclass(frozen=True, slots=True)
class MobilePrefix:
    """A prefix in use by an operator, as dialled in Iran ("0912", "09981")."""

    prefix: str
    operator: str
    operator_fa: str

    @property
    def national(self) -> str:
        """The prefix without the trunk 0: what a canonical +98 number continues with."""
        return self.prefix[1:]


@functools.cache
def mobile_prefixes() -> tuple[MobilePrefix, ...]:
    """The allocated mobile prefixes from `data/mobile_prefixes.json`, read once per process.

    A malformed file stops the process at the first mobile number rather than accepting
    numbers it cannot judge (docs/operations.md, "Mobile number prefixes").
    """
    try:
        rows = json.loads(MOBILE_PREFIXES_FILE.read_text(encoding="utf-8"))["prefixes"]
        prefixes = tuple(
            MobilePrefix(row["prefix"], row["operator"], row["operator_fa"]) for row in rows
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ImproperlyConfigured(f"{MOBILE_PREFIXES_FILE} cannot be read: {error}") from error
    for entry in prefixes:
        if not re.fullmatch(r"09\d{2,5}", entry.prefix):
            raise ImproperlyConfigured(
                f"{MOBILE_PREFIXES_FILE}: {entry.prefix!r} is not 09 followed by 2 to 5 digits"
            )
    if len({entry.prefix for entry in prefixes}) != len(prefixes):
        raise ImproperlyConfigured(f"{MOBILE_PREFIXES_FILE} lists a prefix twice")
    return prefixes


@functools.cache
def _prefixes_by_length() -> tuple[tuple[int, dict[str, MobilePrefix]], ...]:
    by_length: dict[int, dict[str, MobilePrefix]] = {}
    for entry in mobile_prefixes():
        by_length.setdefault(len(entry.national), {})[entry.national] = entry
    return tuple(sorted(by_length.items(), reverse=True))  # longest (most specific) first


def mobile_prefix_of(number: str) -> MobilePrefix | None:
    """The allocated prefix a mobile number starts with (canonical +98..., or the 10 digits
    after it), or None for a range no operator uses."""
    national = number.removeprefix("+98")
    for length, entries in _prefixes_by_length():
        if (entry := entries.get(national[:length])) is not None:
            return entry
    return None


def _unallocated_prefix(national: str) -> str:
    """The shortest beginning of the number (as dialled, at least 0 + 3 digits) that no
    allocated prefix shares: "0951" for 0951…, but "09958" for 09958… (09955 is in use)."""
    for length in range(3, len(national)):
        head = national[:length]
        if not any(entry.national.startswith(head) for entry in mobile_prefixes()):
            return "0" + head
    return "0" + national


def _local_digits(text: str) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return to_persian_digits(text) if is_persian(language) else text


# Rendered when the message is, in the language active then (Persian digits in Persian).
_in_local_digits = lazy(_local_digits, str)


def _without_parentheses(number: str) -> str:
    """One pair of parentheses around the prefix, as in (0912) 123 4567 or +98(912)1234567,
    is dropped; anything else is left as typed (and then fails the shape check)."""
    match = _ONE_PAIR_OF_PARENTHESES.fullmatch(number)
    return "".join(match.groups()) if match else number


def normalize_mobile(value: object, *, check_prefix: bool = True) -> str:
    """The canonical +989XXXXXXXXX form of an Iranian mobile number.

    `check_prefix=False` only checks the shape: for numbers already stored, which an
    update of the prefix list must not make undeliverable.
    """
    number = _clean(value)
    if not number:
        raise ValidationError(_("Enter the mobile number."), code=CoreErrorCode.MOBILE_REQUIRED)
    number = _without_parentheses(number)
    for prefix in _COUNTRY_AND_TRUNK_PREFIXES:
        if not number.startswith(prefix):
            continue
        rest = number.removeprefix(prefix)
        if prefix != "0" and len(rest) == 11 and rest.startswith("0"):
            rest = rest[1:]  # "+98 0912 …": the trunk 0 typed after the country code
        if len(rest) == 10:
            number = rest
            break
    if not _is_ascii_digits(number) or len(number) != 10 or not number.startswith("9"):
        raise ValidationError(
            _("Enter an Iranian mobile number such as 09123456789."),
            code=CoreErrorCode.MOBILE_INVALID,
        )
    if check_prefix and mobile_prefix_of(number) is None:
        raise ValidationError(
            _(
                "No Iranian operator gives out mobile numbers starting with %(prefix)s; "
                "check the mobile number."
            ),
            code=CoreErrorCode.MOBILE_UNALLOCATED,
            params={"prefix": _in_local_digits(_unallocated_prefix(number))},
        )
    return "+98" + number


def mobile_display(canonical: str) -> str:
    """+989123456789 -> 0912 345 6789 (the form Iranians write)."""
    local = "0" + canonical.removeprefix("+98")
    return f"{local[:4]} {local[4:7]} {local[7:]}"


# Django-style validators (raise, return nothing) for model and form fields.


def validate_national_code(value: object) -> None:
    normalize_national_code(value)


def validate_legal_id(value: object) -> None:
    normalize_legal_id(value)


def validate_postal_code(value: object) -> None:
    normalize_postal_code(value)


def validate_sheba(value: object) -> None:
    normalize_sheba(value)


def validate_mobile(value: object) -> None:
    normalize_mobile(value)
