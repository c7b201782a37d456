"""Error codes as enums: the base every app's codes derive from, and the generic ones.

Every `DaftarError` carries a `code` that partner apps branch on, so a code is a member of an
`ErrorCode` enum, never a string typed at the raise: each app declares its own in
`daftar/<app>/error_codes.py` (one `StrEnum` per app, named for what went wrong), core the
generic ones below. A value is defined once across all apps and never changes once published
(docs/adr/0014-error-codes-as-enums.md); each member carries its meaning, translated, which
docs/error-codes.md lists (generated: `manage.py error_codes`).
"""

from __future__ import annotations

import importlib
import importlib.util
from enum import StrEnum

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ErrorCode(StrEnum):
    """A stable error code: the member's value is the wire value, `description` its meaning."""

    description: Promise

    def __new__(cls, value: str, description: Promise) -> ErrorCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member


class CoreErrorCode(ErrorCode):
    """Generic codes (the field names what is wrong) and the identifiers' validation codes."""

    ERROR = "error", _("The request could not be completed.")
    INVALID = "invalid", _("Some of the information entered is not valid (the field says which).")
    REQUIRED = "required", _("A required value is missing (the field says which).")
    DUPLICATE = "duplicate", _("The value is already registered and must be unique.")
    TOO_LONG = "too_long", _("A text is longer than allowed.")
    OUT_OF_RANGE = "out_of_range", _("A number is outside its allowed range.")
    NOT_FOUND = "not_found", _("Not found, or not visible to you.")
    FORBIDDEN = "forbidden", _("You are not allowed to do this.")
    CONFLICT = "conflict", _("This cannot be done in the object's current state.")
    RATE_LIMITED = "rate_limited", _("Too many attempts; try again later.")
    UNAVAILABLE = "unavailable", _("The service is temporarily unavailable.")
    REQUEST_TOO_LARGE = "request_too_large", _("The request body is larger than allowed.")
    CONTROL_CHARACTER = (
        "control_character",
        _("The address, query or body contains a control character (such as a null byte)."),
    )
    NUMBER_TOO_LARGE = "number_too_large", _("A number in the request is too large.")
    BAD_REQUEST = "bad_request", _("The request could not be understood.")
    BAD_SIGNATURE = "bad_signature", _("A signature does not match the request.")
    EMPTY_FILE = "empty_file", _("The uploaded file is empty.")
    FILE_TOO_LARGE = "file_too_large", _("The uploaded file is larger than allowed.")
    FILE_TYPE = "file_type", _("The uploaded file is not of an accepted type.")
    NATIONAL_CODE_REQUIRED = "national_code_required", _("The national code is missing.")
    NATIONAL_CODE_NOT_DIGITS = (
        "national_code_not_digits",
        _("The national code contains something other than digits."),
    )
    NATIONAL_CODE_LENGTH = "national_code_length", _("The national code does not have ten digits.")
    NATIONAL_CODE_REPEATED = "national_code_repeated", _("The national code is one digit repeated.")
    NATIONAL_CODE_CHECKSUM = (
        "national_code_checksum",
        _("The national code's check digit is wrong."),
    )
    LEGAL_ID_REQUIRED = "legal_id_required", _("The legal entity's national ID is missing.")
    LEGAL_ID_NOT_DIGITS = (
        "legal_id_not_digits",
        _("The national ID contains something other than digits."),
    )
    LEGAL_ID_LENGTH = "legal_id_length", _("The national ID does not have eleven digits.")
    LEGAL_ID_REPEATED = "legal_id_repeated", _("The national ID is one digit repeated.")
    LEGAL_ID_INVALID = "legal_id_invalid", _("The national ID is not a valid legal-entity ID.")
    LEGAL_ID_CHECKSUM = "legal_id_checksum", _("The national ID's check digit is wrong.")
    POSTAL_CODE_REQUIRED = "postal_code_required", _("The postal code is missing.")
    POSTAL_CODE_NOT_DIGITS = (
        "postal_code_not_digits",
        _("The postal code contains something other than digits."),
    )
    POSTAL_CODE_LENGTH = "postal_code_length", _("The postal code does not have ten digits.")
    POSTAL_CODE_INVALID = (
        "postal_code_invalid",
        _("The postal code is not a valid Iranian postal code."),
    )
    SHEBA_REQUIRED = "sheba_required", _("The Sheba number is missing.")
    SHEBA_PREFIX = "sheba_prefix", _("The Sheba number does not start with IR.")
    SHEBA_LENGTH = "sheba_length", _("The Sheba number does not have IR and 24 digits.")
    SHEBA_CHECK_DIGITS = "sheba_check_digits", _("The Sheba number's check digits are malformed.")
    SHEBA_CHECKSUM = "sheba_checksum", _("The Sheba number fails its checksum.")
    MOBILE_REQUIRED = "mobile_required", _("The mobile number is missing.")
    MOBILE_INVALID = "mobile_invalid", _("The mobile number is not a valid Iranian mobile number.")
    MOBILE_UNALLOCATED = (
        "mobile_unallocated",
        _("The mobile number's prefix is not allocated to any operator."),
    )


def error_code_enums() -> list[type[ErrorCode]]:
    """Every app's ErrorCode enum, core first, in INSTALLED_APPS order."""
    found: list[type[ErrorCode]] = []
    for config in apps.get_app_configs():
        name = f"{config.name}.error_codes"
        if not config.name.startswith("daftar.") or importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, ErrorCode)
            and value is not ErrorCode
            and value.__module__ == name
        ]
    return found


def error_code_lookup(value: str) -> ErrorCode:
    """The member whose wire value is `value` (values are unique across apps)."""
    for enum in error_code_enums():
        if value in enum._value2member_map_:
            return enum(value)
    raise LookupError(value)
