"""Treasury selectors: what transparency's daily aggregates read
(daftar.transparency.services.aggregates)."""

from __future__ import annotations

import datetime

from django.db.models import Min, Q

from daftar.treasury.choices import (
    COLLECTED,
    RefundStatus,
)
from daftar.treasury.models import (
    Payment,
    Refund,
)

# --- transparency's daily aggregates (daftar.transparency.services.aggregates) ---------------


def _within(field: str, ranges) -> Q:
    """`field` inside any of the half-open [start, end) datetime `ranges`."""
    condition = Q(pk__in=[])
    for start, end in ranges:
        condition |= Q(**{f"{field}__gte": start, f"{field}__lt": end})
    return condition


def payments_collected_for_aggregates(ranges):
    """Rows of the payments collected (confirmed, deposited or reconciled) whose confirmation
    falls inside any of the [start, end) `ranges` (one query, streamed): (confirmed_at,
    channel, office id, district id, amount)."""
    return (
        Payment.objects.filter(_within("confirmed_at", ranges), status__in=COLLECTED)
        .values_list("confirmed_at", "channel", "office_id", "office__district_id", "amount")
        .iterator(chunk_size=5000)
    )


def refunds_paid_for_aggregates(ranges):
    """Rows of the refunds paid out inside any of the `ranges`, with their payment's channel
    and office (one query, streamed): (paid_at, channel, office id, district id, amount)."""
    return (
        Refund.objects.filter(_within("paid_at", ranges), status=RefundStatus.PAID)
        .values_list(
            "paid_at",
            "payment__channel",
            "payment__office_id",
            "payment__office__district_id",
            "amount",
        )
        .iterator(chunk_size=5000)
    )


def treasury_moments_changed_since(since: datetime.datetime) -> list[datetime.datetime]:
    """The instants whose days a treasury change after `since` touches (two queries): the
    confirmation of every payment started, confirmed, deposited or reconciled since, and the
    payout of every refund paid since; for the aggregates' incremental build."""
    changed = (
        Q(created_at__gt=since)
        | Q(confirmed_at__gt=since)
        | Q(deposited_at__gt=since)
        | Q(reconciled_at__gt=since)
    )
    moments = list(
        Payment.objects.filter(changed, confirmed_at__isnull=False).values_list(
            "confirmed_at", flat=True
        )
    )
    moments += Refund.objects.filter(paid_at__gt=since).values_list("paid_at", flat=True)
    return moments


def payments_first_confirmed_at() -> datetime.datetime | None:
    """When the first payment was confirmed (None without one)."""
    return Payment.objects.aggregate(first=Min("confirmed_at"))["first"]
