"""What every service-draft write shares: the audit stream, the open-draft lock, saving a
definition and the check that a new service's code is free."""

from django.utils.translation import gettext_lazy as _

from daftar.catalogue.choices import DraftStatus
from daftar.catalogue.definition import (
    ServiceDefinition,
)
from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.catalogue.models import (
    Service,
    ServiceDraft,
)
from daftar.core.errors import Conflict

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
