"""B6 memory: one gunicorn worker serves 20,000 requests of a realistic mix (reviewer inbox,
office list, public lookup, partner intake); its resident memory is read after every slice of
load (a few hundred requests). Reported: memory after 10,000 and the growth over the rest.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from bench.b2_reads import _requests
from bench.common import WORK, BenchError, Context, Figure, rss_mb

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "lua" / "requests.lua"
CONNECTIONS = 2


def run(ctx: Context) -> list[Figure]:
    total = ctx.pick(20_000, 400)
    slice_seconds = ctx.pick(10, 2)  # wrk runs for a fixed time: the slices are timed
    setup = ctx.django("bench.app.b2_setup", TRACK_RATE_LIMIT="1000000000")
    intake = WORK / "b6-intake.tsv"
    ctx.django("bench.app.b1_setup", str(intake), str(total))
    readings = []
    with ctx.gunicorn(workers=1, threads=1, TRACK_RATE_LIMIT="1000000000") as server:
        (worker,) = server.worker_pids()
        pages = _requests(setup, server.base.removeprefix("http://"))
        mix = [
            line
            for group in itertools.zip_longest(
                *pages.values(), intake.read_text(encoding="utf-8").splitlines()
            )
            for line in group
            if line
        ]
        path = WORK / "b6-mix.tsv"
        path.write_text("\n".join(mix) + "\n", encoding="utf-8")
        readings.append((0, rss_mb(worker)))
        served = 0
        while served < total:
            result = ctx.wrk(
                server.base,
                connections=CONNECTIONS,
                threads=CONNECTIONS,
                seconds=slice_seconds,
                script=SCRIPT,
                BENCH_REQUESTS=str(path),
            )
            if result["errors"]:
                raise BenchError(f"B6: {result['errors']} errors; first: {result['first_error']}")
            served += result["requests"]
            readings.append((served, rss_mb(worker)))
    half = min(readings, key=lambda r: abs(r[0] - total // 2))
    end = readings[-1]
    growth = end[1] - half[1]
    trend = ", ".join(f"{n:,}: {mb:.0f}" for n, mb in readings)
    return [
        Figure(
            "B6",
            f"worker memory after {half[0]:,} requests",
            half[1],
            "MB",
            target="< 150 MB",
            met=half[1] < 150,
        ),
        Figure(
            "B6",
            f"growth over the next {end[0] - half[0]:,} requests",
            growth,
            "MB",
            target="no growth trend (< 5 MB)",
            met=growth < 5,
            note=f"B6: resident MB after n requests — {trend}",
        ),
    ]
