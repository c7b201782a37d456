"""Audit test helpers: records, and the database superuser who can bypass the triggers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connection, transaction

from daftar.audit import triggers
from daftar.audit.models import AuditEntry
from daftar.audit.services import audit_record
from daftar.core.actors import Actor


def record(n: int, stream: str = "city", **extra) -> list[AuditEntry]:
    with transaction.atomic():
        return [
            audit_record(
                actor=Actor.system("test"),
                action="test.event",
                stream=stream,
                summary=extra.get("summary", f"event {i}"),
                after=extra.get("after", {"i": i, "text": "نیم‌فاصله"}),
            )
            for i in range(n)
        ]


@contextlib.contextmanager
def as_superuser() -> Iterator[None]:
    """What a database superuser can do: make the triggers not fire (PostgreSQL's replica
    mode, which skips ordinary triggers) or drop them and put them back (SQLite)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")
    else:
        triggers.remove()
        try:
            yield
        finally:
            triggers.install()


def superuser_sql(*statements: tuple[str, list]) -> None:
    with as_superuser(), connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
