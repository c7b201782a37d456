"""Pieces of benchmark work that run inside the application (one process each, production
settings from the harness's environment). Each module is run as `python -m bench.app.NAME`
and prints its result as one JSON object on its last line."""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def setup() -> None:
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(result: dict) -> None:
    print(json.dumps(result, ensure_ascii=False, default=str), flush=True)


class Stopwatch:
    def __enter__(self):
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started
