"""B3 inside the app: make one bank day of N payments and its statement, import it, check it.

    python -m bench.app.b3_reconcile generate N      # payments, ledger, statement file; no timing
    python -m bench.app.b3_reconcile import PLAN     # time statement_import and the report

`generate` picks a far-past day that holds nothing yet and makes, in set-based SQL on
PostgreSQL (INSERT … SELECT over generate_series: no row leaves the server, which is faster
still than COPY): N minimal files (a payment needs one, and at most one collected payment per
file) and their N confirmed payments on that day, plus k = N / 1000
payments reconciled the day before (their collection and deposit booked on that day, so the
statement's opening balance is theirs); the day's collections are booked as ONE aggregate
collection entry per channel (clearing ← revenue), not one per payment: reconciliation reads
the clearing accounts' balances only, and the ledger stays balanced. It then streams the
bank's CSV statement of the day to var/bench/ with k discrepancies of every kind:

* k payments missing from the bank (in the ledger only: outstanding after the import);
* k lines whose amount differs from their payment's (amount_mismatch);
* k lines repeating an earlier line's reference (duplicate within the file);
* k lines for the payments reconciled the day before (duplicate of a reconciled payment);
* k lines the ledger does not know (bank_only: unknown references and bank charges);

and the plain line table (line_no, amount, reference) the SQL baseline loads with COPY. It
prints the plan: the day, the files, and the counts the import must find.

`import` runs in a fresh process so that its peak memory is the import's: it calls the real
`statement_import` on the file (as the treasury officer's page does), then times
`reconciliation_report` and the first page of discrepancies the day's page shows, then checks
the result against the plan (counts per kind, payments' statuses, a balanced ledger).
"""

from __future__ import annotations

import datetime
import json
import sys
import zoneinfo
from pathlib import Path

from bench.app import Stopwatch, emit, peak_rss_mb, setup

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
FIRST_DAY = datetime.date(2000, 1, 5)  # far before any demo data
EVERY = 1000  # one discrepancy of each kind per 1,000 payments (0.1%)


def amount_of(n: int) -> int:
    """The bill of payment n, in rials (the SQL below computes the same)."""
    return 100_000 + (n * 7919 % 4900) * 1_000


def _free_day() -> datetime.date:
    """The latest day on or before FIRST_DAY (a week apart) with no bank day and no payments
    on it or the day before, so that a kept database can run B3 again."""
    from daftar.treasury.models import Payment, ReconciliationDay

    day = FIRST_DAY
    while True:
        start = datetime.datetime.combine(day - datetime.timedelta(days=1), datetime.time(), TEHRAN)
        busy = (
            ReconciliationDay.objects.filter(
                day__range=(day - datetime.timedelta(days=1), day)
            ).exists()
            or Payment.objects.filter(
                confirmed_at__gte=start, confirmed_at__lt=start + datetime.timedelta(days=2)
            ).exists()
        )
        if not busy:
            return day
        day -= datetime.timedelta(days=7)


