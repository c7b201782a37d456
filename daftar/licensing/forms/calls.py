"""Forms for drafting calls: rules, formula, timetable, documents, quotas, opening."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.core.forms import JalaliDateField, LocalisedErrorsForm
from daftar.licensing.choices import DegreeField, DocumentKind
from daftar.licensing.forms.fields import (
    TEXTAREA,
    LocalDecimalField,
    LocalIntegerField,
    number_attrs,
)
from daftar.licensing.services import CallSettings
from daftar.licensing.services.calls import TIMETABLE
from daftar.offices.choices import DegreeLevel

# --- calls ---------------------------------------------------------------------------------------


class CallForm(LocalisedErrorsForm):
    code = forms.CharField(
        label=_("Call number"),
        max_length=10,
        help_text=_("Year and number, e.g. 1405-1."),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    people_per_office = LocalIntegerField(
        label=_("Residents per office (for the quota proposal)"), min_value=1
    )
    max_preferences = LocalIntegerField(
        label=_("Districts an applicant may list"), min_value=1, max_value=10
    )
    registration_opens = JalaliDateField(label=_("Registration opens"))
    registration_closes = JalaliDateField(label=_("Registration closes"))
    review_until = JalaliDateField(label=_("Document review until"))
    exam_on = JalaliDateField(label=_("Exam date"))
    results_on = JalaliDateField(label=_("Results date"))
    objections_until = JalaliDateField(label=_("Objections until"))
    applicant_min_age = LocalIntegerField(label=_("Applicant's minimum age"), min_value=18)
    applicant_max_age = LocalIntegerField(label=_("Applicant's maximum age"), max_value=100)
    degree_levels = forms.MultipleChoiceField(
        label=_("Accepted degrees"),
        choices=DegreeLevel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    degree_fields = forms.MultipleChoiceField(
        label=_("Accepted fields of study (none ticked: any)"),
        choices=DegreeField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    tm_min_age = LocalIntegerField(label=_("Technical manager's minimum age"), min_value=18)
    tm_max_age = LocalIntegerField(label=_("Technical manager's maximum age"), max_value=100)
    tm_degree_fields = forms.MultipleChoiceField(
        label=_("Technical manager's accepted fields (none ticked: any)"),
        choices=DegreeField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    clean_record_required = forms.BooleanField(
        label=_("A clean-record declaration is required"), required=False
    )
    exam_weight = LocalDecimalField(
        label=_("Exam weight"), max_digits=5, decimal_places=2, min_value=Decimal("0.01")
    )
    experience_points_per_year = LocalDecimalField(
        label=_("Points per year of experience"), max_digits=5, decimal_places=2, min_value=0
    )
    experience_points_cap = LocalDecimalField(
        label=_("Maximum experience points"), max_digits=6, decimal_places=2, min_value=0
    )
    pass_mark = LocalDecimalField(
        label=_("Pass mark (exam score)"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
    )
    mandatory_documents = forms.MultipleChoiceField(
        label=_("Mandatory documents"),
        choices=DocumentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    optional_documents = forms.MultipleChoiceField(
        label=_("Optional documents"),
        choices=DocumentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for level, label in DegreeLevel.choices:
            self.fields[f"points_{level}"] = LocalDecimalField(
                label=_("Points for a degree: %(degree)s") % {"degree": label},
                max_digits=5,
                decimal_places=2,
                min_value=0,
                max_value=100,
                required=False,
                widget=forms.TextInput(attrs=number_attrs()),
            )
        for name in (
            "exam_weight",
            "experience_points_per_year",
            "experience_points_cap",
            "pass_mark",
        ):
            self.fields[name].widget = forms.TextInput(attrs=number_attrs())
        if editing:
            del self.fields["code"]

    def clean(self):
        data = super().clean()
        both = set(data.get("mandatory_documents", [])) & set(data.get("optional_documents", []))
        if both:
            self.add_error(
                "optional_documents", _("A document is either mandatory or optional, not both.")
            )
        return data

    def settings(self) -> CallSettings:
        data = self.cleaned_data
        return CallSettings(
            title=data["title"],
            title_en=data["title_en"],
            description=data["description"],
            people_per_office=data["people_per_office"],
            max_preferences=data["max_preferences"],
            **{name: data[name] for name in TIMETABLE},
            applicant_min_age=data["applicant_min_age"],
            applicant_max_age=data["applicant_max_age"],
            degree_levels=tuple(data["degree_levels"]),
            degree_fields=tuple(data["degree_fields"]),
            tm_min_age=data["tm_min_age"],
            tm_max_age=data["tm_max_age"],
            tm_degree_fields=tuple(data["tm_degree_fields"]),
            clean_record_required=data["clean_record_required"],
            exam_weight=data["exam_weight"],
            degree_points={
                level: data[f"points_{level}"]
                for level in DegreeLevel.values
                if data.get(f"points_{level}") is not None
            },
            experience_points_per_year=data["experience_points_per_year"],
            experience_points_cap=data["experience_points_cap"],
            pass_mark=data["pass_mark"],
            documents=[(kind, True) for kind in data["mandatory_documents"]]
            + [(kind, False) for kind in data["optional_documents"]],
        )

    @staticmethod
    def initial_from(call=None, settings: CallSettings | None = None) -> dict:
        source = call if call is not None else settings
        initial = {
            name: getattr(source, name)
            for name in (
                "title",
                "title_en",
                "description",
                "people_per_office",
                "max_preferences",
                *TIMETABLE,
                "applicant_min_age",
                "applicant_max_age",
                "degree_levels",
                "degree_fields",
                "tm_min_age",
                "tm_max_age",
                "tm_degree_fields",
                "clean_record_required",
                "exam_weight",
                "experience_points_per_year",
                "experience_points_cap",
                "pass_mark",
            )
            if getattr(source, name, None) is not None
        }
        points = source.degree_points
        for level in DegreeLevel.values:
            if level in points:
                initial[f"points_{level}"] = points[level]
        if call is not None:
            documents = list(call.required_documents.values_list("kind", "mandatory"))
        else:
            documents = list(settings.documents)
        initial["mandatory_documents"] = [kind for kind, mandatory in documents if mandatory]
        initial["optional_documents"] = [kind for kind, mandatory in documents if not mandatory]
        if call is not None:
            initial["code"] = call.code
        return initial


class QuotaForm(LocalisedErrorsForm):
    def __init__(self, *args, quotas, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(quotas)
        for row in self.rows:
            self.fields[f"district_{row.district.number}"] = LocalIntegerField(
                label=row.district.name,
                min_value=0,
                max_value=99,
                initial=row.quota,
                widget=forms.NumberInput(attrs={"dir": "ltr", "class": "form-control-sm"}),
            )

    def quotas(self) -> dict[int, int]:
        return {
            row.district.number: self.cleaned_data[f"district_{row.district.number}"]
            for row in self.rows
        }


class DecisionForm(LocalisedErrorsForm):
    decision = forms.ModelChoiceField(label=_("Adopted decision (licence)"), queryset=None)

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions
