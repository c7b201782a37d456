"""Daily reconciliation: the bank's statement of the treasury account against the ledger.

Importing a statement books every line to the treasury bank account: a line whose reference
and amount match a confirmed payment deposits it (bank ← clearing) and marks it reconciled;
any other line goes to suspense (bank ← suspense) and waits for the officer's resolution.
Payments confirmed in the ledger but absent from the bank are listed day after day until
they arrive. A day closes only when every line is explained and the books' treasury balance
equals the statement's closing balance; a closed day cannot change.

A statement of a million lines is imported as a stream and set-based: the file is read once,
its lines going into a temporary table of the import's transaction as they are read (COPY on
PostgreSQL, batched inserts on SQLite); the checks that need the whole file run there, then a
few SQL statements classify every line at once, book the day in aggregate (one deposit entry
per payment channel, one suspense entry for the unexplained lines) and move the matched
payments to reconciled in one UPDATE that takes their row locks.
"""

from __future__ import annotations

import datetime
import io
from typing import BinaryIO

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, InvalidInput
from daftar.treasury.choices import EntryKind, MatchStatus, PaymentStatus
from daftar.treasury.error_codes import TreasuryErrorCode
from daftar.treasury.models import (
    Payment,
    ReconciliationDay,
    StatementImport,
    StatementLine,
)
from daftar.treasury.permissions import Operation, require_operation
from daftar.treasury.services.ledger import (
    CLEARING,
    SUSPENSE,
    TREASURY,
    account,
    balance,
    post_entry,
)
from daftar.treasury.services.payments import STREAM, payment_move
from daftar.treasury.services.staging import StatementStage
from daftar.treasury.statements import StatementInvalid, read_statement


class StatementRejected(InvalidInput):
    """The file has malformed lines; `errors` lists them all. Nothing was imported."""

    code = TreasuryErrorCode.STATEMENT_INVALID

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
            code=TreasuryErrorCode.DAY_CLOSED,
            params={"day": day},
        )
    return record


@audited
def statement_import(*, actor: Actor, data: bytes | BinaryIO, format: str) -> StatementImport:
    """Import the bank's statement of the treasury account: `data` is the file, as bytes or a
    binary file object (read once, in chunks)."""
    require_operation(actor, Operation.STATEMENT_IMPORT)
    reading = read_statement(io.BytesIO(data) if isinstance(data, bytes) else data, format=format)
    stage = StatementStage()
    try:
        try:
            stage.load(reading.drafts())
            for line_no, reference, first in stage.repeated_bank_references():
                reading.duplicate(line_no, reference, first)
            reading.conclude()
        except StatementInvalid as invalid:
            raise StatementRejected(invalid.errors) from None
        record = _statement_record(reading, format=format, actor=actor)
        counts = stage.reconcile(record, actor_label=actor.label)
        record.line_count = sum(counts.values())
        record.save(update_fields=["line_count"])
    finally:
        stage.drop()
    audit_record(
        actor=actor,
        action="statement.imported",
        stream=STREAM,
        obj=record,
        summary=f"statement of {reading.statement_date}: {reading.lines} lines",
        after={
            "sha256": record.sha256,
            "lines": reading.lines,
            "counts": counts,
            "closing_balance": reading.closing,
        },
    )
    return record


def _statement_record(reading, *, format: str, actor: Actor) -> StatementImport:
    """The import's record, once the statement is known to be the next one of the account."""
    bank = account(TREASURY)
    if bank.sheba and reading.account != bank.sheba:
        raise InvalidInput(
            _("This statement is for account %(account)s, not the treasury account."),
            code=TreasuryErrorCode.WRONG_ACCOUNT,
            field="file",
            params={"account": reading.account},
        )
    digest = reading.sha256
    if StatementImport.objects.filter(sha256=digest).exists():
        raise Conflict(
            _("This statement file was already imported."),
            code=CoreErrorCode.DUPLICATE,
            field="file",
        )
    day = _open_day(reading.statement_date)
    books = balance(TREASURY, as_of=reading.statement_date - datetime.timedelta(days=1))
    books += _booked_on(reading.statement_date)
    if reading.opening != books:
        raise InvalidInput(
            _(
                "The statement opens at %(opening)d rials but the books show %(books)d; import "
                "the missing statements first."
            ),
            code=TreasuryErrorCode.OPENING_MISMATCH,
            field="file",
            params={"opening": reading.opening, "books": books},
        )
    return StatementImport.objects.create(
        day=day,
        format=format,
        sha256=digest,
        opening_balance=reading.opening,
        closing_balance=reading.closing,
        imported_by=actor.user,
    )


def _booked_on(day: datetime.date) -> int:
    """What earlier imports of the same day already booked to the treasury account."""
    return (
        StatementLine.objects.filter(statement__day__day=day).aggregate(total=Sum("amount"))[
            "total"
        ]
        or 0
    )


