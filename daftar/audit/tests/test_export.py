"""Independent verification: `audit_export` writes JSON Lines with the checkpoint, and the
standard-library script that docs/audit.md shows verifies it and catches an edited entry, a
gap, a truncation and a removed stream against the checkpoint an auditor kept."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.management import CommandError, call_command

from daftar.audit import checkpoints, publication
from daftar.audit.models import AuditEntry
from daftar.audit.tests.helpers import record, superuser_sql

pytestmark = pytest.mark.django_db

DOCS = Path(settings.BASE_DIR) / "docs"
SCRIPT = DOCS / "verify_audit_export.py"
# Text a plain `COPY … TO STDOUT` would have escaped: backslashes, tabs, newlines, Persian.
AWKWARD = "C:\\files\\new\tدفتر\nخط دوم «نقل‌قول» \\N"


@pytest.fixture
def exported(make_checkpoint, tmp_path):
    """Three streams, a checkpoint an auditor downloaded, more entries, then an export."""
    record(5, "city", summary=AWKWARD, after={"path": "a\\b", "note": "یادداشت"})
    record(3, "office:T0101")
    record(2, "identity")
    checkpoint = make_checkpoint()
    kept = tmp_path / "kept-checkpoint.json"
    kept.write_bytes(publication.published_bytes(checkpoint.number))
    record(2, "city")  # after the checkpoint: verified by the chain, not by the checkpoint
    export = tmp_path / "audit.jsonl"
    call_command("audit_export", "--output", str(export))
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps({settings.AUDIT_HMAC_KEY_ID: settings.AUDIT_HMAC_KEY}))
    return export, kept, keys


def _run(export: Path, *args: str) -> subprocess.CompletedProcess:
    """The script exactly as an auditor runs it: isolated, without site-packages (-S), so
    it can only use the standard library."""
    public = checkpoints.public_keys()[settings.AUDIT_CHECKPOINT_KEY_ID]
    return subprocess.run(
        [sys.executable, "-I", "-S", str(SCRIPT), str(export), "--public-key", public, *args],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )


def _lines(export: Path) -> list[dict]:
    return [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]


def _write(export: Path, lines: list[dict]) -> None:
    export.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )


def test_the_documented_script_is_the_file_the_tests_run():
    markdown = (DOCS / "audit.md").read_text(encoding="utf-8")
    shown = re.search(
        r"<!-- verify_audit_export\.py[^>]*-->\n```python\n(.*?)```\n", markdown, re.DOTALL
    )
    assert shown, "docs/audit.md must show the script after its marker"
    assert shown.group(1) == SCRIPT.read_text(encoding="utf-8")


def test_the_export_has_a_header_with_the_checkpoint_then_one_entry_a_line(exported):
    export, kept, _keys = exported
    header, *entries = _lines(export)
    assert header["format"] == "daftar-audit-export/1"
    assert header["checkpoint"] == json.loads(kept.read_text())
    assert len(entries) == AuditEntry.objects.count() == 5 + 3 + 2 + 1 + 2
    city = [e for e in entries if e["stream"] == "city"]
    assert [e["seq"] for e in city] == [1, 2, 3, 4, 5, 6, 7]
    assert city[0]["summary"] == AWKWARD
    assert city[0]["after"] == {"path": "a\\b", "note": "یادداشت"}


def test_the_script_verifies_an_intact_export_against_the_kept_checkpoint(exported):
    export, kept, keys = exported
    result = _run(export, "--checkpoint", str(kept), "--keys", str(keys))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: 13 entries in 4 streams verify; checkpoint #1")


def test_without_the_hmac_keys_the_script_still_checks_numbering_links_and_checkpoint(exported):
    export, kept, _keys = exported
    result = _run(export, "--checkpoint", str(kept))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "hashes not recomputed" in result.stdout


def test_the_script_catches_an_edited_entry(exported):
    export, kept, keys = exported
    lines = _lines(export)
    edited = next(line for line in lines[1:] if line["stream"] == "city" and line["seq"] == 2)
    edited["summary"] = "nothing happened here"
    _write(export, lines)
    result = _run(export, "--checkpoint", str(kept), "--keys", str(keys))
    assert result.returncode == 1
    assert re.search(r"BROKEN  city seq 2 \(line \d+\): altered", result.stdout)


def test_the_script_catches_a_gap(exported):
    export, kept, keys = exported
    lines = [
        line for line in _lines(export) if not (line.get("stream") == "city" and line["seq"] == 3)
    ]
    _write(export, lines)
    result = _run(export, "--checkpoint", str(kept), "--keys", str(keys))
    assert result.returncode == 1
    assert re.search(
        r"BROKEN  city seq 4 \(line \d+\): gap: expected seq 3, found 4", result.stdout
    )


def test_the_script_catches_a_truncation_against_the_checkpoint(exported):
    export, kept, keys = exported
    lines = [
        line for line in _lines(export) if not (line.get("stream") == "city" and line["seq"] > 3)
    ]
    _write(export, lines)
    result = _run(export, "--checkpoint", str(kept), "--keys", str(keys))
    assert result.returncode == 1
    assert (
        "BROKEN  city: truncated: checkpoint #1 recorded 5 entries, the export ends at 3"
        in result.stdout
    )


def test_the_script_catches_a_removed_stream(exported):
    export, kept, keys = exported
    _write(export, [line for line in _lines(export) if line.get("stream") != "office:T0101"])
    result = _run(export, "--checkpoint", str(kept), "--keys", str(keys))
    assert result.returncode == 1
    assert "BROKEN  office:T0101: removed: checkpoint #1 recorded 3 entries" in result.stdout


def test_an_export_of_a_log_truncated_by_a_superuser_fails_against_the_kept_checkpoint(
    exported,
):
    export, kept, keys = exported
    # the superuser shortens city and rewrites its head: the new export is self-consistent
    third = AuditEntry.objects.get(stream="city", seq=3)
    superuser_sql(
        ("DELETE FROM audit_auditentry WHERE stream = %s AND seq > %s", ["city", 3]),
        (
            "UPDATE audit_auditstream SET last_seq = %s, last_hash = %s WHERE name = %s",
            [3, third.hash, "city"],
        ),
    )
    call_command("audit_export", "--output", str(export))
    result = _run(export, "--checkpoint", str(kept), "--keys", str(keys))
    assert result.returncode == 1
    assert "BROKEN  city: truncated" in result.stdout


def test_the_script_refuses_a_forged_checkpoint_and_a_wrong_public_key(exported):
    export, kept, keys = exported
    document = json.loads(kept.read_text())
    document["checkpoint"]["streams"][0]["seq"] = 3  # "city had 3 entries"
    kept.write_text(json.dumps(document))
    result = _run(export, "--checkpoint", str(kept), "--keys", str(keys))
    assert result.returncode == 1
    assert "checkpoint #1: the signature does not verify with this key" in result.stdout

    other_key = Ed25519PrivateKey.generate().public_key().public_bytes_raw().hex()
    result = _run(export, "--keys", str(keys), "--public-key", other_key)
    assert result.returncode == 1
    assert "the signature does not verify" in result.stdout


def test_an_export_of_some_streams_verifies_for_those_streams(exported):
    export, kept, keys = exported
    call_command("audit_export", "--output", str(export), "--stream", "city")
    result = _run(export, "--checkpoint", str(kept), "--keys", str(keys), "--stream", "city")
    assert result.returncode == 0, result.stdout
    # without saying which streams were exported, the others look removed: never silent
    result = _run(export, "--checkpoint", str(kept), "--keys", str(keys))
    assert result.returncode == 1
    assert "BROKEN  identity: removed" in result.stdout


def test_the_script_needs_a_checkpoint_to_compare_with(tmp_path):
    record(1)
    export = tmp_path / "audit.jsonl"
    call_command("audit_export", "--output", str(export))
    result = _run(export)
    assert result.returncode == 1
    assert "no checkpoint to compare with" in result.stdout


def test_exporting_an_unknown_checkpoint_is_refused(tmp_path):
    with pytest.raises(CommandError, match="there is no checkpoint #7"):
        call_command("audit_export", "--output", str(tmp_path / "x"), "--checkpoint", "7")


def _script_module():
    spec = importlib.util.spec_from_file_location("verify_audit_export", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", [0, 1, 64, 1000])
def test_the_scripts_ed25519_agrees_with_the_cryptography_library(size):
    script = _script_module()
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes_raw()
    message = os.urandom(size)
    signature = key.sign(message)
    assert script.ed25519_valid(public, message, signature)
    assert not script.ed25519_valid(public, message + b"x", signature)
    flipped = bytes([signature[0] ^ 1]) + signature[1:]
    assert not script.ed25519_valid(public, message, flipped)
    assert not script.ed25519_valid(public, message, signature[:32] + b"\xff" * 32)


def test_the_scripts_merkle_root_is_daftars():
    script = _script_module()
    heads = [checkpoints.Head(f"office:T{i:04d}", i + 1, f"{i:064x}") for i in range(7)]
    streams = [{"name": h.name, "seq": h.seq, "hash": h.hash} for h in heads]
    assert script.merkle_root(streams) == checkpoints.merkle_root(heads)
    assert script.merkle_root([]) == checkpoints.merkle_root([])
