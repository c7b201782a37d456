"""Demo treasury: a collected payment for every demo file past its bill, booked in bulk with its
receipt; the bank's daily statements generated from them and imported through the real
reconciliation service (days closed, the last one left open with realistic discrepancies);
weekly settlements of the offices' fee shares, less the penalties of the demo's sanction
decision; refunds of rejected files in every stage."""

from __future__ import annotations

import datetime
import random
import secrets
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from daftar.accounts.models import User
from daftar.audit.bulk import AuditBulk
from daftar.cases.models import File, FileEvent
from daftar.core import generators
from daftar.core.calendar import TEHRAN
from daftar.core.errors import Conflict
from daftar.core.jalali import to_jalali
from daftar.governance.choices import DecisionKind, DecisionStatus
from daftar.governance.models import Decision
from daftar.offices.models import Office
from daftar.treasury import services
from daftar.treasury.choices import EntryKind, PaymentChannel, PaymentStatus
from daftar.treasury.models import Account, JournalEntry, Payment, Posting, Receipt
from daftar.treasury.services.ledger import CLEARING, TREASURY, account, beneficiary_account
from daftar.treasury.services.payments import _code
from daftar.treasury.services.settlement import payout_reference

PAID_ACTION = "pay"
# The governance demo's sanction decision of 1404/12/19 (demo_text.DECISIONS) and what it imposes.
PENALTY_DECISION_SUBJECT_EN = (
    "Unresolved reconciliation differences deducted from offices T0101 and T0601"
)
PENALTIES = [
    ("T0101", 3_400_000, "مغایرت رفع‌نشده تطبیق روزانه حساب واحد خزانه، بهمن ۱۴۰۴ (ماده ۲۹)"),
    ("T0601", 1_250_000, "مغایرت رفع‌نشده تطبیق روزانه حساب واحد خزانه، بهمن ۱۴۰۴ (ماده ۲۹)"),
]


def seed_treasury(ctx) -> None:
    if Payment.objects.exists():
        ctx.log("treasury: already there")
        return
    rng = random.Random(f"{ctx.seed}:treasury")
    bank = account(TREASURY)
    if not bank.sheba:
        Account.objects.filter(pk=bank.pk).update(
            sheba=generators.sheba(random.Random("treasury-account")),
            name_fa="حساب خزانه واحد شهرداری تهران",
            name_en="Single treasury account of Tehran Municipality",
        )
    payments = _bulk_payments(rng)
    penalties = _penalties()
    days = _statements(rng, payments)
    _refunds(rng)
    ctx.log(
        f"treasury: {len(payments)} payments, {len(days)} bank days "
        f"({sum(1 for d in days if d[1])} closed), settlements, {penalties} penalties and refunds"
    )


@transaction.atomic
def _bulk_payments(rng: random.Random) -> list[Payment]:
    """One collected payment per demo file that passed its bill, at the time it was paid."""
    paid_at = dict(FileEvent.objects.filter(action=PAID_ACTION).values_list("file_id", "at"))
    files = list(File.objects.filter(pk__in=paid_at).select_related("office"))
    payments, receipts = [], []
    for file in files:
        if file.channel == "office":
            channel = rng.choices([PaymentChannel.POS, PaymentChannel.SLIP], [9, 1])[0]
        else:
            channel = rng.choices([PaymentChannel.GATEWAY, PaymentChannel.SLIP], [9, 1])[0]
        at = paid_at[file.pk]
        payments.append(
            Payment(
                reference=f"PAY-{_code(10)}",
                file=file,
                channel=channel,
                amount=file.amount,
                parts=file.price_parts,
                status=PaymentStatus.CONFIRMED,
                office=file.office if channel == PaymentChannel.POS else None,
                pos_reference=str(rng.randint(100000, 999999))
                if channel == PaymentChannel.POS
                else "",
                bank_reference=str(rng.randint(10**8, 10**9 - 1)),
                gateway_token=secrets.token_urlsafe(16)
                if channel == PaymentChannel.GATEWAY
                else "",
                created_by="system:demo-import",
                confirmed_at=at,
            )
        )
    Payment.objects.bulk_create(payments, batch_size=2000)
    if not all(p.pk for p in payments):
        ids = dict(Payment.objects.values_list("reference", "pk"))
        for p in payments:
            p.pk = p.id = ids[p.reference]
    entries = [
        JournalEntry(
            day=p.confirmed_at.astimezone(TEHRAN).date(),
            kind=EntryKind.COLLECTION,
            memo=f"{p.reference} file {p.file.tracking_code}",
            actor_label="system:demo-import",
        )
        for p in payments
    ]
    JournalEntry.objects.bulk_create(entries, batch_size=2000)
    if not all(e.pk for e in entries):
        by_memo = dict(
            JournalEntry.objects.filter(kind=EntryKind.COLLECTION).values_list("memo", "pk")
        )
        for e in entries:
            e.pk = e.id = by_memo[e.memo]
    accounts, postings = {}, []

    def acc(name, office):
        key = (name, office.pk if office and name == "office_fee" else None)
        if key not in accounts:
            accounts[key] = beneficiary_account(name, office=office)
        return accounts[key]

    clearing = {c: account(CLEARING[c]) for c in PaymentChannel.values}
    for payment, entry in zip(payments, entries, strict=True):
        postings.append(
            Posting(entry=entry, account=clearing[payment.channel], amount=payment.amount)
        )
        for name, amount in payment.parts.items():
            if amount:
                postings.append(
                    Posting(entry=entry, account=acc(name, payment.file.office), amount=-amount)
                )
        receipts.append(
            Receipt(
                payment=payment,
                number=f"R-{payment.pk:09d}",
                verification_code=_code(12),
                issued_at=payment.confirmed_at,
            )
        )
    Posting.objects.bulk_create(postings, batch_size=5000)
    Receipt.objects.bulk_create(receipts, batch_size=2000)
    for payment, entry in zip(payments, entries, strict=True):
        payment.collection_id = entry.pk
    Payment.objects.bulk_update(payments, ["collection"], batch_size=2000)
    audit = AuditBulk(actor_label="system:demo-import")
    for payment in payments:
        audit.add(
            stream="treasury",
            action="payment.imported",
            object_type="treasury.payment",
            object_id=payment.pk,
            summary=f"{payment.reference} {payment.amount} rials",
            after={"channel": payment.channel, "amount": payment.amount},
        )
    audit.flush()
    return payments


def _penalties() -> int:
    """The demo sanction decision's penalties, recorded before the settlements deduct them."""
    officer = User.objects.filter(username="treasury").first()
    decision = Decision.objects.filter(
        kind=DecisionKind.SANCTION,
        status=DecisionStatus.ADOPTED,
        subject_en=PENALTY_DECISION_SUBJECT_EN,
    ).first()
    if officer is None or decision is None:
        return 0
    recorded = 0
    for code, amount, reason in PENALTIES:
        office = Office.objects.filter(code=code).first()
        if office is None or decision.penalties.filter(office=office).exists():
            continue
        services.penalty_record(
            actor=officer, office=office, amount=amount, reason=reason, decision=decision
        )
        recorded += 1
    return recorded


def _statement(
    day: datetime.date, opening: int, lines: list[tuple[int, str]], sheba: str, rng: random.Random
) -> bytes:
    j = to_jalali(day)
    stamp = f"{j.year}/{j.month:02d}/{j.day:02d}"
    rows = [
        f"# account,{sheba}",
        f"# date,{stamp}",
        f"# opening_balance,{opening}",
        f"# closing_balance,{opening + sum(a for a, _r in lines)}",
        "value_date,amount,reference,bank_reference,description",
    ]
    rows += [
        f"{stamp},{amount},{ref},{rng.randint(10**9, 10**10 - 1)},"
        f"{'برداشت' if amount < 0 else 'واریز'}"
        for amount, ref in lines
    ]
    return ("\n".join(rows) + "\n").encode()


def _statements(rng: random.Random, payments: list[Payment]) -> list[tuple[datetime.date, bool]]:
    """Daily statements up to the day before yesterday, the last one with discrepancies.

    Every Saturday the previous week's fee shares are settled; the payouts leave the account
    that day and appear in that day's statement as debits, like any bank would show them.
    """
    officer = User.objects.filter(username="treasury").first() or "system:demo"
    sheba = account(TREASURY).sheba
    by_day = defaultdict(list)
    for payment in payments:
        by_day[payment.confirmed_at.astimezone(TEHRAN).date()].append(payment)
    last = timezone.localdate() - datetime.timedelta(days=2)
    if not by_day:
        return []
    first = min(by_day)
    day, opening, result, week_start = first, 0, [], first
    while day <= last:
        lines = [(p.amount, p.reference) for p in by_day.get(day, [])]
        if day.weekday() == 5 and week_start < day:  # Saturday: settle the week before
            settlement = services.settlement_run(
                actor=officer,
                period_start=week_start,
                period_end=day - datetime.timedelta(days=1),
                paid_on=day,
            )
            lines += [
                (-line.net, payout_reference(line))
                for line in settlement.lines.filter(net__gt=0).select_related("office")
            ]
            week_start = day
        final = day == last
        if final and len(lines) >= 4:
            lines.pop()  # in the ledger, not in the bank
            lines.append((lines[0][0], lines[0][1]))  # the bank lists one twice
            lines[1] = (lines[1][0] - 10_000, lines[1][1])  # a different amount
            lines.append((7_500_000, ""))  # an unidentified deposit
            lines.append((-45_000, ""))  # bank charges
        if lines:
            data = _statement(day, opening, lines, sheba, rng)
            services.statement_import(actor=officer, data=data, format="csv")
            opening += sum(amount for amount, _ref in lines)
            if not final:
                services.reconciliation_close(actor=officer, day=day)
            result.append((day, not final))
        day += datetime.timedelta(days=1)
    return result


def _refunds(rng: random.Random) -> None:
    officer = User.objects.filter(username="treasury").first()
    due = services.refunds_due()
    for index, file in enumerate(due[:12]):
        try:
            refund = services.refund_request(
                actor="system:refunds", file=file, reason="رد پرونده پس از پرداخت"
            )
        except Conflict:  # a service whose fee is not refundable: nothing to refund
            continue
        if officer is None or index % 3 == 0:
            continue  # left for the officer to decide
        services.refund_approve(actor=officer, refund=refund)
        if index % 3 == 2:
            services.refund_pay(actor=officer, refund=refund)
