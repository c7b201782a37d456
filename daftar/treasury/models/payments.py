"""Payments for files' bills, their receipts, refunds, and the simulated gateway's own book.

A payment's status moves pending → confirmed → deposited → reconciled, or to failed /
cancelled / dishonoured with a reason; it changes only in `services.payments._payment_move`.
At most one payment per file is ever collected (database constraint).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from daftar.treasury.choices import (
    COLLECTED,
    PaymentChannel,
    PaymentStatus,
    PspFollowUp,
    PspState,
    RefundStatus,
)


class Payment(models.Model):
    # Unique by constraint, not `unique=True`: no second (LIKE) index to keep up on every write.
    reference = models.CharField(_("payment reference"), max_length=20)
    file = models.ForeignKey(
        "cases.File", on_delete=models.PROTECT, related_name="payments", verbose_name=_("file")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=PaymentChannel.choices)
    amount = models.BigIntegerField(_("amount (rials)"))
    parts = models.JSONField(_("split"), default=dict)
    status = models.CharField(
        _("status"), max_length=12, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("office"),
        db_index=False,  # payment_office_idx leads with the office
    )
    terminal = models.ForeignKey(
        "offices.Terminal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("terminal"),
        db_index=False,  # payment_terminal_idx: only payments taken on a terminal
    )
    pos_reference = models.CharField(_("POS reference"), max_length=40, blank=True)
    gateway_token = models.CharField(_("gateway token"), max_length=64, blank=True)
    bank_reference = models.CharField(_("bank reference"), max_length=40, blank=True)
    created_by = models.CharField(_("started by"), max_length=150)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    deposited_at = models.DateTimeField(_("deposited at"), null=True, blank=True)
    reconciled_at = models.DateTimeField(_("reconciled at"), null=True, blank=True)
    collection = models.OneToOneField(
        "treasury.JournalEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collected_payment",
        verbose_name=_("collection entry"),
    )
    settlement = models.ForeignKey(
        "treasury.Settlement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("settled in"),
        db_index=False,  # payment_settlement_idx: only settled payments
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.UniqueConstraint(fields=["reference"], name="payment_reference_unique"),
            models.UniqueConstraint(
                fields=["file"],
                condition=Q(status__in=COLLECTED),
                name="payment_one_collected_per_file",
            ),
            models.UniqueConstraint(
                fields=["gateway_token"],
                condition=~Q(gateway_token=""),
                name="payment_gateway_token_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "confirmed_at"], name="payment_status_idx"),
            models.Index(fields=["office", "confirmed_at"], name="payment_office_idx"),
            models.Index(
                fields=["terminal"],
                name="payment_terminal_idx",
                condition=Q(terminal__isnull=False),
            ),
            models.Index(
                fields=["settlement"],
                name="payment_settlement_idx",
                condition=Q(settlement__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class Receipt(models.Model):
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, related_name="receipt", verbose_name=_("payment")
    )
    # Unique by constraints, not `unique=True`, which on PostgreSQL adds a pattern index per
    # column that no query uses (docs/adr/0005-indexes-that-earn-their-keep.md).
    number = models.CharField(_("receipt number"), max_length=24)
    verification_code = models.CharField(_("verification code"), max_length=16)
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [
            models.UniqueConstraint(fields=["number"], name="receipt_number_unique"),
            models.UniqueConstraint(
                fields=["verification_code"], name="receipt_verification_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("treasury:receipt_verify", kwargs={"code": self.verification_code})


class Refund(models.Model):
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("payment")
    )
    amount = models.BigIntegerField(_("amount (rials)"))
    parts = models.JSONField(_("taken back from"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=RefundStatus.choices, default=RefundStatus.REQUESTED
    )
    reason = models.CharField(_("reason"), max_length=300)
    requested_by = models.CharField(_("requested by"), max_length=150)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    approval = models.OneToOneField(
        "treasury.JournalEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approval entry"),
    )
    payout = models.OneToOneField(
        "treasury.JournalEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("payout entry"),
    )
    settlement = models.ForeignKey(
        "treasury.Settlement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refunds",
        verbose_name=_("deducted in settlement"),
    )

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
            models.UniqueConstraint(
                fields=["payment"],
                condition=~Q(status=RefundStatus.REJECTED),
                name="refund_one_live_per_payment",
            ),
        ]

    def __str__(self) -> str:
        return f"refund of {self.payment_id}"


class GatewayTransaction(models.Model):
    """The simulated gateway's own book (what a bank's PSP would keep on its side)."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    amount = models.BigIntegerField(_("amount (rials)"))
    callback_url = models.CharField(_("callback"), max_length=300)
    status = models.CharField(_("status"), max_length=10, default="new")
    bank_reference = models.CharField(_("bank reference"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("simulated gateway transaction")
        verbose_name_plural = _("simulated gateway transactions")

    def __str__(self) -> str:
        return self.token


class PspTransaction(models.Model):
    """Daftar's own record of a transaction at a real PSP (Behpardakht Mellat): the PSP's
    identifiers for it, and the settlement or reversal still to send (`follow_up`), which the
    adapter sends after commit and the re-check job retries until the PSP answers."""

    provider = models.CharField(_("provider"), max_length=20)
    token = models.CharField(_("payment token"), max_length=64)
    amount = models.BigIntegerField(_("amount (rials)"))
    ref_id = models.CharField(_("PSP token (RefId)"), max_length=64, blank=True)
    sale_reference = models.CharField(_("PSP sale reference"), max_length=40, blank=True)
    state = models.CharField(
        _("state at the PSP"), max_length=10, choices=PspState.choices, default=PspState.STARTED
    )
    follow_up = models.CharField(
        _("still to send"), max_length=10, choices=PspFollowUp.choices, blank=True, default=""
    )
    follow_up_attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=0)
    last_answer = models.CharField(_("PSP's last answer"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("PSP transaction")
        verbose_name_plural = _("PSP transactions")
        constraints = [
            models.UniqueConstraint(fields=["token"], name="psp_transaction_token_unique"),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="psp_transaction_amount_positive"
            ),
        ]
        indexes = [
            models.Index(
                fields=["follow_up"], name="psp_transaction_due_idx", condition=~Q(follow_up="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.pk}"
