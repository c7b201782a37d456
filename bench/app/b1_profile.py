"""Profile the intake in one process with pyinstrument: the same POST /api/v1/files the load
generator sends, through Django's whole request cycle (middleware, the API, the services,
the database), one request after another so the profile shows CPU, not queueing. Half the
requests run without the profiler (the real time per request), half under it (where the
time goes).

    python -m bench.app.b1_profile REQUESTS.tsv OUT.txt [COUNT]

Writes the text profile to OUT.txt; prints the wall time per request and the heaviest frames.
"""

from __future__ import annotations

import sys
import time

from bench.app import emit, setup


def _requests(path: str, count: int) -> list[tuple[str, dict]]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            _method, _path, headers, body = line.rstrip("\n").split("\t")
            named = dict(h.split(": ", 1) for h in headers.split(" | "))
            rows.append((body, named))
            if len(rows) == count:
                break
    return rows


def main() -> None:
    setup()
    from django.test import Client
    from pyinstrument import Profiler

    source, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 200
    rows = _requests(source, count + 20)
    client = Client(SERVER_NAME="127.0.0.1")

    def send(body: str, headers: dict, n: int) -> None:
        response = client.post(
            "/api/v1/files",
            body,
            content_type="application/json",
            secure=True,
            headers={
                "Authorization": headers["Authorization"],
                "Idempotency-Key": f"profile-{time.time_ns()}-{n}",
            },
        )
        if response.status_code != 201:
            raise SystemExit(f"intake failed: {response.status_code} {response.content[:300]!r}")

    for n, (body, headers) in enumerate(rows[:20]):  # warm: imports, caches, connections
        send(body, headers, n)
    half = (len(rows) - 20) // 2
    plain, profiled = rows[20 : 20 + half], rows[20 + half :]
    started, cpu = time.perf_counter(), time.process_time()
    for n, (body, headers) in enumerate(plain):  # unprofiled: the real cost
        send(body, headers, n)
    plain_ms = (time.perf_counter() - started) * 1000 / len(plain)
    plain_cpu_ms = (time.process_time() - cpu) * 1000 / len(plain)
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    profiler.start()
    for n, (body, headers) in enumerate(profiled):
        send(body, headers, n)
    profiler.stop()
    wall = time.perf_counter() - started
    done = len(profiled)
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(profiler.output_text(unicode=True, color=False, show_all=False))
    session = profiler.last_session
    emit(
        {
            "requests": done,
            "ms_per_request": plain_ms,
            "cpu_ms_per_request": plain_cpu_ms,
            "profiled_ms_per_request": wall * 1000 / done,
            "top": _top(session.root_frame(), wall),
        }
    )


def _top(root, wall: float, limit: int = 8) -> list[list]:
    """The code of ours (and Django's ORM) that takes most time, by self + children time."""
    totals: dict[str, float] = {}

    def walk(frame) -> None:
        path = frame.file_path_short or ""
        if "daftar/" in path and "/tests/" not in path:
            key = f"{frame.function} ({path.split('daftar/', 1)[1]}:{frame.line_no})"
            totals[key] = max(totals.get(key, 0.0), frame.time)
        for child in frame.children:
            walk(child)

    walk(root)
    ranked = sorted(totals.items(), key=lambda i: -i[1])
    return [[name, round(100 * seconds / wall, 1)] for name, seconds in ranked[:limit]]


if __name__ == "__main__":
    main()
