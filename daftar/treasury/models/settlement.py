"""Periodic settlement of offices' fee shares from reconciled collections."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Settlement(models.Model):
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("to (inclusive)"))
    created_by = models.CharField(_("settled by"), max_length=150)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    entry = models.OneToOneField(
        "treasury.JournalEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("payout entry"),
    )

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        ordering = ["-period_end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="settlement_period_ordered"
            ),
            models.UniqueConstraint(fields=["period_start"], name="settlement_one_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}"


class SettlementLine(models.Model):
    settlement = models.ForeignKey(
        Settlement, on_delete=models.PROTECT, related_name="lines", verbose_name=_("settlement")
    )
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        related_name="settlement_lines",
        verbose_name=_("office"),
    )
    fee_share = models.BigIntegerField(_("fee share earned"))
    refunds = models.BigIntegerField(_("taken back by refunds"), default=0)
    penalties = models.BigIntegerField(_("penalties deducted"), default=0)
    penalties_returned = models.BigIntegerField(_("cancelled penalties paid back"), default=0)
    net = models.BigIntegerField(_("paid out"))
    payments = models.PositiveIntegerField(_("payments"))
    sheba = models.CharField(_("paid to (Sheba)"), max_length=26)

    class Meta:
        verbose_name = _("settlement line")
        verbose_name_plural = _("settlement lines")
        constraints = [
            models.UniqueConstraint(
                fields=["settlement", "office"], name="settlement_line_one_per_office"
            ),
            models.CheckConstraint(
                condition=Q(
                    net=F("fee_share") - F("refunds") - F("penalties") + F("penalties_returned")
                ),
                name="settlement_line_net_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(net__gte=0, penalties__gte=0), name="settlement_line_net_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(penalties_returned__gte=0),
                name="settlement_line_returned_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.settlement_id}:{self.office_id}"

    @property
    def returned(self) -> int:
        """Cancelled penalties paid back (the name a planned line uses too)."""
        return self.penalties_returned
