"""The statement import's staging: a bank statement's lines in temporary tables of the import's
transaction, checked, classified and booked there with a few set-based SQL statements (COPY on
PostgreSQL, batched inserts on SQLite). `services/reconciliation.py::statement_import` drives it.
"""
# ruff: noqa: S608 - identifiers in the SQL are this module's constants; values are parameters

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from operator import attrgetter

from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.core.errors import Conflict
from daftar.treasury.choices import EntryKind, MatchStatus, PaymentChannel, PaymentStatus
from daftar.treasury.error_codes import TreasuryErrorCode
from daftar.treasury.models import (
    JournalEntry,
    SettlementLine,
    StatementImport,
    StatementLine,
)
from daftar.treasury.services.ledger import (
    CLEARING,
    SUSPENSE,
    TREASURY,
    account,
    post_entry,
)


def _payout_key(reference: str, amount: int) -> tuple[int, str, int] | None:
    """(settlement, office code, net) of a debit `STL-<settlement>-<office>`: a payout."""
    parts = reference.split("-", 2)
    if amount >= 0 or len(parts) != 3 or parts[0] != "STL" or not parts[1].isdecimal():
        return None
    return int(parts[1]), parts[2], -amount


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# The staging tables live in the import's transaction (and its connection on SQLite).
_LINES = "treasury_statement_stage"
_PAYOUTS = "treasury_statement_payout"
_MATCHES = "treasury_statement_match"
_STAGED = ("line_no", "value_date", "amount", "reference", "bank_reference", "description")
_BATCH = 5_000  # lines per INSERT on SQLite, rows per fetch
# Memory for the import's sorts and hashes on PostgreSQL (a million lines sort in memory
# instead of spilling to disk); it lasts until the import's transaction ends.
WORK_MEM = "128MB"


