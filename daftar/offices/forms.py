"""Forms for the office registry. They parse input; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.catalogue.selectors import service_domains
from daftar.core.forms import LocalisedErrorsForm
from daftar.core.numbers import local_digits
from daftar.governance.choices import DecisionKind
from daftar.governance.models import Decision
from daftar.governance.selectors import decisions_adopted
from daftar.offices import selectors
from daftar.offices.models import District, SubDistrict


class SubDistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, sub_district: SubDistrict) -> str:
        return sub_district.name


class FinderForm(LocalisedErrorsForm):
    """The public finder. Sub-districts are numbered within their district, so the
    sub-district list is the chosen district's (the page is reloaded to fill it)."""

    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False, to_field_name="number"
    )
    sub_district = SubDistrictChoiceField(
        label=_("Sub-district"),
        queryset=SubDistrict.objects.none(),
        required=False,
        to_field_name="number",
    )
    domain = forms.ModelChoiceField(
        label=_("Service"),
        queryset=service_domains(),
        required=False,
        to_field_name="code",
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    q = forms.CharField(label=_("Name, code or address"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["sub_district"]
        try:
            district_number = int(self.data.get("district") or 0)
        except (TypeError, ValueError):
            district_number = 0
        field.queryset = selectors.sub_districts_of(district_number)
        if district_number:
            field.error_messages["invalid_choice"] = _(
                "The chosen district has no such sub-district."
            )
        else:
            field.error_messages["invalid_choice"] = _(
                "Choose a district to search by sub-district."
            )
            field.help_text = _("Choose a district and search to list its sub-districts.")


def _decisions(kind: DecisionKind):
    return decisions_adopted(kind)


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, decision: Decision) -> str:
        return f"{local_digits(decision.number)} — {decision.subject}"


class SanctionForm(LocalisedErrorsForm):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("suspend", _("Suspend")), ("reinstate", _("Reinstate")), ("revoke", _("Revoke"))],
    )
    decision = DecisionChoiceField(label=_("Committee decision"), queryset=None)
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = _decisions(DecisionKind.SANCTION)


class AuthoriseForm(LocalisedErrorsForm):
    domain = forms.ModelChoiceField(label=_("Service domain"), queryset=service_domains())
    decision = DecisionChoiceField(label=_("Committee decision"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = _decisions(DecisionKind.SERVICE_AUTHORISATION)


class TerminalForm(LocalisedErrorsForm):
    code = forms.CharField(label=_("Terminal code"), max_length=40)
    label = forms.CharField(label=_("Label"), max_length=100, required=False)
