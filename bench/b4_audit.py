"""B4 audit appends: 8 writer processes appending through `audit_record`, all to one stream
and then each to its own, against the same appends in raw SQL; every chain is verified after.

One stream means one head row to lock: appends to it are serialised by design (that is what
makes its chain a single sequence). Separate streams share no lock and must scale with
writers, up to what the machine's cores allow.
"""

from __future__ import annotations

from pathlib import Path

from bench.common import BenchError, Context, Figure

HERE = Path(__file__).resolve().parent / "sql"
WRITERS = 8


def run(ctx: Context) -> list[Figure]:
    seconds = str(ctx.pick(20, 3))
    ctx.psql(file=HERE / "b4_setup.sql")
    results = {}
    for mode, writers in (("one", WRITERS), ("many", WRITERS), ("many", 1)):
        app = ctx.django("bench.app.b4_audit", mode, str(writers), seconds)
        if not app["verified"]:
            raise BenchError(f"B4 {mode}/{writers}: a chain does not verify")
        results[(mode, writers)] = app
    sql = {
        mode: ctx.pgbench(HERE / f"b4_{mode}.sql", clients=WRITERS, seconds=int(seconds))
        for mode in ("one", "many")
    }
    one, many, single = results[("one", 8)], results[("many", 8)], results[("many", 1)]
    scaling = many["per_second"] / single["per_second"]
    return [
        Figure(
            "B4",
            f"appends to one stream, {WRITERS} writers",
            one["per_second"],
            "appends/s",
            baseline=sql["one"]["tps"],
            baseline_name="pgbench, same statements",
            ratio=one["per_second"] / sql["one"]["tps"],
            ratio_means="of raw SQL",
        ),
        Figure(
            "B4",
            f"appends to {WRITERS} streams, {WRITERS} writers",
            many["per_second"],
            "appends/s",
            baseline=sql["many"]["tps"],
            baseline_name="pgbench, same statements",
            ratio=many["per_second"] / sql["many"]["tps"],
            ratio_means="of raw SQL",
            target="more than one stream",
            met=many["per_second"] > one["per_second"],
        ),
        Figure(
            "B4",
            f"many streams: {WRITERS} writers over 1 writer",
            scaling,
            "×",
            baseline=single["per_second"],
            baseline_name="appends/s with 1 writer",
            target="> 1 (grows with writers)",
            met=scaling > 1,
            note=f"B4: {WRITERS} writers on {ctx.cores} cores; appends to separate streams "
            "can at best scale with cores, not with writers beyond them",
        ),
        Figure(
            "B4",
            "chains verified after the runs",
            sum(r["entries_checked"] for r in results.values()),
            "entries",
            target="all verify",
            met=all(r["verified"] for r in results.values()),
        ),
    ]
