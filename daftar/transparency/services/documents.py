"""Transparency services: documents citizens receive: outcome documents of approved files and
receipts, numbered, verifiable by QR, revocable.

- `outcome_template_adopt` writes the next version of a service's outcome document template
  (placeholders checked against the service's form), in force from a date, citing the
  committee's decision where there is one.
- `document_issue` turns an approved file into its outcome document (once per file: calling it
  again answers the same document), `receipt_documents_issue` a file's confirmed payments into
  receipt documents (once per payment). Each gets a readable number with a Verhoeff check
  digit (`DOC-1405-000123-7`), an unguessable verification code, a PDF stored by its SHA-256,
  an audit entry, and an SMS to the citizen after commit.
- `document_revoke` revokes a document for a stated reason, once, by the file's department
  (a receipt: by the treasury).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_roles
from daftar.audit.services import audit_record
from daftar.cases.models import File
from daftar.cases.selectors import file_approved_at, file_definition
from daftar.catalogue.models import Service
from daftar.catalogue.selectors import department_of_user
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.jalali import format_date, format_datetime, to_jalali
from daftar.core.money import format_rials
from daftar.core.numbers import local_digits
from daftar.core.tracking import format_tracking_code, verhoeff_check_digit, verhoeff_valid
from daftar.core.words import number_in_words
from daftar.notifications.services import sms_enqueue
from daftar.transparency.documents_pdf import DocumentLayout, render_document_pdf
from daftar.transparency.error_codes import TransparencyErrorCode
from daftar.transparency.models.documents import (
    DocumentCounter,
    DocumentKind,
    IssuedDocument,
    OutcomeTemplate,
)
from daftar.transparency.selectors.documents import template_in_force
from daftar.transparency.services.common import STREAM
from daftar.treasury.selectors import channel_label, file_payments_with_receipt

OUTCOME_PREFIX = "DOC"
RECEIPT_PREFIX = "RCT"
STORAGE_FOLDER = "documents"
# The facts a template's paragraphs may name, besides {form.<field>} (the file's answers).
PLACEHOLDERS = (
    "tracking_code",
    "citizen_name",
    "service",
    "department",
    "office",
    "submitted_on",
    "approved_on",
    "issued_on",
)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_MAX_PARAGRAPHS = 20
_MAX_PARAGRAPH_LENGTH = 2000


# --- templates ----------------------------------------------------------------------------


def _template_error(message: str, field: str, **params) -> InvalidInput:
    return InvalidInput(
        message, code=TransparencyErrorCode.DOCUMENT_TEMPLATE_INVALID, field=field, params=params
    )


def _check_paragraphs(paragraphs: Sequence[str], *, field: str, form_fields: set[str]) -> list:
    cleaned = [str(p).strip() for p in paragraphs or []]
    if not cleaned or not all(cleaned):
        raise _template_error(_("Write at least one paragraph; none may be empty."), field)
    if len(cleaned) > _MAX_PARAGRAPHS or any(len(p) > _MAX_PARAGRAPH_LENGTH for p in cleaned):
        raise _template_error(
            _("At most %(count)s paragraphs of %(length)s characters each."),
            field,
            count=_MAX_PARAGRAPHS,
            length=_MAX_PARAGRAPH_LENGTH,
        )
    for paragraph in cleaned:
        for name in _PLACEHOLDER.findall(paragraph):
            known = name in PLACEHOLDERS or (
                name.startswith("form.") and name.removeprefix("form.") in form_fields
            )
            if not known:
                raise _template_error(
                    _("“{%(name)s}” is not a fact a document can show."), field, name=name
                )
    return cleaned


def may_adopt_templates(user) -> bool:
    """The catalogue team adopts a service's outcome document with the service (issue 17);
    the system administrator too."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool({Role.CATALOGUE_ADMIN, Role.SYSTEM_ADMIN} & set(user_roles(user)))


