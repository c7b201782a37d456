"""B9 (calling half): "call next" at 400 offices on a busy day, beside a raw-SQL baseline.

The app's process (bench/app/b9_queue.py) gives N offices (400 in a full run) a busy day's
queue — T tickets each today, a third of them appointments, and D past days of served
tickets — then times K calls of the real `ticket_call_next` (the rule's candidates, the
conditional UPDATE, the audit entry, one transaction) at half of the offices in turn. The
baseline is the least SQL a call needs — one `UPDATE … (SELECT … LIMIT 1 FOR UPDATE SKIP
LOCKED)` in its own transaction — run K times in the same run at the other half. The merge
combines this with booking's B9 figures (bench/b9_appointments.py, branch i-18b).
"""

from __future__ import annotations

import os

from bench.common import BenchError, Context, Figure

BENCH = "B9"
APP = "bench.app.b9_queue"


def run(ctx: Context) -> list[Figure]:
    offices = int(os.environ.get("BENCH_B9_OFFICES") or ctx.pick(400, 10))
    tickets = int(os.environ.get("BENCH_B9_TICKETS") or ctx.pick(150, 20))
    days = int(os.environ.get("BENCH_B9_DAYS") or ctx.pick(60, 2))
    calls = int(os.environ.get("BENCH_B9_CALLS") or ctx.pick(2_000, 50))
    plan = ctx.django(APP, "prepare", str(offices), str(tickets), str(days))
    ctx.log(
        f"  {plan['offices']:,} offices, {plan['today']:,} tickets waiting today, "
        f"{plan['history']:,} served in the {days} days before"
    )
    if plan["offices"] < 2:
        raise BenchError("B9 needs at least two offices")
    base = ctx.django(APP, "baseline", str(calls))
    ctx.log(f"  raw SQL: p95 {base['p95_ms']:.2f} ms")
    result = ctx.django(APP, "call", str(calls))
    ctx.log(f"  ticket_call_next: p95 {result['p95_ms']:.2f} ms, {result['queries']} queries")
    return [
        Figure(
            bench=BENCH,
            name="call next (p95)",
            value=result["p95_ms"],
            unit="ms",
            baseline=base["p95_ms"],
            baseline_name="one raw SQL UPDATE … SELECT … FOR UPDATE SKIP LOCKED (p95)",
            ratio=result["p95_ms"] / base["p95_ms"] if base["p95_ms"] else None,
            ratio_means="× baseline",
            note=(
                f"{calls:,} calls at {plan['offices'] // 2:,} of {plan['offices']:,} offices; "
                f"{plan['today']:,} tickets today, {plan['history']:,} before; median "
                f"{result['median_ms']:.2f} ms (baseline {base['median_ms']:.2f} ms); "
                f"{result['queries']} queries per call (audit included); peak RSS "
                f"{result['peak_rss_mb']:.0f} MB"
            ),
        )
    ]
