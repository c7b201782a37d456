"""Refunds to citizens: requested when a paid file is rejected or cancelled, decided by a
treasury officer (the ledger entry moves each part back from its beneficiary), then paid out.
A settlement later deducts the office's part of refunds paid (`services/settlement.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.cases.models import File
from daftar.cases.selectors import files_among
from daftar.cases.services import file_hold_for_payment, file_record_refund
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, InvalidInput
from daftar.core.money import BASIS_POINTS, allocate_refund
from daftar.treasury.choices import COLLECTED, EntryKind, RefundStatus
from daftar.treasury.error_codes import TreasuryErrorCode
from daftar.treasury.models import Payment, Refund
from daftar.treasury.permissions import Operation, require_operation
from daftar.treasury.services.ledger import (
    REFUNDS,
    TREASURY,
    account,
    beneficiary_account,
    post_entry,
)
from daftar.treasury.services.payments import STREAM
from daftar.treasury.services.settlement import REVENUE_PREFIX

REFUNDABLE_STATES = ("rejected", "cancelled")


@dataclass(frozen=True)
class RefundQuote:
    """The arithmetic of a refund, as the officer's preview shows it and `refund_request` books
    it: the refund is floor(paid × refundable basis points / 10,000), the rest of the payment
    is not refundable, and `parts` is what each beneficiary gives back."""

    file: File
    payment: Payment
    basis_points: int
    amount: int
    parts: dict[str, int]

    @property
    def paid(self) -> int:
        return self.payment.amount

    @property
    def non_refundable(self) -> int:
        return self.paid - self.amount

    @property
    def percent(self) -> Fraction:
        """The refundable share in per cent (exact: 8,000 basis points are 80)."""
        return Fraction(self.basis_points, 100)


def _quote(file: File) -> RefundQuote:
    if file.state.code not in REFUNDABLE_STATES:
        raise Conflict(
            _("Only a rejected or cancelled file is refunded."),
            code=TreasuryErrorCode.NOT_REFUNDABLE,
        )
    payment = file.payments.filter(status__in=COLLECTED).first()
    if payment is None:
        raise Conflict(
            _("Nothing was collected for this file."), code=TreasuryErrorCode.NOT_REFUNDABLE
        )
    if payment.refunds.exclude(status=RefundStatus.REJECTED).exists():
        raise Conflict(_("A refund of this payment already exists."), code=CoreErrorCode.DUPLICATE)
    basis_points = file.service.refundable_basis_points
    amount = payment.amount * basis_points // BASIS_POINTS
    if amount <= 0:
        raise Conflict(
            _("The fee of this service is not refundable."), code=TreasuryErrorCode.NOT_REFUNDABLE
        )
    # Exact integers, from what each beneficiary received: never a rounded percentage, never
    # more than a beneficiary received, the remainder to the declared main revenue head.
    parts = allocate_refund(amount, payment.parts, main=_main_revenue_head(payment, file))
    return RefundQuote(
        file=file, payment=payment, basis_points=basis_points, amount=amount, parts=parts
    )


def refund_preview(*, actor: Actor, file: File) -> RefundQuote:
    """What `refund_request` would book for the file, computed and written nowhere (the
    officer's preview before confirming). Refuses what `refund_request` refuses."""
    require_operation(actor, Operation.REFUND_REQUEST)
    return _quote(file)


@audited
def refund_request(*, actor: Actor, file: File, reason: str) -> Refund:
    """A refund of a rejected (or cancelled) file's collected fee, by the service's rule."""
    require_operation(actor, Operation.REFUND_REQUEST)
    file = file_hold_for_payment(file=file)
    quote = _quote(file)
    refund = Refund.objects.create(
        payment=quote.payment,
        amount=quote.amount,
        parts=quote.parts,
        reason=reason.strip()[:300] or "file rejected",
        requested_by=actor.label,
    )
    file_record_refund(actor=actor, file=file, step="refund_requested", amount=quote.amount)
    audit_record(
        actor=actor,
        action="refund.requested",
        stream=STREAM,
        obj=refund,
        after={"amount": quote.amount, "parts": quote.parts, "file": file.tracking_code},
    )
    return refund


def _main_revenue_head(payment: Payment, file: File) -> str:
    """The payment's main municipal revenue head: the first revenue head of the tariff version
    that priced the file, the one that received the collection's rounding remainder
    (`catalogue.selectors.quote_with`). The order of the payment's JSON keys says nothing:
    PostgreSQL's jsonb sorts them. A payment whose tariff is not recorded falls back to the
    revenue head (were there none: the beneficiary) that received the most, ties by name —
    still independent of key order."""
    declared = next(
        (
            split["beneficiary"]
            for split in (file.tariff.splits if file.tariff_id else [])
            if split["beneficiary"].startswith(REVENUE_PREFIX)
        ),
        None,
    )
    if declared in payment.parts:
        return declared
    candidates = [name for name in payment.parts if name.startswith(REVENUE_PREFIX)]
    return min(candidates or payment.parts, key=lambda name: (-payment.parts[name], name))


def _refund_locked(refund: Refund, status: RefundStatus) -> Refund:
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if refund.status != status:
        raise Conflict(
            _("This refund is %(status)s."),
            code=TreasuryErrorCode.REFUND_STATE,
            params={"status": refund.get_status_display()},
        )
    return refund


@audited
def refund_approve(*, actor: Actor, refund: Refund) -> Refund:
    """Take the refund back from each beneficiary into refunds owed (one balanced entry)."""
    require_operation(actor, Operation.REFUND_DECIDE)
    refund = _refund_locked(refund, RefundStatus.REQUESTED)
    payment = refund.payment
    office = payment.office or payment.file.office
    lines = [
        (beneficiary_account(name, office=office), amount)
        for name, amount in refund.parts.items()
        if amount
    ]
    lines.append((account(REFUNDS), -refund.amount))
    refund.approval = post_entry(
        kind=EntryKind.REFUND,
        day=timezone.localdate(),
        memo=f"refund {payment.reference}",
        actor_label=actor.label,
        lines=lines,
    )
    refund.status, refund.decided_by, refund.approved_at = (
        RefundStatus.APPROVED,
        actor.user,
        timezone.now(),
    )
    refund.save(update_fields=["approval", "status", "decided_by", "approved_at"])
    file_record_refund(
        actor=actor,
        file=payment.file,
        step="refund_approved",
        amount=refund.amount,
    )
    audit_record(
        actor=actor,
        action="refund.approved",
        stream=STREAM,
        obj=refund,
        after={"amount": refund.amount, "entry": refund.approval.pk},
    )
    return refund


@audited
def refund_reject(*, actor: Actor, refund: Refund, reason: str) -> Refund:
    require_operation(actor, Operation.REFUND_DECIDE)
    refund = _refund_locked(refund, RefundStatus.REQUESTED)
    if not reason.strip():
        raise InvalidInput(_("Give the reason."), code=CoreErrorCode.REQUIRED, field="reason")
    refund.status, refund.decided_by, refund.reason = (
        RefundStatus.REJECTED,
        actor.user,
        reason.strip()[:300],
    )
    refund.save(update_fields=["status", "decided_by", "reason"])
    audit_record(
        actor=actor,
        action="refund.rejected",
        stream=STREAM,
        obj=refund,
        after={"reason": refund.reason},
    )
    return refund


@audited
def refund_pay(*, actor: Actor, refund: Refund) -> Refund:
    """The money leaves the treasury account for the citizen."""
    require_operation(actor, Operation.REFUND_DECIDE)
    refund = _refund_locked(refund, RefundStatus.APPROVED)
    refund.payout = post_entry(
        kind=EntryKind.REFUND,
        day=timezone.localdate(),
        memo=f"refund paid {refund.payment.reference}",
        actor_label=actor.label,
        lines=[(account(REFUNDS), refund.amount), (account(TREASURY), -refund.amount)],
    )
    refund.status, refund.paid_at = RefundStatus.PAID, timezone.now()
    refund.save(update_fields=["payout", "status", "paid_at"])
    file_record_refund(
        actor=actor,
        file=refund.payment.file,
        step="refund_paid",
        amount=refund.amount,
    )
    audit_record(
        actor=actor,
        action="refund.paid",
        stream=STREAM,
        obj=refund,
        after={"amount": refund.amount, "entry": refund.payout.pk},
    )
    return refund


def refunds_due() -> QuerySet[File]:
    """Files rejected or cancelled after their fee was collected, of a service whose fee is
    (at least partly) refundable, with no refund yet; the oldest first."""
    refunded = Payment.objects.filter(
        refunds__status__in=[RefundStatus.REQUESTED, RefundStatus.APPROVED, RefundStatus.PAID]
    ).values("file_id")
    collected = (
        Payment.objects.filter(
            status__in=COLLECTED,
            file__state__code__in=REFUNDABLE_STATES,
            file__service__refundable_basis_points__gt=0,
        )
        .exclude(file_id__in=refunded)
        .values("file_id")
    )
    return files_among(collected).order_by("pk")
