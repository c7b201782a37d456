"""A service's definition as data: what a draft holds and what a published version freezes.

One JSON shape serves both (ADR 0024):

    {"code": "bp-file-open", "title_fa": "…", "title_en": "…", "description_fa": "…",
     "description_en": "…", "domain": "<domain code>", "department": "<department code>",
     "channels": ["office", "web"], "sla_days": 10, "refundable_basis_points": 10000,
     "workflow": <workflow version id or null>,
     "fields": [{"name": "area_m2", "label_fa": "…", "label_en": "…", "type": "area",
                 "required": true, "min_value": "1", "max_value": null, "max_length": null,
                 "choices": [{"value": 1, "label_fa": "…", "label_en": "…"}]}],
     "documents": [{"code": "deed", "title_fa": "…", "title_en": "…", "mandatory": true}]}

The order of `fields` is the form's order. `FieldSpec` and `DocumentSpec` read like the live
`FormField` and `RequiredDocument` rows (the same attribute names, `label`, `title`,
`display_value`), so the form builder, the schema's `clean_form` and the file page take either:
an existing file is shown and validated by the version it was opened with.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from daftar.catalogue.choices import Channel, FieldType
from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.catalogue.schema import display_value
from daftar.core.errors import InvalidInput
from daftar.core.i18n import localised

_SLUG = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


@dataclass
class FieldSpec:
    name: str
    label_fa: str
    label_en: str
    type: str
    required: bool = True
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    max_length: int | None = None
    choices: list[dict] = field(default_factory=list)
    order: int = 0

    @property
    def label(self) -> str:
        return localised(self.label_fa, self.label_en)

    def display_value(self, value) -> str:
        return display_value(self, value)

    @property
    def type_label(self) -> str:
        return FieldType(self.type).label if self.type in FieldType.values else self.type

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("order")
        for bound in ("min_value", "max_value"):
            data[bound] = None if data[bound] is None else str(data[bound])
        return data

    @classmethod
    def from_json(cls, data: dict, order: int = 0) -> FieldSpec:
        max_length = data.get("max_length")
        return cls(
            name=str(data.get("name", "")),
            label_fa=str(data.get("label_fa", "")),
            label_en=str(data.get("label_en", "")),
            type=str(data.get("type", "")),
            required=bool(data.get("required", True)),
            min_value=_decimal(data.get("min_value")),
            max_value=_decimal(data.get("max_value")),
            max_length=int(max_length) if isinstance(max_length, int) else None,
            choices=list(data.get("choices") or []),
            order=order,
        )


@dataclass
class DocumentSpec:
    code: str
    title_fa: str
    title_en: str
    mandatory: bool = True

    @property
    def title(self) -> str:
        return localised(self.title_fa, self.title_en)

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> DocumentSpec:
        return cls(
            code=str(data.get("code", "")),
            title_fa=str(data.get("title_fa", "")),
            title_en=str(data.get("title_en", "")),
            mandatory=bool(data.get("mandatory", True)),
        )


class Rows(list):
    """A list that answers `.all()` like a related manager, so code written for a service's
    `fields.all()` / `documents.all()` reads a definition's lists unchanged."""

    def all(self):
        return list(self)


