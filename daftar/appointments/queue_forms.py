"""Forms of the queue's counter screen: they only type-check; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.catalogue.choices import Channel
from daftar.catalogue.selectors import service_list
from daftar.core.forms import LocalisedErrorsForm


class CheckInForm(LocalisedErrorsForm):
    code = forms.CharField(
        label=_("Booking code or QR code"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "autofocus": True}),
        help_text=_("Scan the QR code of the citizen's SMS, or type its code."),
    )
    national_code = forms.CharField(
        label=_("Or the citizen's national code"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}),
    )


class WalkInForm(LocalisedErrorsForm):
    service = forms.ModelChoiceField(
        label=_("Service the visitor came for"),
        queryset=None,
        empty_label=_("Choose a service"),
        error_messages={"required": _("Choose the service the visitor came for.")},
    )
    national_code = forms.CharField(
        label=_("National code (optional)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = service_list(channel=Channel.OFFICE)
