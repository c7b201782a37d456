"""Daily reconciliation: the bank's statement of the treasury account against the ledger.

Importing a statement books every line to the treasury bank account: a line whose reference
and amount match a confirmed payment deposits it (bank ← clearing) and marks it reconciled;
any other line goes to suspense (bank ← suspense) and waits for the officer's resolution.
Payments confirmed in the ledger but absent from the bank are listed day after day until
they arrive. A day closes only when every line is explained and the books' treasury balance
equals the statement's closing balance; a closed day cannot change.
"""

from __future__ import annotations

import datetime
import hashlib

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.errors import Conflict, InvalidInput
from daftar.treasury.choices import EntryKind, MatchStatus, PaymentStatus
from daftar.treasury.models import (
    Payment,
    ReconciliationDay,
    SettlementLine,
    StatementImport,
    StatementLine,
)
from daftar.treasury.services.ledger import (
    CLEARING,
    SUSPENSE,
    TREASURY,
    account,
    balance,
    post_entry,
)
from daftar.treasury.services.payments import STREAM, payment_move


class StatementRejected(InvalidInput):
    """The file has malformed lines; `errors` lists them all. Nothing was imported."""

    code = "statement_invalid"

    def __init__(self, errors):
        self.errors = errors
        super().__init__(
            _("The statement has %(count)d problem(s); nothing was imported."),
            field="file",
            params={"count": len(errors)},
        )


def _open_day(day: datetime.date) -> ReconciliationDay:
    record, _created = ReconciliationDay.objects.get_or_create(day=day)
    record = ReconciliationDay.objects.select_for_update().get(pk=record.pk)
    if record.closed:
        raise Conflict(
            _("The day %(day)s is closed; it cannot change."),
            code="day_closed",
            params={"day": day},
        )
    return record


def _actor_label(actor) -> str:
    return actor if isinstance(actor, str) else actor.get_username()


@audited
def statement_import(*, actor, data: bytes, format: str) -> StatementImport:
    from daftar.treasury.statements import StatementInvalid, parse_statement

    try:
        statement = parse_statement(data, format=format)
    except StatementInvalid as invalid:
        raise StatementRejected(invalid.errors) from None
    bank = account(TREASURY)
    if bank.sheba and statement.account != bank.sheba:
        raise InvalidInput(
            _("This statement is for account %(account)s, not the treasury account."),
            code="wrong_account",
            field="file",
            params={"account": statement.account},
        )
    digest = hashlib.sha256(data).hexdigest()
    if StatementImport.objects.filter(sha256=digest).exists():
        raise Conflict(
            _("This statement file was already imported."), code="duplicate", field="file"
        )
    day = _open_day(statement.statement_date)
    books = balance(TREASURY, as_of=statement.statement_date - datetime.timedelta(days=1))
    books += _booked_on(statement.statement_date)
    if statement.opening_balance != books:
        raise InvalidInput(
            _(
                "The statement opens at %(opening)d rials but the books show %(books)d; import "
                "the missing statements first."
            ),
            code="opening_mismatch",
            field="file",
            params={"opening": statement.opening_balance, "books": books},
        )
    record = StatementImport.objects.create(
        day=day,
        format=format,
        sha256=digest,
        opening_balance=statement.opening_balance,
        closing_balance=statement.closing_balance,
        imported_by=None if isinstance(actor, str) else actor,
    )
    seen: set[str] = set()
    counts = dict.fromkeys(MatchStatus.values, 0)
    for line in statement.lines:
        match, payment, payout = _match(line, seen)
        counts[match] += 1
        row = StatementLine.objects.create(
            statement=record,
            line_no=line.line_no,
            value_date=line.value_date,
            amount=line.amount,
            reference=line.reference[:60],
            bank_reference=line.bank_reference[:60],
            description=line.description[:300],
            match=match,
            payment=payment,
            settlement_line=payout,
        )
        _book(row, payment, actor=actor)
    audit_record(
        actor=actor,
        action="statement.imported",
        stream=STREAM,
        obj=record,
        summary=f"statement of {statement.statement_date}: {len(statement.lines)} lines",
        after={
            "sha256": digest,
            "lines": len(statement.lines),
            "counts": counts,
            "closing_balance": statement.closing_balance,
        },
    )
    return record


