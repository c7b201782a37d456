"""Treasury selectors: reconciliation days and statement lines, and the gateway's pending
transactions."""

from __future__ import annotations

import datetime

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from daftar.treasury.choices import (
    MatchStatus,
    PaymentChannel,
    PaymentStatus,
)
from daftar.treasury.models import (
    GatewayTransaction,
    Payment,
    ReconciliationDay,
    StatementLine,
)


def reconciliation_day_list() -> QuerySet[ReconciliationDay]:
    """Every day with a statement, the latest first, with its line count (stored at import: a
    day may hold a million lines); page it, then `with_unexplained` on the page."""
    return ReconciliationDay.objects.annotate(lines=Sum("imports__line_count")).order_by("-day")


def with_unexplained(days) -> list[ReconciliationDay]:
    """`days` with `unexplained`, their lines still to explain (one query through the
    discrepancy index, whatever the number of days)."""
    days = list(days)
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


def reconciliation_days(limit: int = 60) -> list[ReconciliationDay]:
    """The latest `limit` days with their line counts and lines still to explain."""
    return with_unexplained(reconciliation_day_list()[:limit])


def reconciliation_day_get(day: datetime.date) -> ReconciliationDay | None:
    return ReconciliationDay.objects.filter(day=day).first()


def statement_line_get(pk) -> StatementLine | None:
    return StatementLine.objects.select_related("statement__day").filter(pk=pk).first()


def gateway_transaction_by_token(token: str) -> GatewayTransaction | None:
    """The simulated gateway's record of a payment (its page is public, like a PSP's)."""
    return GatewayTransaction.objects.filter(token=token).first()


def gateway_payment_pending(token: str) -> Payment | None:
    """A gateway payment still open at the PSP, by its token (an unguessable capability held by
    the browser that started it: the citizen's, or a partner app's user's)."""
    if not token:
        return None
    return (
        Payment.objects.select_related("file")
        .filter(
            channel=PaymentChannel.GATEWAY,
            status=PaymentStatus.PENDING,
            gateway_token=token,
            expires_at__gt=timezone.now(),
        )
        .first()
    )
