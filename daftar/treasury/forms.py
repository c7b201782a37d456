"""Treasury forms (they parse; services decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.core.digits import to_ascii_digits
from daftar.core.forms import JalaliDateField, LocalisedErrorsForm
from daftar.core.numbers import local_digits
from daftar.core.tracking import normalize_tracking_code
from daftar.governance.choices import DecisionKind
from daftar.governance.models import Decision
from daftar.governance.selectors import decisions_adopted
from daftar.offices.models import Office
from daftar.offices.selectors import offices_visible_to
from daftar.treasury.choices import PspState
from daftar.treasury.services.penalties import MAX_PENALTY_RIALS, REASON_MAX_LENGTH

# A busy day's statement (a million lines) is about 60 MB; it is read as a stream from disk.
MAX_STATEMENT_BYTES = 200 * 1024 * 1024


class StatementForm(LocalisedErrorsForm):
    file = forms.FileField(label=_("Bank statement"))
    format = forms.ChoiceField(
        label=_("Format"), choices=[("csv", _("Daftar CSV")), ("mt940", _("SWIFT MT940"))]
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_STATEMENT_BYTES:
            raise forms.ValidationError(_("The statement is larger than 200 MB."))
        return upload


class ResolveForm(LocalisedErrorsForm):
    resolution = forms.CharField(label=_("Explanation"), max_length=300)
    payment = forms.CharField(
        label=_("Payment reference (if the line is a payment)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )


class SettlementForm(LocalisedErrorsForm):
    period_start = JalaliDateField(label=_("From"))
    period_end = JalaliDateField(label=_("To (inclusive)"))


class RefundRequestForm(LocalisedErrorsForm):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SlipForm(LocalisedErrorsForm):
    tracking_code = forms.CharField(
        label=_("File tracking code"), max_length=20, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    bank_reference = forms.CharField(
        label=_("Bank reference of the slip"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    amount = forms.IntegerField(label=_("Amount (rials)"), min_value=1)

    def clean_tracking_code(self):
        return normalize_tracking_code(self.cleaned_data["tracking_code"])


class PosForm(LocalisedErrorsForm):
    terminal = forms.ModelChoiceField(label=_("Terminal"), queryset=None)
    pos_reference = forms.CharField(
        label=_("POS reference"), max_length=40, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    amount = forms.IntegerField(label=_("Amount (rials)"), min_value=1)

    def __init__(self, *args, terminals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["terminal"].queryset = terminals


class _OfficeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, office: Office) -> str:
        return f"{office.code} — {office.name}"


class _DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, decision: Decision) -> str:
        return f"{local_digits(decision.number)} — {decision.subject}"


class PenaltyForm(LocalisedErrorsForm):
    office = _OfficeChoiceField(label=_("Office"), queryset=None, to_field_name="code")
    amount = forms.IntegerField(label=_("Amount (rials)"), min_value=1, max_value=MAX_PENALTY_RIALS)
    decision = _DecisionChoiceField(
        label=_("Sanction decision of the steering committee"),
        queryset=decisions_adopted(DecisionKind.SANCTION),
        help_text=_("Only adopted sanction decisions are listed."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Whatever its status: a revoked or closed office's last settlements still deduct it.
        self.fields["office"].queryset = offices_visible_to(user).order_by("code")


class PspBookFilterForm(LocalisedErrorsForm):
    """The PSP transaction book's filters (GET): first and last day (Jalali), the state at the
    PSP, and a payment reference (PAY-…) or a file's tracking code, in any digits."""

    day_from = JalaliDateField(label=_("From"), required=False)
    day_to = JalaliDateField(label=_("To"), required=False)
    state = forms.ChoiceField(label=_("State at the PSP"), required=False, choices=())
    code = forms.CharField(
        label=_("Payment reference or tracking code"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Any state")), *PspState.choices]

    def clean_code(self) -> dict:
        """{'reference': 'PAY-…'} or {'tracking_code': '12 digits'} or {} when empty."""
        text = to_ascii_digits(self.cleaned_data.get("code") or "").strip()
        if not text:
            return {}
        if text.upper().startswith("PAY"):
            return {"reference": "PAY-" + text.upper()[3:].lstrip("-‐ ")}
        try:
            return {"tracking_code": normalize_tracking_code(text)}
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Type a payment reference (PAY-…) or a file's 12-digit tracking code."),
                code="psp_code_invalid",
            ) from None

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("day_from"), cleaned.get("day_to")
        if first and last and first > last:
            self.add_error("day_to", _("The last day is before the first day."))
        return cleaned