def _booked_on(day: datetime.date) -> int:
    """What earlier imports of the same day already booked to the treasury account."""
    return (
        StatementLine.objects.filter(statement__day__day=day).aggregate(total=Sum("amount"))[
            "total"
        ]
        or 0
    )


def _settlement_payout(line) -> SettlementLine | None:
    """A debit `STL-<settlement>-<office>` of the settled amount: the payout already booked."""
    parts = line.reference.strip().split("-", 2)
    if line.amount >= 0 or len(parts) != 3 or parts[0] != "STL" or not parts[1].isdigit():
        return None
    return (
        SettlementLine.objects.select_for_update()
        .filter(settlement_id=int(parts[1]), office__code=parts[2], net=-line.amount)
        .first()
    )


def _match(line, seen: set[str]):
    """(match, payment, settlement line) for one bank line."""
    reference = line.reference.strip()
    if reference and reference in seen:
        return MatchStatus.DUPLICATE, None, None
    seen.add(reference)
    payout = _settlement_payout(line)
    if payout is not None:
        if payout.statement_lines.exists():
            return MatchStatus.DUPLICATE, None, None
        return MatchStatus.MATCHED, None, payout
    payment = (
        Payment.objects.select_for_update().filter(reference=reference).first()
        if reference
        else None
    )
    if payment is None or line.amount <= 0:
        return MatchStatus.BANK_ONLY, None, None
    if payment.status in (PaymentStatus.DEPOSITED, PaymentStatus.RECONCILED):
        return MatchStatus.DUPLICATE, payment, None
    if payment.status != PaymentStatus.CONFIRMED:
        return MatchStatus.BANK_ONLY, None, None
    if payment.amount != line.amount:
        return MatchStatus.AMOUNT_MISMATCH, payment, None
    return MatchStatus.MATCHED, payment, None


def _book(row: StatementLine, payment: Payment | None, *, actor) -> None:
    """Book the line on the statement's day, so the books match the statement day by day."""
    bank, day = account(TREASURY), row.statement.day.day
    if row.match == MatchStatus.MATCHED and row.settlement_line_id:
        return  # a settlement payout: booked when the settlement ran
    if row.match == MatchStatus.MATCHED:
        entry = post_entry(
            kind=EntryKind.DEPOSIT,
            day=day,
            memo=f"deposit {payment.reference}",
            actor_label=_actor_label(actor),
            lines=[(bank, row.amount), (account(CLEARING[payment.channel]), -row.amount)],
        )
        payment_move(payment, PaymentStatus.DEPOSITED)
        payment_move(payment, PaymentStatus.RECONCILED)
    else:
        entry = post_entry(
            kind=EntryKind.SUSPENSE,
            day=day,
            memo=f"unexplained bank line {row.line_no} {row.reference}",
            actor_label=_actor_label(actor),
            lines=[(bank, row.amount), (account(SUSPENSE), -row.amount)],
        )
    row.entry = entry
    row.save(update_fields=["entry"])


