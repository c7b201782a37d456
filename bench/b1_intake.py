"""B1 file intake: partner apps submit files through POST /api/v1/files at 16 and 64
connections, against the same inserts done by pgbench in raw SQL; then once on SQLite.

Each request is the whole intake, signed as a partner app signs: key and signature check,
single-use nonce, rate limit, idempotency record, the citizen,
form validation, pricing by the tariff in force, the file row, its timeline events, the SMS
outbox rows and the audit entries — one transaction.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from bench.common import WORK, BenchError, Context, Figure
from bench.profiling import profile

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "lua" / "requests.lua"
BASELINE = HERE / "sql" / "b1_intake.sql"
BASELINE_TABLES = HERE / "sql" / "b1_setup.sql"
WORKERS = 4  # gunicorn processes: 2 per core on this 2-core machine (threads: see README)
THREADS = 4


def run(ctx: Context) -> list[Figure]:
    seconds = ctx.pick(30, 4)
    requests = WORK / "b1-requests.tsv"
    probe = ctx.django("bench.app.b1_setup", str(requests), str(ctx.pick(20_000, 500)))
    ctx.log(f"  one intake request runs {probe['queries_per_request']} SQL statements")
    ctx.psql(file=BASELINE_TABLES)
    figures: list[Figure] = []
    with ctx.gunicorn(workers=WORKERS, threads=THREADS) as server:
        ctx.wrk(  # warm up: imports, connection pool, caches
            f"{server.base}/api/v1/files", connections=4, seconds=2, script=SCRIPT,
            BENCH_REQUESTS=str(requests),
        )  # fmt: skip
        for connections in (16, 64):
            app = ctx.wrk(
                f"{server.base}/api/v1/files",
                connections=connections,
                seconds=seconds,
                script=SCRIPT,
                BENCH_REQUESTS=str(requests),
            )
            sql = ctx.pgbench(BASELINE, clients=connections, seconds=seconds)
            figures += _figures(f"PostgreSQL, {connections} connections", app, sql, connections)
    figures += profile(ctx, "B1", "intake", requests)
    figures += _sqlite(ctx, seconds)
    return figures


def _figures(label: str, app: dict, sql: dict, connections: int) -> list[Figure]:
    if app["errors"]:
        raise BenchError(f"B1 {label}: {app['errors']} errors; first: {app['first_error']}")
    ratio = app["rps"] / sql["tps"]
    at16 = connections == 16
    return [
        Figure(
            "B1",
            f"intake throughput ({label})",
            app["rps"],
            "requests/s",
            baseline=sql["tps"],
            baseline_name="pgbench, same inserts",
            ratio=ratio,
            ratio_means="of raw SQL",
            target="≥ 0.15 of raw SQL" if at16 else "",
            met=ratio >= 0.15 if at16 else None,
        ),
        Figure("B1", f"intake p50 ({label})", app["p50_ms"], "ms"),
        Figure("B1", f"intake p95 ({label})", app["p95_ms"], "ms"),
        Figure(
            "B1",
            f"intake p99 ({label})",
            app["p99_ms"],
            "ms",
            target="< 100 ms" if at16 else "",
            met=app["p99_ms"] < 100 if at16 else None,
        ),
        Figure("B1", f"intake errors ({label})", app["errors"], "requests", target="0", met=True),
    ]


def _sqlite(ctx: Context, seconds: int) -> list[Figure]:
    """The same intake on the embedded SQLite database (the demo's engine)."""
    folder = Path(tempfile.mkdtemp(prefix="daftar-b1-", dir=WORK))
    try:
        env = {"DATABASE_URL": f"sqlite:///{folder / 'b1.sqlite3'}", "DAFTAR_VAR_DIR": str(folder)}
        ctx.manage("migrate", "--no-input", "--verbosity=0", **env)
        ctx.manage("demo_seed", "--size=tiny", "--files=200", **env)
        requests = folder / "requests.tsv"
        ctx.django("bench.app.b1_setup", str(requests), "2000", **env)
        with ctx.gunicorn(workers=WORKERS, threads=1, **env) as server:
            app = ctx.wrk(
                f"{server.base}/api/v1/files",
                connections=16,
                seconds=seconds,
                script=SCRIPT,
                BENCH_REQUESTS=str(requests),
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if app["errors"]:
        raise BenchError(f"B1 SQLite: {app['errors']} errors; first: {app['first_error']}")
    label = "SQLite, 16 connections"
    return [
        Figure("B1", f"intake throughput ({label})", app["rps"], "requests/s"),
        Figure("B1", f"intake p99 ({label})", app["p99_ms"], "ms"),
        Figure("B1", f"intake errors ({label})", app["errors"], "requests", target="0", met=True),
    ]


def statements(probe_sql: list[str]) -> dict[str, int]:
    """Count a request's statements by kind (for the notes)."""
    kinds: dict[str, int] = {}
    for sql in probe_sql:
        verb = re.match(r"\s*(\w+)", sql).group(1).upper()
        kinds[verb] = kinds.get(verb, 0) + 1
    return kinds
