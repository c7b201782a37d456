"""What every benchmark shares: the run's context (size, database, production settings for the
app's processes), figures with their baselines, gunicorn, wrk, pgbench and psql.

The harness itself never imports Django: every piece of application work runs in its own
process under production settings, so that its memory and time are its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WORK = ROOT / "var" / "bench"


@dataclass
class Figure:
    """One measured figure. `ratio` is value / baseline (what "ratio" means for the figure is
    said in `ratio_means`); `met` is None when the figure has no target."""

    bench: str
    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    ratio: float | None = None
    ratio_means: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


class BenchError(RuntimeError):
    """The benchmark could not run (a tool missing, the app failed): stop with the reason."""


@dataclass
class Context:
    size: str  # "tiny" (CI smoke run) or "full" (the figures in docs/benchmarks.md)
    database_url: str
    redis_url: str
    command: str
    log_lines: list[str] = field(default_factory=list)
    secrets: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        WORK.mkdir(parents=True, exist_ok=True)
        self.secrets = {
            name: secrets.token_urlsafe(48)
            for name in ("SECRET_KEY", "AUDIT_HMAC_KEY", "TERMINAL_KEY")
        }
        self.secrets["AUDIT_CHECKPOINT_SIGNING_KEY"] = secrets.token_hex(32)  # an Ed25519 key

    # --- sizes -------------------------------------------------------------------------------
    @property
    def tiny(self) -> bool:
        return self.size == "tiny"

    def pick(self, full, tiny):
        return tiny if self.tiny else full

    @property
    def cores(self) -> int:
        return os.cpu_count() or 1

    # --- output ------------------------------------------------------------------------------
    def log(self, message: str) -> None:
        line = f"[bench {time.strftime('%H:%M:%S')}] {message}"
        self.log_lines.append(line)
        print(line, flush=True)

    # --- the application's processes ----------------------------------------------------------
    def env(self, **extra: str) -> dict[str, str]:
        """Production settings (`config.settings.bench`: prod with the simulated payment
        gateway, which prod refuses), with this run's throw-away secrets and its own database.
        The audit checkpoints go to a folder of this run's own (an earlier run's checkpoint 1
        belongs to another database), unless the caller gives its own var folder (B1)."""
        if "DAFTAR_VAR_DIR" not in extra and "AUDIT_CHECKPOINT_DIR" not in extra:
            run_name = self.database_url.rstrip("/").rsplit("/", 1)[-1]
            extra["AUDIT_CHECKPOINT_DIR"] = str(WORK / "audit-checkpoints" / run_name)
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PAYMENT_GATEWAY": "daftar.treasury.gateways.SimulatedGateway",
            "SMS_GATEWAY": "daftar.notifications.gateways.FileSmsGateway",
            "MOBILE_OWNERSHIP_INQUIRY": "daftar.accounts.ownership.FileMobileOwnershipInquiry",
            "DAFTAR_PUBLIC_BASE_URL": "https://localhost",
            "SMS_FILE_PATH": str(WORK / "sms.log"),
            "REQUIRE_TOTP_FOR_PRIVILEGED": "true",
            "LOG_LEVEL": "WARNING",
            **self.secrets,
            **extra,
        }

    def manage(self, *args: str, **extra: str) -> str:
        return run([PYTHON, "manage.py", *args], env=self.env(**extra))

    def django(self, module: str, *args: str, **extra: str) -> dict:
        """Run `python -m module args` under production settings; it prints its result as one
        JSON object on its last line of output."""
        out = run([PYTHON, "-m", module, *args], env=self.env(**extra))
        return json.loads(out.strip().splitlines()[-1])

    @contextlib.contextmanager
    def gunicorn(self, *, workers: int = 2, threads: int = 1, **extra: str):
        """Serve the app with gunicorn on 127.0.0.1 (a free port); yields the base URL."""
        port = free_port()
        log = (WORK / f"gunicorn-{port}.log").open("w")
        process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "config.wsgi",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                f"--threads={threads}",
                "--worker-class=gthread" if threads > 1 else "--worker-class=sync",
                "--keep-alive=30",
                "--backlog=2048",
                "--timeout=120",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env(**extra),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_ready(f"{base}/healthz", process)
            yield Server(base=base, process=process)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
            log.close()

    # --- load and baselines ------------------------------------------------------------------
    def wrk(
        self,
        url: str,
        *,
        connections: int,
        seconds: int,
        script: Path,
        threads: int = 2,
        **script_env: str,
    ) -> dict:
        """Drive `url` with wrk for a fixed time. The Lua script's done() prints one JSON line
        with requests, errors and latency percentiles (bench/lua/report.lua)."""
        tool = require_tool("wrk", "wrk")
        out = run(
            [
                tool,
                f"--threads={min(threads, connections)}",
                f"--connections={connections}",
                f"--duration={seconds}s",
                "--timeout=10s",
                f"--script={script}",
                url,
            ],
            env={**os.environ, "BENCH_RUN": secrets.token_hex(4), **script_env},
        )
        for line in reversed(out.splitlines()):
            if line.startswith("{"):
                return json.loads(line)
        raise BenchError(f"wrk printed no result:\n{out}")

    def pgbench(self, script: Path, *, clients: int, seconds: int) -> dict:
        """The raw-SQL baseline: `script` run by pgbench against this run's database, for a
        fixed time; transactions per second and latency percentiles (from pgbench's log)."""
        tool = require_tool("pgbench", "postgresql-client")
        prefix = WORK / f"pgbench-{script.stem}-{clients}"
        for old in WORK.glob(f"{prefix.name}.*"):
            old.unlink()
        out = run(
            [
                tool,
                "--no-vacuum",
                f"--client={clients}",
                f"--jobs={min(clients, 2)}",
                f"--time={seconds}",
                f"--file={script}",
                "--log",
                f"--log-prefix={prefix}",
                self.database_url,
            ]
        )
        tps = None
        for line in out.splitlines():
            if line.startswith("tps ="):
                tps = float(line.split()[2])
        if tps is None:
            raise BenchError(f"pgbench printed no tps:\n{out}")
        latencies = sorted(
            int(line.split()[2]) / 1000
            for log in WORK.glob(f"{prefix.name}.*")
            for line in log.read_text().splitlines()
            if line.strip()
        )
        return {
            "tps": tps,
            "p50_ms": percentile(latencies, 50),
            "p95_ms": percentile(latencies, 95),
            "p99_ms": percentile(latencies, 99),
        }

    def psql(self, sql: str = "", *, file: Path | None = None) -> str:
        """Run SQL (or a file of it) with psql against this run's database; its output."""
        tool = require_tool("psql", "postgresql-client")
        source = ["-f", str(file)] if file else ["-c", sql]
        return run(
            [tool, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", *source, self.database_url]
        )


@dataclass
class Server:
    base: str
    process: subprocess.Popen

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


def run(argv: list[str], env: dict[str, str] | None = None) -> str:
    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BenchError(
            f"{' '.join(map(str, argv[:4]))}… exited with {result.returncode}:\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"the app server exited with {process.returncode}; see var/bench/")
        try:
            headers = {"X-Forwarded-Proto": "https"}
            request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our http URL
            with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise BenchError(f"the app server did not answer {url} within {timeout:.0f}s")


def require_tool(name: str, package: str) -> str:
    """The tool's path, installing the Debian package when it is missing and we are root."""
    found = shutil.which(name)
    if found:
        return found
    if os.geteuid() != 0:
        raise BenchError(f"{name} is missing: install the Debian package {package}")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", package],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    found = shutil.which(name)
    if not found:
        raise BenchError(f"installing {package} did not provide {name}")
    return found


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise BenchError(f"no VmRSS for process {pid}")


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[index]