@audited
def statement_line_resolve(
    *, actor, line: StatementLine, resolution: str, payment: Payment | None = None
) -> StatementLine:
    """Explain a line in suspense: the payment it belongs to (moved from suspense to that
    payment's clearing), or money returned to its sender, or a note for a duplicate."""
    line = StatementLine.objects.select_for_update().get(pk=line.pk)
    _open_day(line.statement.day.day)
    if line.match == MatchStatus.MATCHED or line.resolution:
        raise Conflict(_("This line is already explained."), code="already_resolved")
    if not resolution.strip():
        raise InvalidInput(_("Give the reason."), code="required", field="resolution")
    if payment is not None:
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != PaymentStatus.CONFIRMED or payment.amount != line.amount:
            raise Conflict(
                _("Payment %(reference)s is not a confirmed payment of this amount."),
                code="not_matching",
                params={"reference": payment.reference},
            )
        post_entry(
            kind=EntryKind.DEPOSIT,
            day=line.statement.day.day,
            memo=f"suspense line {line.pk} is {payment.reference}",
            actor_label=_actor_label(actor),
            lines=[
                (account(SUSPENSE), line.amount),
                (account(CLEARING[payment.channel]), -line.amount),
            ],
        )
        payment_move(payment, PaymentStatus.DEPOSITED)
        payment_move(payment, PaymentStatus.RECONCILED)
        line.payment = payment
    line.resolution, line.resolved_by = (
        resolution.strip()[:300],
        (None if isinstance(actor, str) else actor),
    )
    line.save(update_fields=["resolution", "resolved_by", "payment"])
    audit_record(
        actor=actor,
        action="statement.line_resolved",
        stream=STREAM,
        obj=line,
        after={"resolution": line.resolution, "payment": payment.reference if payment else None},
    )
    return line


def reconciliation_report(day: datetime.date) -> dict:
    """The day's reconciliation: every bank line and every outstanding ledger payment, with
    totals that add up (statement total = matched + in bank only + amount differences +
    duplicates; outstanding payments = confirmed and not yet in any statement)."""
    lines = list(
        StatementLine.objects.filter(statement__day__day=day)
        .select_related("payment")
        .order_by("statement_id", "line_no")
    )
    groups: dict[str, list] = {m: [] for m in MatchStatus.values}
    for line in lines:
        groups[line.match].append(line)
    total = {m: sum(line.amount for line in rows) for m, rows in groups.items()}
    outstanding = list(
        Payment.objects.filter(
            status=PaymentStatus.CONFIRMED, confirmed_at__date__lte=day
        ).order_by("confirmed_at")
    )
    statements = list(StatementImport.objects.filter(day__day=day))
    unresolved = [
        line for line in lines if line.match != MatchStatus.MATCHED and not line.resolution
    ]
    closing = statements[-1].closing_balance if statements else None
    books = balance(TREASURY, as_of=day)
    return {
        "day": day,
        "lines": lines,
        "groups": groups,
        "totals": total,
        "statement_total": sum(line.amount for line in lines),
        "outstanding": outstanding,
        "outstanding_total": sum(p.amount for p in outstanding),
        "unresolved": unresolved,
        "closing_balance": closing,
        "books_balance": books,
        "balances": closing is not None and closing == books and not unresolved,
    }


@audited
def reconciliation_close(*, actor, day: datetime.date) -> ReconciliationDay:
    record = _open_day(day)
    report = reconciliation_report(day)
    if report["closing_balance"] is None:
        raise Conflict(_("Import the day's statement before closing it."), code="no_statement")
    if report["unresolved"]:
        raise Conflict(
            _("%(count)d bank line(s) are still unexplained."),
            code="unresolved",
            params={"count": len(report["unresolved"])},
        )
    if report["closing_balance"] != report["books_balance"]:
        raise Conflict(
            _("The books show %(books)d rials but the bank shows %(bank)d rials."),
            code="unbalanced",
            params={"books": report["books_balance"], "bank": report["closing_balance"]},
        )
    record.closed, record.closed_at = True, timezone.now()
    record.closed_by = None if isinstance(actor, str) else actor
    record.report = {
        "totals": report["totals"],
        "statement_total": report["statement_total"],
        "closing_balance": report["closing_balance"],
        "outstanding": [p.reference for p in report["outstanding"]],
        "outstanding_total": report["outstanding_total"],
    }
    record.save(update_fields=["closed", "closed_at", "closed_by", "report"])
    audit_record(
        actor=actor, action="reconciliation.closed", stream=STREAM, obj=record, after=record.report
    )
    return record
