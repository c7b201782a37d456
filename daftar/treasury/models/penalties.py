"""Penalties the steering committee imposes on an office, recovered from its fee shares.

A penalty is recorded by a treasury officer on the authority of an adopted sanction decision.
Settlements deduct it from the office's fee share: all of it when the share allows, otherwise
what fits, the rest carried to the next settlement. `deducted` is the running total, one
`PenaltyDeduction` row per settlement line that took part of it, and `settlement_line` the
line that took the last rial (null while anything is outstanding). The database refuses a
deduction beyond the amount, or the same line deducting the same penalty twice.

A penalty annulled by a later decision (a sanction's appeal upheld) is cancelled: nothing more
is deducted, and what was already deducted (`returned`) is owed back to the office; the next
settlement that pays the office adds it (`return_line`). A cancellation never deletes
anything: the deductions stay as they were, beside the return.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Penalty(models.Model):
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        related_name="penalties",
        verbose_name=_("office"),
    )
    amount = models.BigIntegerField(_("amount (rials)"))
    reason = models.CharField(_("reason"), max_length=300)
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        related_name="penalties",
        verbose_name=_("committee decision"),
    )
    deducted = models.BigIntegerField(_("deducted so far (rials)"), default=0)
    settlement_line = models.ForeignKey(
        "treasury.SettlementLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penalties_completed",
        verbose_name=_("fully deducted in"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penalties_cancelled",
        verbose_name=_("cancelled by decision"),
    )
    returned = models.BigIntegerField(_("owed back to the office (rials)"), default=0)
    return_line = models.ForeignKey(
        "treasury.SettlementLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penalty_returns",
        verbose_name=_("paid back in"),
    )

    class Meta:
        verbose_name = _("penalty")
        verbose_name_plural = _("penalties")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="penalty_amount_positive"),
            models.CheckConstraint(
                condition=Q(deducted__gte=0, deducted__lte=F("amount")),
                name="penalty_deducted_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(settlement_line__isnull=True, deducted__lt=F("amount"))
                | Q(settlement_line__isnull=False, deducted=F("amount")),
                name="penalty_settled_iff_fully_deducted",
            ),
            models.UniqueConstraint(
                fields=["decision", "office"], name="penalty_one_per_decision_and_office"
            ),
            models.CheckConstraint(
                condition=Q(
                    cancelled_at__isnull=True,
                    cancel_decision__isnull=True,
                    returned=0,
                    return_line__isnull=True,
                )
                | Q(
                    cancelled_at__isnull=False,
                    cancel_decision__isnull=False,
                    returned=F("deducted"),
                ),
                name="penalty_cancelled_returns_what_was_deducted",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "settlement_line"], name="penalty_outstanding_idx")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}: {self.amount}"

    @property
    def outstanding(self) -> int:
        """What later settlements will still deduct (nothing once cancelled)."""
        return 0 if self.cancelled_at else self.amount - self.deducted


class PenaltyDeduction(models.Model):
    """The part of a penalty one settlement line took from the office's fee share."""

    penalty = models.ForeignKey(
        Penalty, on_delete=models.PROTECT, related_name="deductions", verbose_name=_("penalty")
    )
    line = models.ForeignKey(
        "treasury.SettlementLine",
        on_delete=models.PROTECT,
        related_name="penalty_deductions",
        verbose_name=_("settlement line"),
    )
    amount = models.BigIntegerField(_("amount (rials)"))

    class Meta:
        verbose_name = _("penalty deduction")
        verbose_name_plural = _("penalty deductions")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="penalty_deduction_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["penalty", "line"], name="penalty_deduction_once_per_line"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.penalty_id}@{self.line_id}: {self.amount}"
