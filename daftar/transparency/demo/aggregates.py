"""Transparency demo data: the portal's daily aggregates: one row per day and key, rebuilt by a job
for the days that changed; the public portal reads only these.

The demo's files, payments, complaints, inspections and uptime are all in place by now (the
transparency step runs last): the aggregates are built from them exactly as the nightly job
would, every day from the first source event to today. A second seed finds a build there and
does nothing (the nightly job picks up whatever changed since).
"""

from __future__ import annotations

from daftar.core.actors import Actor
from daftar.transparency.selectors.aggregates import aggregate_builds
from daftar.transparency.services.aggregates import aggregates_build


def seed(ctx) -> None:
    if aggregate_builds(limit=1):
        ctx.log("transparency aggregates: already built (the nightly job keeps them fresh)")
        return
    run = aggregates_build(actor=Actor.system("aggregates"), full=True)
    ctx.log(
        f"transparency aggregates: {run.day_count} days built ({run.days[0]} … "
        f"{run.days[-1]}), {run.rows_written} rows"
    )
