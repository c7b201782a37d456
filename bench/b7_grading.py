"""B7 grading: every office graded for one year of files, in SQL aggregates.

The app's process spreads the generated files over N offices (1,000 in a full run, adding the
offices the demo lacks; bench/app/b7_grading.py) and times the real `grading_run` for the year
up to yesterday: indicators in grouped SQL aggregates over all offices at once (no query per
office), the grades inserted in bulk, the input file published and hashed. The baseline is ONE
SQL statement computing the same aggregates per office (bench/sql/b7_grading.sql), timed by
psql in the same run, after the same VACUUM. The query count of the run is reported too: it
does not grow with the number of offices.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from bench import common
from bench.common import BenchError, Context, Figure, require_tool

BENCH = "B7"
APP = "bench.app.b7_grading"
SQL = Path(__file__).resolve().parent / "sql" / "b7_grading.sql"
TEHRAN_OFFSET = "+03:30"


def run(ctx: Context) -> list[Figure]:
    offices = int(os.environ.get("BENCH_B7_OFFICES") or ctx.pick(1_000, 20))
    files = os.environ.get("BENCH_B7_FILES", "")  # top the files up to this many (see app)
    plan = ctx.django(APP, "prepare", str(offices), *([files] if files else []))
    ctx.log(
        f"  {plan['offices']:,} offices ({plan['added']:,} added), {plan['files_added']:,} "
        f"files added, {plan['files_spread']:,} "
        f"files spread over them, {plan['uptime_rows']:,} uptime rows; period "
        f"{plan['first']} – {plan['last']}"
    )
    ctx.psql("VACUUM (ANALYZE) cases_file")
    baseline = _baseline(ctx, plan)
    ctx.log(f"  one SQL statement: {baseline:.2f}s")
    result = ctx.django(APP, "grade")
    if result["graded"] < plan["offices"]:
        raise BenchError(f"graded {result['graded']} offices of {plan['offices']}")
    seconds = result["seconds"]
    note = (
        f"{result['graded']:,} offices over {plan['files_spread']:,} files "
        f"({plan['first']} – {plan['last']}); {result['queries']} queries in all; grades "
        + ", ".join(f"{g} {n:,}" for g, n in sorted(result["distribution"].items()))
        + f"; peak RSS {result['peak_rss_mb']:.0f} MB"
    )
    return [
        Figure(
            bench=BENCH,
            name="grade every office for a year" if not ctx.tiny else "grade every office",
            value=seconds,
            unit="s",
            baseline=baseline,
            baseline_name="one SQL statement with the same aggregates per office",
            ratio=seconds / baseline if baseline else None,
            ratio_means="× baseline",
            target="< 30 s",
            met=None if ctx.tiny and not files else seconds < 30,
            note=note,
        ),
        Figure(
            bench=BENCH,
            name="queries of one grading run",
            value=result["queries"],
            unit="queries",
            note="constant in the number of offices (also asserted by the test suite)",
        ),
        Figure(
            bench=BENCH,
            name="publish the input file",
            value=result["publish_seconds"],
            unit="s",
            note=f"{result['csv_bytes']:,} bytes, SHA-256 checked against the period's",
        ),
    ]


def _baseline(ctx: Context, plan: dict) -> float:
    first = datetime.date.fromisoformat(plan["first"])
    last = datetime.date.fromisoformat(plan["last"])
    start = f"{first}T00:00:00{TEHRAN_OFFSET}"
    end = f"{last + datetime.timedelta(days=1)}T00:00:00{TEHRAN_OFFSET}"
    psql = require_tool("psql", "postgresql-client")
    script = common.WORK / "b7-baseline.sql"
    script.write_text("\\timing on\n\\o /dev/null\n" + SQL.read_text())
    try:
        out = common.run(
            [
                psql, "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-v", f"first={first}", "-v", f"last={last}",
                "-v", f"start={start}", "-v", f"end={end}",
                "-f", str(script), ctx.database_url,
            ]
        )  # fmt: skip
    finally:
        script.unlink(missing_ok=True)
    times = re.findall(r"Time: ([0-9.]+) ms", out)
    if not times:
        raise BenchError(f"psql printed no timing:\n{out}")
    return float(times[-1]) / 1000
