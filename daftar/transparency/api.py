"""Public API of the documents citizens receive: anyone (no key) may ask whether a document is
genuine, unaltered and not revoked by its verification code, as the verification page does —
so a bank, a notary or a court's software can check a permit without a person reading it.
Offline check: the answer's `sha256` equals the SHA-256 of the PDF the holder shows
(docs/transparency.md, "Issued documents"). Mounted at /api/v1/."""

from __future__ import annotations

import datetime

from django.conf import settings
from ninja import Field as SchemaField
from ninja import Query, Router, Schema

from daftar.core import ratelimit
from daftar.core.errors import NotFound, RateLimited
from daftar.transparency.selectors import documents as selectors
from daftar.transparency.services.documents import verification_url

router = Router(tags=["public: documents"])


class VerificationOut(Schema):
    genuine: bool = SchemaField(..., description="Daftar issued a document with this code.")
    revoked: bool
    valid: bool = SchemaField(..., description="Genuine and not revoked.")
    unaltered: bool | None = SchemaField(
        None, description="Whether `sha256` given in the query matches (null when not asked)."
    )
    number: str
    kind: str
    title_fa: str
    title_en: str
    service_fa: str
    service_en: str
    department_fa: str
    department_en: str
    holder_masked: str
    issued_at: datetime.datetime
    sha256: str
    revoked_at: datetime.datetime | None
    revocation_reason: str
    verification_url: str


class VerificationQuery(Schema):
    sha256: str | None = SchemaField(
        None, max_length=200, description="The SHA-256 of the PDF you hold, to compare."
    )


@router.get(
    "/documents/{code}/verification",
    response=VerificationOut,
    summary="Verify an issued document (genuine, unaltered, not revoked)",
    auth=None,
)
def document_verification(request, code: str, query: Query[VerificationQuery]):
    limit = getattr(settings, "DOCUMENT_VERIFY_RATE_LIMIT", 60)
    if not ratelimit.hit(
        f"document-verify-api:{ratelimit.client_ip(request)}", limit=limit, window_seconds=600
    ):
        raise RateLimited()
    if len(code) > 64:
        raise NotFound()
    found = selectors.document_verification(code)
    if found is None:
        raise NotFound()
    unaltered = None
    if query.sha256:
        unaltered = selectors.normalise_sha256(query.sha256) == found.sha256
    document, file = found.document, found.document.file
    return {
        "genuine": True,
        "revoked": found.revoked,
        "valid": not found.revoked,
        "unaltered": unaltered,
        "number": found.number,
        "kind": found.kind,
        "title_fa": document.title_fa,
        "title_en": document.title_en,
        "service_fa": file.service.title_fa,
        "service_en": file.service.title_en,
        "department_fa": file.department.name_fa,
        "department_en": file.department.name_en,
        "holder_masked": found.holder,
        "issued_at": found.issued_at,
        "sha256": found.sha256,
        "revoked_at": found.revoked_at,
        "revocation_reason": found.revocation_reason,
        "verification_url": verification_url(document.verification_code),
    }
