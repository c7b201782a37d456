"""The citizen's form of a service, built from its fields and documents (data): what the
portal's apply page and the office counter show, and what the catalogue team previews before
publishing a version (catalogue ADR 0024). Takes a `Service` or a `ServiceDefinition` (both
answer `.fields.all()` and `.documents.all()`). The catalogue's schema validates the values, so
the form only collects text and files."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from daftar.catalogue.choices import FieldType

_NUMERIC = {
    FieldType.INTEGER,
    FieldType.YEAR,
    FieldType.DECIMAL,
    FieldType.AREA,
    FieldType.NATIONAL_CODE,
    FieldType.POSTAL_CODE,
}


def service_form_class(service, *, with_documents: bool = True) -> type[forms.Form]:
    """A form class for `service`: one input per field, one upload per document."""
    attrs: dict = {}
    english = get_language() == "en"
    for field in service.fields.all():
        label = field.label
        if field.type == FieldType.FILE:
            if with_documents:
                attrs[f"doc_{field.name}"] = forms.FileField(label=label, required=field.required)
            continue
        if field.type == FieldType.CHOICE:
            choices = [("", "—")] + [
                (str(c["value"]), c.get("label_en" if english else "label_fa") or c["value"])
                for c in field.choices
            ]
            # Validated by the catalogue's schema with the other fields, so that every
            # problem is reported at once.
            attrs[field.name] = forms.CharField(
                label=label, required=False, widget=forms.Select(choices=choices)
            )
        else:
            widget_attrs = {"dir": "ltr", "inputmode": "decimal"} if field.type in _NUMERIC else {}
            if field.type == FieldType.DATE:
                widget_attrs = {"dir": "ltr", "placeholder": "۱۴۰۴/۰۸/۱۲"}
            attrs[field.name] = forms.CharField(
                label=label, required=False, widget=forms.TextInput(attrs=widget_attrs)
            )
    if with_documents:
        for document in service.documents.all():
            attrs[f"doc_{document.code}"] = forms.FileField(
                label=document.title,
                required=False,
                help_text=_("PDF, JPEG or PNG, up to 5 MB")
                if document.mandatory
                else _("Optional. PDF, JPEG or PNG, up to 5 MB"),
            )
    return type("ServiceForm", (forms.Form,), attrs)
