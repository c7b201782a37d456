"""Service drafts and published versions (ADR 0024).

A catalogue administrator starts a draft (of a new service, or of an existing service's next
version, copied from its current version), edits it freely — general attributes, form fields,
required documents — and publishes it: a new `ServiceVersion` freezes the definition, and the
live `Service`, `FormField` and `RequiredDocument` rows are rewritten to match it, so the
catalogue, the forms and the API offer it at once. Files opened before keep their version.
"""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.catalogue import formula as fee_formula
from daftar.catalogue.choices import NUMERIC_TYPES, Channel, DraftStatus
from daftar.catalogue.definition import (
    DocumentSpec,
    FieldSpec,
    Rows,
    ServiceDefinition,
    definition_of_service,
    validate_code,
    validate_complete,
    validate_document,
    validate_field,
    validate_general,
)
from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.catalogue.models import (
    Department,
    FormField,
    RequiredDocument,
    Service,
    ServiceDomain,
    ServiceDraft,
    ServiceVersion,
)
from daftar.catalogue.permissions import require_catalogue_admin
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, InvalidInput
from daftar.core.text import search_key
from daftar.workflow.selectors import workflow_versions_offered

STREAM = "catalogue"


def _locked_open(draft: ServiceDraft) -> ServiceDraft:
    draft = ServiceDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.status != DraftStatus.OPEN:
        raise Conflict(
            _("This draft was published or discarded already; start a new draft."),
            code=CatalogueErrorCode.DRAFT_NOT_OPEN,
        )
    return draft


def _save(draft: ServiceDraft, definition: ServiceDefinition) -> None:
    draft.definition = definition.as_json()
    draft.save(update_fields=["definition", "updated_at"])


def _code_free(code: str, *, draft: ServiceDraft | None = None) -> None:
    taken = Service.objects.filter(code=code).exists() or (
        ServiceDraft.objects.filter(
            service__isnull=True, status=DraftStatus.OPEN, definition__code=code
        )
        .exclude(pk=getattr(draft, "pk", None))
        .exists()
    )
    if taken:
        raise Conflict(
            _("Another service (or a draft of a new one) already has the code %(code)s."),
            code=CatalogueErrorCode.SERVICE_CODE_TAKEN,
            field="code",
            params={"code": code},
        )


def service_version_current(service: Service) -> ServiceVersion | None:
    """The version the live service is (the latest published), or None for a service written
    before versions existed (demo data, test fixtures)."""
    return service.versions.order_by("-number").first()


