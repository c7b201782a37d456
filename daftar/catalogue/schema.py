"""Validating a file's form data against its service's fields (fields are data).

`clean_form(service_fields, raw)` returns the canonical values (JSON-ready: numbers as
strings for decimals, dates as ISO strings) and a dict of field → translated message for
everything wrong, so a form can show every problem at once and an API can name the first.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from daftar.catalogue.choices import FieldType
from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.core.digits import to_ascii_digits
from daftar.core.errors import InvalidInput
from daftar.core.identifiers import normalize_national_code, normalize_postal_code
from daftar.core.jalali import current_jalali_year, format_date, is_persian, parse_jalali_date
from daftar.core.numbers import format_message, format_number, localise_message


class FormInvalid(InvalidInput):
    """Carries every field's problem; `field`/message name the first."""

    code = CatalogueErrorCode.FORM_INVALID

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        first = next(iter(errors))
        super().__init__(errors[first], field=first)


def _number(text: str, *, integer: bool) -> Decimal:
    cleaned = to_ascii_digits(str(text)).strip().replace("٬", "").replace(",", "")
    cleaned = cleaned.replace("٫", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("Enter a number.")) from None
    if not value.is_finite():
        raise ValueError(_("Enter a number."))
    if integer and value != value.to_integral_value():
        raise ValueError(_("Enter a whole number."))
    return value


def _clean_one(field, raw) -> object:
    kind = FieldType(field.type)
    text = "" if raw is None else str(raw).strip()
    if kind == FieldType.TEXT:
        if field.max_length and len(text) > field.max_length:
            raise ValueError(
                format_message(_("At most %(n)d characters."), {"n": field.max_length})
            )
        return text
    if kind == FieldType.YEAR:
        value = _number(text, integer=True)
        latest = current_jalali_year()
        if field.max_value is not None:
            latest = min(latest, int(field.max_value))
        if field.min_value is not None and value < field.min_value:
            raise ValueError(
                format_message(_("At least %(n)s."), {"n": field.min_value.normalize()})
            )
        if value > latest:
            raise ValueError(format_message(_("At most %(n)s (the current year)."), {"n": latest}))
        return int(value)
    if kind in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.AREA):
        value = _number(text, integer=kind == FieldType.INTEGER)
        if kind == FieldType.AREA and value <= 0:
            raise ValueError(_("The area must be more than zero."))
        if field.min_value is not None and value < field.min_value:
            raise ValueError(format_message(_("At least %(n)s."), {"n": field.min_value}))
        if field.max_value is not None and value > field.max_value:
            raise ValueError(format_message(_("At most %(n)s."), {"n": field.max_value}))
        if kind == FieldType.INTEGER:
            return int(value)
        return str(value.quantize(Decimal("0.01")))
    if kind == FieldType.CHOICE:
        allowed = {str(choice["value"]): choice["value"] for choice in field.choices}
        key = to_ascii_digits(text)
        if key not in allowed:
            raise ValueError(_("Choose one of the listed options."))
        return allowed[key]
    if kind == FieldType.DATE:
        try:
            return parse_jalali_date(text).isoformat()
        except ValidationError as error:
            raise ValueError(localise_message(error.messages[0])) from None
    if kind in (FieldType.NATIONAL_CODE, FieldType.POSTAL_CODE):
        normaliser = (
            normalize_national_code if kind == FieldType.NATIONAL_CODE else normalize_postal_code
        )
        try:
            return normaliser(text)
        except ValidationError as error:
            raise ValueError(localise_message(error.messages[0])) from None
    raise ValueError(_("This field cannot be filled in here."))


def clean_form(fields, raw: dict) -> tuple[dict, dict[str, str]]:
    """Validate `raw` against `fields` (FormField rows; FILE fields are documents, skipped)."""
    cleaned: dict = {}
    errors: dict[str, str] = {}
    known = set()
    for field in fields:
        known.add(field.name)
        if field.type == FieldType.FILE:
            continue
        value = raw.get(field.name)
        if value is None or str(value).strip() == "":
            if field.required:
                errors[field.name] = _("%(label)s is required.") % {"label": field.label}
            continue
        try:
            cleaned[field.name] = _clean_one(field, value)
        except ValueError as error:
            errors[field.name] = f"{field.label}: {error}"
    for unknown in sorted(set(raw) - known):
        errors[unknown] = _("%(name)s is not a field of this service.") % {"name": unknown}
    return cleaned, errors


def display_value(field, value) -> str:
    """A stored form value as a person reads it, in the active language: numbers by
    `format_number` ('۱۲۰', '۲۵۰٫۵'), a choice by its label, a date as a Jalali date; codes
    (national, postal) and text as stored (templates give them local digits)."""
    if value is None or value == "":
        return ""
    kind = FieldType(field.type)
    if kind in (FieldType.INTEGER, FieldType.YEAR, FieldType.DECIMAL, FieldType.AREA):
        try:
            return format_number(Decimal(str(value)))
        except (InvalidOperation, ValueError):
            return str(value)
    if kind == FieldType.CHOICE:
        for choice in field.choices or []:
            if str(choice.get("value")) == str(value):
                persian = is_persian(get_language())
                return choice.get("label_fa" if persian else "label_en") or choice.get(
                    "label_fa", str(value)
                )
        return str(value)
    if kind == FieldType.DATE:
        try:
            return format_date(datetime.date.fromisoformat(str(value)), language=get_language())
        except ValueError:
            return str(value)
    return str(value)
