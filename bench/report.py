"""The results table: every figure with its baseline and ratio, the machine, the date and the
exact command, so that anyone can run it again and compare."""

from __future__ import annotations

import datetime
import os
import platform
import shutil
import subprocess
from pathlib import Path

from bench.common import ROOT, WORK, Context, Figure

INTRO = """# Benchmarks

Speed is judged as a ratio against the same database work done in raw SQL in the same run
(absolute times on a shared machine drift); absolute figures are kept for the record. How
the harness works and what each benchmark does: `bench/README.md`. Where a target is missed,
the gap and its profile are explained below the table.
"""


def machine() -> list[tuple[str, str]]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory = next(
        (
            f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "unknown",
    )
    postgres = subprocess.run(
        ["psql", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    revision = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    ).stdout.strip()
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} cores"),
        ("memory", memory),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("PostgreSQL", postgres or "unknown"),
        ("commit", revision or "unknown"),
    ]


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}" if abs(value) >= 1 else f"{value:.3f}"


def table(figures: list[Figure]) -> list[str]:
    rows = [
        "| bench | figure | value | unit | baseline | ratio | target | met |",
        "|---|---|---:|---|---|---:|---|---|",
    ]
    for f in figures:
        baseline = f"{_number(f.baseline)} ({f.baseline_name})" if f.baseline is not None else "—"
        ratio = f"{_number(f.ratio)} {f.ratio_means}".strip() if f.ratio is not None else "—"
        met = {True: "yes", False: "**no**", None: ""}[f.met]
        rows.append(
            f"| {f.bench} | {f.name} | {_number(f.value)} | {f.unit} | {baseline} | {ratio} "
            f"| {f.target} | {met} |"
        )
    return rows


def write_report(
    output: str,
    figures: list[Figure],
    *,
    ctx: Context,
    started: datetime.datetime,
    finished: datetime.datetime,
) -> None:
    path = ROOT / output
    notes_path = ROOT / "docs" / "benchmarks-notes.md"
    lines = [INTRO, "## The run", ""]
    lines += [f"- command: `{ctx.command}`", f"- size: {ctx.size}"]
    lines += [
        f"- date: {started:%Y-%m-%d %H:%M} – {finished:%H:%M} UTC "
        f"({(finished - started).total_seconds() / 60:.0f} minutes)"
    ]
    lines += [f"- {name}: {value}" for name, value in machine()]
    lines += ["", "## Figures", "", *table(figures), ""]
    notes = [f.note for f in figures if f.note]
    if notes:
        lines += ["## Notes from the run", "", *(f"- {n}" for n in dict.fromkeys(notes)), ""]
    if output.startswith("docs/"):
        if notes_path.exists():
            lines += [notes_path.read_text()]
        profiles = ROOT / "docs" / "profiles"
        for profile in sorted(WORK.glob("profile-*.txt")):
            profiles.mkdir(exist_ok=True)
            shutil.copyfile(profile, profiles / profile.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines))
