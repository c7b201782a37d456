"""Forms of the sanction pages: they normalise and type-check; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.core.forms import LocalisedErrorsForm
from daftar.core.numbers import local_digits
from daftar.governance.choices import DecisionKind
from daftar.governance.selectors import decisions_adopted, version_articles, version_in_force
from daftar.supervision.choices import SanctionKind, Severity


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{local_digits(obj.number)} — {obj.subject}"


def _decision_field(kind: DecisionKind, label) -> DecisionChoiceField:
    return DecisionChoiceField(
        queryset=decisions_adopted(kind),
        label=label,
        required=False,  # the service says why a missing decision cannot do
        empty_label=_("Choose the adopted decision"),
    )


class ProposeForm(LocalisedErrorsForm):
    reason = forms.CharField(
        label=_("Why the unit proposes this sanction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class WithdrawForm(LocalisedErrorsForm):
    reason = forms.CharField(label=_("Why the proposal is withdrawn"), max_length=2000)


class DecideForm(LocalisedErrorsForm):
    OUTCOMES = (("impose", _("Impose the sanction")), ("not_impose", _("Do not impose it")))

    decision = _decision_field(DecisionKind.SANCTION, _("The committee's sanction decision"))
    outcome = forms.ChoiceField(
        label=_("What the committee decided"), choices=OUTCOMES, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Note (if not imposed, why)"), required=False, max_length=2000)


class AppealForm(LocalisedErrorsForm):
    reason = forms.CharField(
        label=_("Why the office appeals"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AppealDecideForm(LocalisedErrorsForm):
    OUTCOMES = (
        ("reject", _("Reject the appeal (the sanction stands)")),
        ("uphold", _("Uphold the appeal (the sanction is annulled)")),
    )

    decision = _decision_field(DecisionKind.SANCTION, _("The committee's sanction decision"))
    outcome = forms.ChoiceField(
        label=_("What the committee decided"), choices=OUTCOMES, widget=forms.RadioSelect
    )


class LadderAdoptForm(LocalisedErrorsForm):
    decision = _decision_field(DecisionKind.POLICY, _("The committee's policy decision"))


class LadderTermsForm(LocalisedErrorsForm):
    window_days = forms.IntegerField(label=_("Rolling window (days)"), min_value=1, max_value=3650)
    appeal_days = forms.IntegerField(label=_("Working days to appeal"), min_value=1, max_value=90)


class ArticleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        head = _("Article %(number)s") % {"number": local_digits(obj.number)}
        return f"{head} — {obj.title_fa}" if obj.title_fa else str(head)


class StepForm(LocalisedErrorsForm):
    """One step added to a draft ladder; the page puts it in its place on the ladder."""

    kind = forms.ChoiceField(label=_("Sanction"), choices=SanctionKind.choices)
    min_severity = forms.ChoiceField(label=_("For violations at least"), choices=Severity.choices)
    min_prior = forms.IntegerField(
        label=_("Earlier sanctions in the window at least"), min_value=0, max_value=50, initial=0
    )
    fine_amount = forms.IntegerField(
        label=_("Fine (rials)"), min_value=0, required=False, initial=0
    )
    suspension_days = forms.IntegerField(
        label=_("Suspension (days)"), min_value=0, max_value=365, required=False, initial=0
    )
    article = ArticleChoiceField(
        queryset=version_articles(None), label=_("Article applied"), empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = version_in_force()
        if version is not None:
            self.fields["article"].queryset = version_articles(version)
