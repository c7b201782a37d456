"""Reads for the treasury pages: who may see which payments, refunds and settlements (the
`*_visible_to` querysets, the one access path to each), collections by channel and office,
balances, summaries, penalties."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.core.actors import Actor
from daftar.offices.selectors import office_of_user
from daftar.treasury.choices import (
    COLLECTED,
    AccountKind,
    MatchStatus,
    PaymentStatus,
    RefundStatus,
)
from daftar.treasury.models import (
    Account,
    Payment,
    Penalty,
    PenaltyDeduction,
    Posting,
    ReconciliationDay,
    Refund,
    Settlement,
    SettlementLine,
    StatementLine,
)
from daftar.treasury.permissions import OFFICE_ROLES, READER_ROLES
from daftar.treasury.services.ledger import SUSPENSE, TREASURY, balance

# --- who sees what ------------------------------------------------------------------------


def _scope(
    actor_or_user,
    *,
    office_paths: tuple[str, ...],
    citizen_path: str | None,
    partner_path: str | None,
) -> Q | None:
    """None when `actor_or_user` sees everything; otherwise the condition on the rows they may
    see (an empty condition matches nothing). Takes a user or an `Actor`: a system job sees the
    books, a partner app what concerns the files it opened."""
    user = actor_or_user
    if isinstance(actor_or_user, Actor):
        if actor_or_user.is_system:
            return None
        if actor_or_user.is_partner:
            if partner_path is None:
                return Q(pk__in=[])
            return Q(**{partner_path: actor_or_user.partner_id})
        user = actor_or_user.user
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if user_has_role(user, *READER_ROLES):
        return None
    condition = Q(pk__in=[])
    if user_has_role(user, *OFFICE_ROLES):
        office = office_of_user(user)
        if office is not None:
            for path in office_paths:
                condition |= Q(**{path: office})
    if citizen_path is not None and user_has_role(user, Role.CITIZEN):
        condition |= Q(**{citizen_path: user})
    return condition


def payment_visible_to(actor_or_user) -> QuerySet[Payment]:
    """Payments `actor_or_user` may see: treasury officers, council members, auditors and system
    jobs all; office staff those taken at their office or for its files; a citizen those of
    their own files; a partner app those of the files it opened; anyone else none."""
    scope = _scope(
        actor_or_user,
        office_paths=("office", "file__office"),
        citizen_path="file__citizen",
        partner_path="file__partner_id",
    )
    return Payment.objects.all() if scope is None else Payment.objects.filter(scope)


def refund_visible_to(actor_or_user) -> QuerySet[Refund]:
    """Refunds of the payments `actor_or_user` may see (same rule as `payment_visible_to`)."""
    scope = _scope(
        actor_or_user,
        office_paths=("payment__office", "payment__file__office"),
        citizen_path="payment__file__citizen",
        partner_path="payment__file__partner_id",
    )
    return Refund.objects.all() if scope is None else Refund.objects.filter(scope)


def settlement_visible_to(actor_or_user) -> QuerySet[Settlement]:
    """Settlements `actor_or_user` may see: treasury officers, council members, auditors and
    system jobs all; office staff those that settled their office; citizens none."""
    scope = _scope(
        actor_or_user, office_paths=("lines__office",), citizen_path=None, partner_path=None
    )
    if scope is None:
        return Settlement.objects.all()
    return Settlement.objects.filter(pk__in=Settlement.objects.filter(scope).values("pk"))


def collections(first: datetime.date, last: datetime.date) -> QuerySet[Payment]:
    return Payment.objects.filter(status__in=COLLECTED, confirmed_at__date__range=(first, last))


def collections_by_channel(first: datetime.date, last: datetime.date) -> list[dict]:
    return list(
        collections(first, last)
        .values("channel")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("channel")
    )


def collections_by_office(first: datetime.date, last: datetime.date, limit: int = 20) -> list:
    return list(
        collections(first, last)
        .filter(office__isnull=False)
        .values("office__code", "office__name")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("-total")[:limit]
    )


def treasury_position(as_of: datetime.date | None = None) -> dict:
    return {
        "bank": balance(TREASURY, as_of=as_of),
        "suspense": -balance(SUSPENSE, as_of=as_of),
        "clearing": sum(
            balance(a.code, as_of=as_of) for a in Account.objects.filter(kind=AccountKind.CLEARING)
        ),
        "owed_to_offices": -sum(
            balance(a.code, as_of=as_of)
            for a in Account.objects.filter(kind=AccountKind.OFFICE_PAYABLE)
        ),
    }


def reconciliation_days(limit: int = 60) -> list[ReconciliationDay]:
    """The latest days with their line counts (stored at import: a day may hold a million
    lines) and the lines still to explain (a few, through the discrepancy index)."""
    days = list(
        ReconciliationDay.objects.annotate(lines=Sum("imports__line_count")).order_by("-day")[
            :limit
        ]
    )
    unexplained = dict(
        StatementLine.objects.filter(statement__day__in=days, resolution="")
        .exclude(match=MatchStatus.MATCHED)
        .values("statement__day")
        .annotate(n=Count("pk"))
        .values_list("statement__day", "n")
    )
    for day in days:
        day.lines = day.lines or 0
        day.unexplained = unexplained.get(day.pk, 0)
    return days


def monthly_summary(months: int = 12) -> list[dict]:
    """Collections per month and channel, with refunds: the council's and auditors' view."""
    rows = (
        Payment.objects.filter(status__in=COLLECTED)
        .annotate(month=TruncMonth("confirmed_at"))
        .values("month", "channel")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("-month", "channel")
    )
    return list(rows[: months * 3])


def refunds_summary() -> dict:
    return {
        status: Refund.objects.filter(status=status).aggregate(n=Count("pk"), total=Sum("amount"))
        for status in RefundStatus.values
    }


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
    return penalties.select_related("office", "decision").prefetch_related(
        Prefetch(
            "deductions",
            queryset=PenaltyDeduction.objects.select_related("line__settlement").order_by("pk"),
        )
    )


def penalties_outstanding(limit: int = 200) -> QuerySet[Penalty]:
    """Penalties with something still to deduct, oldest first (the order settlements take)."""
    return penalties_with_deductions(
        Penalty.objects.filter(settlement_line__isnull=True).order_by("recorded_at", "pk")
    )[:limit]


def penalties_deducted(limit: int = 50) -> QuerySet[Penalty]:
    """Penalties fully deducted, the latest first."""
    return penalties_with_deductions(
        Penalty.objects.filter(settlement_line__isnull=False).order_by(
            "-settlement_line__settlement__period_end", "-pk"
        )
    )[:limit]


def penalties_totals() -> dict:
    return Penalty.objects.aggregate(
        outstanding=Sum(F("amount") - F("deducted"), default=0),
        deducted=Sum("deducted", default=0),
    )


def settlements(actor_or_user, limit: int | None = 50) -> QuerySet[Settlement]:
    """The settlements `actor_or_user` may see, the latest first, with their office count and
    total paid out."""
    rows = settlement_visible_to(actor_or_user).annotate(
        offices=Count("lines"), total=Sum("lines__net")
    )
    return rows if limit is None else rows[:limit]
