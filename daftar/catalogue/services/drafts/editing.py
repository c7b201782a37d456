"""Editing a draft: starting it (a copy of the current version, or a new service's code), its
general attributes, its form fields and required documents, and discarding it."""

from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.catalogue.choices import Channel, DraftStatus
from daftar.catalogue.definition import (
    DocumentSpec,
    FieldSpec,
    Rows,
    ServiceDefinition,
    validate_code,
    validate_document,
    validate_field,
    validate_general,
)
from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.catalogue.models import (
    Department,
    Service,
    ServiceDomain,
    ServiceDraft,
)
from daftar.catalogue.permissions import require_catalogue_admin
from daftar.catalogue.services.drafts.common import STREAM, _code_free, _locked_open, _save
from daftar.catalogue.services.drafts.versions import (
    service_version_current,
    service_version_snapshot,
)
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, InvalidInput
from daftar.workflow.selectors import workflow_versions_offered


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


WITHDRAWAL_REASON_MAX = 500


@audited
def service_draft_offer_set(
    *, actor: Actor, draft: ServiceDraft, offered: bool, reason: str = ""
) -> ServiceDraft:
    """Mark the draft as taking its service out of the catalogue (`offered=False`, with the
    reason recorded) or as offering it (again). Nothing changes for citizens until the draft is
    published; files in progress keep their version and finish either way."""
    require_catalogue_admin(actor)
    draft = _locked_open(draft)
    definition = ServiceDefinition.from_json(draft.definition)
    reason = " ".join(reason.split())
    if not offered:
        if draft.service_id is None:
            raise InvalidInput(
                _(
                    "A service that was never published cannot be withdrawn; discard its draft "
                    "instead."
                ),
                code=CatalogueErrorCode.DEFINITION_INVALID,
                field="offered",
            )
        if not reason:
            raise InvalidInput(
                _("Write why the service is withdrawn; the reason is kept with the version."),
                code=CatalogueErrorCode.DEFINITION_INVALID,
                field="reason",
            )
        if len(reason) > WITHDRAWAL_REASON_MAX:
            raise InvalidInput(
                _("The reason is at most %(max)d characters long."),
                code=CatalogueErrorCode.DEFINITION_INVALID,
                field="reason",
                params={"max": WITHDRAWAL_REASON_MAX},
            )
    before = {"offered": definition.offered, "withdrawal_reason": definition.withdrawal_reason}
    definition.offered = offered
    definition.withdrawal_reason = "" if offered else reason
    _save(draft, definition)
    audit_record(
        actor=actor,
        action="service.draft_offer_set",
        stream=STREAM,
        obj=draft,
        summary=(
            f"draft {draft.pk} of {definition.code} "
            + ("offers the service" if offered else "withdraws the service")
        ),
        before=before,
        after={"offered": definition.offered, "withdrawal_reason": definition.withdrawal_reason},
    )
    return draft
