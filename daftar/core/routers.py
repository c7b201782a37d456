"""Reads for reports from a PostgreSQL read replica, when the deployment has one.

Only code that asks for it reads from the replica (`replica_reads`, for the read-only report
pages of the council, auditors and the public), because a replica may lag the primary by a
moment: a page that shows what the user has just done must read the primary. Everything is
written to the primary, and migrations run there only.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connections

REPLICA = "replica"
_reading_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reading_replica", default=False
)


@contextmanager
def reports_from_replica() -> Iterator[None]:
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def replica_reads(view: Callable) -> Callable:
    """Let a read-only report view read from the replica (when one is configured)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        with reports_from_replica():
            return view(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if _reading_replica.get() and REPLICA in connections.settings:
            return REPLICA
        return None

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == "default"
