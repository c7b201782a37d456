"""Settling offices' fee shares (refunds to citizens are in `services/refunds.py`).

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

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, InvalidInput
from daftar.offices.selectors import offices_by_pk
from daftar.treasury.choices import EntryKind, PaymentStatus, RefundStatus
from daftar.treasury.error_codes import TreasuryErrorCode
from daftar.treasury.models import Payment, Refund, Settlement, SettlementLine
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
