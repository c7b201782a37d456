"""Where a request's time goes: `bench.app.profile_requests` runs request templates one at a
time in one process, half of them under pyinstrument, and writes the whole profile to
var/bench/profile-NAME.txt (a full run copies it to docs/profiles/)."""

from __future__ import annotations

from pathlib import Path

from bench.common import WORK, Context, Figure


def profile(ctx: Context, bench: str, name: str, requests: Path, **env: str) -> list[Figure]:
    out = WORK / f"profile-{name}.txt"
    got = ctx.django(
        "bench.app.profile_requests", str(requests), str(out), str(ctx.pick(400, 40)), **env
    )
    top = "; ".join(f"{frame} {share}%" for frame, share in got["top"])
    note = (
        f"{bench} {name} profile (pyinstrument, {got['requests']} requests one at a time; "
        f"the whole tree is in {out.name}, under docs/profiles/ after a full run): {top}"
    )
    return [
        Figure(
            bench,
            f"{name}: one request alone, in one process (no queueing, no profiler)",
            got["ms_per_request"],
            "ms",
            note=note,
        ),
        Figure(
            bench,
            f"{name}: CPU of one request in the app process (PostgreSQL's is on top)",
            got["cpu_ms_per_request"],
            "ms",
        ),
    ]
