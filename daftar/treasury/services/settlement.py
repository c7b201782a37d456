"""Settling offices' fee shares (refunds to citizens are in `services/refunds.py`).

A settlement covers a period: each office's fee shares from reconciled payments of the period,
minus the office's part of refunds paid, minus the office's outstanding penalties (as much of
them as the rest allows; see `services/penalties.py`), plus what cancelled penalties had
already taken (paid back); it books one payout entry and marks
every payment, refund and penalty deduction it used, so nothing is settled twice. Offices whose
fee shares do not exceed their refunds are left for the next period.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, InvalidInput
from daftar.offices.models import Office
from daftar.offices.selectors import offices_by_pk
from daftar.treasury.choices import EntryKind, PaymentStatus, RefundStatus
from daftar.treasury.error_codes import TreasuryErrorCode
from daftar.treasury.models import Payment, Penalty, Refund, Settlement, SettlementLine
from daftar.treasury.permissions import Operation, require_operation
from daftar.treasury.services.ledger import (
    PENALTIES,
    TREASURY,
    account,
    beneficiary_account,
    post_entry,
)
from daftar.treasury.services.payments import STREAM
from daftar.treasury.services.penalties import (
    penalties_deduct,
    penalties_outstanding_locked,
    penalties_returned,
    penalties_take,
    penalty_return_offices,
    penalty_returns_pending,
)

OFFICE_FEE = "office_fee"
REVENUE_PREFIX = "revenue:"


@dataclass
class PlannedLine:
    """What one office would be settled: its fee shares, refunds and penalties, and the net."""

    office: Office
    payments: int
    fee_share: int
    refunds: int
    penalties: int
    deductions: list[tuple[Penalty, int]]
    returned: int = 0  # cancelled penalties' deducted parts paid back
    returns: list[Penalty] = field(default_factory=list, repr=False)

    @property
    def available(self) -> int:
        return self.fee_share - self.refunds + self.returned

    @property
    def net(self) -> int:
        return self.available - self.penalties


@dataclass
class SettlementPlan:
    """A settlement worked out but not booked: what `settlement_preview` shows and what
    `settlement_run` books (the same computation)."""

    period_start: datetime.date
    period_end: datetime.date
    paid_on: datetime.date
    lines: list[PlannedLine]
    waiting: list[Office]  # offices whose refunds exceed their fee shares: next period
    payments: list[Payment] = field(repr=False)
    refunds: list[Refund] = field(repr=False)

    @property
    def totals(self) -> dict[str, int]:
        return {
            "payments": sum(line.payments for line in self.lines),
            "fee_share": sum(line.fee_share for line in self.lines),
            "refunds": sum(line.refunds for line in self.lines),
            "penalties": sum(line.penalties for line in self.lines),
            "returned": sum(line.returned for line in self.lines),
            "net": sum(line.net for line in self.lines),
        }


def _settlement_plan(
    *,
    period_start: datetime.date,
    period_end: datetime.date,
    paid_on: datetime.date | None,
    lock: bool,
) -> SettlementPlan:
    """Check the period and work the settlement out; with `lock`, the payments, refunds and
    penalties used are row-locked until the caller's transaction ends."""
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
    payments_found = Payment.objects.select_for_update() if lock else Payment.objects.all()
    # The refunds' office comes with them (no query per refund); only the refunds are locked.
    refunds_found = (
        Refund.objects.select_for_update(of=("self",)) if lock else Refund.objects.all()
    ).annotate(office_id=F("payment__office_id"))
    payments = list(
        payments_found.filter(
            status=PaymentStatus.RECONCILED,
            settlement__isnull=True,
            office__isnull=False,
            confirmed_at__date__range=(period_start, period_end),
        )
    )
    refunds = list(
        refunds_found.filter(
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
        taken[refund.office_id] += refund.parts.get(OFFICE_FEE, 0)
    offices = offices_by_pk(set(earned) | set(taken) | penalty_return_offices())
    outstanding = penalties_outstanding_locked(offices, lock=lock)
    returns = penalty_returns_pending(offices, lock=lock)
    lines, waiting = [], []
    for office_id, office in sorted(offices.items(), key=lambda item: item[1].code):
        returned = sum(penalty.returned for penalty in returns.get(office_id, []))
        available = earned[office_id] - taken[office_id] + returned
        if available <= 0:
            waiting.append(office)  # nothing to pay now; its items wait for the next period
            continue
        deductions = penalties_take(outstanding.get(office_id, []), available)
        line = PlannedLine(
            office=office,
            payments=counted[office_id],
            fee_share=earned[office_id],
            refunds=taken[office_id],
            penalties=sum(part for _penalty, part in deductions),
            deductions=deductions,
            returned=returned,
            returns=returns.get(office_id, []),
        )
        if line.net > 0 and not office.sheba:
            raise Conflict(
                _("Office %(code)s has no settlement account (Sheba)."),
                code=TreasuryErrorCode.NO_SHEBA,
                params={"code": office.code},
            )
        lines.append(line)
    return SettlementPlan(
        period_start=period_start,
        period_end=period_end,
        paid_on=paid_on,
        lines=lines,
        waiting=waiting,
        payments=payments,
        refunds=refunds,
    )


def settlement_preview(
    *,
    actor: Actor,
    period_start: datetime.date,
    period_end: datetime.date,
    paid_on: datetime.date | None = None,
) -> SettlementPlan:
    """What `settlement_run` would book for the period, read without locks and written nowhere
    (the officer's preview before confirming). Refuses what `settlement_run` refuses."""
    require_operation(actor, Operation.SETTLEMENT_RUN)
    return _settlement_plan(
        period_start=period_start, period_end=period_end, paid_on=paid_on, lock=False
    )


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
    require_operation(actor, Operation.SETTLEMENT_RUN)
    plan = _settlement_plan(
        period_start=period_start, period_end=period_end, paid_on=paid_on, lock=True
    )
    settlement = Settlement.objects.create(
        period_start=period_start, period_end=period_end, created_by=actor.label
    )
    lines = [
        SettlementLine(
            settlement=settlement,
            office=line.office,
            fee_share=line.fee_share,
            refunds=line.refunds,
            penalties=line.penalties,
            penalties_returned=line.returned,
            net=line.net,
            payments=line.payments,
            sheba=line.office.sheba,
        )
        for line in plan.lines
    ]
    # The office's payable is cleared of everything settled; the bank pays out the net.
    payout = [
        (beneficiary_account(OFFICE_FEE, office=line.office), line.available) for line in plan.lines
    ]
    lines = _saved(SettlementLine.objects.bulk_create(lines), settlement)
    penalties_deduct({line.office.pk: line.deductions for line in plan.lines}, lines)
    penalties_returned({line.office.pk: line.returns for line in plan.lines}, lines)
    paid_offices = {line.office_id for line in lines}
    total_net = sum(line.net for line in lines)
    total_penalties = sum(line.penalties for line in lines)
    if payout:
        payout.append((account(TREASURY), -total_net))
        if total_penalties:
            payout.append((account(PENALTIES), -total_penalties))
        settlement.entry = post_entry(
            kind=EntryKind.SETTLEMENT,
            day=plan.paid_on,
            actor_label=actor.label,
            memo=f"settlement {period_start}–{period_end}",
            lines=payout,
        )
        settlement.save(update_fields=["entry"])
    Payment.objects.filter(
        pk__in=[p.pk for p in plan.payments if p.office_id in paid_offices]
    ).update(settlement=settlement)
    Refund.objects.filter(
        pk__in=[r.pk for r in plan.refunds if r.office_id in paid_offices]
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
            "penalties_returned": sum(line.penalties_returned for line in lines),
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
