"""Iranian identifiers: validate, normalise to the canonical ASCII form, or explain why not.

Each `normalize_*` accepts Persian/Arabic-Indic digits, spaces and dashes (and the usual
prefixes for mobiles and Sheba numbers) and returns the canonical value stored in the
database, or raises a `ValidationError` with a stable code and a translated message that
names the identifier.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from daftar.core.digits import to_ascii_digits

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
        raise ValidationError(_("Enter the national code."), code="national_code_required")
    if not _is_ascii_digits(code):
        raise ValidationError(
            _("The national code may contain digits only."), code="national_code_not_digits"
        )
    if len(code) != 10:
        raise ValidationError(
            _("The national code must have exactly 10 digits; %(count)d were entered."),
            code="national_code_length",
            params={"count": len(code)},
        )
    if len(set(code)) == 1:
        raise ValidationError(
            _("A national code cannot consist of one repeated digit."),
            code="national_code_repeated",
        )
    if national_code_check_digit(code[:9]) != int(code[9]):
        raise ValidationError(
            _("This national code is not valid (its check digit does not match)."),
            code="national_code_checksum",
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
        raise ValidationError(_("Enter the legal entity's national ID."), code="legal_id_required")
    if not _is_ascii_digits(code):
        raise ValidationError(
            _("The national ID may contain digits only."), code="legal_id_not_digits"
        )
    if len(code) != 11:
        raise ValidationError(
            _(
                "The legal entity's national ID must have exactly 11 digits; "
                "%(count)d were entered."
            ),
            code="legal_id_length",
            params={"count": len(code)},
        )
    if len(set(code)) == 1:
        raise ValidationError(
            _("A national ID cannot consist of one repeated digit."), code="legal_id_repeated"
        )
    if code[3:9] == "000000":
        raise ValidationError(
            _("This national ID is not valid (digits 4 to 9 cannot all be zero)."),
            code="legal_id_invalid",
        )
    if legal_id_check_digit(code[:10]) != int(code[10]):
        raise ValidationError(
            _("This national ID is not valid (its check digit does not match)."),
            code="legal_id_checksum",
        )
    return code


# --- postal code (کد پستی) ---------------------------------------------------------------------


def normalize_postal_code(value: object) -> str:
    code = _clean(value)
    if not code:
        raise ValidationError(_("Enter the postal code."), code="postal_code_required")
    if not _is_ascii_digits(code):
        raise ValidationError(
            _("The postal code may contain digits only."), code="postal_code_not_digits"
        )
    if len(code) != 10:
        raise ValidationError(
            _("The postal code must have exactly 10 digits; %(count)d were entered."),
            code="postal_code_length",
            params={"count": len(code)},
        )
    if any(digit in "02" for digit in code[:5]):
        raise ValidationError(
            _("This postal code is not valid: its first five digits cannot include 0 or 2."),
            code="postal_code_invalid",
        )
    return code


# --- Sheba / IBAN (شبا) ------------------------------------------------------------------------


def sheba_checksum_ok(sheba: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to numbers, mod 97 == 1."""
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
        raise ValidationError(_("Enter the Sheba number."), code="sheba_required")
    if _is_ascii_digits(sheba) and len(sheba) == 24:
        sheba = "IR" + sheba
    if not sheba.startswith("IR"):
        raise ValidationError(
            _("The Sheba number must start with IR."),
            code="sheba_prefix",
        )
    if not _is_ascii_digits(sheba[2:]) or len(sheba) != 26:
        raise ValidationError(
            _("The Sheba number must be IR followed by exactly 24 digits."),
            code="sheba_length",
        )
    if not sheba_checksum_ok(sheba):
        raise ValidationError(
            _("This Sheba number is not valid (its check digits do not match)."),
            code="sheba_checksum",
        )
    return sheba


# --- mobile ----------------------------------------------------------------------------------

_MOBILE_PREFIXES = ("+98", "0098", "98", "0")


def normalize_mobile(value: object) -> str:
    number = _clean(value)
    if not number:
        raise ValidationError(_("Enter the mobile number."), code="mobile_required")
    for prefix in _MOBILE_PREFIXES:
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
            code="mobile_invalid",
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
