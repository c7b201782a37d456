"""Treasury selectors: refunds, settlements, an office's statement and penalties."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from daftar.treasury.choices import (
    COLLECTED,
    PaymentStatus,
    RefundStatus,
)
from daftar.treasury.models import (
    Account,
    Payment,
    Penalty,
    PenaltyDeduction,
    Posting,
    Refund,
    Settlement,
    SettlementLine,
)
from daftar.treasury.selectors.visibility import refund_visible_to, settlement_visible_to


def refunds_summary(actor_or_user=None) -> list[dict]:
    """Refunds per status (labelled), with their count and total, in one query."""
    refunds = Refund.objects.all() if actor_or_user is None else refund_visible_to(actor_or_user)
    found = {
        row["status"]: row
        for row in refunds.values("status").annotate(n=Count("pk"), total=Sum("amount")).order_by()
    }
    return [
        {
            "status": status.value,
            "label": status.label,
            "n": found.get(status.value, {}).get("n", 0),
            "total": found.get(status.value, {}).get("total") or 0,
        }
        for status in RefundStatus
    ]


def refunds_in_progress(actor_or_user) -> QuerySet[Refund]:
    """Refunds requested or approved, the oldest first, with their file and service."""
    return (
        refund_visible_to(actor_or_user)
        .filter(status__in=[RefundStatus.REQUESTED, RefundStatus.APPROVED])
        .select_related("payment__file__service")
        .order_by("created_at", "pk")
    )


def refunds_decided(actor_or_user) -> QuerySet[Refund]:
    """Refunds paid out or rejected, the latest first."""
    return (
        refund_visible_to(actor_or_user)
        .filter(status__in=[RefundStatus.PAID, RefundStatus.REJECTED])
        .select_related("payment__file__service")
        .order_by("-created_at", "-pk")
    )


def settlement_get(actor_or_user, pk) -> Settlement | None:
    return settlement_visible_to(actor_or_user).filter(pk=pk).first()


def settlement_lines(settlement: Settlement) -> QuerySet[SettlementLine]:
    return settlement.lines.select_related("office").order_by("office__code")


def office_statement(office) -> dict:
    """What the office earned, was paid and is still owed (its manager's statement)."""
    account = Account.objects.filter(code=f"payable:office:{office.code}").first()
    owed = (
        -(Posting.objects.filter(account=account).aggregate(t=Sum("amount"))["t"] or 0)
        if account
        else 0
    )
    lines = (
        SettlementLine.objects.filter(office=office)
        .select_related("settlement")
        .order_by("-settlement__period_end")
    )
    pending = Payment.objects.filter(office=office, status__in=COLLECTED, settlement__isnull=True)
    penalties = list(penalties_with_deductions(Penalty.objects.filter(office=office)))
    return {
        "owed": owed,
        "lines": lines,
        "pending_count": pending.count(),
        "awaiting_reconciliation": pending.exclude(status=PaymentStatus.RECONCILED).count(),
        "penalties": penalties,
        "penalties_outstanding": sum(p.outstanding for p in penalties),
    }


def penalties_with_deductions(penalties: QuerySet[Penalty]) -> QuerySet[Penalty]:
    """Penalties with their office, decision and the settlements that deducted them."""
    return penalties.select_related("office", "decision", "cancel_decision").prefetch_related(
        Prefetch(
            "deductions",
            queryset=PenaltyDeduction.objects.select_related("line__settlement").order_by("pk"),
        )
    )


def penalties_outstanding(limit: int | None = 200) -> QuerySet[Penalty]:
    """Penalties with something still to deduct, oldest first (the order settlements take);
    a cancelled penalty has nothing left to deduct."""
    rows = penalties_with_deductions(
        Penalty.objects.filter(settlement_line__isnull=True, cancelled_at__isnull=True).order_by(
            "recorded_at", "pk"
        )
    )
    return rows if limit is None else rows[:limit]


def penalties_deducted(limit: int | None = 50) -> QuerySet[Penalty]:
    """Penalties fully deducted or cancelled (nothing left to deduct), the latest first."""
    rows = penalties_with_deductions(
        Penalty.objects.filter(
            Q(settlement_line__isnull=False) | Q(cancelled_at__isnull=False)
        ).order_by("-recorded_at", "-pk")
    )
    return rows if limit is None else rows[:limit]


def penalties_totals() -> dict:
    return Penalty.objects.aggregate(
        outstanding=Sum(
            F("amount") - F("deducted"), filter=Q(cancelled_at__isnull=True), default=0
        ),
        deducted=Sum("deducted", default=0),
    )


def settlements(actor_or_user, limit: int | None = 50) -> QuerySet[Settlement]:
    """The settlements `actor_or_user` may see, the latest first, with their office count and
    total paid out."""
    rows = (
        settlement_visible_to(actor_or_user)
        .annotate(offices=Count("lines"), total=Sum("lines__net"))
        .order_by("-period_end", "-pk")
    )
    return rows if limit is None else rows[:limit]
