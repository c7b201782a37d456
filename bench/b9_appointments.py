"""B9 appointments (booking half): free slots and booking with a year of appointments.

The app's process (bench/app/b9_appointments.py) adds offices up to 400 (20 in the tiny run)
and generates a year of appointments for each in SQL (generate_series), then times the free-slot
listing (the two-week day picker and one day's times) and a booking, each against raw SQL doing
the same reads or inserts in the same process and run. p95 of each; ratios are app / SQL.
"""

from __future__ import annotations

import os

from bench.common import Context, Figure

BENCH = "B9"
APP = "bench.app.b9_appointments"


def run(ctx: Context) -> list[Figure]:
    offices = int(os.environ.get("BENCH_B9_OFFICES") or ctx.pick(400, 20))
    per_day = int(os.environ.get("BENCH_B9_PER_DAY") or ctx.pick(24, 4))
    plan = ctx.django(APP, "prepare", str(offices), str(per_day))
    ctx.log(
        f"  {plan['offices']:,} offices ({plan['added']:,} added), {plan['appointments']:,} "
        f"appointments ({plan['appointments_added']:,} generated in "
        f"{plan['generate_seconds']:.1f}s, {plan['seats']:,} seats held), "
        f"{plan['first']} – {plan['last']}"
    )
    rounds = ctx.pick(200, 30)
    got = ctx.django(APP, "measure", str(rounds))
    scale = f"{plan['offices']:,} offices, {plan['appointments']:,} appointments"
    ms = 1000

    def figure(name, value, baseline, baseline_name, target, limit):
        return Figure(
            bench=BENCH,
            name=name,
            value=value * ms,
            unit="ms (p95)",
            baseline=baseline * ms,
            baseline_name=baseline_name,
            ratio=value / baseline if baseline else None,
            ratio_means="× baseline",
            target=target,
            met=None if ctx.tiny else value * ms < limit,
            note=f"{scale}; {got['rounds']} rounds at {', '.join(got['targets'])}",
        )

    return [
        figure(
            "free slots: the two-week day picker",
            got["week_p95"],
            got["sql_week_p95"],
            "SQL: the office's hours and 15 days of held seats",
            "< 100 ms",
            100,
        ),
        figure(
            "free slots: one day's times",
            got["day_p95"],
            got["sql_day_p95"],
            "SQL: the office's hours and one day's held seats",
            "< 30 ms",
            30,
        ),
        figure(
            "book a slot (checks, seat, audit, SMS row)",
            got["book_p95"],
            got["sql_book_p95"],
            "SQL: INSERT the appointment and its seat in one transaction",
            "< 100 ms",
            100,
        ),
    ]
