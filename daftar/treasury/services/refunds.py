"""Refunds to citizens: requested when a paid file is rejected or cancelled, decided by a
treasury officer (the ledger entry moves each part back from its beneficiary), then paid out.
A settlement later deducts the office's part of refunds paid (`services/settlement.py`).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.audit.services import audit_record, audited
from daftar.cases.models import File
from daftar.cases.selectors import files_among
from daftar.cases.services import file_hold_for_payment, file_record_refund
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.money import BASIS_POINTS, allocate_refund
from daftar.treasury.choices import COLLECTED, EntryKind, RefundStatus
from daftar.treasury.error_codes import TreasuryErrorCode
from daftar.treasury.models import Payment, Refund
from daftar.treasury.services.ledger import (
    REFUNDS,
    TREASURY,
    account,
    beneficiary_account,
    post_entry,
)
from daftar.treasury.services.payments import STREAM
from daftar.treasury.services.settlement import REVENUE_PREFIX


@audited
def refund_request(*, actor: Actor, file: File, reason: str) -> Refund:
    """A refund of a rejected (or cancelled) file's collected fee, by the service's rule."""
    file = file_hold_for_payment(file=file)
    if file.state.code not in {"rejected", "cancelled"}:
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
    amount = payment.amount * file.service.refundable_basis_points // BASIS_POINTS
    if amount <= 0:
        raise Conflict(
            _("The fee of this service is not refundable."), code=TreasuryErrorCode.NOT_REFUNDABLE
        )
    # Exact integers, from what each beneficiary received: never a rounded percentage, never
    # more than a beneficiary received, the remainder to the declared main revenue head.
    parts = allocate_refund(amount, payment.parts, main=_main_revenue_head(payment, file))
    refund = Refund.objects.create(
        payment=payment,
        amount=amount,
        parts=parts,
        reason=reason.strip()[:300] or "file rejected",
        requested_by=actor.label,
    )
    file_record_refund(actor=actor, file=file, step="refund_requested", amount=amount)
    audit_record(
        actor=actor,
        action="refund.requested",
        stream=STREAM,
        obj=refund,
        after={"amount": amount, "parts": parts, "file": file.tracking_code},
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


def _require_treasury(actor: Actor) -> None:
    if actor.user is None or not user_has_role(actor.user, Role.TREASURY_OFFICER):
        raise Forbidden(
            _("Only a treasury officer decides refunds."), code=TreasuryErrorCode.NOT_TREASURY
        )


@audited
def refund_approve(*, actor: Actor, refund: Refund) -> Refund:
    """Take the refund back from each beneficiary into refunds owed (one balanced entry)."""
    _require_treasury(actor)
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
    _require_treasury(actor)
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
    _require_treasury(actor)
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


def refunds_due() -> list[File]:
    """Files rejected or cancelled after their fee was collected, with no refund yet."""
    refunded = Payment.objects.filter(
        refunds__status__in=[RefundStatus.REQUESTED, RefundStatus.APPROVED, RefundStatus.PAID]
    ).values("file_id")
    collected = (
        Payment.objects.filter(
            status__in=COLLECTED, file__state__code__in=["rejected", "cancelled"]
        )
        .exclude(file_id__in=refunded)
        .values("file_id")
    )
    return list(files_among(collected))
