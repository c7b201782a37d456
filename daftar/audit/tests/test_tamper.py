"""A database superuser erases history three ways; the signed checkpoint catches each.

The superuser bypasses the triggers as one would (PostgreSQL's replica mode, or dropping
the triggers on SQLite), then `audit_verify` is run against the checkpoint file an auditor
downloaded before the tampering, and against what Daftar itself still knows.
"""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from daftar.audit import publication
from daftar.audit.models import AuditEntry
from daftar.audit.services import CheckpointRefused, checkpoint_create
from daftar.audit.tests.helpers import record, superuser_sql
from daftar.audit.verification import verify_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor_copy(make_checkpoint, tmp_path):
    """Three streams, a checkpoint over them, and the copy of its file an auditor kept."""
    record(5, "city")
    record(3, "office:T0101")
    record(2, "identity")
    checkpoint = make_checkpoint()
    copy = tmp_path / "kept-by-the-auditor.json"
    copy.write_bytes(publication.published_bytes(checkpoint.number))
    return copy


def _verify(*args: str, capsys) -> tuple[bool, str]:
    try:
        call_command("audit_verify", *args)
    except CommandError:
        return False, capsys.readouterr().out
    return True, capsys.readouterr().out


def _delete_the_tail_of_city_and_rewrite_its_head() -> None:
    third = AuditEntry.objects.get(stream="city", seq=3)
    superuser_sql(
        ("DELETE FROM audit_auditentry WHERE stream = %s AND seq > %s", ["city", 3]),
        (
            "UPDATE audit_auditstream SET last_seq = %s, last_hash = %s WHERE name = %s",
            [3, third.hash, "city"],
        ),
    )


def _delete_a_whole_stream() -> None:
    superuser_sql(
        ("DELETE FROM audit_auditentry WHERE stream = %s", ["office:T0101"]),
        ("DELETE FROM audit_auditstream WHERE name = %s", ["office:T0101"]),
    )


def _delete_everything() -> None:
    superuser_sql(
        ("DELETE FROM audit_auditentry", []),
        ("DELETE FROM audit_auditstream", []),
        ("DELETE FROM audit_auditcheckpoint", []),
    )


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (_delete_the_tail_of_city_and_rewrite_its_head, ["BROKEN  city: truncated:"]),
        (_delete_a_whole_stream, ["BROKEN  office:T0101: stream_removed:"]),
        (
            _delete_everything,
            [
                "BROKEN  city: stream_removed:",
                "BROKEN  identity: stream_removed:",
                "BROKEN  office:T0101: stream_removed:",
                "BROKEN  the audit log is empty, but a checkpoint exists",
            ],
        ),
    ],
    ids=["tail-and-head", "whole-stream", "everything"],
)
def test_history_erased_by_a_superuser_passes_the_chains_but_not_the_kept_checkpoint(
    auditor_copy, capsys, tamper, expected
):
    # given a log an auditor holds a checkpoint of, when a superuser erases part of it
    tamper()

    # then the chains alone see nothing wrong (what `audit_verify` used to rely on)
    assert all(report.ok for report in verify_all())
    # but against the auditor's copy of the checkpoint the erasure is named, and it fails
    ok, out = _verify("--against", str(auditor_copy), capsys=capsys)
    assert not ok
    for line in expected:
        assert line in out


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (_delete_the_tail_of_city_and_rewrite_its_head, "BROKEN  city: truncated:"),
        (_delete_a_whole_stream, "BROKEN  office:T0101: stream_removed:"),
        (_delete_everything, "BROKEN  checkpoint #1 is published but the database's latest"),
    ],
    ids=["tail-and-head", "whole-stream", "everything"],
)
def test_plain_audit_verify_compares_with_the_latest_checkpoint_it_knows(
    auditor_copy, capsys, tamper, expected
):
    tamper()
    ok, out = _verify(capsys=capsys)
    assert not ok
    assert expected in out


def test_the_tampered_log_cannot_be_laundered_by_a_new_checkpoint(auditor_copy):
    _delete_the_tail_of_city_and_rewrite_its_head()
    with pytest.raises(CheckpointRefused) as refused:
        checkpoint_create()
    assert any(problem.startswith("city: ") for problem in refused.value.problems)
    assert publication.published_numbers() == [1]


def test_a_checkpoint_is_refused_when_a_stream_head_moved_back_over_intact_entries(
    auditor_copy,
):
    superuser_sql(("UPDATE audit_auditstream SET last_seq = 1 WHERE name = %s", ["identity"]))
    with pytest.raises(CheckpointRefused) as refused:
        checkpoint_create()
    assert any(problem.startswith("identity: ") for problem in refused.value.problems)


def test_an_intact_log_verifies_against_the_kept_checkpoint(auditor_copy, capsys):
    record(2, "city")  # entries appended since the checkpoint are fine
    ok, out = _verify("--against", str(auditor_copy), capsys=capsys)
    assert ok, out
    assert "all 4 audit streams verify, match checkpoint #1" in out


def test_a_forged_checkpoint_file_is_refused(auditor_copy, capsys):
    # a checkpoint "recording" that city had 3 entries, to cover a truncation
    document = json.loads(auditor_copy.read_bytes())
    city = document["checkpoint"]["streams"][0]
    city["seq"], city["hash"] = 3, AuditEntry.objects.get(stream="city", seq=3).hash
    document["checkpoint"]["entries"] -= 2
    auditor_copy.write_text(json.dumps(document))
    ok, out = _verify("--against", str(auditor_copy), capsys=capsys)
    assert not ok
    assert "BROKEN  checkpoint from" in out
    assert "all 4 audit streams verify" not in out


def test_an_empty_log_fails_once_a_checkpoint_exists(make_checkpoint, capsys):
    make_checkpoint()  # of an empty log; its own entry makes the log non-empty
    superuser_sql(("DELETE FROM audit_auditentry", []), ("DELETE FROM audit_auditstream", []))
    ok, out = _verify(capsys=capsys)
    assert not ok
    assert "BROKEN  the audit log is empty, but a checkpoint exists" in out


def test_an_empty_log_verifies_only_on_a_fresh_database(capsys):
    ok, out = _verify(capsys=capsys)
    assert ok
    assert "the audit log is empty and no checkpoint exists: a fresh database" in out
    assert "all 0 audit streams verify" not in out