@audited
def service_version_snapshot(*, actor: Actor, service: Service) -> ServiceVersion:
    """The live service as its first version, for a service that has none yet (called when
    its first file is opened, or before its next version is published)."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    current = service_version_current(service)
    if current is not None:  # another request made it first
        audit_record(
            actor=actor,
            action="service.version_found",
            stream=STREAM,
            obj=current,
            summary=f"{service.code} v{current.number} already recorded",
        )
        return current
    version = ServiceVersion.objects.create(
        service=service,
        number=1,
        definition=definition_of_service(service).as_json(),
        published_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="service.version_recorded",
        stream=STREAM,
        obj=version,
        summary=f"{service.code} v1 recorded from the live service",
    )
    return version


@audited
def service_draft_start(
    *, actor: Actor, service: Service | None = None, code: str = ""
) -> ServiceDraft:
    """A draft of `service`'s next version (a copy of its current version), or of a new
    service with `code`."""
    require_catalogue_admin(actor)
    if service is not None:
        service = Service.objects.select_for_update().get(pk=service.pk)
        if ServiceDraft.objects.filter(service=service, status=DraftStatus.OPEN).exists():
            raise Conflict(
                _("This service already has a draft being edited; continue that one."),
                code=CatalogueErrorCode.DRAFT_NOT_OPEN,
            )
        current = service_version_current(service) or service_version_snapshot(
            actor=actor, service=service
        )
        definition = ServiceDefinition.from_json(current.definition)
        based_on = current
    else:
        code = code.strip().lower()
        definition = ServiceDefinition(code=validate_code(code))
        _code_free(code)
        based_on = None
    draft = ServiceDraft.objects.create(
        service=service,
        based_on=based_on,
        definition=definition.as_json(),
        created_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="service.draft_started",
        stream=STREAM,
        obj=draft,
        summary=f"draft of {definition.code}",
        after={"service": definition.code, "based_on": based_on.number if based_on else None},
    )
    return draft


@audited
def service_draft_update(
    *,
    actor: Actor,
    draft: ServiceDraft,
    title_fa: str,
    title_en: str,
    description_fa: str,
    description_en: str,
    domain: ServiceDomain | None,
    department: Department | None,
    channels: list[str],
    sla_days: int,
    refundable_basis_points: int,
    workflow_id: int | None,
    code: str | None = None,
) -> ServiceDraft:
    """The service's own attributes in the draft (its fields and documents have their own
    services). The code can change only while the service is not published."""
    require_catalogue_admin(actor)
    draft = _locked_open(draft)
    definition = ServiceDefinition.from_json(draft.definition)
    before = definition.as_json()
    if code is not None and draft.service_id is None:
        definition.code = code.strip().lower()
    definition.title_fa = title_fa.strip()
    definition.title_en = title_en.strip()
    definition.description_fa = description_fa.strip()
    definition.description_en = description_en.strip()
    definition.domain = domain.code if domain else ""
    definition.department = department.code if department else ""
    definition.channels = [c for c in Channel.values if c in channels]
    definition.sla_days = sla_days
    definition.refundable_basis_points = refundable_basis_points
    if workflow_id is not None and workflow_id not in {v.pk for v in workflow_versions_offered()}:
        raise InvalidInput(
            _("Choose a published workflow version."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="workflow",
        )
    definition.workflow = workflow_id
    validate_general(definition)
    if draft.service_id is None:
        _code_free(definition.code, draft=draft)
    _save(draft, definition)
    audit_record(
        actor=actor,
        action="service.draft_updated",
        stream=STREAM,
        obj=draft,
        before={k: v for k, v in before.items() if k not in ("fields", "documents")},
        after={k: v for k, v in draft.definition.items() if k not in ("fields", "documents")},
    )
    return draft


@audited
def service_draft_field_save(
    *,
    actor: Actor,
    draft: ServiceDraft,
    spec: FieldSpec,
    replaces: str = "",
    position: int | None = None,
) -> ServiceDraft:
    """Add `spec` to the draft's form (or put it in place of the field named `replaces`), at
    1-based `position` (the end when None, or where it was when replacing)."""
    require_catalogue_admin(actor)
    draft = _locked_open(draft)
    definition = ServiceDefinition.from_json(draft.definition)
    fields = list(definition.fields)
    index = next((i for i, f in enumerate(fields) if f.name == replaces), None)
    if replaces and index is None:
        raise InvalidInput(
            _("The draft has no field named %(name)s."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="name",
            params={"name": replaces},
        )
    before = fields.pop(index).as_json() if index is not None else None
    validate_field(spec, others=fields)
    if position is not None:
        index = max(0, min(len(fields), position - 1))
    fields.insert(len(fields) if index is None else index, spec)
    definition.fields = Rows(fields)
    _save(draft, definition)
    audit_record(
        actor=actor,
        action="service.draft_field_saved",
        stream=STREAM,
        obj=draft,
        summary=f"field {spec.name} of draft {draft.pk}",
        before=before,
        after=spec.as_json(),
    )
    return draft


@audited
def service_draft_field_remove(*, actor: Actor, draft: ServiceDraft, name: str) -> ServiceDraft:
    require_catalogue_admin(actor)
    draft = _locked_open(draft)
    definition = ServiceDefinition.from_json(draft.definition)
    removed = definition.field_named(name)
    if removed is None:
        raise InvalidInput(
            _("The draft has no field named %(name)s."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="name",
            params={"name": name},
        )
    definition.fields = Rows(f for f in definition.fields if f.name != name)
    _save(draft, definition)
    audit_record(
        actor=actor,
        action="service.draft_field_removed",
        stream=STREAM,
        obj=draft,
        summary=f"field {name} removed from draft {draft.pk}",
        before=removed.as_json(),
    )
    return draft


@audited
def service_draft_document_save(
    *, actor: Actor, draft: ServiceDraft, spec: DocumentSpec, replaces: str = ""
) -> ServiceDraft:
    require_catalogue_admin(actor)
    draft = _locked_open(draft)
    definition = ServiceDefinition.from_json(draft.definition)
    documents = list(definition.documents)
    index = next((i for i, d in enumerate(documents) if d.code == replaces), None)
    if replaces and index is None:
        raise InvalidInput(
            _("The draft asks for no document coded %(code)s."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="code",
            params={"code": replaces},
        )
    before = documents.pop(index).as_json() if index is not None else None
    validate_document(spec, others=documents)
    documents.insert(len(documents) if index is None else index, spec)
    definition.documents = Rows(documents)
    _save(draft, definition)
    audit_record(
        actor=actor,
        action="service.draft_document_saved",
        stream=STREAM,
        obj=draft,
        summary=f"document {spec.code} of draft {draft.pk}",
        before=before,
        after=spec.as_json(),
    )
    return draft


@audited
def service_draft_document_remove(*, actor: Actor, draft: ServiceDraft, code: str) -> ServiceDraft:
    require_catalogue_admin(actor)
    draft = _locked_open(draft)
    definition = ServiceDefinition.from_json(draft.definition)
    removed = definition.document_coded(code)
    if removed is None:
        raise InvalidInput(
            _("The draft asks for no document coded %(code)s."),
            code=CatalogueErrorCode.DEFINITION_INVALID,
            field="code",
            params={"code": code},
        )
    definition.documents = Rows(d for d in definition.documents if d.code != code)
    _save(draft, definition)
    audit_record(
        actor=actor,
        action="service.draft_document_removed",
        stream=STREAM,
        obj=draft,
        summary=f"document {code} removed from draft {draft.pk}",
        before=removed.as_json(),
    )
    return draft


@audited
def service_draft_discard(*, actor: Actor, draft: ServiceDraft) -> ServiceDraft:
    require_catalogue_admin(actor)
    draft = _locked_open(draft)
    draft.status = DraftStatus.DISCARDED
    draft.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="service.draft_discarded",
        stream=STREAM,
        obj=draft,
        summary=f"draft {draft.pk} of {draft.definition.get('code', '')} discarded",
    )
    return draft


def _check_tariffs_still_read(service: Service, definition: ServiceDefinition) -> None:
    """A tariff in force or to come keeps the numeric fields its formula reads."""
    numeric = {f.name for f in definition.fields if f.type in NUMERIC_TYPES}
    today = timezone.localdate()
    for tariff in service.tariffs.exclude(effective_to__lte=today):
        missing = fee_formula.names(tariff.formula) - numeric
        if missing:
            raise Conflict(
                _(
                    "Tariff version %(version)d reads the field(s) %(names)s, which the draft "
                    "removes or makes non-numeric; keep them, or change the tariff first."
                ),
                code=CatalogueErrorCode.FIELD_READ_BY_TARIFF,
                field="fields",
                params={"version": tariff.version, "names": ", ".join(sorted(missing))},
            )


@audited
def service_draft_publish(*, actor: Actor, draft: ServiceDraft) -> ServiceVersion:
    """Freeze the draft as the service's next version and make it the live service: the
    catalogue, new files and the API use it from now on; files already opened keep theirs."""
    require_catalogue_admin(actor)
    draft = _locked_open(draft)
    definition = validate_complete(ServiceDefinition.from_json(draft.definition))
    domain = ServiceDomain.objects.filter(code=definition.domain).first()
    department = Department.objects.filter(code=definition.department).first()
    workflow = next((v for v in workflow_versions_offered() if v.pk == definition.workflow), None)
    for found, name in ((domain, "domain"), (department, "department"), (workflow, "workflow")):
        if found is None:
            raise InvalidInput(
                _(
                    "Choose the service's domain, department and workflow again: one of those "
                    "chosen no longer exists."
                ),
                code=CatalogueErrorCode.DEFINITION_INVALID,
                field=name,
            )
    attributes = {
        "title_fa": definition.title_fa,
        "title_en": definition.title_en,
        "description_fa": definition.description_fa,
        "description_en": definition.description_en,
        "domain": domain,
        "department": department,
        "channel_office": definition.allows(Channel.OFFICE),
        "channel_web": definition.allows(Channel.WEB),
        "channel_partner": definition.allows(Channel.PARTNER),
        "sla_days": definition.sla_days,
        "refundable_basis_points": definition.refundable_basis_points,
        "workflow": workflow,
        "search_key": search_key(f"{definition.title_fa} {definition.title_en} {definition.code}"),
    }
    if draft.service_id is None:
        _code_free(definition.code, draft=draft)
        service = Service.objects.create(code=definition.code, active=True, **attributes)
        number = 1
    else:
        service = Service.objects.select_for_update().get(pk=draft.service_id)
        if service_version_current(service) is None:  # keep what older files were opened with
            service_version_snapshot(actor=actor, service=service)
        _check_tariffs_still_read(service, definition)
        for name, value in attributes.items():
            setattr(service, name, value)
        service.save()
        number = (service.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    FormField.objects.filter(service=service).delete()
    FormField.objects.bulk_create(
        FormField(
            service=service,
            name=spec.name,
            label_fa=spec.label_fa,
            label_en=spec.label_en,
            type=spec.type,
            required=spec.required,
            min_value=spec.min_value,
            max_value=spec.max_value,
            max_length=spec.max_length,
            choices=spec.choices,
            order=order,
        )
        for order, spec in enumerate(definition.fields, 1)
    )
    RequiredDocument.objects.filter(service=service).delete()
    RequiredDocument.objects.bulk_create(
        RequiredDocument(
            service=service,
            code=spec.code,
            title_fa=spec.title_fa,
            title_en=spec.title_en,
            mandatory=spec.mandatory,
        )
        for spec in definition.documents
    )
    version = ServiceVersion.objects.create(
        service=service,
        number=number,
        definition=definition.as_json(),
        published_at=timezone.now(),
        published_by=actor.user,
    )
    draft.service = service
    draft.status = DraftStatus.PUBLISHED
    draft.published_as = version
    draft.save(update_fields=["service", "status", "published_as", "updated_at"])
    audit_record(
        actor=actor,
        action="service.published",
        stream=STREAM,
        obj=version,
        summary=f"{service.code} v{number} published",
        after=definition.as_json(),
    )
    return version
