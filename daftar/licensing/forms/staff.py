"""Forms for licensing staff: review, scores, rulings, awards, operating licences."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.core.fields import PostalCodeFormField
from daftar.core.forms import JalaliDateField, LocalisedErrorsForm
from daftar.licensing.forms.fields import (
    LocalIntegerField,
)
from daftar.licensing.services import Award

# --- staff ---------------------------------------------------------------------------------------


class ReviewForm(LocalisedErrorsForm):
    verdict = forms.ChoiceField(
        label=_("Review"),
        choices=[("accept", _("Accept")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required to reject)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class ScoreImportForm(LocalisedErrorsForm):
    file = forms.FileField(
        label=_("CSV file of scores"),
        help_text=_("UTF-8, header applicant_code,score; a score is 0–100 or «absent»."),
    )


class ScoreEntryForm(LocalisedErrorsForm):
    code = forms.CharField(
        label=_("Applicant code"), max_length=20, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    score = forms.CharField(
        label=_("Score (0–100, or «absent»)"),
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )


class RulingForm(LocalisedErrorsForm):
    outcome = forms.ChoiceField(
        label=_("Ruling"),
        choices=[("upheld", _("Uphold")), ("dismissed", _("Dismiss"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"})
    )
    corrected_score = forms.CharField(
        label=_("Corrected exam score (optional; re-ranks and republishes)"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )


class AwardForm(LocalisedErrorsForm):
    decision = forms.ModelChoiceField(label=_("Awarding decision (licence)"), queryset=None)
    setup_deadline = JalaliDateField(label=_("Office to be set up by"))
    awards = forms.MultipleChoiceField(
        label=_("Applicants awarded"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, decisions, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions
        self.fields["awards"].choices = choices

    def chosen(self) -> list[Award]:
        awards = []
        for value in self.cleaned_data["awards"]:
            code, district = value.rsplit(":", 1)
            awards.append(Award(code, int(district)))
        return awards


class LicenceForm(LocalisedErrorsForm):
    decision = forms.ModelChoiceField(label=_("Licensing decision"), queryset=None)
    office_code = forms.CharField(
        label=_("Office code"), max_length=20, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    office_name = forms.CharField(label=_("Office name"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=300)
    postal_code = PostalCodeFormField(label=_("Postal code"), required=False)
    issued_on = JalaliDateField(label=_("Issued on"))
    term_years = LocalIntegerField(label=_("Term (years)"), min_value=1, max_value=10, initial=3)
    open_office = forms.BooleanField(label=_("Open the office now"), required=False)

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions
