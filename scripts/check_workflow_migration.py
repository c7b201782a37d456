"""Check that moving the workflow tables to the `workflow` app loses and changes nothing, on a
copy of the demo database on PostgreSQL (ADR 0013).

1. Export the tree of the commit before the move (`--old`, default: the parent of the first
   commit that has daftar/workflow) with `git archive` into a temporary directory.
2. Create the database afresh, migrate it and seed the demo data with the OLD code.
3. Fingerprint the workflow tables (row count, and an md5 of every row in id order), the files'
   and services' workflow keys, and the content types of the four models.
4. Migrate the same database forward with THIS tree, fingerprint again under the new table
   names, and compare.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/daftar_workflow_demo \
        .venv/bin/python scripts/check_workflow_migration.py [--old REF] [--size tiny]

The database named in DATABASE_URL is dropped and created again: give it a scratch name.
"""

# A developer's script: it runs git, psql and manage.py with arguments it builds itself, and
# its SQL names only the fixed tables above (no outside input reaches either).
# ruff: noqa: S603, S607, S608

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("workflow", "workflowversion", "workflowstate", "workflowaction")
MODELS = ", ".join(f"'{name}'" for name in TABLES)


def fingerprint_sql(prefix: str) -> dict[str, str]:
    """What must be the same before and after, as SQL over the tables named with `prefix`."""
    queries = {
        f"rows of {name}": f"SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, ',' "
        f"ORDER BY t.id)), '-') FROM {prefix}_{name} t"
        for name in TABLES
    }
    queries["files' version and state"] = (
        "SELECT count(*) || ' ' || coalesce(md5(string_agg(id || ':' || workflow_version_id "
        "|| ':' || state_id, ',' ORDER BY id)), '-') FROM cases_file"
    )
    queries["services' workflow"] = (
        "SELECT count(*) || ' ' || coalesce(md5(string_agg(id || ':' || workflow_id, ',' "
        "ORDER BY id)), '-') FROM catalogue_service"
    )
    queries["content type ids"] = (
        "SELECT coalesce(string_agg(model || '=' || id, ',' ORDER BY model), '-') FROM "
        f"django_content_type WHERE model IN ({MODELS}) AND app_label IN ('cases', 'workflow')"
    )
    return queries


def psql(url: str, sql: str) -> str:
    return subprocess.run(
        ["psql", url, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def manage(tree: Path, env: dict[str, str], *args: str) -> None:
    print(f"[{tree.name}] manage.py {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, "manage.py", *args], cwd=tree, env=env, check=True)


def old_ref_default() -> str:
    first = subprocess.run(
        [
            "git",
            "log",
            "--diff-filter=A",
            "--format=%H",
            "--reverse",
            "--",
            "daftar/workflow/apps.py",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[0]
    return f"{first}^"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", default=None, help="the commit before the move")
    parser.add_argument("--size", default="tiny", help="demo size (tiny, small…)")
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    name = urlparse(url).path.lstrip("/")
    if not url.startswith("postgres") or not name:
        parser.error("DATABASE_URL must name a scratch PostgreSQL database")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    old = options.old or old_ref_default()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DATABASE_POOL": "0"}

    psql(admin_url, f'DROP DATABASE IF EXISTS "{name}"')
    psql(admin_url, f'CREATE DATABASE "{name}"')
    with tempfile.TemporaryDirectory(prefix="daftar-old-") as tmp:
        tree = Path(tmp) / "old"
        tree.mkdir()
        archive = subprocess.run(
            ["git", "archive", old], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        manage(tree, env, "migrate", "--no-input", "-v", "0")
        manage(tree, env, "demo_seed", "--size", options.size)
    before = {label: psql(url, sql) for label, sql in fingerprint_sql("cases").items()}
    manage(ROOT, env, "migrate", "--no-input", "-v", "0")
    after = {label: psql(url, sql) for label, sql in fingerprint_sql("workflow").items()}
    leftover = psql(url, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'cases\\_workflow%'")

    failed = leftover != "0"
    print(f"old tree: {old}; demo size {options.size}; database {name}")
    for label, value in before.items():
        same = value == after[label]
        failed |= not same
        print(
            f"{'same' if same else 'DIFFERENT':9} {label}: {value}"
            + ("" if same else f" → {after[label]}")
        )
    print(f"cases_workflow* tables left: {leftover}")
    print("FAILED" if failed else "OK: every row, id and key kept")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