def generate(n: int) -> dict:
    from django.db import connection, transaction

    from daftar.cases.models import File
    from daftar.core.jalali import to_jalali
    from daftar.treasury.choices import EntryKind
    from daftar.treasury.services.ledger import CLEARING, TREASURY, account, balance, post_entry

    if connection.vendor != "postgresql":
        raise SystemExit("B3 generates its data with PostgreSQL's set-based SQL")
    if n < EVERY or n % EVERY:
        raise SystemExit(f"N must be a multiple of {EVERY}")
    k = n // EVERY
    day = _free_day()
    tag = f"{day.toordinal() % 46656:03d}"[-3:]
    prefix = f"B3{tag}"  # tracking codes B3ttt0000001…: 12 characters
    at = datetime.datetime.combine(day, datetime.time(10), TEHRAN)
    before = at - datetime.timedelta(days=1)
    with Stopwatch() as made, transaction.atomic(), connection.cursor() as cursor:
        # Files 1..n are paid on the day; n+1..n+k were paid and reconciled the day before.
        # Each is a copy of the first demo file (whatever columns File has by now), with its
        # own tracking code, bill and dates.
        made_at = "%(before)s"
        own = {
            "tracking_code": "%(prefix)s || lpad(g::text, 7, '0')",
            "amount": "100000 + (g::bigint * 7919 %% 4900) * 1000",
            "price_parts": "'{}'",
            "form_data": "'{}'",
            **dict.fromkeys(
                ("submitted_at", "state_entered_at", "created_at", "updated_at"), made_at
            ),
        }
        columns = [field.column for field in File._meta.concrete_fields if not field.primary_key]
        cursor.execute("SELECT EXISTS (SELECT 1 FROM cases_file)")
        if not cursor.fetchone()[0]:
            raise SystemExit("B3 needs the demo data (a file to copy the service from)")
        cursor.execute(
            f"""INSERT INTO cases_file ({", ".join(columns)})
                SELECT {", ".join(own.get(column, f"t.{column}") for column in columns)}
                  FROM generate_series(1, %(files)s) AS g,
                       (SELECT * FROM cases_file ORDER BY id LIMIT 1) AS t""",  # noqa: S608 - File's columns
            {"prefix": prefix, "before": before, "files": n + k},
        )
        cursor.execute(
            """INSERT INTO treasury_payment (reference, file_id, channel, amount, parts, status,
                 reason, pos_reference, gateway_token, bank_reference, created_by, created_at,
                 confirmed_at, deposited_at, reconciled_at)
               SELECT 'PAY-' || substr(f.tracking_code, 3), f.id,
                      (ARRAY['pos', 'pos', 'pos', 'pos', 'pos', 'gateway', 'gateway',
                             'gateway', 'gateway', 'slip'])[g %% 10 + 1],
                      f.amount, '{}', CASE WHEN g > %s THEN 'reconciled' ELSE 'confirmed' END,
                      '', '', '', '', 'system:bench', f.submitted_at,
                      CASE WHEN g > %s THEN %s ELSE %s + g * interval '1 millisecond' END,
                      CASE WHEN g > %s THEN %s END, CASE WHEN g > %s THEN %s END
                 FROM (SELECT id, tracking_code, amount, submitted_at,
                              substr(tracking_code, 6)::int AS g
                         FROM cases_file WHERE tracking_code LIKE %s) AS f""",
            [n, n, before, at, n, before, n, before, f"{prefix}%"],
        )
        revenue = account("revenue:bench")
        for channel, total in _sums(cursor, prefix, "confirmed"):
            post_entry(
                kind=EntryKind.COLLECTION,
                day=day,
                memo=f"B3 collections of {day} by {channel}",
                actor_label="system:bench",
                lines=[(account(CLEARING[channel]), total), (revenue, -total)],
            )
        for channel, total in _sums(cursor, prefix, "reconciled"):
            previous = day - datetime.timedelta(days=1)
            post_entry(
                kind=EntryKind.COLLECTION,
                day=previous,
                memo=f"B3 collections of {previous} by {channel}",
                actor_label="system:bench",
                lines=[(account(CLEARING[channel]), total), (revenue, -total)],
            )
            post_entry(
                kind=EntryKind.DEPOSIT,
                day=previous,
                memo=f"B3 deposit of {previous} by {channel}",
                actor_label="system:bench",
                lines=[(account(TREASURY), total), (account(CLEARING[channel]), -total)],
            )
        cursor.execute("ANALYZE cases_file")
        cursor.execute("ANALYZE treasury_payment")
    opening = balance(TREASURY, as_of=day - datetime.timedelta(days=1))
    sheba = account(TREASURY).sheba
    jalali = to_jalali(day)
    stamp = f"{jalali.year}/{jalali.month:02d}/{jalali.day:02d}"
    statement = _write_statement(n, k, tag, day, stamp, opening, sheba)
    ends = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), TEHRAN)
    return {
        "day": day.isoformat(),
        "day_ends": ends.isoformat(),
        "payments": n,
        "reconciled_before": k,
        "seconds": made.seconds,
        **statement,
        "expected": {
            "matched": n - 2 * k,
            "amount_mismatch": k,
            "duplicate": 2 * k,
            "bank_only": k,
            "outstanding": 2 * k,  # missing from the bank, and the amount differences
            "ledger_only": k,  # (the baseline's word for the payments no line names)
        },
    }


def _sums(cursor, prefix: str, status: str) -> list[tuple[str, int]]:
    cursor.execute(
        "SELECT channel, SUM(amount) FROM treasury_payment WHERE reference LIKE %s "
        "AND status = %s GROUP BY channel ORDER BY channel",
        [f"PAY-{prefix[2:]}%", status],
    )
    return [(channel, int(total)) for channel, total in cursor.fetchall()]