@transaction.atomic
def outcome_template_adopt(
    *,
    actor: Actor,
    service: Service,
    kind: str,
    title_fa: str,
    title_en: str,
    paragraphs_fa: Sequence[str],
    paragraphs_en: Sequence[str],
    effective_from,
    decision=None,
) -> OutcomeTemplate:
    """Adopt the next version of `service`'s outcome document template, in force from
    `effective_from` (the version in force on an approval's date is the one used)."""
    if not (actor.is_system or may_adopt_templates(actor.user)):
        raise Forbidden(
            TransparencyErrorCode.DOCUMENT_TEMPLATE_INVALID.description,
            code=TransparencyErrorCode.DOCUMENT_TEMPLATE_INVALID,
        )
    if kind not in DocumentKind.values or kind == DocumentKind.RECEIPT:
        raise _template_error(_("Choose the kind: permit, certificate or contract."), "kind")
    title_fa, title_en = (title_fa or "").strip(), (title_en or "").strip()
    if not title_fa or not title_en or len(title_fa) > 200 or len(title_en) > 200:
        raise _template_error(
            _("Give the title in Persian and in English (up to 200 characters)."), "title_fa"
        )
    form_fields = set(service.fields.values_list("name", flat=True))
    paragraphs_fa = _check_paragraphs(paragraphs_fa, field="paragraphs_fa", form_fields=form_fields)
    paragraphs_en = _check_paragraphs(paragraphs_en, field="paragraphs_en", form_fields=form_fields)
    last = (
        OutcomeTemplate.objects.select_for_update()
        .filter(service=service)
        .order_by("-version")
        .first()
    )
    template = OutcomeTemplate.objects.create(
        service=service,
        version=(last.version + 1) if last else 1,
        kind=kind,
        title_fa=title_fa,
        title_en=title_en,
        paragraphs_fa=paragraphs_fa,
        paragraphs_en=paragraphs_en,
        effective_from=effective_from,
        decision=decision,
        adopted_by=actor.label,
    )
    audit_record(
        actor=actor,
        action="outcome_template.adopted",
        stream=STREAM,
        obj=template,
        summary=f"{service.code} v{template.version} ({kind}) from {effective_from}",
        after={"title_fa": title_fa, "decision": decision.pk if decision else None},
    )
    return template


# --- numbers, codes, storage --------------------------------------------------------------


def _next_number(prefix: str, year: int) -> str:
    """The next number of `prefix` in Jalali `year`, e.g. DOC-1405-000123-7: the counter row is
    locked until the transaction ends, so numbers never repeat and a rolled-back issue leaves no
    gap."""
    DocumentCounter.objects.get_or_create(prefix=prefix, year=year)
    counter = DocumentCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    body = f"{year}{counter.last:06d}"
    return f"{prefix}-{year}-{counter.last:06d}-{verhoeff_check_digit(body)}"


def document_number_valid(number: str) -> bool:
    """True if `number` has the shape PREFIX-YEAR-SEQUENCE-CHECK and its check digit is right:
    a mistyped number is caught before anything is looked up."""
    match = re.fullmatch(r"([A-Z]{3})-(\d{4})-(\d{6})-(\d)", number or "")
    return bool(match) and verhoeff_valid(match[2] + match[3] + match[4])


