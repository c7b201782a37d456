#!/usr/bin/env python3
"""Set up and run Daftar on a fresh machine that has only Python >= 3.11.

    python3 dev.py demo   # venv + locked deps + migrate + demo data + server and worker on :8000
    python3 dev.py test   # venv + locked deps + the whole test suite (extra args go to pytest)
    python3 dev.py bench  # the benchmarks (bench/README.md); --size tiny for a quick run

The virtual environment lives in `.venv/`. It is (re)built only when
`requirements/lock.txt` changes, so a second run starts in seconds.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements" / "lock.txt"
STAMP = VENV / ".daftar-lock.sha256"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def say(message: str) -> None:
    print(f"[daftar] {message}", flush=True)


def ensure_environment() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by any python3
        sys.exit("Daftar needs Python 3.11 or newer.")
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if PY.exists() and STAMP.exists() and STAMP.read_text().strip() == digest:
        return
    if not PY.exists():
        say(f"creating virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    say("installing locked dependencies (requirements/lock.txt)")
    subprocess.run(
        [
            str(PY),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--require-hashes",
            "--no-deps",
            "-r",
            str(LOCK),
        ],
        check=True,
        cwd=ROOT,
    )
    STAMP.write_text(digest)


def run(*args: str, env: dict[str, str] | None = None) -> int:
    return subprocess.run([str(PY), *args], cwd=ROOT, env=env).returncode


def manage(*args: str, env: dict[str, str]) -> None:
    code = run("manage.py", *args, env=env)
    if code:
        sys.exit(code)


def demo(extra: list[str]) -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    (ROOT / "var").mkdir(exist_ok=True)
    manage("migrate", "--no-input", "--verbosity", "0", env=env)
    manage("demo_seed", "--size", "small", env=env)
    say("starting the background worker (huey) and the web server")
    worker = subprocess.Popen([str(PY), "manage.py", "run_huey", "--quiet"], cwd=ROOT, env=env)
    try:
        manage("demo_accounts", env=env)
        say("open http://127.0.0.1:8000  (Ctrl+C stops server and worker)")
        return run("manage.py", "runserver", "127.0.0.1:8000", *extra, env=env)
    except KeyboardInterrupt:
        return 0
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


def test(extra: list[str]) -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    started = time.monotonic()
    code = run("-m", "pytest", *extra, env=env)
    say(f"tests finished in {time.monotonic() - started:.0f}s with exit code {code}")
    if code == 5:
        say("no tests were collected: that is a failure")
        return 1
    return code


def bench(extra: list[str]) -> int:
    return run("-m", "bench", *extra)


def main() -> int:
    commands = {"demo": demo, "test": test, "bench": bench}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    ensure_environment()
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