@dataclass
class ServiceDefinition:
    code: str = ""
    title_fa: str = ""
    title_en: str = ""
    description_fa: str = ""
    description_en: str = ""
    domain: str = ""
    department: str = ""
    channels: list[str] = field(default_factory=lambda: [Channel.OFFICE.value])
    sla_days: int = 10
    refundable_basis_points: int = 10_000
    workflow: int | None = None
    fields: Rows = field(default_factory=Rows)
    documents: Rows = field(default_factory=Rows)
    # False: publishing this version takes the service out of the catalogue (no new files;
    # files in progress finish); the reason is what the catalogue team recorded for it.
    offered: bool = True
    withdrawal_reason: str = ""

    @property
    def title(self) -> str:
        return localised(self.title_fa, self.title_en)

    @property
    def description(self) -> str:
        return localised(self.description_fa, self.description_en)

    def allows(self, channel) -> bool:
        return str(channel) in self.channels

    def field_named(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    def document_coded(self, code: str) -> DocumentSpec | None:
        return next((d for d in self.documents if d.code == code), None)

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "title_fa": self.title_fa,
            "title_en": self.title_en,
            "description_fa": self.description_fa,
            "description_en": self.description_en,
            "domain": self.domain,
            "department": self.department,
            "channels": list(self.channels),
            "sla_days": self.sla_days,
            "refundable_basis_points": self.refundable_basis_points,
            "workflow": self.workflow,
            "fields": [f.as_json() for f in self.fields],
            "documents": [d.as_json() for d in self.documents],
            "offered": self.offered,
            "withdrawal_reason": self.withdrawal_reason,
        }

    @classmethod
    def from_json(cls, data: dict) -> ServiceDefinition:
        data = data or {}
        return cls(
            code=str(data.get("code", "")),
            title_fa=str(data.get("title_fa", "")),
            title_en=str(data.get("title_en", "")),
            description_fa=str(data.get("description_fa", "")),
            description_en=str(data.get("description_en", "")),
            domain=str(data.get("domain", "")),
            department=str(data.get("department", "")),
            channels=[str(c) for c in data.get("channels") or []],
            sla_days=int(data.get("sla_days") or 0),
            refundable_basis_points=int(data.get("refundable_basis_points") or 0),
            workflow=data.get("workflow"),
            fields=Rows(
                FieldSpec.from_json(f, order=i) for i, f in enumerate(data.get("fields") or [], 1)
            ),
            documents=Rows(DocumentSpec.from_json(d) for d in data.get("documents") or []),
            offered=bool(data.get("offered", True)),
            withdrawal_reason=str(data.get("withdrawal_reason", "")),
        )


def definition_of_service(service) -> ServiceDefinition:
    """The live rows of `service` as a definition (the first version of a service that had
    none, and the starting point of a draft)."""
    return ServiceDefinition(
        code=service.code,
        title_fa=service.title_fa,
        title_en=service.title_en,
        description_fa=service.description_fa,
        description_en=service.description_en,
        domain=service.domain.code,
        department=service.department.code,
        channels=[c.value for c in Channel if service.allows(c)],
        sla_days=service.sla_days,
        refundable_basis_points=service.refundable_basis_points,
        workflow=service.workflow_id,
        fields=Rows(
            FieldSpec(
                name=f.name,
                label_fa=f.label_fa,
                label_en=f.label_en,
                type=f.type,
                required=f.required,
                min_value=f.min_value,
                max_value=f.max_value,
                max_length=f.max_length,
                choices=list(f.choices or []),
                order=i,
            )
            for i, f in enumerate(sorted(service.fields.all(), key=lambda f: (f.order, f.pk)), 1)
        ),
        documents=Rows(
            DocumentSpec(
                code=d.code, title_fa=d.title_fa, title_en=d.title_en, mandatory=d.mandatory
            )
            for d in service.documents.all()
        ),
        offered=service.active,
    )


# --- validation: every rule names its field, in the user's language ---------------------------


