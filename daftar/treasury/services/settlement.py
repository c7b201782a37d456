"""Settling offices' fee shares, and refunds to citizens.

A settlement covers a period: each office's fee shares from reconciled payments of the period,
minus the office's part of refunds paid, minus the office's outstanding penalties (as much of
them as the rest allows; see `services/penalties.py`); it books one payout entry and marks
every payment, refund and penalty deduction it used, so nothing is settled twice. Offices whose
fee shares do not exceed their refunds are left for the next period.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict

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
from daftar.offices.selectors import offices_by_pk
from daftar.treasury.choices import COLLECTED, EntryKind, PaymentStatus, RefundStatus
from daftar.treasury.error_codes import TreasuryErrorCode
from daftar.treasury.models import Payment, Refund, Settlement, SettlementLine
from daftar.treasury.services.ledger import (
    PENALTIES,
    REFUNDS,
    TREASURY,
    account,
    beneficiary_account,
    post_entry,
)
from daftar.treasury.services.payments import STREAM
from daftar.treasury.services.penalties import (
    penalties_deduct,
    penalties_outstanding_locked,
    penalties_take,
)

OFFICE_FEE = "office_fee"
REVENUE_PREFIX = "revenue:"


@audited
def settlement_run(
    *,
    actor: Actor,
    period_start: datetime.date,
    period_end: datetime.date,
    paid_on: datetime.date | None = None,
) -> Settlement:
    """Settle the period; the payout leaves the treasury account on `paid_on` (today by
    default) and appears in that day's bank statement as one debit per office, referenced
    `STL-<settlement>-<office>` (see `payout_reference`).

    The offices' penalties outstanding when the settlement runs are deducted from their share
    and credited to the penalties revenue head; an office whose whole share goes to penalties
    gets a line with nothing paid out (and no bank transfer)."""
    paid_on = paid_on or timezone.localdate()
    if paid_on <= period_end:
        raise InvalidInput(
            _("The payout is made after the period ends."),
            code=TreasuryErrorCode.PAYOUT_BEFORE_PERIOD_END,
            field="paid_on",
        )
    if period_end < period_start:
        raise InvalidInput(
            _("The period ends before it starts."),
            code=TreasuryErrorCode.PERIOD_REVERSED,
            field="period_end",
        )
    if period_end >= timezone.localdate():
        raise InvalidInput(
            _("Only past days can be settled."),
            code=TreasuryErrorCode.PERIOD_NOT_PAST,
            field="period_end",
        )
    if Settlement.objects.filter(
        period_start__lte=period_end, period_end__gte=period_start
    ).exists():
        raise Conflict(
            _("Another settlement already covers part of this period."),
            code=TreasuryErrorCode.OVERLAP,
        )
    payments = list(
        Payment.objects.select_for_update().filter(
            status=PaymentStatus.RECONCILED,
            settlement__isnull=True,
            office__isnull=False,
            confirmed_at__date__range=(period_start, period_end),
        )
    )
    refunds = list(
        Refund.objects.select_for_update().filter(
            status=RefundStatus.PAID,
            settlement__isnull=True,
            payment__office__isnull=False,
            paid_at__date__lte=period_end,
        )
    )
    earned, taken, counted = defaultdict(int), defaultdict(int), defaultdict(int)
    for payment in payments:
        earned[payment.office_id] += payment.parts.get(OFFICE_FEE, 0)
        counted[payment.office_id] += 1
    for refund in refunds:
        taken[refund.payment.office_id] += refund.parts.get(OFFICE_FEE, 0)
    offices = offices_by_pk(set(earned) | set(taken))
    outstanding = penalties_outstanding_locked(offices)
    settlement = Settlement.objects.create(
        period_start=period_start, period_end=period_end, created_by=actor.label
    )
    lines, payout, deductions = [], [], {}
    for office_id, office in sorted(offices.items(), key=lambda item: item[1].code):
        available = earned[office_id] - taken[office_id]
        if available <= 0:
            continue  # nothing to pay now; its items wait for the next period
        deductions[office_id] = penalties_take(outstanding.get(office_id, []), available)
        deducted = sum(part for _penalty, part in deductions[office_id])
        net = available - deducted
        if net > 0 and not office.sheba:
            raise Conflict(
                _("Office %(code)s has no settlement account (Sheba)."),
                code=TreasuryErrorCode.NO_SHEBA,
                params={"code": office.code},
            )
        lines.append(
            SettlementLine(
                settlement=settlement,
                office=office,
                fee_share=earned[office_id],
                refunds=taken[office_id],
                penalties=deducted,
                net=net,
                payments=counted[office_id],
                sheba=office.sheba,
            )
        )
        # The office's payable is cleared of everything settled; the bank pays out the net.
        payout.append((beneficiary_account(OFFICE_FEE, office=office), available))
    lines = _saved(SettlementLine.objects.bulk_create(lines), settlement)
    penalties_deduct(deductions, lines)
    paid_offices = {line.office_id for line in lines}
    total_net = sum(line.net for line in lines)
    total_penalties = sum(line.penalties for line in lines)
    if payout:
        payout.append((account(TREASURY), -total_net))
        if total_penalties:
            payout.append((account(PENALTIES), -total_penalties))
        settlement.entry = post_entry(
            kind=EntryKind.SETTLEMENT,
            day=paid_on,
            actor_label=actor.label,
            memo=f"settlement {period_start}–{period_end}",
            lines=payout,
        )
        settlement.save(update_fields=["entry"])
    Payment.objects.filter(pk__in=[p.pk for p in payments if p.office_id in paid_offices]).update(
        settlement=settlement
    )
    Refund.objects.filter(
        pk__in=[r.pk for r in refunds if r.payment.office_id in paid_offices]
    ).update(settlement=settlement)
    audit_record(
        actor=actor,
        action="settlement.run",
        stream=STREAM,
        obj=settlement,
        after={
            "period": [period_start, period_end],
            "offices": len(lines),
            "total": total_net,
            "penalties": total_penalties,
        },
    )
    return settlement


def _saved(lines: list[SettlementLine], settlement: Settlement) -> list[SettlementLine]:
    """The created lines with their ids (SQLite before 3.35 does not return them)."""
    if all(line.pk for line in lines):
        return lines
    ids = dict(settlement.lines.values_list("office_id", "pk"))
    for line in lines:
        line.pk = line.id = ids[line.office_id]
    return lines


def payout_reference(line: SettlementLine) -> str:
    return f"STL-{line.settlement_id}-{line.office.code}"


def settlement_bank_file(settlement: Settlement) -> str:
    """The payment order for the bank (documented in docs/bank-statements.md): one line per
    office paid something — reference, Sheba, amount in rials, office code, office name. An
    office whose whole share went to penalties receives no transfer."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["reference", "sheba", "amount", "office", "name"])
    paid = settlement.lines.filter(net__gt=0).select_related("office").order_by("office__code")
    for line in paid:
        writer.writerow(
            [
                payout_reference(line),
                line.sheba,
                line.net,
                line.office.code,
                line.office.name,
            ]
        )
    return buffer.getvalue()


# --- refunds -------------------------------------------------------------------------------------


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
