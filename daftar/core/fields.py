"""Model and form fields for Iranian identifiers.

Form fields normalise what the user typed (Persian digits, spaces, dashes) into the
canonical value; model fields validate with the same rules and normalise on assignment
through `to_python` when a model is cleaned.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from daftar.core import identifiers

Normaliser = Callable[[object], str]


class IdentifierFormField(forms.CharField):
    normaliser: Normaliser

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 40  # room for spaces and dashes as typed; canonical is shorter
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("dir", "ltr")
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("autocomplete", "off")

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        return type(self).normaliser(value)


class NationalCodeFormField(IdentifierFormField):
    normaliser = staticmethod(identifiers.normalize_national_code)


class LegalIdFormField(IdentifierFormField):
    normaliser = staticmethod(identifiers.normalize_legal_id)


class PostalCodeFormField(IdentifierFormField):
    normaliser = staticmethod(identifiers.normalize_postal_code)


class ShebaFormField(IdentifierFormField):
    normaliser = staticmethod(identifiers.normalize_sheba)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs["inputmode"] = "text"


class MobileFormField(IdentifierFormField):
    normaliser = staticmethod(identifiers.normalize_mobile)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs["inputmode"] = "tel"


class IdentifierField(models.CharField):
    normaliser: Normaliser
    form_class: type[IdentifierFormField]
    canonical_length: int

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = self.canonical_length
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        try:
            return type(self).normaliser(value)
        except ValidationError:
            return value  # left as typed; the validator reports it during full_clean

    def run_validators(self, value):
        if value in self.empty_values:
            return
        type(self).normaliser(value)
        super().run_validators(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": self.form_class, **kwargs})


class NationalCodeField(IdentifierField):
    description = _("Iranian national code")
    normaliser = staticmethod(identifiers.normalize_national_code)
    form_class = NationalCodeFormField
    canonical_length = 10


class LegalIdField(IdentifierField):
    description = _("Legal entity national ID")
    normaliser = staticmethod(identifiers.normalize_legal_id)
    form_class = LegalIdFormField
    canonical_length = 11


class PostalCodeField(IdentifierField):
    description = _("Iranian postal code")
    normaliser = staticmethod(identifiers.normalize_postal_code)
    form_class = PostalCodeFormField
    canonical_length = 10


class ShebaField(IdentifierField):
    description = _("Sheba (IBAN) number")
    normaliser = staticmethod(identifiers.normalize_sheba)
    form_class = ShebaFormField
    canonical_length = 26


class MobileField(IdentifierField):
    description = _("Iranian mobile number")
    normaliser = staticmethod(identifiers.normalize_mobile)
    form_class = MobileFormField
    canonical_length = 13
