"""Forms for applicants: the application, documents, an objection."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.core.fields import NationalCodeFormField
from daftar.core.forms import JalaliDateField, LocalisedErrorsForm
from daftar.core.numbers import format_message
from daftar.licensing.choices import DegreeField
from daftar.licensing.forms.fields import (
    TEXTAREA,
    LocalIntegerField,
)
from daftar.licensing.services import ApplicationData
from daftar.offices.choices import DegreeLevel

# --- applicants ----------------------------------------------------------------------------------


class ApplicationForm(LocalisedErrorsForm):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = JalaliDateField(label=_("Date of birth"))
    degree_level = forms.ChoiceField(label=_("Degree"), choices=[("", "—"), *DegreeLevel.choices])
    degree_field = forms.ChoiceField(
        label=_("Field of study"), choices=[("", "—"), *DegreeField.choices]
    )
    experience_years = LocalIntegerField(
        label=_("Years of relevant work experience"), min_value=0, max_value=60
    )
    tm_national_code = NationalCodeFormField(label=_("Technical manager's national code"))
    tm_first_name = forms.CharField(label=_("Technical manager's first name"), max_length=100)
    tm_last_name = forms.CharField(label=_("Technical manager's last name"), max_length=100)
    tm_birth_date = JalaliDateField(label=_("Technical manager's date of birth"))
    tm_degree_field = forms.ChoiceField(
        label=_("Technical manager's field of study"), choices=[("", "—"), *DegreeField.choices]
    )
    clean_record_declared = forms.BooleanField(
        label=_("I declare that I have no effective criminal conviction."), required=False
    )

    def __init__(self, *args, call, districts, documents, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(str(d.number), d.name) for d in districts]
        for position in range(1, call.max_preferences + 1):
            self.fields[f"district_{position}"] = forms.TypedChoiceField(
                label=format_message(
                    _("District, preference %(position)d"), {"position": position}
                ),
                choices=choices,
                coerce=int,
                empty_value=None,
                required=position == 1,
            )
        self.document_kinds = []
        for document in documents:
            label = document.get_kind_display()
            self.fields[f"document_{document.kind}"] = forms.FileField(
                label=label
                if not document.mandatory
                else _("%(document)s (mandatory)") % {"document": label},
                required=False,
                help_text=_("PDF, JPEG or PNG, at most 5 MB."),
            )
            self.document_kinds.append(document.kind)
        self.max_preferences = call.max_preferences

    def data_for_service(self) -> ApplicationData:
        data = self.cleaned_data
        return ApplicationData(
            first_name=data["first_name"],
            last_name=data["last_name"],
            birth_date=data["birth_date"],
            degree_level=data["degree_level"],
            degree_field=data["degree_field"],
            experience_years=data["experience_years"],
            clean_record_declared=data["clean_record_declared"],
            tm_national_code=data["tm_national_code"],
            tm_first_name=data["tm_first_name"],
            tm_last_name=data["tm_last_name"],
            tm_birth_date=data["tm_birth_date"],
            tm_degree_field=data["tm_degree_field"],
            districts=[
                data[f"district_{p}"]
                for p in range(1, self.max_preferences + 1)
                if data.get(f"district_{p}") is not None
            ],
        )

    def documents(self) -> dict:
        return {
            kind: self.cleaned_data[f"document_{kind}"]
            for kind in self.document_kinds
            if self.cleaned_data.get(f"document_{kind}")
        }


class DocumentUploadForm(LocalisedErrorsForm):
    kind = forms.ChoiceField(label=_("Document"))
    file = forms.FileField(label=_("File"), help_text=_("PDF, JPEG or PNG, at most 5 MB."))

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(d.kind, d.get_kind_display()) for d in documents]


class ObjectionForm(LocalisedErrorsForm):
    text = forms.CharField(
        label=_("Your objection"),
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
