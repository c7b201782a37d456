"""Many writers at once on PostgreSQL: every chain stays unbroken and gap-free."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from daftar.audit.models import AuditEntry
from daftar.audit.services import audit_record
from daftar.audit.verification import verify_stream
from daftar.core.actors import Actor

WRITERS = 8
PER_WRITER = 25


def _writer(stream_of, index: int, barrier: threading.Barrier, errors: list) -> None:
    try:
        barrier.wait()
        for n in range(PER_WRITER):
            with transaction.atomic():
                audit_record(
                    actor=Actor.system(f"writer-{index}"),
                    action="load.append",
                    stream=stream_of(index),
                    summary=f"{index}/{n}",
                )
    except Exception as exc:  # reported to the main thread
        errors.append(exc)
    finally:
        connections.close_all()


def _run(stream_of) -> None:
    barrier = threading.Barrier(WRITERS)
    errors: list[Exception] = []
    threads = [
        threading.Thread(target=_writer, args=(stream_of, i, barrier, errors))
        for i in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_to_one_stream_and_to_many_keep_every_chain_whole():
    if connection.vendor != "postgresql":
        pytest.skip("row-lock concurrency is tested on PostgreSQL")
    _run(lambda index: "city")
    _run(lambda index: f"office:T{index:04d}")

    report = verify_stream("city")
    assert report.ok, report
    assert report.entries == WRITERS * PER_WRITER
    seqs = list(AuditEntry.objects.filter(stream="city").values_list("seq", flat=True))
    assert seqs == list(range(1, WRITERS * PER_WRITER + 1))
    for index in range(WRITERS):
        office = verify_stream(f"office:T{index:04d}")
        assert office.ok, office
        assert office.entries == PER_WRITER
