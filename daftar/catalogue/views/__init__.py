"""The catalogue's pages: the public catalogue (public.py), the catalogue team's service editor
(editor.py) and tariff drafts (tariffs.py)."""

from daftar.catalogue.views.editor import (
    draft_discard,
    draft_document,
    draft_document_remove,
    draft_edit,
    draft_field,
    draft_field_remove,
    draft_offer,
    draft_preview,
    draft_publish,
    draft_start,
    manage,
)
from daftar.catalogue.views.public import quote, service, services
from daftar.catalogue.views.tariffs import (
    tariff_draft,
    tariff_draft_apply,
    tariff_draft_new,
    tariff_draft_send,
    tariff_draft_withdraw,
)

__all__ = [
    "draft_discard",
    "draft_document",
    "draft_document_remove",
    "draft_edit",
    "draft_field",
    "draft_field_remove",
    "draft_offer",
    "draft_preview",
    "draft_publish",
    "draft_start",
    "manage",
    "quote",
    "service",
    "services",
    "tariff_draft",
    "tariff_draft_apply",
    "tariff_draft_new",
    "tariff_draft_send",
    "tariff_draft_withdraw",
]
