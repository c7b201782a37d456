"""B3 reconciliation: one bank day of 1,000,000 statement lines against 1,000,000 payments.

The app's process makes the day (bench/app/b3_reconcile.py: payments, ledger, a statement CSV
with 0.1% discrepancies of every kind); a fresh process imports it through the real
`statement_import` and reports its wall time and peak memory, then times the day's report.
The baseline is ONE SQL statement doing the same matching — the statement's lines (loaded
into a plain table by COPY, outside the timing) full-outer-joined with the payments and
classified into the same kinds — timed by psql in the same run, before the import. A second
baseline does that matching with the import's writes, in raw SQL in one transaction that is
rolled back: what the import costs over the same work done by hand. All are timed after
VACUUM and CHECKPOINT have settled the freshly generated payments (and the rolled-back rows).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench import common
from bench.common import WORK, BenchError, Context, Figure, require_tool

WORK_MEM = "128MB"  # as daftar.treasury.services.staging.WORK_MEM (not imported here)

BENCH = "B3"
APP = "bench.app.b3_reconcile"

# The same classification as statement_import's (daftar/treasury/services/reconciliation.py),
# with payments no line names as "ledger_only"; settlement payouts are not part of B3's day.
_BASELINE = """
CREATE TABLE bench_b3_match AS
SELECT l.line_no, p.id AS payment_id,
       CASE WHEN l.line_no IS NULL THEN 'ledger_only'
            WHEN l.reference <> '' AND l.nth > 1 THEN 'duplicate'
            WHEN p.id IS NULL OR l.amount <= 0 THEN 'bank_only'
            WHEN p.status IN ('deposited', 'reconciled') THEN 'duplicate'
            WHEN p.status <> 'confirmed' THEN 'bank_only'
            WHEN p.amount <> l.amount THEN 'amount_mismatch'
            ELSE 'matched' END AS kind
  FROM (SELECT line_no, amount, reference,
               row_number() OVER (PARTITION BY reference ORDER BY line_no) AS nth,
               CASE WHEN row_number() OVER (PARTITION BY reference ORDER BY line_no) = 1
                    THEN reference END AS first_reference
          FROM bench_b3_line) AS l
  FULL JOIN treasury_payment AS p ON p.reference = l.first_reference
 WHERE l.line_no IS NOT NULL OR (p.status = 'confirmed' AND p.confirmed_at < '{until}');
"""


# The same matching with the import's writes, still raw SQL: every line stored with its
# classification and payment, every matched payment moved to reconciled, and the foreign-key
# checks a commit makes — in one transaction that is rolled back, so that the import finds
# the day as it was. (The baseline's lines carry no bank reference or description: its table
# has the three columns the matching needs.)
_WRITE_BASELINE = """
BEGIN;
SET LOCAL work_mem = '{work_mem}';
INSERT INTO treasury_reconciliationday (day, closed, report) VALUES ('{day}', false, '{{}}')
    ON CONFLICT (day) DO UPDATE SET closed = false RETURNING id AS day_id \\gset
INSERT INTO treasury_statementimport (format, sha256, opening_balance, closing_balance,
                                      created_at, day_id, line_count)
    VALUES ('csv', 'bench-b3-baseline', 0, 0, now(), :day_id, 0) RETURNING id AS statement_id \\gset
