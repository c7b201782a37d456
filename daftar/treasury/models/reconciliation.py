"""Daily reconciliation of the treasury account's bank statement with the ledger."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daftar.treasury.choices import MatchStatus


class ReconciliationDay(models.Model):
    day = models.DateField(_("day"), unique=True)
    closed = models.BooleanField(_("closed"), default=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    report = models.JSONField(_("report when closed"), default=dict, blank=True)

    class Meta:
        verbose_name = _("reconciliation day")
        verbose_name_plural = _("reconciliation days")
        ordering = ["-day"]

    def __str__(self) -> str:
        return str(self.day)


class StatementImport(models.Model):
    day = models.ForeignKey(
        ReconciliationDay, on_delete=models.PROTECT, related_name="imports", verbose_name=_("day")
    )
    format = models.CharField(_("format"), max_length=10)
    sha256 = models.CharField(_("file SHA-256"), max_length=64, unique=True)
    opening_balance = models.BigIntegerField(_("opening balance"))
    closing_balance = models.BigIntegerField(_("closing balance"))
    line_count = models.PositiveIntegerField(_("lines"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("statement import")
        verbose_name_plural = _("statement imports")

    def __str__(self) -> str:
        return f"{self.day_id}:{self.sha256[:8]}"


class StatementLine(models.Model):
    """One line of a bank statement. A day may hold a million: each index here costs every
    import a write per line, so the rarely set references are indexed only where set."""

    statement = models.ForeignKey(
        StatementImport,
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=_("statement"),
        db_index=False,  # led by statement_line_unique_no
    )
    line_no = models.PositiveIntegerField(_("line"))
    value_date = models.DateField(_("value date"))
    amount = models.BigIntegerField(_("amount (rials)"))
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    bank_reference = models.CharField(_("bank reference"), max_length=60, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    match = models.CharField(_("match"), max_length=20, choices=MatchStatus.choices)
    payment = models.ForeignKey(
        "treasury.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statement_lines",
        verbose_name=_("payment"),
    )
    settlement_line = models.ForeignKey(
        "treasury.SettlementLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statement_lines",
        verbose_name=_("settlement payout"),
        db_index=False,  # statement_line_payout_idx
    )
    resolution = models.CharField(_("resolution"), max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
        db_index=False,  # statement_line_resolver_idx
    )
    # The entry that booked the line: its channel's deposit or the statement's suspense entry
    # (one for many lines); none for a settlement payout, booked when it was settled. Not
    # indexed: nothing looks lines up by entry, and entries are never deleted.
    entry = models.ForeignKey(
        "treasury.JournalEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booking"),
        db_index=False,
    )

    class Meta:
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        ordering = ["statement", "line_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "line_no"], name="statement_line_unique_no"
            ),
        ]
        indexes = [
            models.Index(fields=["reference"], name="statement_reference_idx"),
            # The lines to explain: a few among a day's million, paged in line order.
            models.Index(
                fields=["statement", "line_no"],
                condition=~Q(match=MatchStatus.MATCHED),
                name="statement_discrepancy_idx",
            ),
            models.Index(
                fields=["settlement_line"],
                condition=Q(settlement_line__isnull=False),
                name="statement_line_payout_idx",
            ),
            models.Index(
                fields=["resolved_by"],
                condition=Q(resolved_by__isnull=False),
                name="statement_line_resolver_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}:{self.line_no}"
