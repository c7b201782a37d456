"""The workflow editor's forms: they normalise and type-check input only; the rules (unique
codes, known departments and roles, one start state, drafts only) are the services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.core.forms import CHOOSE_LABEL, LocalisedErrorsForm
from daftar.workflow.departments import department_choices
from daftar.workflow.validation import ACTING_ROLES

CODE_HELP = _("Latin letters, digits, - and _ only; the code never changes once published.")


class WorkflowForm(LocalisedErrorsForm):
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=CODE_HELP)
    name_fa = forms.CharField(label=_("Name (Persian)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)


class StateForm(LocalisedErrorsForm):
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=CODE_HELP)
    name_fa = forms.CharField(label=_("Name (Persian)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    sla_days = forms.IntegerField(
        label=_("SLA in this state (working days)"),
        min_value=0,
        max_value=365,
        required=False,
        help_text=_("Empty: no deadline in this state."),
    )
    department = forms.ChoiceField(
        label=_("Handled by department"),
        required=False,
        help_text=_(
            "Empty: the department of the service. Name another to send files on to it "
            "(for example urban planning, then fire safety)."
        ),
    )
    parallel_departments = forms.MultipleChoiceField(
        label=_("Sign-off by several departments in parallel"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick two or more: each must sign off (an action without a reason) before the file "
            "moves on; a refusal (an action with a reason) by any of them moves it at once."
        ),
    )
    is_start = forms.BooleanField(label=_("Start state (files begin here)"), required=False)
    is_terminal = forms.BooleanField(label=_("Terminal state (the file ends here)"), required=False)
    citizen_editable = forms.BooleanField(
        label=_("The citizen may edit form data and documents"), required=False
    )
    in_department = forms.BooleanField(label=_("Waits in the department's queue"), required=False)
    awaiting_payment = forms.BooleanField(label=_("Awaiting payment"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [
            ("", _("The service's department")),
            *department_choices(),
        ]
        self.fields["parallel_departments"].choices = department_choices()


class ActionForm(LocalisedErrorsForm):
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=CODE_HELP)
    name_fa = forms.CharField(label=_("Name (Persian): the button"), max_length=200)
    name_en = forms.CharField(label=_("Name (English): the button"), max_length=200)
    from_state = forms.ChoiceField(label=_("From state"))
    to_state = forms.ChoiceField(label=_("To state"))
    roles = forms.MultipleChoiceField(
        label=_("Who may take it"),
        widget=forms.CheckboxSelectMultiple,
        choices=[(code, label) for code, label in ACTING_ROLES.items()],
    )
    requires_reason = forms.BooleanField(label=_("A reason is required"), required=False)
    done_fa = forms.CharField(
        label=_("Once done (Persian): the timeline's sentence"), max_length=200, required=False
    )
    done_en = forms.CharField(
        label=_("Once done (English): the timeline's sentence"), max_length=200, required=False
    )

    def __init__(self, *args, states=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", CHOOSE_LABEL), *[(state.code, state.name) for state in states]]
        self.fields["from_state"].choices = choices
        self.fields["to_state"].choices = choices


class DraftForm(LocalisedErrorsForm):
    """A new draft: a copy of a version of the workflow (its number), or empty."""

    source = forms.IntegerField(required=False, min_value=1)
