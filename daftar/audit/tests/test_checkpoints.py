"""Signed checkpoints: what they record, how their Merkle root is built, how they are
signed, stored, chained and published, and the daily job that makes them."""

from __future__ import annotations

import hashlib
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management import call_command
from django.db import transaction

from daftar.audit import checkpoints, publication
from daftar.audit.checkpoints import CheckpointFileError, Head, merkle_root
from daftar.audit.models import AuditEntry, AuditStream
from daftar.audit.selectors import checkpoint_latest, checkpoint_signed, checkpoints_recent
from daftar.audit.tasks import sign_daily_checkpoint
from daftar.audit.tests.helpers import record

pytestmark = pytest.mark.django_db


def _leaf(name: str, seq: int, digest: str) -> bytes:
    material = json.dumps([name, seq, digest], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(b"\x00" + material.encode()).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _rfc6962(leaves: list[bytes]) -> bytes:
    """RFC 6962 2.1: split at the largest power of two smaller than n."""
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return _node(_rfc6962(leaves[:k]), _rfc6962(leaves[k:]))


def test_the_merkle_root_follows_the_documented_construction():
    heads = [
        Head("office:T0101", 3, "c" * 64),
        Head("city", 5, "a" * 64),
        Head("identity", 2, "b" * 64),
    ]
    # leaves in order of stream name; the odd third leaf moves up unchanged
    city, identity, office = (_leaf("city", 5, "a" * 64), _leaf("identity", 2, "b" * 64),
                              _leaf("office:T0101", 3, "c" * 64))  # fmt: skip
    assert merkle_root(heads) == _node(_node(city, identity), office).hex()
    assert merkle_root([]) == hashlib.sha256(b"").hexdigest()
    assert merkle_root(heads[:1]) == _leaf("office:T0101", 3, "c" * 64).hex()


@pytest.mark.parametrize("count", range(1, 18))
def test_the_merkle_root_is_rfc_6962s_tree_hash(count):
    heads = [Head(f"s{i:02d}", i + 1, hashlib.sha256(bytes([i])).hexdigest()) for i in range(count)]
    leaves = [_leaf(h.name, h.seq, h.hash) for h in heads]
    assert merkle_root(reversed(heads)) == _rfc6962(leaves).hex()


def test_a_checkpoint_records_every_stream_head_and_is_signed(make_checkpoint):
    city = record(3, "city")
    office = record(2, "office:T0101")
    row = make_checkpoint()

    body = json.loads(row.body)
    assert body["streams"] == [
        {"name": "city", "seq": 3, "hash": city[-1].hash},
        {"name": "office:T0101", "seq": 2, "hash": office[-1].hash},
    ]
    assert (body["number"], body["stream_count"], body["entries"]) == (1, 2, 5)
    assert (
        body["merkle_root"]
        == row.merkle_root
        == merkle_root([Head("city", 3, city[-1].hash), Head("office:T0101", 2, office[-1].hash)])
    )
    assert body["previous"] == "0" * 64
    # an outsider verifies the signature with nothing but the published public key
    public = checkpoints.public_keys()[body["key_id"]]
    Ed25519PublicKey.from_public_bytes(bytes.fromhex(public)).verify(
        bytes.fromhex(row.signature), checkpoints.signed_bytes(body)
    )


def test_making_a_checkpoint_is_itself_recorded_and_covered_by_the_next(make_checkpoint):
    record(1)
    first = make_checkpoint()
    entry = AuditEntry.objects.get(action="audit.checkpoint_signed")
    assert (entry.stream, entry.object_id, entry.after["number"]) == ("audit", str(first.pk), 1)

    second = make_checkpoint()
    body = json.loads(second.body)
    assert {"name": "audit", "seq": 1, "hash": entry.hash} in body["streams"]
    assert body["previous"] == checkpoints.body_digest(json.loads(first.body))


def test_the_checkpoint_file_is_published_outside_the_database_once(make_checkpoint):
    record(2)
    row = make_checkpoint()
    published = checkpoints.parse_checkpoint(publication.published_bytes(row.number))
    checkpoints.check(published)
    assert (published.body, published.signature) == (json.loads(row.body), row.signature)

    # publishing again changes nothing; a file that differs is an alarm, never overwritten
    stored = checkpoint_signed(row.number)
    assert publication.publish(stored) is False
    path = publication.directory() / publication.file_name(row.number)
    path.write_bytes(path.read_bytes().replace(b'"seq": 2', b'"seq": 1'))
    with pytest.raises(publication.PublicationConflict):
        publication.publish(stored)


def test_a_failed_publication_is_caught_up_by_the_command(make_checkpoint, capsys):
    record(1)
    row = make_checkpoint()
    (publication.directory() / publication.file_name(row.number)).unlink()
    call_command("audit_checkpoint", "--publish-only")
    assert publication.published_numbers() == [row.number]
    assert f"published: #{row.number}" in capsys.readouterr().out


def test_a_forged_or_inconsistent_checkpoint_file_is_refused(make_checkpoint):
    record(2)
    row = make_checkpoint()
    genuine = publication.published_bytes(row.number)
    document = json.loads(genuine)

    # a head rewritten to match a shortened stream: the signature no longer holds
    document["checkpoint"]["streams"][0]["hash"] = "f" * 64
    forged = checkpoints.parse_checkpoint(json.dumps(document).encode())
    with pytest.raises(CheckpointFileError) as refused:
        checkpoints.check(forged)
    assert refused.value.code == "checkpoint_signature"

    # the counts must agree with the heads, and the format must be named
    document = json.loads(genuine)
    document["checkpoint"]["entries"] = 1
    for broken in (
        b"not json",
        b"{}",
        json.dumps(document).encode(),
        genuine.replace(b"daftar-audit-checkpoint/1", b"x"),
    ):
        with pytest.raises(CheckpointFileError) as refused:
            checkpoints.parse_checkpoint(broken)
        assert refused.value.code == "checkpoint_malformed"


def test_a_checkpoint_signed_with_another_key_does_not_verify(make_checkpoint, settings):
    record(1)
    row = make_checkpoint()
    stored = checkpoint_signed(row.number)
    settings.AUDIT_CHECKPOINT_SIGNING_KEY = "ab" * 32
    with pytest.raises(CheckpointFileError) as refused:
        checkpoints.check(stored)
    assert refused.value.code == "checkpoint_signature"
    settings.AUDIT_CHECKPOINT_KEY_ID = "c2"

    def public(seed: str) -> str:
        return checkpoints._public_hex(checkpoints._private_key(seed))

    settings.AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS = {"c1": public("cd" * 32)}
    with pytest.raises(CheckpointFileError):
        checkpoints.check(stored)  # a wrong public key under c1 still refuses
    # once the real old key is listed as retired, the old checkpoint verifies again
    settings.AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS = {
        "c1": public(settings.DEV_AUDIT_CHECKPOINT_SIGNING_KEY)
    }
    checkpoints.check(stored)


def test_the_daily_job_signs_and_publishes_a_checkpoint(django_capture_on_commit_callbacks):
    record(4, "office:T0101")
    with django_capture_on_commit_callbacks(execute=True):
        number = sign_daily_checkpoint.call_local()
    assert number == 1
    assert publication.published_numbers() == [1]


def test_the_daily_job_raises_the_alarm_instead_of_signing_a_shrunk_log(make_checkpoint, caplog):
    from daftar.audit.tests.helpers import superuser_sql

    record(3)
    make_checkpoint()
    superuser_sql(
        ("DELETE FROM audit_auditentry WHERE stream = %s", ["city"]),
        ("DELETE FROM audit_auditstream WHERE name = %s", ["city"]),
    )
    assert sign_daily_checkpoint.call_local() is None
    assert "audit checkpoint refused" in caplog.text
    assert publication.published_numbers() == [1]


def test_the_latest_checkpoint_is_there_for_the_transparency_page(make_checkpoint):
    assert checkpoint_latest() is None
    record(1)
    make_checkpoint()
    second = make_checkpoint()
    latest = checkpoint_latest()
    assert (latest.number, latest.merkle_root) == (2, second.merkle_root)
    assert latest.download_path == "/audit/checkpoints/2.json"
    assert [c.number for c in checkpoints_recent(limit=5)] == [2, 1]


def test_a_checkpoint_covers_only_entries_committed_before_it(make_checkpoint):
    record(2)
    with transaction.atomic():
        row = make_checkpoint()
    assert json.loads(row.body)["entries"] == 2
    assert AuditStream.objects.get(name="audit").last_seq == 1


def test_the_public_key_is_printed_for_publication(capsys):
    call_command("audit_checkpoint", "--public-key")
    out = capsys.readouterr().out.split()
    assert out == ["c1", checkpoints.public_keys()["c1"]]
