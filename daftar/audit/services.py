"""Writing to the audit log. `audit_record` is the only way an entry is created.

It must run inside the caller's transaction, so the entry commits or rolls back with the
change it describes. `audited` wraps a state-changing service in a transaction and fails
loudly if the service recorded nothing.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from daftar.audit.hashing import audit_keys, compute_hash, entry_material, normalize_data
from daftar.audit.models import AuditEntry, AuditStream
from daftar.core.context import current_request_id

P = ParamSpec("P")
R = TypeVar("R")

CITY_STREAM = "city"

_open_services: contextvars.ContextVar[tuple[list[int], ...]] = contextvars.ContextVar(
    "audit_open_services", default=()
)


class AuditMissingError(RuntimeError):
    """A state-changing service finished without writing an audit entry."""


class AuditOutsideTransactionError(RuntimeError):
    """audit_record was called outside a transaction: the entry could outlive a rollback."""


def office_stream(office_code: str) -> str:
    return f"office:{office_code}"


def _actor_fields(actor: Any) -> tuple[int | None, str]:
    if actor is None:
        return None, "system"
    if isinstance(actor, str):
        return None, actor[:150]
    return actor.pk, actor.get_username()


def _lock_stream_head(stream: str) -> AuditStream:
    heads = AuditStream.objects.select_for_update()
    try:
        return heads.get(name=stream)
    except AuditStream.DoesNotExist:
        # Two writers may create the same new stream at once; one insert wins, both lock it.
        AuditStream.objects.bulk_create([AuditStream(name=stream)], ignore_conflicts=True)
        return heads.get(name=stream)


def audit_record(
    *,
    actor: Any,
    action: str,
    stream: str = CITY_STREAM,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    summary: str = "",
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Append one entry to `stream`, chained to the previous one, in the current transaction.

    `actor` is a user, a label for a machine actor (e.g. "partner:tehran-e-man") or None
    for the system itself. `summary` is a short human sentence; it must never contain a
    national code in clear (use daftar.core.logging.mask_national_code).
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransactionError(
            "audit_record must run inside the transaction of the change it records"
        )
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    actor_id, actor_label = _actor_fields(actor)

    head = _lock_stream_head(stream)
    values = {
        "stream": stream,
        "seq": head.last_seq + 1,
        "created_at": timezone.now(),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "summary": summary[:500],
        "before": normalize_data(before),
        "after": normalize_data(after),
        "request_id": current_request_id() if current_request_id() != "-" else "",
        "key_id": settings.AUDIT_HMAC_KEY_ID,
    }
    key = audit_keys()[settings.AUDIT_HMAC_KEY_ID]
    entry_hash = compute_hash(key, head.last_hash, entry_material(values))
    entry = AuditEntry.objects.create(**values, prev_hash=head.last_hash, hash=entry_hash)
    AuditStream.objects.filter(pk=head.pk).update(last_seq=entry.seq, last_hash=entry_hash)

    for frame in _open_services.get():
        frame[0] += 1
    return entry


def audit_nothing_changed() -> None:
    """Tell `audited` that this call legitimately changed nothing (an idempotent replay)."""
    for frame in _open_services.get():
        frame[0] += 1


def audited(func: Callable[P, R]) -> Callable[P, R]:
    """Run a state-changing service in one transaction and insist that it wrote the audit log."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        frame = [0]
        token = _open_services.set((*_open_services.get(), frame))
        try:
            with transaction.atomic():
                result = func(*args, **kwargs)
                if frame[0] == 0:
                    raise AuditMissingError(
                        f"{func.__module__}.{func.__qualname__} finished without an audit entry"
                    )
                return result
        finally:
            _open_services.reset(token)

    return wrapper
