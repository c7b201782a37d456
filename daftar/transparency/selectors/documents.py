"""Transparency selectors: documents citizens receive: outcome documents of approved files and
receipts, numbered, verifiable by QR, revocable.

One access path: `document_visible_to(user)` — whoever may see the file sees its outcome
document (the citizen, the office's staff, the department, oversight roles); whoever may see
the payment sees its receipt (treasury's rule). The public verification reads by
the unguessable code and answers nothing personal beyond a masked name.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db.models import Q, QuerySet

from daftar.cases.selectors import file_visible_to
from daftar.catalogue.models import Service
from daftar.core.errors import InvalidInput
from daftar.transparency.error_codes import TransparencyErrorCode
from daftar.transparency.models.documents import DocumentKind, IssuedDocument, OutcomeTemplate
from daftar.treasury.selectors import payment_visible_to

_SHA256 = re.compile(r"[0-9a-f]{64}")
_CODE = re.compile(r"[A-Z0-9]{1,32}")


def template_in_force(service: Service, on: datetime.date) -> OutcomeTemplate | None:
    """The version of `service`'s outcome template in force on `on` (the latest adopted from
    that day or before), or None."""
    return (
        OutcomeTemplate.objects.filter(service=service, effective_from__lte=on)
        .order_by("-effective_from", "-version")
        .first()
    )


def outcome_templates_latest() -> dict[int, OutcomeTemplate]:
    """Service id → its latest adopted template version (one query)."""
    latest: dict[int, OutcomeTemplate] = {}
    for template in OutcomeTemplate.objects.order_by("service_id", "-version"):
        latest.setdefault(template.service_id, template)
    return latest


def document_visible_to(user) -> QuerySet[IssuedDocument]:
    """Outcome documents of the files `user` may see; receipts of the payments `user` may see
    (treasury's rule: the citizen, the office that took it, the treasury and oversight)."""
    return IssuedDocument.objects.filter(
        (~Q(kind=DocumentKind.RECEIPT) & Q(file__in=file_visible_to(user)))
        | Q(kind=DocumentKind.RECEIPT, payment__in=payment_visible_to(user))
    )


def documents_of_file(user, file) -> list[IssuedDocument]:
    """The documents of `file` that `user` may see, oldest first (one query)."""
    return list(document_visible_to(user).filter(file=file).order_by("issued_at", "pk"))


def receipts_visible_to(
    user, *, number: str = "", tracking_code: str = ""
) -> QuerySet[IssuedDocument]:
    """The receipts `user` may see, newest first; narrowed to one receipt number or to the
    receipts of one file (both already validated and in their canonical form)."""
    receipts = (
        document_visible_to(user)
        .filter(kind=DocumentKind.RECEIPT)
        .select_related("file", "payment", "revoked_by")
        .order_by("-issued_at", "-pk")
    )
    if number:
        receipts = receipts.filter(number=number)
    if tracking_code:
        receipts = receipts.filter(file__tracking_code=tracking_code)
    return receipts


def document_for_user(user, number: str) -> IssuedDocument | None:
    return (
        document_visible_to(user)
        .select_related("file", "file__department", "file__service")
        .filter(number=number)
        .first()
    )


def document_content(document: IssuedDocument) -> bytes:
    with default_storage.open(document.stored_as, "rb") as stored:
        return stored.read()


@dataclass(frozen=True)
class Verification:
    """What anyone may learn of a document from its verification code."""

    document: IssuedDocument
    number: str
    kind: str
    kind_label: str
    title: str
    service: str
    department: str
    holder: str
    issued_at: datetime.datetime
    sha256: str
    revoked: bool
    revoked_at: datetime.datetime | None
    revocation_reason: str


def normalise_code(code: str) -> str:
    return (code or "").strip().upper().replace("-", "").replace(" ", "")


def document_verification(code: str) -> Verification | None:
    """The public facts of the document with verification `code`, or None if there is none."""
    code = normalise_code(code)
    if not _CODE.fullmatch(code):
        return None
    document = (
        IssuedDocument.objects.select_related("file__service", "file__department")
        .filter(verification_code=code)
        .first()
    )
    if document is None:
        return None
    return Verification(
        document=document,
        number=document.number,
        kind=document.kind,
        kind_label=str(DocumentKind(document.kind).label),
        title=document.title,
        service=document.file.service.title,
        department=document.file.department.name,
        holder=document.holder_masked,
        issued_at=document.issued_at,
        sha256=document.sha256,
        revoked=document.revoked_at is not None,
        revoked_at=document.revoked_at,
        revocation_reason=document.revocation_reason,
    )


def normalise_sha256(text: str) -> str:
    """The fingerprint a visitor pasted, lower-case without spaces; InvalidInput if it is not
    one."""
    digest = re.sub(r"\s+", "", text or "").lower()
    if not _SHA256.fullmatch(digest):
        raise InvalidInput(
            TransparencyErrorCode.DOCUMENT_HASH_INVALID.description,
            code=TransparencyErrorCode.DOCUMENT_HASH_INVALID,
            field="sha256",
        )
    return digest


def sha256_of(chunks) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()
