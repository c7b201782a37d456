"""B8 portal: the transparency aggregates built for a year of files, and the portal's reads.

The app's process (bench/app/b8_portal.py) tops the office files up to N (1,000,000 in a full
run, by B7's bulk copy; the copies spread over the offices and the offices over Tehran's 22
districts), then times `aggregates_build(full=True)` — every day rebuilt, the Jalali months
rolled up — and its incremental re-run after one file changes. Then it times the portal's main
page reads, the full set of selectors the page calls for the default period (the last twelve
whole Jalali months) and for one district, many times over, against a raw-SQL baseline that
computes the same figures from the same aggregate tables in the same process and run (one
hand-written statement per figure, no ORM). Target: p95 < 100 ms for the set.
"""

from __future__ import annotations

import os

from bench.common import BenchError, Context, Figure

BENCH = "B8"
APP = "bench.app.b8_portal"


def run(ctx: Context) -> list[Figure]:
    files = os.environ.get("BENCH_B8_FILES", "")
    offices = int(os.environ.get("BENCH_B8_OFFICES") or ctx.pick(1_000, 20))
    plan = ctx.django(APP, "prepare", str(offices), *([files] if files else []))
    ctx.log(
        f"  {plan['files']:,} files ({plan['files_added']:,} added) over {plan['offices']:,} "
        f"offices in {plan['districts']} districts"
    )
    ctx.psql("VACUUM (ANALYZE) cases_file")
    built = ctx.django(APP, "build")
    ctx.log(
        f"  full build {built['seconds']:.1f}s: {built['days']} days, {built['rows']:,} rows; "
        f"incremental after one change {built['incremental_seconds']:.2f}s "
        f"({built['incremental_days']} days)"
    )
    if built["days"] == 0:
        raise BenchError("the build found no day to aggregate")
    ctx.psql("VACUUM (ANALYZE)")
    reads = ctx.django(APP, "read", str(ctx.pick(200, 30)))
    p95, base = reads["p95_ms"], reads["baseline_p95_ms"]
    scale = f"{plan['files']:,} files, {built['rows']:,} aggregate rows"
    return [
        Figure(
            bench=BENCH,
            name="build every day's aggregates (full)",
            value=built["seconds"],
            unit="s",
            note=(
                f"{scale}; {built['days']} days and their months, {built['queries']} queries, "
                f"peak RSS {built['peak_rss_mb']:.0f} MB"
            ),
        ),
        Figure(
            bench=BENCH,
            name="incremental build after one file changed",
            value=built["incremental_seconds"],
            unit="s",
            note=f"{built['incremental_days']} days rebuilt (the file's submission and closing)",
        ),
        Figure(
            bench=BENCH,
            name="portal main page reads, p95",
            value=p95,
            unit="ms",
            baseline=base,
            baseline_name="the same figures by hand-written SQL on the aggregate tables",
            ratio=p95 / base if base else None,
            ratio_means="× baseline",
            target="p95 < 100 ms",
            met=None if ctx.tiny and not files else p95 < 100,
            note=(
                f"cold (cache emptied: every figure computed); {reads['selectors']} figures, "
                f"{reads['queries']} queries, none on cases_file; {reads['runs']} runs (city "
                f"and one district); p50 {reads['p50_ms']:.1f} ms, baseline p50 "
                f"{reads['baseline_p50_ms']:.1f} ms; {scale}"
            ),
        ),
        Figure(
            bench=BENCH,
            name="portal main page reads asked again (cached until the next build), p95",
            value=reads["warm_p95_ms"],
            unit="ms",
            baseline=base,
            baseline_name="the same figures by hand-written SQL on the aggregate tables",
            ratio=reads["warm_p95_ms"] / base if base else None,
            ratio_means="× baseline",
            target="p95 < 100 ms",
            met=None if ctx.tiny and not files else reads["warm_p95_ms"] < 100,
            note=(
                f"{reads['warm_queries']} queries (which build the tables hold); p50 "
                f"{reads['warm_p50_ms']:.1f} ms"
            ),
        ),
        Figure(
            bench=BENCH,
            name="GET /transparency/ through Django, cold, p95",
            value=reads["http_cold_p95_ms"],
            unit="ms",
            target="p95 < 100 ms",
            met=None if ctx.tiny and not files else reads["http_cold_p95_ms"] < 100,
            note=(
                f"in-process test client (middleware, view, template); {reads['http_runs']} "
                f"requests, city and one district; p50 {reads['http_cold_p50_ms']:.1f} ms"
            ),
        ),
        Figure(
            bench=BENCH,
            name="GET /transparency/ through Django, asked again, p95",
            value=reads["http_warm_p95_ms"],
            unit="ms",
            target="p95 < 100 ms",
            met=None if ctx.tiny and not files else reads["http_warm_p95_ms"] < 100,
            note=f"p50 {reads['http_warm_p50_ms']:.1f} ms",
        ),
    ]
