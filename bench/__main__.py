"""Run Daftar's benchmarks and write their figures to docs/benchmarks.md.

    python3 dev.py bench                  # every benchmark at city scale (about an hour)
    python3 dev.py bench b1 b3            # some of them
    python3 dev.py bench --size tiny      # the smoke run CI makes (minutes, no targets)

Each run creates its own PostgreSQL database (dropped afterwards unless --keep), loads it with
the demo generator at the requested size (that is B5), serves the app under production
settings with gunicorn on 127.0.0.1 and drives it with wrk for a fixed time. A full run of
every benchmark rewrites docs/benchmarks.md; any other run writes var/bench/results.md.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import shlex
import sys
import time

import redis

from bench.common import WORK, BenchError, Context, Figure, run
from bench.report import write_report

BENCHMARKS = {
    "b5": "bench.b5_generate",  # first: it makes the data the others read
    "b2": "bench.b2_reads",
    "b1": "bench.b1_intake",
    "b6": "bench.b6_memory",
    "b4": "bench.b4_audit",
    "b3": "bench.b3_reconcile",
    "s1": "bench.s1_scaling",
    "b7": "bench.b7_grading",  # it spreads the files over its offices
    "b8": "bench.b8_portal",  # after B7: it reuses B7's offices and top-up
    "b9": "bench.b9_appointments",  # booking half (issue 18); the queue adds its own
    "b9q": "bench.b9_queue",  # the queue's calls (issue 18); merged with booking's b9
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 dev.py bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("only", nargs="*", metavar="NAME", help=" ".join(BENCHMARKS))
    parser.add_argument("--size", choices=["tiny", "full"], default="full")
    parser.add_argument(
        "--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument(
        "--redis", default=os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")
    )
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--reuse",
        metavar="DATABASE",
        help="measure again on a database an earlier --keep run loaded (B5 is not run; the "
        "database is kept)",
    )
    parser.add_argument("--output", help="where to write the results table")
    args = parser.parse_args(argv)
    unknown = set(args.only) - set(BENCHMARKS)
    if unknown:
        parser.error(
            f"unknown benchmark {' '.join(sorted(unknown))}; choose among {' '.join(BENCHMARKS)}"
        )
    chosen = args.only or list(BENCHMARKS)
    every = set(chosen) == set(BENCHMARKS)
    output = args.output or (
        "docs/benchmarks.md" if every and args.size == "full" else str(WORK / "results.md")
    )
    name = args.reuse or f"daftar_bench_{int(time.time())}_{os.getpid()}"
    command = "python3 dev.py bench" + "".join(f" {shlex.quote(a)}" for a in argv)
    ctx = Context(
        size=args.size, database_url=f"{args.pg}/{name}", redis_url=args.redis, command=command
    )
    admin = f"{args.pg}/postgres"
    started = datetime.datetime.now(datetime.UTC)
    figures: list[Figure] = []
    failed = []
    if not args.reuse:
        run(["psql", "-X", "-q", "-c", f"CREATE DATABASE {name}", admin])
    redis.Redis.from_url(args.redis).flushdb()  # the run's own Redis database: queue, sessions
    for old in WORK.glob("profile-*.txt"):  # a full run publishes only its own profiles
        old.unlink()
    try:
        ctx.log(f"database {name}; size {args.size}; benchmarks {' '.join(chosen)}")
        ctx.manage("migrate", "--no-input", "--verbosity=0")
        ctx.manage("collectstatic", "--no-input", "--verbosity=0")
        for key in (k for k in BENCHMARKS if k in chosen or (k == "b5" and not args.reuse)):
            module = importlib.import_module(BENCHMARKS[key])
            ctx.log(f"{key}: {module.__doc__.strip().splitlines()[0]}")
            began = time.monotonic()
            try:
                got = module.run(ctx)
            except BenchError as error:
                ctx.log(f"{key} FAILED: {error}")
                failed.append(key)
                continue
            if key in chosen:
                figures += got
            for figure in got:
                ctx.log(f"  {figure.name}: {figure.value:,.2f} {figure.unit}")
            ctx.log(f"{key}: done in {time.monotonic() - began:.0f}s")
    finally:
        if not (args.keep or args.reuse):
            run(["psql", "-X", "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin])
    (WORK / "results.json").write_text(
        json.dumps([f.as_dict() for f in figures], ensure_ascii=False, indent=1)
    )
    write_report(
        output, figures, ctx=ctx, started=started, finished=datetime.datetime.now(datetime.UTC)
    )
    ctx.log(f"results written to {output}")
    if failed:
        ctx.log(f"failed: {' '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
