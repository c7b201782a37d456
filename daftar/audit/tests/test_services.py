"""The audit log: chained, append-only, written inside the caller's transaction."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC

import pytest
from django.db import DatabaseError, connection, transaction

from daftar.audit import triggers
from daftar.audit.models import GENESIS_HASH, AuditEntry, AuditStream
from daftar.audit.services import (
    AuditMissingError,
    AuditOutsideTransactionError,
    audit_batch,
    audit_nothing_changed,
    audit_record,
    audited,
)
from daftar.audit.verification import verify_stream
from daftar.core.actors import Actor
from daftar.offices.models import District

pytestmark = pytest.mark.django_db


def _record(n: int, stream: str = "city") -> list[AuditEntry]:
    with transaction.atomic():
        return [
            audit_record(
                actor=Actor.system("test"),
                action="test.event",
                stream=stream,
                summary=f"event {i}",
                after={"i": i, "text": "نیم‌فاصله"},
            )
            for i in range(n)
        ]


def test_entries_in_a_stream_are_numbered_from_one_and_chained():
    entries = _record(3)
    assert [entry.seq for entry in entries] == [1, 2, 3]
    assert entries[0].prev_hash == GENESIS_HASH
    assert entries[1].prev_hash == entries[0].hash
    assert entries[2].prev_hash == entries[1].hash
    head = AuditStream.objects.get(name="city")
    assert (head.last_seq, head.last_hash) == (3, entries[2].hash)


def test_streams_are_numbered_independently():
    _record(2, stream="office:T0001")
    other = _record(1, stream="office:T0002")
    assert other[0].seq == 1
    assert other[0].prev_hash == GENESIS_HASH


def test_the_hash_can_be_recomputed_by_an_independent_implementation(settings):
    entry = _record(1)[0]
    stored = AuditEntry.objects.get(pk=entry.pk)
    material = {
        "stream": stored.stream,
        "seq": stored.seq,
        "created_at": stored.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor_id": stored.actor_id,
        "actor_label": stored.actor_label,
        "action": stored.action,
        "object_type": stored.object_type,
        "object_id": stored.object_id,
        "summary": stored.summary,
        "before": stored.before,
        "after": stored.after,
        "request_id": stored.request_id,
        "key_id": stored.key_id,
    }
    message = (stored.prev_hash + "\n").encode() + json.dumps(
        material, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()
    expected = hmac.new(settings.AUDIT_HMAC_KEY.encode(), message, hashlib.sha256).hexdigest()
    assert stored.hash == expected


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused():
    with pytest.raises(AuditOutsideTransactionError):
        audit_record(actor=Actor.system(), action="x")
    assert not AuditEntry.objects.exists()


def test_floats_are_refused_in_audit_data():
    with pytest.raises(TypeError, match="floats"), transaction.atomic():
        audit_record(actor=Actor.system(), action="x", after={"amount": 1.5})


def test_the_database_refuses_to_update_an_entry():
    entry = _record(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(summary="rewritten")
    assert AuditEntry.objects.get(pk=entry.pk).summary == "event 0"


def test_the_database_refuses_to_delete_an_entry():
    entry = _record(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def _tamper(sql: str, params: list) -> None:
    triggers.remove()
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        triggers.install()


def test_a_tampered_entry_is_detected_and_located():
    entries = _record(4)
    assert verify_stream("city").ok
    _tamper("UPDATE audit_auditentry SET summary = %s WHERE id = %s", ["forged", entries[1].pk])
    report = verify_stream("city")
    assert not report.ok
    assert report.broken_seq == 2
    assert report.broken_entry_id == entries[1].pk
    assert report.code == "altered"


def test_a_rehashed_forgery_without_the_key_breaks_the_next_link():
    entries = _record(3)
    forged = hashlib.sha256(b"attacker").hexdigest()
    _tamper(
        "UPDATE audit_auditentry SET hash = %s, summary = %s WHERE id = %s",
        [forged, "forged", entries[0].pk],
    )
    report = verify_stream("city")
    assert report.broken_seq == 1


def test_entries_removed_from_the_end_are_detected():
    entries = _record(3)
    _tamper("DELETE FROM audit_auditentry WHERE id = %s", [entries[2].pk])
    report = verify_stream("city")
    assert not report.ok
    assert report.code == "tail_removed"


def test_an_entry_removed_from_the_middle_is_a_sequence_gap():
    entries = _record(3)
    _tamper("DELETE FROM audit_auditentry WHERE id = %s", [entries[1].pk])
    report = verify_stream("city")
    assert report.broken_seq == 3
    assert report.code == "gap"


@audited
def _service_that_forgets_the_audit(*, number: int) -> District:
    return District.objects.create(number=number, name_fa="x", name_en="x")


@audited
def _service_that_records(*, number: int) -> District:
    district = District.objects.create(number=number, name_fa="x", name_en="x")
    audit_record(actor=Actor.system(), action="district.created", obj=district)
    return district


@audited
def _idempotent_replay() -> None:
    audit_nothing_changed()


def test_a_service_that_records_nothing_fails_loudly_and_changes_nothing():
    with pytest.raises(AuditMissingError, match="_service_that_forgets_the_audit"):
        _service_that_forgets_the_audit(number=40)
    assert not District.objects.filter(number=40).exists()


def test_a_service_that_records_commits_its_change_with_the_entry():
    district = _service_that_records(number=41)
    entry = AuditEntry.objects.get(action="district.created")
    assert entry.object_type == "offices.district"
    assert entry.object_id == str(district.pk)


def test_a_service_may_declare_that_nothing_changed():
    _idempotent_replay()
    assert not AuditEntry.objects.exists()


def _record_then_fail() -> None:
    with transaction.atomic():
        audit_record(actor=Actor.system(), action="doomed")
        raise RuntimeError("the change failed")


def test_an_entry_rolls_back_with_a_failed_change():
    with pytest.raises(RuntimeError):
        _record_then_fail()
    assert not AuditEntry.objects.filter(action="doomed").exists()
    head = AuditStream.objects.filter(name="city").first()
    assert head is None or head.last_seq == 0


def test_bulk_appends_chain_exactly_like_single_appends():
    from daftar.audit.bulk import AuditBulk

    _record(2)
    bulk = AuditBulk(actor_label="system:import")
    for i in range(5):
        bulk.add(stream="city", action="import.row", object_type="x", object_id=i, after={"i": i})
    bulk.add(stream="office:T9", action="import.row", object_type="x", object_id=99)
    with transaction.atomic():
        assert bulk.flush() == 6
    _record(1)
    report = verify_stream("city")
    assert report.ok
    assert report.entries == 8
    assert verify_stream("office:T9").ok


@audited
def _outer_service(*, number: int, fail_inside: bool = False) -> District:
    district = _service_that_records(number=number)
    assert not AuditEntry.objects.exists()  # chained when the outermost service ends
    audit_record(actor=Actor.system(), action="district.checked", obj=district)
    if fail_inside:
        _service_that_forgets_the_audit(number=number + 1)
    return district


def test_nested_services_write_their_entries_together_at_the_end():
    _outer_service(number=42)
    entries = list(AuditEntry.objects.filter(stream="city").order_by("seq"))
    assert [(e.seq, e.action) for e in entries] == [
        (1, "district.created"),
        (2, "district.checked"),
    ]
    assert entries[1].prev_hash == entries[0].hash
    assert verify_stream("city").ok


def test_a_failing_nested_service_leaves_no_entry_and_no_change():
    with pytest.raises(AuditMissingError):
        _outer_service(number=44, fail_inside=True)
    assert not AuditEntry.objects.exists()
    assert not District.objects.filter(number__in=[44, 45]).exists()


def test_a_batch_writes_the_entries_of_several_services_once_at_the_end():
    with audit_batch():
        _service_that_records(number=46)
        _record(1, stream="other")
        _service_that_records(number=47)
        assert not AuditEntry.objects.exists()
    assert list(AuditEntry.objects.filter(stream="city").values_list("seq", flat=True)) == [1, 2]
    assert AuditEntry.objects.filter(stream="other").count() == 1
    assert verify_stream("city").ok
    assert verify_stream("other").ok


def _batch_that_fails() -> None:
    with audit_batch():
        _service_that_records(number=48)
        raise RuntimeError("the request failed")


def test_a_failed_batch_writes_nothing():
    with pytest.raises(RuntimeError):
        _batch_that_fails()
    assert not AuditEntry.objects.exists()
    assert not District.objects.filter(number=48).exists()