class StatementStage:
    """The statement's lines in temporary tables, checked, classified and booked there.

    Every rule is the one a line met in turn when lines were imported one by one:
    a reference an earlier line of the file already carried is a duplicate; a debit
    `STL-<settlement>-<office>` of the settled amount is that payout (a duplicate if a line
    already names it); a credit naming a confirmed payment of its amount is matched; one
    naming a payment already deposited or reconciled is a duplicate; one of another amount is
    an amount mismatch; anything else is in the bank only.
    """

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        # Dropped at commit on PostgreSQL; a rollback drops them on both engines.
        self.temporary = "ON COMMIT DROP" if self.postgres else ""
        self.drop()  # what an import that failed on this connection may have left
        if self.postgres:
            self._sql(f"SET LOCAL work_mem = '{WORK_MEM}'")
        self._sql(
            f"CREATE TEMPORARY TABLE {_LINES} (line_no integer NOT NULL, value_date date, "
            f"amount bigint, reference text, bank_reference text, description text) "
            f"{self.temporary}"
        )

    def _sql(self, sql: str, params=()) -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount

    def drop(self) -> None:
        schema = "pg_temp" if self.postgres else "temp"  # never a table of the same name
        try:
            for table in (_LINES, _PAYOUTS, _MATCHES):
                self._sql(f"DROP TABLE IF EXISTS {schema}.{table}")
        except DatabaseError:  # the transaction failed: rolling it back drops them
            pass

    def load(self, drafts: Iterable) -> None:
        """Every line as read, readable or not (the checks below need them all)."""
        rows = map(attrgetter(*_STAGED), drafts)
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.copy(f"COPY {_LINES} ({', '.join(_STAGED)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                cursor.execute(f"ANALYZE {_LINES}")  # temporary tables get no autovacuum
                return
            day = connection.ops.adapt_datefield_value
            insert = f"INSERT INTO {_LINES} ({', '.join(_STAGED)}) VALUES (%s, %s, %s, %s, %s, %s)"
            for batch in _batches(rows, _BATCH):
                cursor.executemany(insert, [(n, day(date), *rest) for n, date, *rest in batch])

    def repeated_bank_references(self) -> Iterator[tuple[int, str, int]]:
        """(line, bank reference, the line it first appeared on), in line order."""
        yield from self._rows(
            f"""SELECT s.line_no, s.bank_reference, f.first_line
                  FROM {_LINES} AS s
                  JOIN (SELECT bank_reference, MIN(line_no) AS first_line FROM {_LINES}
                         WHERE bank_reference <> '' GROUP BY bank_reference
                        HAVING COUNT(*) > 1) AS f ON f.bank_reference = s.bank_reference
                 WHERE s.line_no <> f.first_line
                 ORDER BY s.line_no"""
        )

    def _rows(self, sql: str, params=()) -> Iterator[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(_BATCH):
                yield from rows

    def reconcile(self, record: StatementImport, *, actor_label: str) -> dict[str, int]:
        """Classify, book and store the lines; move the matched payments. Counts per match."""
        self._payouts()
        self._classify()
        counts = dict.fromkeys(MatchStatus.values, 0)
        deposits: dict[str, tuple[int, int]] = {}  # channel: (payments, total)
        received = paid = 0  # the unexplained lines' credits and debits
        for match, channel, payments, lines, total, credits in self._rows(
            f"""SELECT match, channel, COUNT(payment_id), COUNT(*), SUM(amount),
                       SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END)
                  FROM {_MATCHES} GROUP BY match, channel"""
        ):
            total, credits = int(total), int(credits)  # PostgreSQL sums bigints as numeric
            counts[match] += lines
            if match != MatchStatus.MATCHED:
                received, paid = received + credits, paid + total - credits
            elif payments:
                deposits[channel] = (payments, total)
        entries = self._book(record, deposits, received, paid, actor_label=actor_label)
        self._store(record, entries)
        self._move_payments(sum(payments for payments, _total in deposits.values()))
        return counts

    def _payouts(self) -> None:
        """Which `STL-…` debits are settlement payouts; the few there are, in Python."""
        self._sql(
            f"CREATE TEMPORARY TABLE {_PAYOUTS} (line_no integer NOT NULL, "
            f"settlement_line_id bigint NOT NULL, duplicate boolean NOT NULL) {self.temporary}"
        )
        # The first line of the file with its reference (a later one is a duplicate anyway).
        candidates = self._rows(
            f"""SELECT s.line_no, s.reference, s.amount FROM {_LINES} AS s
                 WHERE substr(s.reference, 1, 4) = 'STL-' AND s.amount < 0
                   AND NOT EXISTS (SELECT 1 FROM {_LINES} AS t WHERE t.reference = s.reference
                                      AND t.line_no < s.line_no)
                 ORDER BY s.line_no"""
        )
        claimed: set[int] = set()
        for batch in _batches(candidates, 1_000):
            keys = {row[0]: _payout_key(row[1], row[2]) for row in batch}
            wanted = {key for key in keys.values() if key is not None}
            found = {
                (payout.settlement_id, payout.office.code, payout.net): payout.pk
                for payout in SettlementLine.objects.select_for_update()
                .select_related("office")
                .filter(
                    settlement_id__in={key[0] for key in wanted},
                    office__code__in={key[1] for key in wanted},
                )
            }
            claimed |= set(
                StatementLine.objects.filter(settlement_line__in=found.values()).values_list(
                    "settlement_line_id", flat=True
                )
            )
            rows = []
            for line_no, key in keys.items():
                payout = found.get(key)
                if payout is not None:
                    rows.append((line_no, payout, payout in claimed))
                    claimed.add(payout)
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {_PAYOUTS} (line_no, settlement_line_id, duplicate) "
                    f"VALUES (%s, %s, %s)",
                    rows,
                )

    def _classify(self) -> None:
        """Every line's match, payment and payout, in one statement (see the class's rules)."""
        repeated = "s.reference <> '' AND s.nth > 1"
        self._sql(
            f"""CREATE TEMPORARY TABLE {_MATCHES} {self.temporary} AS
                SELECT s.line_no, s.value_date, s.amount, s.reference, s.bank_reference,
                       s.description,
                       CASE WHEN {repeated} THEN 'duplicate'
                            WHEN o.line_no IS NOT NULL
                                 THEN CASE WHEN o.duplicate THEN 'duplicate' ELSE 'matched' END
                            WHEN p.id IS NULL OR s.amount <= 0 THEN 'bank_only'
                            WHEN p.status IN ('deposited', 'reconciled') THEN 'duplicate'
                            WHEN p.status <> 'confirmed' THEN 'bank_only'
                            WHEN p.amount <> s.amount THEN 'amount_mismatch'
                            ELSE 'matched' END AS match,
                       CASE WHEN {repeated} OR o.line_no IS NOT NULL OR s.amount <= 0 THEN NULL
                            WHEN p.status IN ('confirmed', 'deposited', 'reconciled')
                                 THEN p.id END AS payment_id,
                       CASE WHEN NOT o.duplicate THEN o.settlement_line_id END
                            AS settlement_line_id,
                       CASE WHEN NOT ({repeated}) AND o.line_no IS NULL AND s.amount > 0
                                 AND p.status = 'confirmed' AND p.amount = s.amount
                            THEN p.channel END AS channel
                  FROM (SELECT line_no, value_date, amount, reference, bank_reference,
                               description,
                               row_number() OVER (PARTITION BY reference ORDER BY line_no) AS nth
                          FROM {_LINES}) AS s
                  LEFT JOIN {_PAYOUTS} AS o ON o.line_no = s.line_no
                  LEFT JOIN treasury_payment AS p ON p.reference = s.reference"""
        )

    def _book(
        self,
        record: StatementImport,
        deposits: dict[str, tuple[int, int]],
        received: int,
        paid: int,
        *,
        actor_label: str,
    ) -> dict[str, JournalEntry]:
        """The day's bookings in aggregate: per channel, the deposit of its matched payments
        (bank ← clearing); the unexplained lines to suspense (bank ← suspense), credits and
        debits on their own postings. Settlement payouts were booked when they were settled."""
        bank, day = account(TREASURY), record.day.day
        entries = {}
        for channel, (payments, total) in sorted(deposits.items()):
            entries[channel] = post_entry(
                kind=EntryKind.DEPOSIT,
                day=day,
                memo=f"deposit of {payments} {channel} payments, statement {record.pk}",
                actor_label=actor_label,
                lines=[(bank, total), (account(CLEARING[channel]), -total)],
            )
        if received or paid:
            suspense = account(SUSPENSE)
            entries["suspense"] = post_entry(
                kind=EntryKind.SUSPENSE,
                day=day,
                memo=f"unexplained bank lines of statement {record.pk}",
                actor_label=actor_label,
                lines=[(bank, received), (suspense, -received), (bank, paid), (suspense, -paid)],
            )
        return entries

    def _store(self, record: StatementImport, entries: dict[str, JournalEntry]) -> None:
        """The statement's lines, each with the entry that booked it, in the file's order."""
        by_channel = [
            item
            for channel in PaymentChannel.values
            if channel in entries
            for item in (channel, entries[channel].pk)
        ]
        deposit = (
            "CASE channel " + "WHEN %s THEN %s " * (len(by_channel) // 2) + "END"
            if by_channel
            else "NULL"
        )
        suspense = entries["suspense"].pk if "suspense" in entries else None
        self._sql(
            f"""INSERT INTO treasury_statementline (statement_id, line_no, value_date, amount,
                   reference, bank_reference, description, match, payment_id,
                   settlement_line_id, resolution, entry_id)
                SELECT %s, line_no, value_date, amount, substr(reference, 1, 60),
                       substr(bank_reference, 1, 60), substr(description, 1, 300), match,
                       payment_id, settlement_line_id, '',
                       CAST(CASE WHEN match <> 'matched' THEN %s
                                 WHEN channel IS NOT NULL THEN {deposit} END AS bigint)
                  FROM {_MATCHES} ORDER BY line_no""",
            [record.pk, suspense, *by_channel],
        )

    def _move_payments(self, expected: int) -> None:
        """Matched payments: confirmed → deposited → reconciled, as `payment_move` would move
        them, in one UPDATE that locks them and checks each is still confirmed."""
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        # In the payments' order: the lines' order is the bank's (or a hash join's), and a
        # million payments visited at random, each with a dozen index entries to write, do
        # not stay in the database's buffers (measured: 55 s instead of 14 s).
        moved = self._sql(
            f"""UPDATE treasury_payment SET status = %s, deposited_at = %s, reconciled_at = %s
                  FROM (SELECT payment_id FROM {_MATCHES} WHERE channel IS NOT NULL
                         ORDER BY payment_id) AS m
                 WHERE m.payment_id = treasury_payment.id AND treasury_payment.status = %s""",
            [PaymentStatus.RECONCILED, now, now, PaymentStatus.CONFIRMED],
        )
        if moved != expected:  # another transaction changed one meanwhile: start again
            raise Conflict(
                _("Payments changed while the statement was imported; import it again."),
                code=TreasuryErrorCode.PAYMENTS_CHANGED,
            )
