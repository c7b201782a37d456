"""B2 inboxes and tracking at a million files: the reviewer's inbox (SLA order), an office's
file list and the public tracking lookup, each under load, against the same selects in SQL.

Sessions are real signed-in sessions (second factor passed) kept in Redis as in production;
the lookup is a real form POST with its CSRF token. Each page's query count is taken over
several users and pages and must not vary.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from bench.common import WORK, BenchError, Context, Figure
from bench.profiling import profile

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "lua" / "requests.lua"
LATENCY = 2  # one request per core: the latency a user sees, judged against the target
LOADED = 8  # four requests per core: what queueing adds under load (for the record)
TARGET_MS = 50


def run(ctx: Context) -> list[Figure]:
    seconds = ctx.pick(20, 3)
    setup = ctx.django("bench.app.b2_setup", TRACK_RATE_LIMIT="1000000000")
    files = setup["files"]
    ctx.log(
        f"  {files:,} files; {setup['reviewers']} reviewers, {setup['operators']} operators, "
        f"{len(setup['pairs'])} tracking pairs"
    )
    figures = []
    with ctx.gunicorn(workers=4, threads=1, TRACK_RATE_LIMIT="1000000000") as server:
        host = server.base.removeprefix("http://")
        requests = _requests(setup, host)
        for name, lines in requests.items():
            path = WORK / f"b2-{name.replace(' ', '-')}.tsv"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            # warm every worker (templates compiled, connections pooled) before measuring
            ctx.wrk(server.base, connections=8, seconds=2, script=SCRIPT, BENCH_REQUESTS=str(path))
            sql = ctx.pgbench(
                _baseline(name, setup["pages"][name]["sql"]), clients=LATENCY, seconds=seconds
            )
            for connections in (LATENCY, LOADED):
                app = ctx.wrk(
                    server.base,
                    connections=connections,
                    seconds=seconds,
                    script=SCRIPT,
                    BENCH_REQUESTS=str(path),
                )
                if app["errors"]:
                    raise BenchError(
                        f"B2 {name}: {app['errors']} errors; first: {app['first_error']}"
                    )
                judged = connections == LATENCY
                figures += [
                    Figure(
                        "B2",
                        f"{name} p95 ({files:,} files, {connections} connections)",
                        app["p95_ms"],
                        "ms",
                        baseline=sql["p95_ms"] if judged else None,
                        baseline_name=f"p95 of the same selects, pgbench, {LATENCY} clients",
                        ratio=app["p95_ms"] / sql["p95_ms"] if judged else None,
                        ratio_means="× SQL",
                        target=f"< {TARGET_MS} ms" if judged else "",
                        met=app["p95_ms"] < TARGET_MS if judged else None,
                    ),
                    Figure(
                        "B2", f"{name} throughput ({connections} connections)", app["rps"], "req/s"
                    ),
                ]
            figures += profile(
                ctx, "B2", name.replace(" ", "-"), path, TRACK_RATE_LIMIT="1000000000"
            )
            counts = setup["pages"][name]["query_counts"]
            figures.append(
                Figure(
                    "B2",
                    f"{name} queries per request",
                    max(counts),
                    "queries",
                    target="constant",
                    met=min(counts) == max(counts),
                    note=f"{name}: {min(counts)}–{max(counts)} queries over {len(counts)} "
                    "requests by different users and pages (after one warm-up request)",
                )
            )
    return figures


def _requests(setup: dict, host: str) -> dict[str, list[str]]:
    cookie = setup["session_cookie"]
    proxy = "X-Forwarded-Proto: https"
    pages = {
        "reviewer inbox": [
            f"GET\t/files/?page={page}\tCookie: {cookie}={session} | {proxy}\t"
            for session in setup["sessions"]["reviewer inbox"]
            for page in (1, 1, 1, 2, 3)  # most readers look at the most urgent page
        ],
        "office file list": [
            f"GET\t/files/\tCookie: {cookie}={session} | {proxy}\t"
            for session in setup["sessions"]["office file list"]
        ],
    }
    csrf = setup["csrf"]
    headers = " | ".join(
        [
            f"Cookie: csrftoken={csrf['cookie']}",
            proxy,
            f"Referer: https://{host}/track/",
            "Content-Type: application/x-www-form-urlencoded",
        ]
    )
    pages["public tracking lookup"] = [
        "POST\t/track/\t{}\t{}".format(
            headers,
            urlencode(
                {
                    "csrfmiddlewaretoken": csrf["token"],
                    "tracking_code": code,
                    "national_code": national_code,
                }
            ),
        )
        for code, national_code in setup["pairs"]
    ]
    return pages


def _baseline(name: str, statements: list[str]) -> Path:
    """A pgbench script of the page's own statements, as the app sent them."""
    path = WORK / f"b2-{name.replace(' ', '-')}.sql"
    path.write_text("".join(f"{sql};\n" for sql in statements), encoding="utf-8")
    return path