def new_verification_code() -> str:
    """20 characters of an unguessable code (100 bits), letters and digits that read aloud
    without confusion."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(20))


def verification_url(code: str) -> str:
    """The public address that verifies a document, as the QR code and the SMS carry it."""
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return base + reverse("transparency:verify", kwargs={"code": code})


def masked_name(name: str) -> str:
    """'سارا احمدی' → 'س*** ا***': enough for the holder to recognise, too little to identify."""
    return " ".join(f"{word[0]}***" for word in (name or "").split()) or "***"


def _store(content: bytes) -> tuple[str, str]:
    digest = hashlib.sha256(content).hexdigest()
    name = f"{STORAGE_FOLDER}/{digest[:2]}/{digest}.pdf"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(content))
    return name, digest


def _notify(file: File, document: IssuedDocument) -> None:
    with translation.override("fa"):
        body = _(
            "Daftar — file %(code)s: your %(title)s no. %(number)s was issued; download it "
            "from your file page. Verify: %(url)s"
        ) % {
            "code": local_digits(format_tracking_code(file.tracking_code), "fa"),
            "title": document.title_fa,
            "number": document.number,
            "url": verification_url(document.verification_code),
        }
    sms_enqueue(to=file.citizen.mobile or file.citizen_mobile, body=body, purpose="document")


def _labels() -> dict[str, str]:
    return {
        "verify": _("Scan the code or open this address to check that the document is genuine:"),
        "code": _("Verification code"),
    }


def _issuer(file: File) -> str:
    return _("Tehran Municipality — %(department)s") % {"department": file.department.name_fa}


def _create(
    *,
    actor: Actor,
    file: File,
    kind: str,
    number: str,
    title_fa: str,
    title_en: str,
    paragraphs: list[str],
    facts: list[tuple[str, str]],
    template: OutcomeTemplate | None = None,
    payment=None,
) -> IssuedDocument:
    code = new_verification_code()
    issued_at = timezone.now().replace(microsecond=0)
    with translation.override("fa"):
        content = render_document_pdf(
            DocumentLayout(
                title=title_fa,
                number=number,
                issuer=_issuer(file),
                paragraphs=paragraphs,
                facts=facts,
                verify_url=verification_url(code),
                verification_code=code,
                issued_at=issued_at,
                labels=_labels(),
            )
        )
    stored_as, digest = _store(content)
    document = IssuedDocument.objects.create(
        number=number,
        kind=kind,
        file=file,
        payment=payment,
        template=template,
        title_fa=title_fa,
        title_en=title_en,
        holder_masked=masked_name(file.citizen_name),
        verification_code=code,
        stored_as=stored_as,
        size=len(content),
        sha256=digest,
        issued_at=issued_at,
        issued_by=actor.label,
    )
    audit_record(
        actor=actor,
        action="document.issued",
        stream=STREAM,
        obj=document,
        summary=f"{number} ({kind}) for file {file.tracking_code}",
        after={"number": number, "sha256": digest, "template": template.pk if template else None},
    )
    _notify(file, document)
    return document


# --- outcome documents --------------------------------------------------------------------


def _facts_of(file: File, *, number: str, approved_at, issued_at) -> dict[str, str]:
    facts = {
        # Without hyphens: one run of digits keeps its order inside a Persian sentence.
        "tracking_code": local_digits(file.tracking_code, "fa"),
        "citizen_name": file.citizen_name,
        "service": file.service.title_fa,
        "department": file.department.name_fa,
        "office": file.office.name if file.office_id else _("online"),
        "submitted_on": format_date(file.submitted_at, language="fa"),
        "approved_on": format_date(approved_at, language="fa"),
        "issued_on": format_date(issued_at, language="fa"),
    }
    for field in file_definition(file).fields.all():  # the version it was opened with
        if field.name in file.form_data and field.type != "file":
            facts[f"form.{field.name}"] = local_digits(
                field.display_value(file.form_data[field.name]), "fa"
            )
    return facts


def _fill(paragraph: str, facts: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: facts.get(m[1], "—"), paragraph)


def _outcome_of(file_id: int) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(file_id=file_id).exclude(kind=DocumentKind.RECEIPT).first()


@transaction.atomic
def document_issue(*, actor: Actor, file: File) -> IssuedDocument:
    """Issue the outcome document of the approved `file` from its service's template in force
    on the day of approval; a file that already has one gets the same document back."""
    existing = _outcome_of(file.pk)
    if existing is not None:
        return existing
    approved_at = file_approved_at(file)
    if approved_at is None:
        raise Conflict(
            TransparencyErrorCode.DOCUMENT_FILE_NOT_APPROVED.description,
            code=TransparencyErrorCode.DOCUMENT_FILE_NOT_APPROVED,
        )
    template = template_in_force(file.service, timezone.localdate(approved_at))
    if template is None:
        raise Conflict(
            TransparencyErrorCode.DOCUMENT_NO_TEMPLATE.description,
            code=TransparencyErrorCode.DOCUMENT_NO_TEMPLATE,
        )
    issued_on = timezone.now()
    number = _next_number(OUTCOME_PREFIX, to_jalali(timezone.localdate(issued_on)).year)
    # The counter's lock serialises issuers: a concurrent issue of the same file committed
    # before we took it, and is found here.
    existing = _outcome_of(file.pk)
    if existing is not None:
        transaction.set_rollback(True)
        return existing
    with translation.override("fa"):
        facts = _facts_of(file, number=number, approved_at=approved_at, issued_at=issued_on)
        paragraphs = [_fill(p, facts) for p in template.paragraphs_fa]
        table = [
            (_("Document number"), number),
            (_("Tracking code"), local_digits(format_tracking_code(file.tracking_code), "fa")),
            (_("Holder"), file.citizen_name),
            (_("Service"), facts["service"]),
            (_("Approved on"), facts["approved_on"]),
            (_("Issued on"), facts["issued_on"]),
        ]
    return _create(
        actor=actor,
        file=file,
        kind=template.kind,
        number=number,
        title_fa=template.title_fa,
        title_en=template.title_en,
        paragraphs=paragraphs,
        facts=table,
        template=template,
    )


# --- receipts -----------------------------------------------------------------------------


@transaction.atomic
def receipt_documents_issue(*, actor: Actor, file: File) -> list[IssuedDocument]:
    """Issue a receipt document for each confirmed payment of `file` that has a treasury
    receipt and no document yet; answers all the file's receipt documents."""
    payments = list(file_payments_with_receipt(Actor.system("documents"), file))
    done = {
        d.payment_id: d for d in IssuedDocument.objects.filter(file=file, kind=DocumentKind.RECEIPT)
    }
    for payment in payments:
        if payment.pk in done:
            continue
        year = to_jalali(timezone.localdate()).year
        number = _next_number(RECEIPT_PREFIX, year)
        if IssuedDocument.objects.filter(payment=payment).exists():  # issued meanwhile
            continue
        with translation.override("fa"):
            paid = _("%(amount)s (%(words)s rials)") % {
                "amount": format_rials(payment.amount, language="fa"),
                "words": number_in_words(payment.amount, language="fa"),
            }
            paragraphs = [
                _(
                    "The payment below was received into the single treasury account of Tehran "
                    "Municipality for file %(code)s (%(service)s)."
                )
                % {
                    "code": local_digits(file.tracking_code, "fa"),
                    "service": file.service.title_fa,
                }
            ]
            facts = [
                (_("Receipt number"), number),
                (_("Treasury receipt"), payment.receipt.number),
                (_("Payer"), file.citizen_name),
                (_("Amount"), paid),
                (_("Channel"), channel_label(payment.channel)),
                (_("Paid on"), format_datetime(payment.confirmed_at, language="fa")),
                (_("Payment reference"), payment.reference),
            ]
            title_fa = _("Payment receipt")
        with translation.override("en"):
            title_en = _("Payment receipt")
        done[payment.pk] = _create(
            actor=actor,
            file=file,
            kind=DocumentKind.RECEIPT,
            number=number,
            title_fa=title_fa,
            title_en=title_en,
            paragraphs=paragraphs,
            facts=facts,
            payment=payment,
        )
    return sorted(done.values(), key=lambda d: (d.issued_at, d.pk))


