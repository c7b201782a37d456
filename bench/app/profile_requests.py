"""Profile requests in one process with pyinstrument: the same request templates the load
generator sends (`bench/lua/requests.lua`'s TSV: method, path, headers, body), through
Django's whole request cycle, one after another so the profile shows where a request's time
goes, not queueing. Half the requests run without the profiler (the real time per
request), half under it.

    python -m bench.app.profile_requests REQUESTS.tsv OUT.txt [COUNT]

Writes the text profile to OUT.txt; prints the time per request and the heaviest frames of
Daftar's own code.
"""

from __future__ import annotations

import itertools
import sys
import time

from bench.app import emit, setup

WARM = 20


def _requests(path: str, count: int) -> list[tuple[str, str, dict, str]]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if line.strip()]
    for line in itertools.islice(itertools.cycle(lines), count):
        method, url, headers, body = line.split("\t")
        named = dict(h.split(": ", 1) for h in headers.split(" | ") if h)
        rows.append((method, url, named, body))
    return rows


def main() -> None:
    setup()
    from django.test import Client
    from pyinstrument import Profiler

    from daftar.api.testing import signed_headers

    source, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    rows = _requests(source, count + WARM)
    client = Client(SERVER_NAME="127.0.0.1")
    sent = itertools.count()

    def send(method: str, url: str, headers: dict, body: str) -> None:
        uid = f"profile-{time.time_ns()}-{next(sent)}"  # as requests.lua: unique per request
        headers = {name: value.replace("{uid}", uid) for name, value in headers.items()}
        body = body.replace("{uid}", uid)
        content_type = headers.pop("Content-Type", "application/octet-stream")
        signed = {}
        if headers.pop("X-Signature", None) is not None:  # as requests.lua: sign as a partner
            key = headers.pop("Authorization").removeprefix("Bearer ")
            signed = signed_headers(
                key, method, url, body.encode(), idempotency_key=headers.pop("Idempotency-Key")
            )
        response = client.generic(
            method,
            url,
            body.encode(),
            content_type=content_type,
            secure=True,
            headers=headers,
            **signed,
        )
        if response.status_code >= 400:
            raise SystemExit(f"{method} {url}: {response.status_code} {response.content[:300]!r}")

    for row in rows[:WARM]:  # warm: imports, templates, caches, connections
        send(*row)
    half = (len(rows) - WARM) // 2
    plain, profiled = rows[WARM : WARM + half], rows[WARM + half :]
    started, cpu = time.perf_counter(), time.process_time()
    for row in plain:  # unprofiled: the real cost
        send(*row)
    plain_ms = (time.perf_counter() - started) * 1000 / len(plain)
    plain_cpu_ms = (time.process_time() - cpu) * 1000 / len(plain)
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    profiler.start()
    for row in profiled:
        send(*row)
    profiler.stop()
    wall = time.perf_counter() - started
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(profiler.output_text(unicode=True, color=False, show_all=False))
    emit(
        {
            "requests": len(profiled),
            "ms_per_request": plain_ms,
            "cpu_ms_per_request": plain_cpu_ms,
            "profiled_ms_per_request": wall * 1000 / len(profiled),
            "top": top_frames(profiler.last_session.root_frame(), wall),
        }
    )


def top_frames(root, wall: float, limit: int = 8) -> list[list]:
    """Daftar's own functions that take most time (with what they call), summed over every
    call (each request is its own branch of the tree); a function nested in itself counts
    once."""
    totals: dict[str, float] = {}

    def walk(frame, above: frozenset) -> None:
        path = frame.file_path_short or ""
        key = None
        if "daftar/" in path and "/tests/" not in path:
            key = f"{frame.function} ({path.split('daftar/', 1)[1]}:{frame.line_no})"
            if key not in above:
                totals[key] = totals.get(key, 0.0) + frame.time
        inner = above | {key} if key else above
        for child in frame.children:
            walk(child, inner)

    walk(root, frozenset())
    ranked = sorted(totals.items(), key=lambda i: -i[1])
    return [[name, round(100 * seconds / wall, 1)] for name, seconds in ranked[:limit]]


if __name__ == "__main__":
    main()
