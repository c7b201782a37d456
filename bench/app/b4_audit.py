"""B4 inside the app: WRITERS processes append audit entries through `audit_record` for a
fixed time, all to one stream or each to its own; then every stream written is verified.

    python -m bench.app.b4_audit one|many WRITERS SECONDS
"""

from __future__ import annotations

import multiprocessing
import sys
import time

from bench.app import emit, setup
from daftar.core.actors import Actor


def _writer(args: tuple[str, float, str]) -> int:
    stream, seconds, run_id = args
    setup()
    from django.db import connections, transaction

    from daftar.audit.services import audit_record

    done, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        with transaction.atomic():
            audit_record(
                actor=Actor.system("bench"),
                action="bench.appended",
                stream=stream,
                object_type="bench.run",
                object_id=run_id,
                summary=f"append {done}",
                after={"n": done},
            )
        done += 1
    connections.close_all()
    return done


def main() -> None:
    mode, writers, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    run_id = f"{mode}-{writers}-{int(time.time())}"
    streams = [
        f"bench:{run_id}" if mode == "one" else f"bench:{run_id}:w{i}" for i in range(writers)
    ]
    context = multiprocessing.get_context("spawn")
    started = time.perf_counter()
    with context.Pool(writers) as pool:
        counts = pool.map(_writer, [(stream, seconds, run_id) for stream in streams])
    elapsed = time.perf_counter() - started
    setup()
    from daftar.audit.verification import verify_stream

    reports = [verify_stream(name) for name in sorted(set(streams))]
    emit(
        {
            "appends": sum(counts),
            "per_second": sum(counts) / seconds,
            "elapsed": elapsed,
            "streams": len(reports),
            "verified": all(report.ok for report in reports),
            "entries_checked": sum(report.entries for report in reports),
        }
    )


if __name__ == "__main__":
    main()
