"""S1 scaling out: two app servers and two job consumers against one PostgreSQL and one Redis,
as two machines would run them. Partner apps submit files to both servers at once; every
submission queues SMS jobs that either consumer may take. Halfway through, one consumer is
killed (SIGKILL). Shown: both servers and both consumers did work, every file answered 201
is in the database, and every queued SMS was sent — by the survivor, or by the periodic retry
for the one the dead consumer had taken.
"""

from __future__ import annotations

import concurrent.futures
import os
import signal
import subprocess
import time
from pathlib import Path

from bench.common import PYTHON, ROOT, WORK, BenchError, Context, Figure

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "lua" / "requests.lua"
DRAIN_SECONDS = 150


def run(ctx: Context) -> list[Figure]:
    seconds = ctx.pick(30, 4)
    requests = WORK / "s1-requests.tsv"
    ctx.django("bench.app.b1_setup", str(requests), str(ctx.pick(20_000, 500)))
    before = ctx.django("bench.app.sms_drain", SMS_FILE_PATH=str(WORK / "sms-before-s1.log"))
    ctx.log(f"  before S1: {before['sent']} SMS sent, {before['stale_jobs_dropped']} stale jobs")
    last_sms = int(ctx.psql("SELECT coalesce(max(id), 0) FROM notifications_smsmessage"))
    logs = [WORK / f"s1-sms-consumer-{n}.log" for n in (1, 2)]
    for log in logs:
        log.unlink(missing_ok=True)
    for old in WORK.glob("s1-codes-*"):
        old.unlink()
    consumers = [_consumer(ctx, log) for log in logs]
    try:
        with (
            ctx.gunicorn(workers=2) as one,
            ctx.gunicorn(workers=2) as two,
            concurrent.futures.ThreadPoolExecutor(2) as pool,
        ):
            loads = [
                pool.submit(
                    ctx.wrk,
                    server.base,
                    connections=8,
                    seconds=seconds,
                    script=SCRIPT,
                    BENCH_REQUESTS=str(requests),
                    BENCH_CODES=str(WORK / f"s1-codes-{n}"),
                )
                for n, server in enumerate((one, two), start=1)
            ]
            time.sleep(seconds / 2)
            os.killpg(consumers[1].pid, signal.SIGKILL)  # a machine dies mid-run
            results = [load.result() for load in loads]
        drained = _wait_for_sms(ctx, last_sms)
    finally:
        for consumer in consumers:
            if consumer.poll() is None:
                os.killpg(consumer.pid, signal.SIGTERM)
                consumer.wait(timeout=30)
    for result in results:
        if result["errors"]:
            raise BenchError(f"S1: {result['errors']} errors; first: {result['first_error']}")
    answered = sorted(
        {code for path in WORK.glob("s1-codes-*") for code in path.read_text().split()}
    )
    stored = _stored(ctx, answered)
    queued = int(
        ctx.psql(f"SELECT count(*) FROM notifications_smsmessage WHERE id > {last_sms}")  # noqa: S608
    )
    sent = int(
        ctx.psql(
            "SELECT count(*) FROM notifications_smsmessage "  # noqa: S608 - an integer
            f"WHERE id > {last_sms} AND status = 'sent'"
        )
    )
    per_consumer = [_lines(log) for log in logs]
    return [
        Figure("S1", "files submitted through app server 1", results[0]["requests"], "files"),
        Figure("S1", "files submitted through app server 2", results[1]["requests"], "files"),
        Figure(
            "S1",
            "answered tracking codes found in the database",
            stored,
            "files",
            baseline=len(answered),
            baseline_name="tracking codes answered",
            ratio=stored / len(answered) if answered else None,
            ratio_means="of answered",
            target="all (1.0)",
            met=bool(answered) and stored == len(answered),
        ),
        Figure("S1", "SMS sent by consumer 1 (survived)", per_consumer[0], "messages"),
        Figure("S1", "SMS sent by consumer 2 (killed halfway)", per_consumer[1], "messages"),
        Figure(
            "S1",
            "SMS queued by the run and sent",
            sent,
            "messages",
            baseline=queued,
            baseline_name="queued",
            ratio=sent / queued if queued else None,
            ratio_means="of queued",
            target="all (1.0), within 150 s",
            met=sent == queued and drained is not None,
            note=f"S1: the queue drained {drained} seconds after the load ended; "
            f"messages written by the consumers {sum(per_consumer)} (a message sent just "
            "before a kill may be written twice: delivery is at least once)",
        ),
    ]


def _consumer(ctx: Context, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "manage.py", "run_huey", "--workers=2", "--worker-type=thread"],
        cwd=ROOT,
        env=ctx.env(SMS_FILE_PATH=str(log)),
        stdout=(WORK / f"{log.stem}.out").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait_for_sms(ctx: Context, after_id: int) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < DRAIN_SECONDS:
        waiting = int(
            ctx.psql(
                "SELECT count(*) FROM notifications_smsmessage "  # noqa: S608 - an integer
                f"WHERE id > {after_id} AND status <> 'sent'"
            )
        )
        if not waiting:
            return round(time.monotonic() - started)
        time.sleep(2)
    return None


def _stored(ctx: Context, codes: list[str]) -> int:
    """How many of the answered tracking codes are files in the database."""
    found = 0
    for start in range(0, len(codes), 1000):
        chunk = ",".join(f"'{code}'" for code in codes[start : start + 1000] if code.isdigit())
        found += int(
            ctx.psql(f"SELECT count(*) FROM cases_file WHERE tracking_code IN ({chunk})")  # noqa: S608
        )
    return found


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0