# --- revocation ---------------------------------------------------------------------------


def may_revoke(user, document: IssuedDocument) -> bool:
    """A department reviewer (or head) of the file's department revokes its outcome document;
    a treasury officer revokes a receipt."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    roles = user_roles(user)
    if document.kind == DocumentKind.RECEIPT:
        return Role.TREASURY_OFFICER in roles
    if Role.DEPARTMENT_REVIEWER not in roles:
        return False
    department = department_of_user(user)
    return department is not None and department.pk == document.file.department_id


@transaction.atomic
def document_revoke(*, actor: Actor, document: IssuedDocument, reason: str) -> IssuedDocument:
    """Revoke `document` for `reason` (required; the verification page shows it)."""
    reason = (reason or "").strip()
    document = (
        IssuedDocument.objects.select_for_update()
        .select_related("file", "file__citizen")
        .get(pk=document.pk)
    )
    if actor.user is None or not may_revoke(actor.user, document):
        raise Forbidden(
            TransparencyErrorCode.DOCUMENT_NOT_REVOKER.description,
            code=TransparencyErrorCode.DOCUMENT_NOT_REVOKER,
        )
    if document.revoked_at is not None:
        raise Conflict(
            TransparencyErrorCode.DOCUMENT_ALREADY_REVOKED.description,
            code=TransparencyErrorCode.DOCUMENT_ALREADY_REVOKED,
        )
    if not reason:
        raise InvalidInput(
            TransparencyErrorCode.DOCUMENT_REVOCATION_REASON_REQUIRED.description,
            code=TransparencyErrorCode.DOCUMENT_REVOCATION_REASON_REQUIRED,
            field="reason",
        )
    if len(reason) > 1000:
        raise InvalidInput(
            _("Keep the reason under %(count)s characters."),
            code=TransparencyErrorCode.DOCUMENT_REVOCATION_REASON_REQUIRED,
            field="reason",
            params={"count": 1000},
        )
    document.revoked_at = timezone.now()
    document.revoked_by = actor.user
    document.revocation_reason = reason
    document.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    audit_record(
        actor=actor,
        action="document.revoked",
        stream=STREAM,
        obj=document,
        summary=f"{document.number} revoked",
        before={"revoked": False},
        after={"revoked": True, "reason": reason[:200]},
    )
    with translation.override("fa"):
        body = _("Daftar — document %(number)s was revoked: %(reason)s") % {
            "number": document.number,
            "reason": reason[:120],
        }
    file = document.file
    sms_enqueue(to=file.citizen.mobile or file.citizen_mobile, body=body, purpose="document")
    return document
