"""Transparency models: documents citizens receive: outcome documents of approved files and
receipts, numbered, verifiable by QR, revocable.

`OutcomeTemplate` is what a service's approved file turns into (a building permit, a
certificate, a contract): versioned per service, each version adopted from a date and, where
the committee decided it, citing that decision. `IssuedDocument` is one PDF handed to a
citizen: its readable number with a check digit, an unguessable verification code, the SHA-256
of the stored bytes, and its revocation if any. `DocumentCounter` numbers documents per prefix
and Jalali year without gaps under concurrency (its row is locked while a number is taken).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daftar.core.i18n import localised


class DocumentKind(models.TextChoices):
    PERMIT = "permit", _("Permit")
    CERTIFICATE = "certificate", _("Certificate")
    CONTRACT = "contract", _("Contract")
    RECEIPT = "receipt", _("Payment receipt")


class OutcomeTemplate(models.Model):
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        related_name="outcome_templates",
        verbose_name=_("service"),
    )
    version = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    title_fa = models.CharField(_("title (Persian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    # Paragraphs with placeholders such as {citizen_name} or {form.plot_area_m2}
    # (services/documents.py, PLACEHOLDERS); checked when the version is adopted.
    paragraphs_fa = models.JSONField(_("paragraphs (Persian)"), default=list)
    paragraphs_en = models.JSONField(_("paragraphs (English)"), default=list)
    effective_from = models.DateField(_("in force from"))
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("decision"),
    )
    adopted_by = models.CharField(_("adopted by"), max_length=150)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outcome document template")
        verbose_name_plural = _("outcome document templates")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "version"], name="outcome_template_version_unique"
            ),
            models.CheckConstraint(
                condition=~Q(kind="receipt"), name="outcome_template_not_receipt"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} v{self.version}"

    @property
    def title(self) -> str:
        return localised(self.title_fa, self.title_en)


class DocumentCounter(models.Model):
    prefix = models.CharField(_("prefix"), max_length=8)
    year = models.PositiveIntegerField(_("Jalali year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document counter")
        verbose_name_plural = _("document counters")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="document_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class IssuedDocument(models.Model):
    number = models.CharField(_("number"), max_length=24)
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    file = models.ForeignKey(
        "cases.File",
        on_delete=models.PROTECT,
        related_name="issued_documents",
        verbose_name=_("file"),
    )
    # Set for receipts only: the confirmed payment the receipt proves.
    payment = models.ForeignKey(
        "treasury.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("payment"),
    )
    template = models.ForeignKey(
        OutcomeTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        db_index=False,
        verbose_name=_("template"),
    )
    title_fa = models.CharField(_("title (Persian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    # What the public verification page may show of the holder: never the full name.
    holder_masked = models.CharField(_("holder (masked)"), max_length=200)
    verification_code = models.CharField(_("verification code"), max_length=32)
    stored_as = models.CharField(_("stored as"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.CharField(_("issued by"), max_length=150)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["issued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="issued_document_number_unique"),
            models.UniqueConstraint(
                fields=["verification_code"], name="issued_document_code_unique"
            ),
            # One outcome document per file, one receipt per payment: issuing is idempotent.
            models.UniqueConstraint(
                fields=["file"],
                condition=~Q(kind="receipt"),
                name="issued_document_one_outcome_per_file",
            ),
            models.UniqueConstraint(
                fields=["payment"],
                condition=Q(payment__isnull=False),
                name="issued_document_one_per_payment",
            ),
            models.CheckConstraint(
                condition=Q(kind="receipt", payment__isnull=False)
                | (~Q(kind="receipt") & Q(payment__isnull=True)),
                name="issued_document_receipt_has_payment",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revocation_reason="")
                | (Q(revoked_at__isnull=False) & ~Q(revocation_reason="")),
                name="issued_document_revocation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def title(self) -> str:
        return localised(self.title_fa, self.title_en)

    @property
    def display_number(self) -> str:
        """The number kept left to right (an invisible isolate) inside a right-to-left sentence.
        It stays in Latin digits: a code with Latin letters that people type into the
        verification page, like the verification code (documents_pdf.py)."""
        return f"\u2066{self.number}\u2069"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


__all__ = ["DocumentCounter", "DocumentKind", "IssuedDocument", "OutcomeTemplate"]
