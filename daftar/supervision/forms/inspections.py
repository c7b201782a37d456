"""Forms of the inspection pages (they only type-check; the services decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import Role
from daftar.accounts.selectors import users_with_role
from daftar.core.forms import JalaliDateField, LocalisedErrorsForm
from daftar.core.numbers import local_digits
from daftar.governance.choices import DecisionKind
from daftar.governance.models import Decision
from daftar.governance.selectors import decisions_adopted, version_in_force
from daftar.offices.selectors import office_finder
from daftar.supervision.choices import AnswerResult, Evidence, InspectionKind, Severity
from daftar.supervision.services.checklists import DECLARATION_FIELDS


class CheckInForm(LocalisedErrorsForm):
    """Filled by the page's script from the browser's geolocation, when it gives one."""

    latitude = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)
    accuracy = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)


class AnswerForm(LocalisedErrorsForm):
    result = forms.ChoiceField(
        label=_("Result"), choices=AnswerResult.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Inspector's note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png", "capture": "environment"}
        ),
    )


class SubmitForm(LocalisedErrorsForm):
    summary = forms.CharField(
        label=_("Summary of the visit (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MysteryFileForm(LocalisedErrorsForm):
    tracking_code = forms.CharField(label=_("Tracking code of the file you filed"), max_length=20)


class CorrectForm(LocalisedErrorsForm):
    item = forms.ModelChoiceField(label=_("Item"), queryset=None)
    result = forms.ChoiceField(label=_("Result"), choices=AnswerResult.choices)
    note = forms.CharField(label=_("Inspector's note"), required=False, max_length=2000)
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].label_from_instance = lambda item: item.text_fa


class ConflictForm(LocalisedErrorsForm):
    office = forms.ModelChoiceField(label=_("Office"), queryset=office_finder().order_by("code"))
    reason = forms.CharField(
        label=_("The conflict of interest"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PlanForm(LocalisedErrorsForm):
    year = forms.IntegerField(label=_("Year (Solar Hijri)"), min_value=1390, max_value=1500)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(q, local_digits(q)) for q in range(1, 5)]
    )


class ScheduleForm(LocalisedErrorsForm):
    office = forms.ModelChoiceField(label=_("Office"), queryset=office_finder().order_by("code"))
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (k.value, k.label)
            for k in (
                InspectionKind.UNANNOUNCED,
                InspectionKind.MYSTERY_SHOPPER,
                InspectionKind.FOLLOW_UP,
            )
        ],
    )
    scheduled_on = JalaliDateField(label=_("Day"))
    inspector = forms.ModelChoiceField(
        label=_("Inspector"),
        required=False,
        queryset=users_with_role(Role.INSPECTOR),
        help_text=_("Leave empty to assign by rotation."),
    )
    follow_up_of = forms.IntegerField(
        label=_("Number of the inspection to follow up"), required=False, min_value=1
    )


class RespondForm(LocalisedErrorsForm):
    response = forms.CharField(
        label=_("The office's response"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionForm(LocalisedErrorsForm):
    description = forms.CharField(
        label=_("What the office will do"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    due_on = JalaliDateField(label=_("To be done by"))


class TemplateForm(LocalisedErrorsForm):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name_fa = forms.CharField(label=_("Name (Persian)"), max_length=200)
    for_mystery_shopper = forms.BooleanField(label=_("For mystery shopper visits"), required=False)


class ResponseDaysForm(LocalisedErrorsForm):
    response_days = forms.IntegerField(
        label=_("Working days for the office to respond"), min_value=1, max_value=60
    )


class SectionForm(LocalisedErrorsForm):
    title_fa = forms.CharField(label=_("Section title"), max_length=200)


class ItemForm(LocalisedErrorsForm):
    section = forms.ModelChoiceField(label=_("Section"), queryset=None)
    code = forms.SlugField(label=_("Code"), max_length=40)
    text_fa = forms.CharField(
        label=_("What is checked"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)
    evidence = forms.ChoiceField(label=_("Evidence"), choices=Evidence.choices)
    severity_if_failed = forms.ChoiceField(
        label=_("Severity of a failure"), choices=Severity.choices
    )
    verifies_declaration = forms.ChoiceField(
        label=_("Verifies the self-declaration of"),
        required=False,
        choices=[("", "—"), *[(f, f) for f in DECLARATION_FIELDS]],
    )
    articles = forms.ModelMultipleChoiceField(
        label=_("Bylaw articles it enforces"), queryset=None, required=False
    )

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = version.sections.all()
        self.fields["section"].label_from_instance = lambda s: s.title_fa
        in_force = version_in_force()
        if in_force is None:
            del self.fields["articles"]
            return
        self.fields["articles"].queryset = in_force.articles.order_by("number")
        self.fields["articles"].label_from_instance = lambda a: (
            _("Article %(n)s") % {"n": local_digits(a.number)}
        )


class _DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, decision: Decision) -> str:
        return f"{local_digits(decision.number)} — {decision.subject}"


class AdoptForm(LocalisedErrorsForm):
    decision = _DecisionChoiceField(
        label=_("Policy decision of the steering committee"),
        queryset=decisions_adopted(DecisionKind.POLICY),
        help_text=_("Only adopted policy decisions are listed."),
    )
