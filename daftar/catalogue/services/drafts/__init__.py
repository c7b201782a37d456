"""Service drafts and published versions (ADR 0024).

A catalogue administrator starts a draft (of a new service, or of an existing service's next
version, copied from its current version), edits it freely — general attributes, form fields,
required documents — and publishes it: a new `ServiceVersion` freezes the definition, and the
live `Service`, `FormField` and `RequiredDocument` rows are rewritten to match it, so the
catalogue, the forms and the API offer it at once. Files opened before keep their version.
"""

from daftar.catalogue.services.drafts.editing import (
    service_draft_discard,
    service_draft_document_remove,
    service_draft_document_save,
    service_draft_field_remove,
    service_draft_field_save,
    service_draft_offer_set,
    service_draft_start,
    service_draft_update,
)
from daftar.catalogue.services.drafts.publish import service_draft_publish
from daftar.catalogue.services.drafts.versions import (
    service_version_current,
    service_version_snapshot,
)

__all__ = [
    "service_draft_discard",
    "service_draft_document_remove",
    "service_draft_document_save",
    "service_draft_field_remove",
    "service_draft_field_save",
    "service_draft_offer_set",
    "service_draft_publish",
    "service_draft_start",
    "service_draft_update",
    "service_version_current",
    "service_version_snapshot",
]
