"""Profile the demo generator's file batch (`daftar.cases.demo._write_batch`) in one process
with pyinstrument: COUNT files with their timelines, documents and audit entries, written
inside a transaction that is then rolled back, so the data stays as it was.

    python -m bench.app.profile_generator OUT.txt [COUNT]

Writes the text profile to OUT.txt; prints the time per file and the heaviest frames.
"""

from __future__ import annotations

import sys
import time

from bench.app import emit, setup
from bench.app.profile_requests import top_frames


class _RollBack(Exception):
    pass


def main() -> None:
    setup()
    from django.db import transaction
    from django.utils import timezone
    from pyinstrument import Profiler

    from daftar.cases import demo

    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    profiler = Profiler(interval=0.001)
    started = time.perf_counter()
    try:
        with transaction.atomic():
            profiler.start()
            written = demo._write_batch(20_261_202, 4_999, count, timezone.now())
            profiler.stop()
            wall = time.perf_counter() - started
            raise _RollBack
    except _RollBack:
        pass
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(profiler.output_text(unicode=True, color=False, show_all=False))
    emit(
        {
            "files": written,
            "ms_per_file": wall * 1000 / written,
            "top": top_frames(profiler.last_session.root_frame(), wall),
        }
    )


if __name__ == "__main__":
    main()
