"""Forms for files. A service's form is built from its fields (data); the catalogue's schema
validates the values, so the form only collects text and files."""

from __future__ import annotations

import contextlib
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.cases.selectors import InboxSearch
from daftar.catalogue.choices import FieldType
from daftar.catalogue.citizen_form import service_form_class  # noqa: F401 (the cases' name)
from daftar.core.fields import MobileFormField, NationalCodeFormField
from daftar.core.forms import LocalisedErrorsForm
from daftar.core.tracking import normalize_tracking_code


def answers_as_typed(service, form_data: dict) -> dict:
    """A file's stored answers as the form shows them again (a correction): a number as the
    citizen would type it, "120" rather than the stored "120.00"."""
    quantities = (FieldType.INTEGER, FieldType.YEAR, FieldType.DECIMAL, FieldType.AREA)
    numeric = {field.name for field in service.fields.all() if field.type in quantities}
    shown = dict(form_data)
    for name in numeric & shown.keys():
        with contextlib.suppress(InvalidOperation, ValueError):  # else shown as stored
            shown[name] = format(Decimal(str(shown[name])).normalize(), "f")
    return shown


def split_form(form: forms.Form) -> tuple[dict, dict]:
    """(form data, {document code: upload}) from a bound service form."""
    data, documents = {}, {}
    for name, value in form.data.items():
        if name in form.fields and not name.startswith("doc_"):
            data[name] = value
    for name, upload in form.files.items():
        if name.startswith("doc_") and name in form.fields:
            documents[name.removeprefix("doc_")] = upload
    return data, documents


class ActionForm(LocalisedErrorsForm):
    action = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason / note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RatingForm(LocalisedErrorsForm):
    score = forms.TypedChoiceField(
        label=_("How was the service?"),
        coerce=int,
        choices=[
            (5, _("Excellent")),
            (4, _("Good")),
            (3, _("Fair")),
            (2, _("Poor")),
            (1, _("Very poor")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TrackForm(LocalisedErrorsForm):
    tracking_code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric"}),
    )
    national_code = NationalCodeFormField(label=_("National code"))

    def clean_tracking_code(self):
        return normalize_tracking_code(self.cleaned_data["tracking_code"])


def _identity_checked_field() -> forms.BooleanField:
    # Not required by the form: the service refuses an unchecked card with its own message.
    return forms.BooleanField(
        label=_(
            "I have checked the citizen's national card: the photo is this person's and the "
            "national code is the one above."
        ),
        required=False,
    )


class CounterCitizenForm(LocalisedErrorsForm):
    """Step 1 at the counter: who (from the national card) and for which service, so that the
    consent code can name both."""

    national_code = NationalCodeFormField(label=_("Citizen's national code"))
    mobile = MobileFormField(
        label=_("Citizen's mobile"),
        help_text=_("The registered mobile: the consent code is sent to it."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    service = forms.ChoiceField(label=_("Service requested"))
    identity_checked = _identity_checked_field()

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", "—")] + [(s.code, s.title) for s in services]


class ConsentCodeForm(LocalisedErrorsForm):
    code = forms.CharField(
        label=_("Code the citizen received"),
        max_length=12,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}),
    )


class ReclaimForm(LocalisedErrorsForm):
    """A citizen whose national code is bound to a mobile that is not (or no longer) theirs
    registers their own mobile, identified by the operator from the national card."""

    national_code = NationalCodeFormField(label=_("Citizen's national code"))
    mobile = MobileFormField(
        label=_("The citizen's own mobile"),
        help_text=_("A code is sent to this number; the citizen reads it out to prove it."),
    )
    identity_checked = _identity_checked_field()
    reason = forms.CharField(
        label=_("Why the registered mobile is changed"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InboxSearchForm(LocalisedErrorsForm):
    """The inbox's search box: one input for a tracking code or a national code."""

    q = forms.CharField(
        label=_("Tracking code or national code"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_q(self) -> InboxSearch:
        search = InboxSearch.parse(self.cleaned_data["q"])
        if search.invalid or not search:
            raise forms.ValidationError(
                _(
                    "Enter a tracking code (12 digits) or a national code (10 digits); "
                    "this is neither."
                )
            )
        return search


class AssignForm(LocalisedErrorsForm):
    """The department head's choice of reviewer for a file (empty: nobody)."""

    reviewer = forms.ChoiceField(label=_("Assign to"), required=False)

    def __init__(self, *args, reviewers=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reviewers = {str(user.pk): user for user in reviewers}
        self.fields["reviewer"].choices = [
            ("", _("Nobody (the whole department)")),
            *[
                (pk, user.get_full_name() or user.get_username())
                for pk, user in self.reviewers.items()
            ],
        ]

    def chosen(self):
        return self.reviewers.get(self.cleaned_data["reviewer"])
