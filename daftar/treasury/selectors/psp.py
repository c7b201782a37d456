"""Treasury selectors: the PSP's transaction book (ADR 0028)."""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, QuerySet, Subquery

from daftar.core.jalali import TEHRAN
from daftar.treasury.models import (
    Payment,
    PspTransaction,
)
from daftar.treasury.permissions import can_read_psp_book

# --- the PSP's transaction book (ADR 0028) -------------------------------------------------


def psp_transactions_visible_to(user) -> QuerySet[PspTransaction]:
    """The treasury officer and the auditor see the whole book; anyone else none of it."""
    return (
        PspTransaction.objects.all() if can_read_psp_book(user) else PspTransaction.objects.none()
    )


def _tehran_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=TEHRAN)


def psp_transaction_book(
    user,
    *,
    day_from: datetime.date | None = None,
    day_to: datetime.date | None = None,
    state: str = "",
    reference: str = "",
    tracking_code: str = "",
) -> QuerySet[PspTransaction]:
    """The PSP transactions `user` may see, newest first, each with the payment it belongs to
    (matched by the gateway token) as `payment_pk`, `payment_reference`, `payment_status` and
    `file_tracking_code`: one query, however many rows. Days are Tehran calendar days."""
    payment = Payment.objects.filter(gateway_token=OuterRef("token"))
    rows = psp_transactions_visible_to(user).annotate(
        payment_pk=Subquery(payment.values("pk")[:1]),
        payment_reference=Subquery(payment.values("reference")[:1]),
        payment_status=Subquery(payment.values("status")[:1]),
        file_tracking_code=Subquery(payment.values("file__tracking_code")[:1]),
    )
    if day_from:
        rows = rows.filter(created_at__gte=_tehran_midnight(day_from))
    if day_to:
        rows = rows.filter(created_at__lt=_tehran_midnight(day_to + datetime.timedelta(days=1)))
    if state:
        rows = rows.filter(state=state)
    if reference:
        rows = rows.filter(
            token__in=Payment.objects.filter(reference=reference).values("gateway_token")
        )
    if tracking_code:
        rows = rows.filter(
            token__in=Payment.objects.filter(file__tracking_code=tracking_code).values(
                "gateway_token"
            )
        )
    return rows.order_by("-created_at", "-pk")


def psp_transaction_get(user, pk: int) -> tuple[PspTransaction, Payment | None] | None:
    """One transaction of the book with its payment (and the payment's file and service), or
    None when `user` may not see it."""
    transaction = psp_transactions_visible_to(user).filter(pk=pk).first()
    if transaction is None:
        return None
    payment = (
        Payment.objects.filter(gateway_token=transaction.token)
        .select_related("file", "file__service", "office")
        .first()
    )
    return transaction, payment