@audited
def statement_line_resolve(
    *, actor: Actor, line: StatementLine, resolution: str, payment: Payment | None = None
) -> StatementLine:
    """Explain a line in suspense: the payment it belongs to (moved from suspense to that
    payment's clearing), or money returned to its sender, or a note for a duplicate."""
    require_operation(actor, Operation.STATEMENT_LINE_RESOLVE)
    line = StatementLine.objects.select_for_update().get(pk=line.pk)
    _open_day(line.statement.day.day)
    if line.match == MatchStatus.MATCHED or line.resolution:
        raise Conflict(
            _("This line is already explained."), code=TreasuryErrorCode.ALREADY_RESOLVED
        )
    if not resolution.strip():
        raise InvalidInput(_("Give the reason."), code=CoreErrorCode.REQUIRED, field="resolution")
    if payment is not None:
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != PaymentStatus.CONFIRMED or payment.amount != line.amount:
            raise Conflict(
                _("Payment %(reference)s is not a confirmed payment of this amount."),
                code=TreasuryErrorCode.NOT_MATCHING,
                params={"reference": payment.reference},
            )
        post_entry(
            kind=EntryKind.DEPOSIT,
            day=line.statement.day.day,
            memo=f"suspense line {line.pk} is {payment.reference}",
            actor_label=actor.label,
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
        actor.user,
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
    """The day's reconciliation, computed in the database whatever the number of lines: count
    and total per kind of match, which add up to the statement's (matched + in bank only +
    amount differences + duplicates); the lines to explain (`discrepancies`, a queryset to
    page through) and how many are `unresolved`; the payments outstanding (confirmed and not
    yet in any statement, a queryset) with their count and total."""
    lines = StatementLine.objects.filter(statement__day__day=day)
    counts = dict.fromkeys(MatchStatus.values, 0)
    totals = dict.fromkeys(MatchStatus.values, 0)
    for match, count, total in (
        lines.order_by().values_list("match").annotate(Count("pk"), Sum("amount"))
    ):
        counts[match], totals[match] = count, total
    discrepancies = (
        lines.exclude(match=MatchStatus.MATCHED)
        .select_related("payment")
        .order_by("statement_id", "line_no")
    )
    unresolved = discrepancies.filter(resolution="")
    unresolved_count = unresolved.count()
    next_day = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )
    outstanding = Payment.objects.filter(
        status=PaymentStatus.CONFIRMED, confirmed_at__lt=next_day
    ).order_by("confirmed_at", "pk")
    pending = outstanding.aggregate(count=Count("pk"), total=Sum("amount"))
    last = StatementImport.objects.filter(day__day=day).order_by("pk").last()
    closing = last.closing_balance if last else None
    books = balance(TREASURY, as_of=day)
    return {
        "day": day,
        "counts": counts,
        "totals": totals,
        "lines_count": sum(counts.values()),
        "statement_total": sum(totals.values()),
        "discrepancies": discrepancies,
        "discrepancies_count": sum(counts.values()) - counts[MatchStatus.MATCHED],
        "unresolved": unresolved,
        "unresolved_count": unresolved_count,
        "outstanding": outstanding,
        "outstanding_count": pending["count"],
        "outstanding_total": pending["total"] or 0,
        "closing_balance": closing,
        "books_balance": books,
        "balances": closing is not None and closing == books and not unresolved_count,
    }


@audited
def reconciliation_close(*, actor: Actor, day: datetime.date) -> ReconciliationDay:
    """Close the day: every line explained and the books' balance equal to the bank's."""
    require_operation(actor, Operation.RECONCILIATION_CLOSE)
    record = _open_day(day)
    report = reconciliation_report(day)
    if report["closing_balance"] is None:
        raise Conflict(
            _("Import the day's statement before closing it."), code=TreasuryErrorCode.NO_STATEMENT
        )
    if report["unresolved_count"]:
        raise Conflict(
            _("%(count)d bank line(s) are still unexplained."),
            code=TreasuryErrorCode.UNRESOLVED,
            params={"count": report["unresolved_count"]},
        )
    if report["closing_balance"] != report["books_balance"]:
        raise Conflict(
            _("The books show %(books)d rials but the bank shows %(bank)d rials."),
            code=TreasuryErrorCode.UNBALANCED,
            params={"books": report["books_balance"], "bank": report["closing_balance"]},
        )
    record.closed, record.closed_at = True, timezone.now()
    record.closed_by = actor.user
    record.report = {
        "counts": report["counts"],
        "totals": report["totals"],
        "statement_total": report["statement_total"],
        "closing_balance": report["closing_balance"],
        "outstanding": list(report["outstanding"].values_list("reference", flat=True)),
        "outstanding_total": report["outstanding_total"],
    }
    record.save(update_fields=["closed", "closed_at", "closed_by", "report"])
    audit_record(
        actor=actor,
        action="reconciliation.closed",
        stream=STREAM,
        obj=record,
        after=record.report,
    )
    return record
