"""Forms of the catalogue team's pages: a service draft (its attributes, form fields, documents)
and a tariff draft. They only normalise and type-check what was typed (Persian digits folded);
the rules are the services' (catalogue/definition.py, services/)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from daftar.catalogue.choices import Channel, FieldType
from daftar.catalogue.definition import DocumentSpec, FieldSpec
from daftar.catalogue.models import Department, ServiceDomain
from daftar.core.digits import to_ascii_digits
from daftar.core.forms import JalaliDateField, LocalisedErrorsForm, label_blank_choice
from daftar.core.i18n import localised
from daftar.core.numbers import format_message

_LTR = {"dir": "ltr", "inputmode": "decimal", "autocomplete": "off"}


def _number(text: str, *, field_label, integer: bool) -> Decimal | None:
    text = to_ascii_digits(text or "").strip().replace("٬", "").replace(",", "")
    text = text.replace("٫", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Enter a number.")) from None
    if not value.is_finite() or (integer and value != value.to_integral_value()):
        raise ValidationError(_("Enter a whole number.") if integer else _("Enter a number."))
    return value


class LocalNumberField(forms.CharField):
    """A number typed with Persian or Latin digits; None when left empty."""

    def __init__(self, *, integer: bool = False, **kwargs):
        self.integer = integer
        kwargs.setdefault("widget", forms.TextInput(attrs=_LTR))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        number = _number(value, field_label=self.label, integer=self.integer)
        if number is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return number


class NewServiceForm(LocalisedErrorsForm):
    code = forms.CharField(
        label=_("Code of the new service"),
        max_length=40,
        help_text=_(
            "Small Latin letters, digits and dashes, e.g. facade-permit. It never changes."
        ),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )


class WithdrawalForm(LocalisedErrorsForm):
    """Whether the draft's version offers the service; the reason when it does not (the
    service checks the reason, so the rule lives in one place)."""

    offered = forms.TypedChoiceField(
        label=_("The service after publishing"),
        choices=[("0", _("Withdrawn: no new files")), ("1", _("Offered to citizens"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why it is withdrawn"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the version and in the audit log; citizens are not shown it."),
    )


class DraftGeneralForm(LocalisedErrorsForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    title_fa = forms.CharField(label=_("Title (Persian)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    description_fa = forms.CharField(
        label=_("Description (Persian)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
    )
    domain = forms.ModelChoiceField(
        label=_("Service domain"), queryset=ServiceDomain.objects.none(), required=False
    )
    department = forms.ModelChoiceField(
        label=_("Deciding department"), queryset=Department.objects.none(), required=False
    )
    channels = forms.MultipleChoiceField(
        label=_("How citizens can request it"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sla_days = LocalNumberField(label=_("SLA (working days)"), integer=True)
    refundable_percent = LocalNumberField(
        label=_("Refundable share (per cent)"),
        help_text=_("How much of the fee is refunded if the file is rejected or cancelled."),
    )
    workflow = forms.TypedChoiceField(
        label=_("Workflow"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, domains, departments, workflows, is_new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = domains
        self.fields["department"].queryset = departments
        self.fields["workflow"].choices = [("", "—")] + [
            (
                v.pk,
                format_message(
                    _("%(name)s, version %(number)d"),
                    {
                        "name": localised(v.workflow.name_fa, v.workflow.name_en),
                        "number": v.version,
                    },
                ),
            )
            for v in workflows
        ]
        for name in ("domain", "department", "workflow"):
            label_blank_choice(self.fields[name])
        if not is_new:
            del self.fields["code"]

    def basis_points(self) -> int:
        percent = self.cleaned_data["refundable_percent"] or Decimal(0)
        return int((percent * 100).to_integral_value())


def _choices_text(choices: list[dict]) -> str:
    return "\n".join(
        f"{c.get('value')} | {c.get('label_fa', '')} | {c.get('label_en', '')}" for c in choices
    )


class FieldForm(LocalisedErrorsForm):
    replaces = forms.CharField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Name (used by the tariff formula)"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    label_fa = forms.CharField(label=_("Label (Persian)"), max_length=200)
    label_en = forms.CharField(label=_("Label (English)"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=FieldType.choices)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    min_value = LocalNumberField(label=_("Minimum"), required=False)
    max_value = LocalNumberField(label=_("Maximum"), required=False)
    max_length = LocalNumberField(label=_("Maximum length (text)"), required=False, integer=True)
    choices = forms.CharField(
        label=_("Choices (a choice field only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("One per line: value | Persian label | English label, e.g. 1 | یک | One"),
    )
    position = LocalNumberField(
        label=_("Place in the form (1 = first; empty = last)"), required=False, integer=True
    )

    @classmethod
    def initial_of(cls, spec: FieldSpec, position: int) -> dict:
        return {
            "replaces": spec.name,
            "name": spec.name,
            "label_fa": spec.label_fa,
            "label_en": spec.label_en,
            "type": spec.type,
            "required": spec.required,
            "min_value": "" if spec.min_value is None else spec.min_value.normalize(),
            "max_value": "" if spec.max_value is None else spec.max_value.normalize(),
            "max_length": spec.max_length or "",
            "choices": _choices_text(spec.choices),
            "position": position,
        }

    def clean_choices(self) -> list[dict]:
        parsed = []
        for number, line in enumerate(self.cleaned_data["choices"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 3 or not all(parts):
                raise ValidationError(
                    _("Line %(n)s: write value | Persian label | English label."),
                    params={"n": number},
                )
            value = to_ascii_digits(parts[0])
            parsed.append(
                {
                    "value": int(value) if value.isdigit() else value,
                    "label_fa": parts[1],
                    "label_en": parts[2],
                }
            )
        return parsed

    def spec(self) -> FieldSpec:
        data = self.cleaned_data
        return FieldSpec(
            name=data["name"].strip(),
            label_fa=data["label_fa"].strip(),
            label_en=data["label_en"].strip(),
            type=data["type"],
            required=data["required"],
            min_value=data["min_value"],
            max_value=data["max_value"],
            max_length=int(data["max_length"]) if data["max_length"] else None,
            choices=data["choices"],
        )


class DocumentForm(LocalisedErrorsForm):
    replaces = forms.CharField(required=False, widget=forms.HiddenInput)
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    title_fa = forms.CharField(label=_("Title (Persian)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    mandatory = forms.BooleanField(label=_("Mandatory"), required=False, initial=True)

    def spec(self) -> DocumentSpec:
        data = self.cleaned_data
        return DocumentSpec(
            code=data["code"].strip(),
            title_fa=data["title_fa"].strip(),
            title_en=data["title_en"].strip(),
            mandatory=data["mandatory"],
        )


class TariffDraftForm(LocalisedErrorsForm):
    formula = forms.CharField(
        label=_("Formula"),
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
        help_text=_(
            "Arithmetic over the form's numeric fields by name, e.g. "
            "1000000 + 10000 * area_m2; lookup tables {1: 5, 2: 7}[zone]; min, max, floor, ceil. "
            "Persian digits are read as Latin ones."
        ),
    )
    description_fa = forms.CharField(
        label=_("The formula in plain words (Persian)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    description_en = forms.CharField(
        label=_("The formula in plain words (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
    )
    splits = forms.CharField(
        label=_("Split among beneficiaries"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        help_text=_(
            "One per line: beneficiary | basis points (10,000 = all), e.g. "
            "revenue:building-permit-duty | 8500 and office_fee | 1500."
        ),
    )
    samples = forms.CharField(
        label=_("Worked examples"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        help_text=_(
            "One example per line: field=value, separated by commas, e.g. area_m2=120, zone=1"
        ),
    )
    effective_from = JalaliDateField(label=_("In force from"))

    def clean_formula(self) -> str:
        return to_ascii_digits(self.cleaned_data["formula"])

    def clean_splits(self) -> list[dict]:
        parsed = []
        for number, line in enumerate(self.cleaned_data["splits"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            points = to_ascii_digits(parts[-1]).replace(",", "").replace("٬", "")
            if len(parts) != 2 or not points.isdigit():
                raise ValidationError(
                    _("Line %(n)s: write beneficiary | basis points."), params={"n": number}
                )
            parsed.append({"beneficiary": parts[0], "basis_points": int(points)})
        return parsed

    def clean_samples(self) -> list[dict]:
        parsed = []
        for number, line in enumerate(self.cleaned_data["samples"].splitlines(), 1):
            if not line.strip():
                continue
            sample = {}
            for pair in line.replace("،", ",").split(","):
                name, sep, value = pair.partition("=")
                if not sep or not name.strip() or not value.strip():
                    raise ValidationError(
                        _("Line %(n)s: write field=value pairs separated by commas."),
                        params={"n": number},
                    )
                sample[name.strip()] = to_ascii_digits(value.strip())
            parsed.append(sample)
        return parsed

    @staticmethod
    def initial_of(draft) -> dict:
        return {
            "formula": draft.formula,
            "description_fa": draft.description_fa,
            "description_en": draft.description_en,
            "splits": "\n".join(f"{s['beneficiary']} | {s['basis_points']}" for s in draft.splits),
            "samples": "\n".join(
                ", ".join(f"{k}={v}" for k, v in sample.items()) for sample in draft.samples
            ),
            "effective_from": draft.effective_from,
        }
