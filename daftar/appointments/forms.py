"""Booking's forms: they only normalise and type-check; the rules are the services'."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.core import calendar
from daftar.core.forms import LocalisedErrorsForm
from daftar.core.numbers import local_digits


class SlotField(forms.CharField):
    """A slot's start as its ISO text (what the slot buttons send)."""

    default_error_messages = {"invalid": _("Choose one of the times shown.")}

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > 40:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=calendar.TEHRAN)
        return moment


class SlotForm(LocalisedErrorsForm):
    slot = SlotField(
        label=_("Time"),
        error_messages={"required": _("Choose a time for your visit.")},
    )


class DistrictForm(LocalisedErrorsForm):
    district = forms.TypedChoiceField(
        label=_("District"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("Choose a district"))] + [
            (d.number, d.name) for d in districts
        ]


class NoShowRuleForm(LocalisedErrorsForm):
    decision = forms.TypedChoiceField(label=_("Adopted policy decision"), coerce=int)
    max_no_shows = forms.IntegerField(label=_("Missed appointments that block"), min_value=1)
    window_days = forms.IntegerField(label=_("Counted over (days)"), min_value=1)
    block_days = forms.IntegerField(label=_("Booking blocked for (days)"), min_value=1)

    def __init__(self, *args, decisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [
            (d.pk, f"{local_digits(d.number)} — {d.subject}") for d in decisions
        ]
