"""Writes to the catalogue: service drafts and versions (ADR 0024), tariff versions (each set
by an adopted tariff decision) and the tariff drafts the committee decides on."""

from daftar.catalogue.services.departments import department_member_remove, department_member_set
from daftar.catalogue.services.drafts import (
    service_draft_discard,
    service_draft_document_remove,
    service_draft_document_save,
    service_draft_field_remove,
    service_draft_field_save,
    service_draft_offer_set,
    service_draft_publish,
    service_draft_start,
    service_draft_update,
    service_version_current,
    service_version_snapshot,
)
from daftar.catalogue.services.tariff_drafts import (
    tariff_draft_apply,
    tariff_draft_save,
    tariff_draft_send,
    tariff_draft_withdraw,
    tariff_drafts_apply_adopted,
)
from daftar.catalogue.services.tariffs import tariff_set, validate_splits

__all__ = [
    "department_member_remove",
    "department_member_set",
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
    "tariff_draft_apply",
    "tariff_draft_save",
    "tariff_draft_send",
    "tariff_draft_withdraw",
    "tariff_drafts_apply_adopted",
    "tariff_set",
    "validate_splits",
]
