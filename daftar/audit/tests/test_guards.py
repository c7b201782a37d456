"""The database keeps stream heads and checkpoints append-only, like the entries.

Short of a superuser who bypasses triggers (test_tamper.py), nobody can shrink a stream and
rewrite its head to match, remove a head, or change or remove a checkpoint.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from daftar.audit import triggers
from daftar.audit.models import GENESIS_HASH, AuditCheckpoint, AuditStream
from daftar.audit.tests.helpers import record

pytestmark = pytest.mark.django_db


def _refused(sql: str, params: list) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _head(name: str = "city") -> tuple[int, str]:
    head = AuditStream.objects.get(name=name)
    return head.last_seq, head.last_hash


def test_the_database_refuses_to_delete_a_stream_head():
    record(2)
    _refused("DELETE FROM audit_auditstream WHERE name = %s", ["city"])
    assert AuditStream.objects.filter(name="city").exists()


def test_the_database_refuses_to_move_a_stream_head_back():
    entries = record(3)
    _refused(
        "UPDATE audit_auditstream SET last_seq = %s, last_hash = %s WHERE name = %s",
        [2, entries[1].hash, "city"],
    )
    assert _head() == (3, entries[2].hash)


def test_the_database_refuses_a_head_moved_past_its_entries_or_onto_a_made_up_hash():
    entries = record(2)
    _refused("UPDATE audit_auditstream SET last_seq = 3 WHERE name = %s", ["city"])
    _refused("UPDATE audit_auditstream SET last_hash = %s WHERE name = %s", ["f" * 64, "city"])
    assert _head() == (2, entries[1].hash)


def test_the_database_refuses_to_rename_a_stream_head():
    record(1)
    _refused("UPDATE audit_auditstream SET name = %s WHERE name = %s", ["other", "city"])


def test_a_new_stream_head_must_start_at_the_genesis_hash():
    _refused(
        "INSERT INTO audit_auditstream (name, last_seq, last_hash) VALUES (%s, %s, %s)",
        ["forged", 4, "a" * 64],
    )
    _refused(
        "INSERT INTO audit_auditstream (name, last_seq, last_hash) VALUES (%s, %s, %s)",
        ["forged", 0, "a" * 64],
    )
    assert not AuditStream.objects.filter(name="forged").exists()


def test_appending_still_moves_heads_forward_one_entry_or_many():
    from daftar.audit.bulk import AuditBulk

    record(1)
    bulk = AuditBulk(actor_label="system:import")
    for i in range(4):
        bulk.add(stream="city", action="import.row", object_type="x", object_id=i)
    with transaction.atomic():
        bulk.flush()
    entries = record(1)
    assert _head() == (6, entries[0].hash)
    assert AuditStream.objects.get(name="city").last_hash != GENESIS_HASH


@pytest.mark.postgres
def test_postgresql_refuses_to_truncate_heads_and_checkpoints():
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    record(1)
    _refused("TRUNCATE audit_auditstream CASCADE", [])
    _refused("TRUNCATE audit_auditcheckpoint", [])
    assert AuditStream.objects.filter(name="city").exists()


def test_checkpoints_can_be_neither_changed_nor_deleted(make_checkpoint):
    checkpoint = make_checkpoint()
    _refused(
        "UPDATE audit_auditcheckpoint SET merkle_root = %s WHERE id = %s",
        ["0" * 64, checkpoint.pk],
    )
    _refused("DELETE FROM audit_auditcheckpoint WHERE id = %s", [checkpoint.pk])
    assert AuditCheckpoint.objects.get(pk=checkpoint.pk).merkle_root == checkpoint.merkle_root


def test_checkpoints_are_numbered_without_gaps(make_checkpoint):
    checkpoint = make_checkpoint()
    _refused(
        "INSERT INTO audit_auditcheckpoint (number, created_at, key_id, previous_digest, "
        "merkle_root, stream_count, entry_count, body, signature) "
        "VALUES (%s, %s, 'c1', %s, %s, 0, 0, '{}', %s)",
        [checkpoint.number + 2, checkpoint.created_at, "0" * 64, "0" * 64, "0" * 128],
    )


def test_every_audit_trigger_is_installed_by_the_migrations():
    assert triggers.installed()
    triggers.remove(parts=["heads"])
    try:
        assert not triggers.installed()
    finally:
        triggers.install(parts=["heads"])
    assert triggers.installed()