SELECT min(id) AS entry_id FROM treasury_journalentry \\gset
\\timing on
WITH l AS (
    SELECT line_no, amount, reference,
           row_number() OVER (PARTITION BY reference ORDER BY line_no) AS nth
      FROM bench_b3_line
), m AS (
    SELECT l.line_no, l.amount, l.reference, p.id AS payment_id, p.status,
           CASE WHEN l.reference <> '' AND l.nth > 1 THEN 'duplicate'
                WHEN p.id IS NULL OR l.amount <= 0 THEN 'bank_only'
                WHEN p.status IN ('deposited', 'reconciled') THEN 'duplicate'
                WHEN p.status <> 'confirmed' THEN 'bank_only'
                WHEN p.amount <> l.amount THEN 'amount_mismatch'
                ELSE 'matched' END AS kind
      FROM l LEFT JOIN treasury_payment AS p ON p.reference = l.reference AND l.nth = 1
), stored AS (
    INSERT INTO treasury_statementline (statement_id, line_no, value_date, amount, reference,
                                        bank_reference, description, match, payment_id,
                                        resolution, entry_id)
    SELECT :statement_id, line_no, '{day}', amount, substr(reference, 1, 60), '', '', kind,
           CASE WHEN amount > 0 AND status IN ('confirmed', 'deposited', 'reconciled')
                THEN payment_id END, '', :entry_id
      FROM m ORDER BY line_no
    RETURNING 1
), moved AS (
    UPDATE treasury_payment AS p
       SET status = 'reconciled', deposited_at = now(), reconciled_at = now()
      FROM (SELECT payment_id FROM m WHERE kind = 'matched' ORDER BY payment_id) AS mm
     WHERE p.id = mm.payment_id AND p.status = 'confirmed'
    RETURNING 1
)
SELECT (SELECT count(*) FROM stored) AS stored, (SELECT count(*) FROM moved) AS moved;
SET CONSTRAINTS ALL IMMEDIATE;
\\timing off
ROLLBACK;
"""


def run(ctx: Context) -> list[Figure]:
    payments = ctx.pick(1_000_000, 2_000)
    ctx.log(f"  making one day of {payments:,} payments and its statement")
    plan = ctx.django(APP, "generate", str(payments))
    ctx.log(
        f"  {plan['lines']:,} lines ({plan['bytes'] / 1e6:.0f} MB) for {plan['day']}; "
        f"data made in {plan['seconds']:.0f}s"
    )
    plan_path = WORK / "b3-plan.json"
    plan_path.write_text(json.dumps(plan))
    # A bank's statement arrives the day after its payments, which autovacuum and checkpoints
    # have long settled by then; settle the million just written too, so that the timings
    # below do not pay for writing back the generator's work.
    ctx.psql("VACUUM (ANALYZE) treasury_payment")
    _checkpoint(ctx)
    try:
        baseline, found = _baseline(ctx, plan)
        ctx.log(f"  one SQL statement: {baseline:.2f}s")
        statement, checks = _write_baseline(ctx, plan)
        written = statement + checks
        ctx.log(
            f"  the same with the import's writes, in SQL: {written:.2f}s (the statement "
            f"{statement:.2f}s, the foreign-key checks {checks:.2f}s)"
        )
        # Its rolled-back rows are dead weight the import must not pay for: settle them.
        ctx.psql("VACUUM treasury_payment")
        ctx.psql("VACUUM treasury_statementline")
        _checkpoint(ctx)
        result = ctx.django(APP, "import", str(plan_path))
    finally:
        ctx.psql("DROP TABLE IF EXISTS bench_b3_line, bench_b3_match")
        for path in (plan["csv"], plan["tsv"], plan_path, WORK / "b3-baseline.sql"):
            Path(path).unlink(missing_ok=True)
    _check(plan, found, result)
    seconds, peak = result["import_seconds"], result["peak_rss_mb"]
    ratio = seconds / baseline
    lines = plan["lines"]
    phases = ", ".join(f"{name} {sec:.2f}s" for name, sec in result["phases"].items())
    note = (
        f"{lines:,} lines against {payments:,} payments on {plan['day']}; "
        f"found {_kinds(result['counts'])}, {result['outstanding']:,} payments outstanding; "
        f"time: {phases}"
    )
    return [
        Figure(
            bench=BENCH,
            name="statement import (1M lines)" if not ctx.tiny else "statement import",
            value=seconds,
            unit="s",
            baseline=baseline,
            baseline_name="one SQL statement",
            ratio=ratio,
            ratio_means="× baseline",
            target="≤ 2×",
            met=None if ctx.tiny else ratio <= 2,
            note=note,
        ),
        Figure(
            bench=BENCH,
            name="statement import over the same matching and writes in raw SQL",
            value=seconds,
            unit="s",
            baseline=written,
            baseline_name="one SQL statement that also stores the lines and moves the "
            "payments, with the foreign-key checks of a commit",
            ratio=seconds / written,
            ratio_means="× baseline",
            note="see the notes: the issue's baseline above reads only",
        ),
        Figure(
            bench=BENCH,
            name="statement import peak memory",
            value=peak,
            unit="MB",
            target="< 500 MB",
            met=None if ctx.tiny else peak < 500,
            note="peak RSS of the whole importing process",
        ),
        Figure(
            bench=BENCH,
            name="statement import throughput",
            value=lines / seconds,
            unit="lines/s",
        ),
        Figure(
            bench=BENCH,
            name="reconciliation report of the day",
            value=result["report_seconds"],
            unit="s",
            note="totals per kind and the first page of discrepancies",
        ),
    ]


def _baseline(ctx: Context, plan: dict) -> tuple[float, dict]:
    """Seconds of the one-statement matching, and the count per kind it found."""
    ctx.psql(
        "DROP TABLE IF EXISTS bench_b3_line, bench_b3_match; "
        "CREATE TABLE bench_b3_line (line_no integer, amount bigint, reference text)"
    )
    ctx.psql(f"\\copy bench_b3_line FROM '{plan['tsv']}'")
    ctx.psql("ANALYZE bench_b3_line")
    script = WORK / "b3-baseline.sql"
    # Payments confirmed up to the end of the day (in Tehran) that no line names: ledger_only.
    sql = _BASELINE.format(until=plan["day_ends"])
    # The same memory for sorts and hashes as the import gives itself.
    script.write_text(f"SET work_mem = '{WORK_MEM}';\n\\timing on\n{sql}")
    psql = require_tool("psql", "postgresql-client")
    out = common.run(
        [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(script), ctx.database_url]
    )
    times = re.findall(r"Time: ([0-9.]+) ms", out)
    if not times:
        raise BenchError(f"psql printed no timing:\n{out}")
    found = dict(
        row.split("|")
        for row in ctx.psql("SELECT kind, count(*) FROM bench_b3_match GROUP BY kind").split()
    )
    return float(times[-1]) / 1000, {kind: int(n) for kind, n in found.items()}


def _write_baseline(ctx: Context, plan: dict) -> tuple[float, float]:
    """Seconds of the matching with the import's writes in raw SQL (rolled back): the
    statement, and the foreign-key checks a commit would make."""
    script = WORK / "b3-write-baseline.sql"
    script.write_text(_WRITE_BASELINE.format(work_mem=WORK_MEM, day=plan["day"]))
    psql = require_tool("psql", "postgresql-client")
    flags = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
    out = common.run([psql, *flags, "-f", str(script), ctx.database_url])
    script.unlink(missing_ok=True)
    counts = re.search(r"^(\d+)\|(\d+)$", out, re.MULTILINE)
    expected = plan["lines"], plan["expected"]["matched"]
    if counts is None or (int(counts[1]), int(counts[2])) != expected:
        raise BenchError(f"the SQL with writes stored/moved {out!r}, expected {expected}")
    times = re.findall(r"Time: ([0-9.]+) ms", out)
    if len(times) != 2:  # the statement and the foreign-key checks
        raise BenchError(f"psql printed no timing:\n{out}")
    return float(times[0]) / 1000, float(times[1]) / 1000


def _checkpoint(ctx: Context) -> None:
    try:
        ctx.psql("CHECKPOINT")
    except BenchError:  # not a superuser (nor pg_checkpoint): the timings carry the writes
        ctx.log("  (CHECKPOINT not allowed; the timings include writing back the new data)")


def _kinds(counts: dict) -> str:
    return ", ".join(f"{n:,} {kind}" for kind, n in sorted(counts.items()))


def _check(plan: dict, baseline: dict, result: dict) -> None:
    """A benchmark that reconciles wrongly is worthless: the counts must be the planted ones."""
    expected = plan["expected"]
    lines = {
        kind: expected[kind] for kind in ("matched", "amount_mismatch", "duplicate", "bank_only")
    }
    problems = []
    if result["counts"] != lines:
        problems.append(f"the import found {result['counts']}, planted {lines}")
    if baseline != {**lines, "ledger_only": expected["ledger_only"]}:
        problems.append(f"the baseline found {baseline}, planted {lines} + ledger_only")
    if result["outstanding"] != expected["outstanding"]:
        problems.append(
            f"{result['outstanding']} payments outstanding, expected {expected['outstanding']}"
        )
    reconciled = result["statuses"].get("reconciled", 0)
    if reconciled != expected["matched"]:
        problems.append(
            f"{reconciled} payments of the day reconciled, expected {expected['matched']}"
        )
    if result["unbalanced_entries"]:
        problems.append(f"{result['unbalanced_entries']} journal entries do not balance")
    if problems:
        raise BenchError("B3 reconciled wrongly: " + "; ".join(problems))
