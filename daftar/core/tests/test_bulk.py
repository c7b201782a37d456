"""The bulk writer used by the demo generator and the statement importer."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.core.bulk import BulkInsert, parallel, reserve_ids
from daftar.treasury.models import Account

pytestmark = pytest.mark.django_db


def _account(code: str) -> Account:
    return Account.objects.create(code=code, name_fa=code, name_en=code, kind="bank")


def test_reserved_ids_are_new_and_never_handed_out_twice():
    existing = _account("bulk:existing")
    first = reserve_ids(Account, 5)
    second = reserve_ids(Account, 3)
    assert len(first) == 5
    assert len(second) == 3
    assert min(first) > existing.pk
    assert first == sorted(first)
    assert len(set(first) | set(second)) == 8
    assert reserve_ids(Account, 0) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL sequences")
def test_reservations_taken_at_the_same_time_do_not_overlap():
    taken: list[list[int]] = []

    def reserve():
        try:
            taken.append(reserve_ids(Account, 2000))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reserve) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = [i for block in taken for i in block]
    assert len(taken) == 4
    assert len(set(ids)) == 8000
    # and a row saved the ordinary way afterwards gets none of them
    assert _account("bulk:after").pk not in set(ids)


def test_rows_are_written_with_defaults_for_the_columns_not_named():
    ids = reserve_ids(Account, 2)
    writer = BulkInsert(Account, ("id", "code", "name_fa", "name_en", "kind"), batch=1)
    writer.add(ids[0], "bulk:a", "حساب الف", "Account A", "bank")
    writer.add(ids[1], "bulk:b", "حساب ب", "Account B", "revenue")
    writer.flush()
    assert writer.written == 2
    a, b = Account.objects.filter(code__startswith="bulk:").order_by("code")
    assert (a.pk, a.name_fa, a.sheba, a.office_id) == (ids[0], "حساب الف", "", None)
    assert (b.pk, b.kind) == (ids[1], "revenue")
    # a later ordinary insert does not collide with the reserved ids
    assert _account("bulk:c").pk not in ids


def test_json_values_are_stored_as_json_and_none_as_null():
    writer = BulkInsert(
        AuditEntry,
        ("stream", "seq", "created_at", "actor_label", "action", "before", "after"),
        batch=10,
    )
    now = timezone.now()
    writer.add("bulk-test", 1, now, "system", "x", {"نام": "علی", "n": [1, 2]}, None)
    assert writer.flush() == 1
    entry = AuditEntry.objects.get(stream="bulk-test")
    assert entry.before == {"نام": "علی", "n": [1, 2]}
    assert entry.after is None
    assert AuditEntry.objects.filter(stream="bulk-test", after__isnull=True).count() == 1
    assert (entry.key_id, entry.hash, entry.summary) == ("", "", "")


def test_unknown_columns_and_missing_required_values_are_refused():
    with pytest.raises(ValueError, match="no columns"):
        BulkInsert(Account, ("code", "colour"))
    with pytest.raises(ValueError, match="needs a value"):
        BulkInsert(AuditEntry, ("stream",))
    assert not Account.objects.filter(code__startswith="bulk:").exists()


def _square(n: int) -> int:
    return n * n


def test_parallel_runs_in_process_inside_a_transaction_and_keeps_order():
    assert connection.in_atomic_block
    assert parallel(_square, [(3,), (1,), (2,)], workers=4) == [9, 1, 4]
