"""Publishing a draft: the definition frozen as the service's next `ServiceVersion` and the live
rows rewritten to match it, unless a tariff in force or to come still reads a removed field."""

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.catalogue import formula as fee_formula
from daftar.catalogue.choices import NUMERIC_TYPES, Channel, DraftStatus
from daftar.catalogue.definition import (
    ServiceDefinition,
    validate_complete,
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
from daftar.catalogue.services.drafts.common import STREAM, _code_free, _locked_open
from daftar.catalogue.services.drafts.versions import (
    service_version_current,
    service_version_snapshot,
)
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, InvalidInput
from daftar.core.text import search_key
from daftar.workflow.selectors import workflow_versions_offered


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
        # a withdrawn service offers no new files (catalogue, counter, API, file_create refuse);
        # files in progress keep their version and finish
        "active": definition.offered or draft.service_id is None,
    }
    if draft.service_id is None:
        _code_free(definition.code, draft=draft)
        service = Service.objects.create(code=definition.code, **attributes)
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
        summary=f"{service.code} v{number} published"
        + ("" if service.active else f", withdrawn: {definition.withdrawal_reason}"),
        after=definition.as_json(),
    )
    return version
