"""Shared form fields: a Jalali date field that hands Gregorian dates to the rest of the code.

People type Solar Hijri dates, with Persian or ASCII digits; services and models only ever
see `datetime.date`. The calendar conversion happens here and nowhere else in forms.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.forms.utils import ErrorList
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from daftar.core import jalali
from daftar.core.digits import to_persian_digits
from daftar.core.numbers import localise_message

_EXAMPLE_DATE = "1404/08/12"


def _placeholder() -> str:
    # Persian digits for Persian readers; the field accepts either kind of digit.
    if jalali.is_persian(get_language()):
        return to_persian_digits(_EXAMPLE_DATE)
    return _EXAMPLE_DATE


placeholder_lazy = lazy(_placeholder, str)

# What a drop-down offers before anything is chosen, site-wide, instead of Django's "---------".
CHOOSE_LABEL = _("— Choose —")
_BLANK_LABELS = {"---------", "—", "-", ""}


def label_blank_choice(field: forms.Field) -> None:
    """Give `field`'s empty option the words "— Choose —" (in the reader's language) in place
    of Django's "---------" or a bare dash; other options are left alone. Called for every
    drop-down the templates render (`daftar_forms.bootstrap_widget`)."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None and str(field.empty_label) in _BLANK_LABELS:
            field.empty_label = CHOOSE_LABEL
        return
    # A ChoiceField, or another field drawn as a drop-down (a number chosen from a list).
    owner = field if isinstance(field, forms.ChoiceField) else field.widget
    choices = list(getattr(owner, "choices", ()))
    relabelled = [
        (value, CHOOSE_LABEL)
        if value in ("", None)
        and not isinstance(label, list | tuple)
        and str(label) in _BLANK_LABELS
        else (value, label)
        for value, label in choices
    ]
    if relabelled != choices:
        owner.choices = relabelled


class JalaliDateField(forms.Field):
    """A date typed in the Jalali calendar; `cleaned_data` holds a Gregorian `date`.

    Accepts 'YYYY/MM/DD' or 'YYYY-MM-DD' with Persian, Arabic-Indic or ASCII digits.
    Initial values (dates, or aware datetimes taken in Tehran) are shown as Jalali dates
    with ASCII digits, which every keyboard can edit.
    """

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("dir", "ltr")
        self.widget.attrs.setdefault("placeholder", placeholder_lazy())
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return jalali.tehran_date(value)
        return jalali.parse_jalali_date(str(value))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.date):
            jalali_date = jalali.to_jalali(jalali.tehran_date(value))
            return f"{jalali_date.year:04d}/{jalali_date.month:02d}/{jalali_date.day:02d}"
        return value  # what the user typed, redisplayed as typed

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        try:
            new = self.to_python(data)
            old = self.to_python(initial)
        except forms.ValidationError:
            return True
        return new != old


class LocalisedErrorList(ErrorList):
    """Form errors whose numbers are written in the reader's language.

    Django's validators fill their messages with ASCII digits ('حداکثر 1404', '10 رقم'); every
    message read from this list (in a template, `form.errors[...]`, `as_ul`) has its numbers
    written by `daftar.core.numbers.localise_message` instead ('حداکثر ۱۴۰۴'), codes kept.
    """

    def __getitem__(self, i):
        error = super().__getitem__(i)
        return localise_message(error) if isinstance(error, str) else error


class LocalisedErrorsMixin:
    """Every form of the project: its errors are a `LocalisedErrorList`
    (`tests/test_persian_digits.py` checks that no form goes without it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("error_class", LocalisedErrorList)
        super().__init__(*args, **kwargs)


class LocalisedErrorsForm(LocalisedErrorsMixin, forms.Form):
    """A `forms.Form` with localised error messages."""


class LocalisedErrorsModelForm(LocalisedErrorsMixin, forms.ModelForm):
    """A `forms.ModelForm` with localised error messages."""