def _write_statement(n, k, tag, day, stamp, opening, sheba) -> dict:
    """The bank's CSV of the day (streamed to disk) and the baseline's line table."""
    from bench.common import WORK

    WORK.mkdir(parents=True, exist_ok=True)
    csv_path, tsv_path = WORK / "b3-statement.csv", WORK / "b3-lines.tsv"
    body = WORK / "b3-statement.body"
    lines = total = 0

    def reference(m: int) -> str:
        return f"PAY-{tag}{m:07d}"

    with body.open("w", encoding="utf-8") as out, tsv_path.open("w", encoding="utf-8") as tsv:

        def line(amount: int, ref: str, text: str) -> None:
            nonlocal lines, total
            lines += 1
            total += amount
            out.write(f"{stamp},{amount},{ref},BK{lines:09d},{text}\n")
            tsv.write(f"{lines}\t{amount}\t{ref}\n")

        for m in range(1, n + 1):
            slot = m % EVERY
            if slot == 1:
                continue  # in the ledger, not in the bank
            amount = amount_of(m) + (7_000 if slot == 2 else 0)  # slot 2: a different amount
            line(amount, reference(m), "واریز")
            if slot == 3:
                line(amount, reference(m), "واریز تکراری")  # the bank lists it twice
            elif slot == 4:
                unknown = m // EVERY
                if unknown % 2:
                    line(-35_000, "", "کارمزد خدمات بانکی")  # bank charges
                else:
                    line(5_000_000 + unknown, f"XB3-{tag}{unknown:07d}", "واریز نامعلوم")
            elif slot == 5:
                earlier = n + m // EVERY + 1  # one of the payments reconciled the day before
                line(amount_of(earlier), reference(earlier), "واریز روز قبل")
    with csv_path.open("w", encoding="utf-8") as out:
        out.write(f"# account,{sheba}\n# date,{stamp}\n")
        out.write(f"# opening_balance,{opening}\n# closing_balance,{opening + total}\n")
        out.write("value_date,amount,reference,bank_reference,description\n")
        with body.open(encoding="utf-8") as rows:
            while chunk := rows.read(1 << 20):
                out.write(chunk)
    body.unlink()
    return {
        "csv": str(csv_path),
        "tsv": str(tsv_path),
        "lines": lines,
        "statement_total": total,
        "opening": opening,
        "bytes": csv_path.stat().st_size,
    }


def import_and_check(plan: dict) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count

    from daftar.core.actors import Actor
    from daftar.treasury import services
    from daftar.treasury.models import Payment, StatementLine
    from daftar.treasury.services.ledger import unbalanced_entries

    day = datetime.date.fromisoformat(plan["day"])
    user = get_user_model().objects.filter(username="treasury").first()
    officer = Actor.for_user(user) if user is not None else Actor.system("bench")
    connection.ensure_connection()
    phases = _Phases(connection)
    with (
        Stopwatch() as imported,
        open(plan["csv"], "rb") as statement,
        connection.execute_wrapper(phases),
    ):
        record = services.statement_import(actor=officer, data=statement, format="csv")
    peak = peak_rss_mb()
    phases.done(imported.seconds)
    with Stopwatch() as reported:
        report = services.reconciliation_report(day)
        shown = list(report["discrepancies"][:50])  # the first page the day's page shows
    counts = dict(
        StatementLine.objects.filter(statement=record).values_list("match").annotate(n=Count("pk"))
    )
    start = datetime.datetime.combine(day, datetime.time(), TEHRAN)
    ours = Payment.objects.filter(
        confirmed_at__gte=start, confirmed_at__lt=start + datetime.timedelta(days=1)
    )
    statuses = dict(ours.values_list("status").annotate(n=Count("pk")))
    outstanding = report["outstanding_count"]
    return {
        "import_seconds": imported.seconds,
        "peak_rss_mb": peak,
        "report_seconds": reported.seconds,
        "shown": len(shown),
        "counts": counts,
        "statuses": statuses,
        "outstanding": outstanding,
        "unbalanced_entries": len(unbalanced_entries()),
        "statement": record.pk,
        "phases": phases.seconds,
    }


class _Phases:
    """Where the import's time goes: its big SQL statements (recognised by their start), the
    commit (deferred foreign-key and ledger checks), and the rest — reading the file while
    COPY loads it, and the checks."""

    NAMES = (
        ("CREATE TEMPORARY TABLE treasury_statement_match", "classify"),
        ("INSERT INTO treasury_statementline", "store lines"),
        ("UPDATE treasury_payment", "move payments"),
    )

    def __init__(self, connection) -> None:
        self.seconds = {name: 0.0 for _start, name in self.NAMES} | {"commit": 0.0}
        commit = connection.commit

        def timed_commit():
            with Stopwatch() as watch:
                commit()
            self.seconds["commit"] += watch.seconds

        connection.commit = timed_commit

    def __call__(self, execute, sql, params, many, context):
        with Stopwatch() as watch:
            result = execute(sql, params, many, context)
        statement = " ".join(sql.split())
        for start, name in self.NAMES:
            if statement.startswith(start):
                self.seconds[name] += watch.seconds
        return result

    def done(self, total: float) -> None:
        self.seconds["read + COPY + checks"] = total - sum(self.seconds.values())


def main(argv: list[str]) -> None:
    setup()
    if argv[:1] == ["generate"]:
        emit(generate(int(argv[1])))
    elif argv[:1] == ["import"]:
        emit(import_and_check(json.loads(Path(argv[1]).read_text())))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
