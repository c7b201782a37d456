"""Report pages may read from a read replica; nothing else does, and nothing is written there."""

from django.db import connections

from daftar.core.routers import ReplicaRouter, replica_reads, reports_from_replica
from daftar.treasury.models import Account


def test_without_a_replica_everything_reads_the_primary():
    router = ReplicaRouter()
    with reports_from_replica():
        assert router.db_for_read(Account) is None


def test_reports_read_the_replica_only_when_they_ask(monkeypatch):
    monkeypatch.setitem(connections.settings, "replica", dict(connections.settings["default"]))
    router = ReplicaRouter()
    assert router.db_for_read(Account) is None
    with reports_from_replica():
        assert router.db_for_read(Account) == "replica"
        assert router.db_for_write(Account) == "default"
    assert router.db_for_read(Account) is None

    @replica_reads
    def report_view():
        return router.db_for_read(Account)

    assert report_view() == "replica"
    assert router.allow_migrate("default", "treasury")
    assert not router.allow_migrate("replica", "treasury")
