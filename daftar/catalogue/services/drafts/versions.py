"""A service's published versions: the current one, and the first one recorded from the live
rows of a service written before versions existed (ADR 0024 §3)."""

from django.utils import timezone

from daftar.audit.services import audit_record, audited
from daftar.catalogue.definition import (
    definition_of_service,
)
from daftar.catalogue.models import (
    Service,
    ServiceVersion,
)
from daftar.catalogue.services.drafts.common import STREAM
from daftar.core.actors import Actor


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