def _required_text(value: str, *, field_name: str, label) -> None:
    if not value.strip():
        raise InvalidInput(
            _("Enter %(what)s."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field=field_name,
            params={"what": label},
        )


def validate_field(spec: FieldSpec, *, others: list[FieldSpec] = ()) -> FieldSpec:
    """One form field's rules: a slug name unique in the form, both labels, a known type,
    ordered bounds, and for a choice at least two choices each with a value and both labels."""
    if not _SLUG.match(spec.name):
        raise InvalidInput(
            _(
                "The field's name must start with a Latin letter and use only small Latin "
                "letters, digits, - and _ (at most 40)."
            ),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="name",
        )
    if any(other.name == spec.name for other in others):
        raise InvalidInput(
            _("The form already has a field named %(name)s."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="name",
            params={"name": spec.name},
        )
    _required_text(spec.label_fa, field_name="label_fa", label=_("the Persian label"))
    _required_text(spec.label_en, field_name="label_en", label=_("the English label"))
    if spec.type not in FieldType.values:
        raise InvalidInput(
            _("Choose the field's type from the list."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="type",
        )
    if (
        spec.min_value is not None
        and spec.max_value is not None
        and spec.min_value > spec.max_value
    ):
        raise InvalidInput(
            _("The minimum is larger than the maximum."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="min_value",
        )
    if spec.type == FieldType.CHOICE:
        if len(spec.choices) < 2:
            raise InvalidInput(
                _("A choice field needs at least two choices."),
                code=CatalogueErrorCode.DEFINITION_INVALID,
                field="choices",
            )
        values = [str(c.get("value")) for c in spec.choices]
        if len(set(values)) != len(values):
            raise InvalidInput(
                _("Two choices have the same value."),
                code=CatalogueErrorCode.DEFINITION_INVALID,
                field="choices",
            )
        for choice in spec.choices:
            if (
                not str(choice.get("label_fa", "")).strip()
                or not str(choice.get("label_en", "")).strip()
            ):
                raise InvalidInput(
                    _("Choice %(value)s needs a Persian and an English label."),
                    code=CatalogueErrorCode.DEFINITION_INVALID,
                    field="choices",
                    params={"value": choice.get("value")},
                )
    elif spec.choices:
        raise InvalidInput(
            _("Only a choice field has choices."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="choices",
        )
    return spec


def validate_document(spec: DocumentSpec, *, others: list[DocumentSpec] = ()) -> DocumentSpec:
    if not _SLUG.match(spec.code):
        raise InvalidInput(
            _(
                "The document's code must start with a Latin letter and use only small Latin "
                "letters, digits, - and _ (at most 40)."
            ),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="code",
        )
    if any(other.code == spec.code for other in others):
        raise InvalidInput(
            _("The service already asks for a document coded %(code)s."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="code",
            params={"code": spec.code},
        )
    _required_text(spec.title_fa, field_name="title_fa", label=_("the Persian title"))
    _required_text(spec.title_en, field_name="title_en", label=_("the English title"))
    return spec


def validate_code(code: str) -> str:
    if not _SLUG.match(code):
        raise InvalidInput(
            _(
                "The service's code must start with a Latin letter and use only small Latin "
                "letters, digits, - and _ (at most 40)."
            ),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="code",
        )
    return code


def validate_general(definition: ServiceDefinition) -> ServiceDefinition:
    """The service's own attributes (not its fields and documents)."""
    validate_code(definition.code)
    _required_text(definition.title_fa, field_name="title_fa", label=_("the Persian title"))
    _required_text(definition.title_en, field_name="title_en", label=_("the English title"))
    if not definition.channels or set(definition.channels) - set(Channel.values):
        raise InvalidInput(
            _("Choose at least one channel the service can be requested through."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="channels",
        )
    if not 1 <= definition.sla_days <= 365:
        raise InvalidInput(
            _("The SLA is between 1 and 365 working days."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="sla_days",
        )
    if not 0 <= definition.refundable_basis_points <= 10_000:
        raise InvalidInput(
            _("The refundable share is between 0 and 100 per cent."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="refundable_percent",
        )
    return definition


def validate_complete(definition: ServiceDefinition) -> ServiceDefinition:
    """Everything a version needs before it is published."""
    validate_general(definition)
    if not definition.domain:
        raise InvalidInput(
            _("Choose the service's domain."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="domain",
        )
    if not definition.department:
        raise InvalidInput(
            _("Choose the department that decides the service's files."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="department",
        )
    if not definition.workflow:
        raise InvalidInput(
            _("Choose the workflow the service's files follow."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="workflow",
        )
    seen_fields: list[FieldSpec] = []
    for spec in definition.fields:
        validate_field(spec, others=seen_fields)
        seen_fields.append(spec)
    seen_documents: list[DocumentSpec] = []
    for spec in definition.documents:
        validate_document(spec, others=seen_documents)
        seen_documents.append(spec)
    return definition
