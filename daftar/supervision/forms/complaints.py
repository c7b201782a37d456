"""Forms of the complaint pages: they normalise and type-check; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.core.fields import MobileFormField, NationalCodeFormField
from daftar.core.forms import LocalisedErrorsForm
from daftar.core.numbers import local_digits
from daftar.core.tracking import normalize_tracking_code
from daftar.supervision.choices import ComplaintCategory, ComplaintRuling, Severity
from daftar.supervision.services.complaints import complaint_code_normalise

_CATEGORY = forms.ChoiceField(
    label=_("What is the complaint about?"), choices=ComplaintCategory.choices
)
_DESCRIPTION = forms.CharField(
    label=_("What happened"),
    max_length=4000,
    widget=forms.Textarea(attrs={"rows": 5}),
    help_text=_("When and where it happened, who was involved and what you were asked for."),
)


class _OfficeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.code})"


class CitizenComplaintForm(LocalisedErrorsForm):
    category = _CATEGORY
    office = _OfficeChoice(
        label=_("Office"),
        queryset=None,
        required=False,
        help_text=_("Leave empty if you choose one of your files below."),
    )
    tracking_code = forms.CharField(
        label=_("Tracking code of your file (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric"}),
    )
    about_operator = forms.BooleanField(
        label=_("The complaint is about the operator who took this file"), required=False
    )
    description = _DESCRIPTION
    anonymous = forms.BooleanField(
        label=_("File anonymously"),
        required=False,
        help_text=_(
            "Only for a demanded bribe or misuse of personal data: your name is not recorded."
        ),
    )
    contact_mobile = MobileFormField(
        label=_("Mobile for updates (anonymous complaints only)"), required=False
    )

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices

    def clean_tracking_code(self):
        value = self.cleaned_data["tracking_code"]
        return normalize_tracking_code(value) if value else ""


class CounterComplaintForm(LocalisedErrorsForm):
    """Step 1 at the counter: who (from the national card), about what; a consent code goes
    to the citizen's mobile, so a walk-in citizen with no account can complain too."""

    national_code = NationalCodeFormField(label=_("Citizen's national code"))
    mobile = MobileFormField(
        label=_("Citizen's mobile"),
        help_text=_("The citizen's own mobile: the consent code and the tracking code go to it."),
    )
    identity_checked = forms.BooleanField(
        # Not required here: the service refuses an unchecked card with its own message.
        label=_(
            "I have checked the citizen's national card: the photo is this person's and the "
            "national code is the one above."
        ),
        required=False,
    )
    category = _CATEGORY
    office = _OfficeChoice(
        label=_("Office complained about"),
        queryset=None,
        required=False,
        help_text=_("Leave empty if the complaint is about this office."),
    )
    description = _DESCRIPTION

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices


class CounterConsentForm(LocalisedErrorsForm):
    """Step 2 at the counter: the consent code the citizen reads out."""

    code = forms.CharField(
        label=_("Code the citizen received"),
        max_length=12,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}),
    )


class TrackComplaintForm(LocalisedErrorsForm):
    tracking_code = forms.CharField(
        label=_("Complaint tracking code"),
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric"}),
    )
    mobile = MobileFormField(label=_("Mobile that receives its SMS"))

    def clean_tracking_code(self):
        code = complaint_code_normalise(self.cleaned_data["tracking_code"])
        if code is None:
            raise forms.ValidationError(
                _("This is not a complaint tracking code; it has 12 digits and starts with 0.")
            )
        return code


class ReasonForm(LocalisedErrorsForm):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RateForm(LocalisedErrorsForm):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with how your complaint was handled?"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # 1…5 in the page's digits (Persian digits in Persian).
        self.fields["score"].choices = [(i, local_digits(str(i))) for i in range(1, 6)]


class EvidenceForm(LocalisedErrorsForm):
    source = forms.ChoiceField(
        label=_("Evidence"),
        choices=[
            ("file_event", _("An entry of the file's timeline")),
            ("audit_entry", _("An audit entry about the office or the file")),
            ("note", _("A note")),
        ],
    )
    reference = forms.CharField(label=_("Entry"), required=False, max_length=64)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RulingForm(LocalisedErrorsForm):
    ruling = forms.ChoiceField(label=_("Ruling"), choices=ComplaintRuling.choices)
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    articles = forms.MultipleChoiceField(
        label=_("Articles of the bylaw the ruling rests on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    severity = forms.ChoiceField(
        label=_("Severity (if upheld)"),
        choices=[("", _("As the category's rule says")), *Severity.choices],
        required=False,
    )

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["articles"].choices = list(articles)


class RuleDraftForm(LocalisedErrorsForm):
    category = forms.ChoiceField(label=_("Category"), choices=ComplaintCategory.choices)
    triage_days = forms.IntegerField(label=_("Working days to triage"), min_value=1, max_value=90)
    resolve_days = forms.IntegerField(label=_("Working days to rule"), min_value=1, max_value=90)
    anonymous_allowed = forms.BooleanField(label=_("May be filed anonymously"), required=False)
    severity = forms.ChoiceField(label=_("Severity when upheld"), choices=Severity.choices)


class DecisionChoiceForm(LocalisedErrorsForm):
    decision = forms.ModelChoiceField(label=_("Decision"), queryset=None)

    def __init__(self, *args, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions


class AppealDecideForm(DecisionChoiceForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("upheld", _("Appeal upheld")), ("rejected", _("Appeal rejected"))],
    )
