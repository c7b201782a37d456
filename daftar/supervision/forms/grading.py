"""Forms of self-declaration and grading: the manager's declaration and objection, the
supervision unit's period, formula and ruling. The services check every rule; these only
shape the input."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daftar.core.forms import JalaliDateField, LocalisedErrorsForm
from daftar.supervision.choices import Grade

EQUIPMENT_LABELS = {
    "queue_display": _("Queue number display"),
    "card_reader": _("Bank card reader"),
    "scanner": _("Document scanner"),
    "cctv": _("CCTV camera"),
}
ACCESSIBILITY_LABELS = {
    "ramp": _("Wheelchair ramp at the entrance"),
    "accessible_counter": _("A low counter for wheelchair users"),
    "seating": _("Seating for elderly people while they wait"),
    "accessible_toilet": _("An accessible toilet"),
}
INDICATOR_LABELS = {
    "inspections": _("Inspection results"),
    "sla": _("Files done on time"),
    "ratings": _("Citizens' ratings"),
    "complaints": _("Upheld complaints"),
    "uptime": _("Terminal uptime"),
    "reconciliation": _("Payment reconciliation"),
    "overcharging": _("Overcharging found"),
    "declaration": _("Honest self-declaration"),
    "waiting": _("Waiting time in the queue"),
}


class DeclarationForm(LocalisedErrorsForm):
    staff_count = forms.IntegerField(label=_("Staff working at the office"), min_value=0)
    certified_staff_count = forms.IntegerField(
        label=_("Of whom hold a valid certificate"), min_value=0
    )
    counters = forms.IntegerField(label=_("Counters in service"), min_value=0)
    weekly_hours = forms.IntegerField(label=_("Opening hours a week"), min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in EQUIPMENT_LABELS.items():
            self.fields[f"equipment_{key}"] = forms.BooleanField(label=label, required=False)
        for key, label in ACCESSIBILITY_LABELS.items():
            self.fields[f"access_{key}"] = forms.BooleanField(label=label, required=False)

    def equipment_fields(self):
        return [self[f"equipment_{key}"] for key in EQUIPMENT_LABELS]

    def access_fields(self):
        return [self[f"access_{key}"] for key in ACCESSIBILITY_LABELS]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "staff_count": data["staff_count"],
            "certified_staff_count": data["certified_staff_count"],
            "counters": data["counters"],
            "weekly_hours": data["weekly_hours"],
            "equipment": {key: data[f"equipment_{key}"] for key in EQUIPMENT_LABELS},
            "accessibility": {key: data[f"access_{key}"] for key in ACCESSIBILITY_LABELS},
        }

    @classmethod
    def initial_from(cls, declaration=None, facts=None) -> dict:
        if declaration is not None:
            initial = {
                name: getattr(declaration, name)
                for name in ("staff_count", "certified_staff_count", "counters", "weekly_hours")
            }
            initial |= {f"equipment_{k}": v for k, v in declaration.equipment.items()}
            initial |= {f"access_{k}": v for k, v in declaration.accessibility.items()}
            return initial
        if facts is None:
            return {}
        return {
            "staff_count": facts.staff_count,
            "certified_staff_count": facts.certified_staff_count,
            "counters": facts.counters,
            "weekly_hours": facts.weekly_hours,
        }


class ObjectionForm(LocalisedErrorsForm):
    reason = forms.CharField(
        label=_("Why the grade is wrong"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class RulingForm(LocalisedErrorsForm):
    upheld = forms.TypedChoiceField(
        label=_("Ruling"),
        choices=[("1", _("Uphold: change the grade")), ("0", _("Reject: the grade stands"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    new_grade = forms.ChoiceField(
        label=_("New grade (when upheld)"),
        choices=[("", "—"), *Grade.choices],
        required=False,
    )
    ruling = forms.CharField(
        label=_("Reasons for the ruling"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PeriodForm(LocalisedErrorsForm):
    starts_on = JalaliDateField(label=_("First day"))
    length_months = forms.IntegerField(
        label=_("Length (months)"), initial=6, min_value=1, max_value=12
    )


class FormulaForm(LocalisedErrorsForm):
    minimum_renewal_grade = forms.ChoiceField(
        label=_("Lowest grade that may renew a licence"), choices=Grade.choices, initial=Grade.C
    )

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in indicators:
            self.fields[f"weight_{name}"] = forms.IntegerField(
                label=INDICATOR_LABELS[name], min_value=0, max_value=100
            )
        for grade in ("A", "B", "C", "D"):
            self.fields[f"threshold_{grade}"] = forms.IntegerField(
                label=_("Minimum score of grade %(grade)s") % {"grade": grade},
                min_value=0,
                max_value=100,
            )
        self.indicators = tuple(indicators)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "weights": {name: data[f"weight_{name}"] for name in self.indicators},
            "thresholds": {grade: data[f"threshold_{grade}"] for grade in ("A", "B", "C", "D")},
            "minimum_renewal_grade": data["minimum_renewal_grade"],
        }


class AdoptForm(LocalisedErrorsForm):
    decision = forms.ModelChoiceField(
        label=_("Adopting decision (policy)"), queryset=None, empty_label="—"
    )

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions
