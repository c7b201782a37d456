"""Demo treasury: a collected payment for every demo file past its bill, booked in bulk with its
receipt; the bank's daily statements generated from them and imported through the real
reconciliation service (days closed, the last one left open with realistic discrepancies);
weekly settlements of the offices' fee shares, less the penalties of the demo's sanction
decision; refunds of rejected files in every stage."""

from __future__ import annotations

import datetime
import random
import time

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from daftar.accounts.models import User
from daftar.audit.bulk import AuditBulk
from daftar.cases.models import File, FileEvent
from daftar.catalogue.models import TariffVersion
from daftar.core import generators
from daftar.core.actors import Actor
from daftar.core.bulk import BulkInsert, parallel, reserve_ids
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
from daftar.treasury.services.payments import _ALPHABET
from daftar.treasury.services.settlement import OFFICE_FEE, payout_reference

PAID_ACTION = "pay"
# The governance demo's sanction decision of 1404/12/19 (decisions.json) and what it
# imposes.
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
    started = time.perf_counter()
    payments = _bulk_payments(ctx.seed)
    ctx.log(f"treasury: {payments} payments booked in {time.perf_counter() - started:.1f}s")
    penalties = _penalties()
    started = time.perf_counter()
    days = _statements(rng)
    ctx.log(f"treasury: statements and settlements in {time.perf_counter() - started:.1f}s")
    _refunds(rng)
    ctx.log(
        f"treasury: {payments} payments, {len(days)} bank days "
        f"({sum(1 for d in days if d[1])} closed), settlements, {penalties} penalties and refunds"
    )


PAYMENT_COLUMNS = (
    "id", "reference", "file_id", "channel", "amount", "parts", "status", "office_id",
    "pos_reference", "bank_reference", "gateway_token", "created_by", "created_at",
    "confirmed_at", "collection_id",
)  # fmt: skip


def _bulk_payments(seed: int, *, batch: int = 20_000) -> int:
    """One collected payment per demo file that passed its bill, at the time it was paid,
    with its balanced collection entry and its receipt; written in batches of files (by id),
    in parallel worker processes on PostgreSQL."""
    paid = FileEvent.objects.filter(action=PAID_ACTION)
    bounds = paid.aggregate(low=Min("file_id"), high=Max("file_id"))
    if bounds["low"] is None:
        return 0
    # Open every account the batches will credit, once, before the workers start.
    for name in {
        split["beneficiary"]
        for splits in TariffVersion.objects.values_list("splits", flat=True)
        for split in splits
    } - {OFFICE_FEE}:
        beneficiary_account(name)
    for office in Office.objects.filter(pk__in=File.objects.values("office_id").distinct()):
        beneficiary_account(OFFICE_FEE, office=office)
    for code in CLEARING.values():
        account(code)
    jobs = [
        (seed, index, low, min(low + batch, bounds["high"] + 1))
        for index, low in enumerate(range(bounds["low"], bounds["high"] + 1, batch))
    ]
    return sum(parallel(_payments_batch, jobs))


@transaction.atomic
def _payments_batch(seed: int, index: int, low: int, high: int) -> int:
    rng = random.Random(f"{seed}:treasury:{index}")
    rows = list(
        FileEvent.objects.filter(action=PAID_ACTION, file_id__gte=low, file_id__lt=high)
        .order_by("file_id")
        .values_list(
            "file_id",
            "at",
            "file__channel",
            "file__amount",
            "file__price_parts",
            "file__office_id",
            "file__tracking_code",
        )
    )
    if not rows:
        return 0
    accounts = dict(Account.objects.values_list("code", "pk"))
    office_codes = dict(Office.objects.values_list("pk", "code"))
    payments = BulkInsert(Payment, PAYMENT_COLUMNS)
    entries = BulkInsert(JournalEntry, ("id", "day", "kind", "memo", "actor_label"))
    postings = BulkInsert(Posting, ("entry_id", "account_id", "amount"))
    receipts = BulkInsert(Receipt, ("payment_id", "number", "verification_code", "issued_at"))
    payment_ids = iter(reserve_ids(Payment, len(rows)))
    entry_ids = iter(reserve_ids(JournalEntry, len(rows)))
    imported = []
    for file_id, at, file_channel, amount, parts, office_id, tracking_code in rows:
        payment_id, entry_id = next(payment_ids), next(entry_ids)
        if file_channel == "office":
            channel = PaymentChannel.POS if rng.random() < 0.9 else PaymentChannel.SLIP
        else:
            channel = PaymentChannel.GATEWAY if rng.random() < 0.9 else PaymentChannel.SLIP
        reference = f"PAY-{index % 1000:03d}{_demo_code(rng, 10)}"
        payments.add(
            payment_id,
            reference,
            file_id,
            channel,
            amount,
            parts,
            PaymentStatus.CONFIRMED,
            office_id if channel == PaymentChannel.POS else None,
            str(rng.randint(100000, 999999)) if channel == PaymentChannel.POS else "",
            str(rng.randint(10**8, 10**9 - 1)),
            _demo_code(rng, 22) if channel == PaymentChannel.GATEWAY else "",
            "system:demo-import",
            at,
            at,
            entry_id,
        )
        entries.add(
            entry_id,
            at.astimezone(TEHRAN).date(),
            EntryKind.COLLECTION,
            f"{reference} file {tracking_code}",
            "system:demo-import",
        )
        postings.add(entry_id, accounts[CLEARING[channel]], amount)
        for name, share in parts.items():
            if share:
                code = (
                    f"payable:office:{office_codes[office_id]}"
                    if name == OFFICE_FEE
                    else (name if name.startswith("revenue:") else f"payable:{name}")
                )
                postings.add(entry_id, accounts[code], -share)
        receipts.add(payment_id, f"R-{payment_id:09d}", _demo_code(rng, 12), at)
        imported.append([payment_id, reference, file_id, amount, str(channel)])
    for writer in (entries, postings, payments, receipts):
        writer.flush()
    audit = AuditBulk(actor_label="system:demo-import")
    audit.add(
        stream="treasury",
        action="payments.imported",
        object_type="treasury.payment",
        object_id=f"{imported[0][0]}-{imported[-1][0]}",
        summary=f"{len(imported)} collected payments imported with their entries and receipts",
        after={"columns": ["id", "reference", "file", "amount", "channel"], "payments": imported},
    )
    audit.flush()
    return len(imported)


def _demo_code(rng: random.Random, length: int) -> str:
    return "".join(rng.choices(_ALPHABET, k=length))


def _penalties() -> int:
    """The demo sanction decision's penalties, recorded before the settlements deduct them."""
    user = User.objects.filter(username="treasury").first()
    officer = Actor.for_user(user) if user is not None else None
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
    # The bank's own references, distinct within the statement as a bank's are (drawn without
    # replacement: at a million files a day holds ~90,000 lines, and independent draws from
    # nine billion numbers would repeat one, which the import rightly refuses).
    bank_references = rng.sample(range(10**9, 10**10), len(lines))
    rows += [
        f"{stamp},{amount},{ref},{bank_reference},{'برداشت' if amount < 0 else 'واریز'}"
        for (amount, ref), bank_reference in zip(lines, bank_references, strict=True)
    ]
    return ("\n".join(rows) + "\n").encode()


def _statements(rng: random.Random) -> list[tuple[datetime.date, bool]]:
    """Daily statements up to the day before yesterday, the last one with discrepancies.

    Every Saturday the previous week's fee shares are settled; the payouts leave the account
    that day and appear in that day's statement as debits, like any bank would show them.
    """
    user = User.objects.filter(username="treasury").first()
    officer = Actor.for_user(user) if user is not None else Actor.system("demo")
    sheba = account(TREASURY).sheba
    collected = JournalEntry.objects.filter(kind=EntryKind.COLLECTION)
    first = collected.aggregate(first=Min("day"))["first"]
    last = timezone.localdate() - datetime.timedelta(days=2)
    if first is None:
        return []
    day, opening, result, week_start = first, 0, [], first
    while day <= last:
        lines = list(
            Payment.objects.filter(collection__day=day, collection__kind=EntryKind.COLLECTION)
            .order_by("pk")
            .values_list("amount", "reference")
        )
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
    user = User.objects.filter(username="treasury").first()
    officer = Actor.for_user(user) if user is not None else None
    due = services.refunds_due()
    for index, file in enumerate(due[:12]):
        try:
            refund = services.refund_request(
                actor=Actor.system("refunds"), file=file, reason="رد پرونده پس از پرداخت"
            )
        except Conflict:  # a service whose fee is not refundable: nothing to refund
            continue
        if officer is None or index % 3 == 0:
            continue  # left for the officer to decide
        services.refund_approve(actor=officer, refund=refund)
        if index % 3 == 2:
            services.refund_pay(actor=officer, refund=refund)
