"""Writing to the audit log. `audit_record` is the only way an entry is created.

It must run inside the caller's transaction, so the entry commits or rolls back with the
change it describes. `audited` wraps a state-changing service in a transaction and fails
loudly if the service recorded nothing.

Inside an `audited` service, entries are chained and written when the outermost audited
call finishes (still inside its transaction): each stream's head is then locked once, in
name order, and its entries inserted together. A stream's lock is so held only for the end
of the transaction, not for all of it, and concurrent services touching the same stream
queue for milliseconds instead of for the whole request (docs/adr/0003). Entries recorded
by a nested service that fails are dropped with its changes.

`checkpoint_create` signs a snapshot of every stream's head (docs/adr/0010).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import inspect
import logging
from collections.abc import Callable, Iterator
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from daftar.audit import checkpoints, publication
from daftar.audit.hashing import (
    HASHED_FIELDS,
    audit_keys,
    compute_hash,
    entry_material,
    format_time,
    normalize_data,
)
from daftar.audit.models import AuditCheckpoint, AuditEntry, AuditStream
from daftar.audit.verification import heads_snapshot, stored_checkpoint, verify_since
from daftar.core.actors import Actor, require_actor
from daftar.core.context import current_request_id

P = ParamSpec("P")
R = TypeVar("R")

CITY_STREAM = "city"
AUDIT_STREAM = "audit"
CHECKPOINT_ACTOR = Actor.system("audit-checkpoint")

logger = logging.getLogger(__name__)

_open_services: contextvars.ContextVar[tuple[list[int], ...]] = contextvars.ContextVar(
    "audit_open_services", default=()
)
# Entries recorded inside the outermost open `audited` call, written when it finishes.
_pending: contextvars.ContextVar[list[AuditEntry] | None] = contextvars.ContextVar(
    "audit_pending", default=None
)


class AuditMissingError(RuntimeError):
    """A state-changing service finished without writing an audit entry."""


class AuditOutsideTransactionError(RuntimeError):
    """audit_record was called outside a transaction: the entry could outlive a rollback."""


def office_stream(office_code: str) -> str:
    return f"office:{office_code}"


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
    actor: Actor,
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

    `actor` is who did it (`daftar.core.actors.Actor`); anything else is a TypeError.
    `summary` is a short human sentence; it must never contain a national code in clear
    (use daftar.core.logging.mask_national_code).
    """
    require_actor(actor)
    if not connection.in_atomic_block:
        raise AuditOutsideTransactionError(
            "audit_record must run inside the transaction of the change it records"
        )
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    entry = AuditEntry(
        stream=stream,
        created_at=timezone.now(),
        actor_id=actor.user_id,
        actor_label=actor.label,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:500],
        before=normalize_data(before),
        after=normalize_data(after),
        request_id=current_request_id() if current_request_id() != "-" else "",
        key_id=settings.AUDIT_HMAC_KEY_ID,
    )
    for frame in _open_services.get():
        frame[0] += 1
    pending = _pending.get()
    if pending is not None:
        pending.append(entry)  # chained and saved when the outermost audited call ends
    else:
        _append([entry])
    return entry


def _append(entries: list[AuditEntry]) -> None:
    """Chain `entries` onto their streams' heads and save them: one head lock, one insert
    and one head update per stream, streams taken in name order (no deadlocks)."""
    key = audit_keys()[settings.AUDIT_HMAC_KEY_ID]
    for stream in sorted({entry.stream for entry in entries}):
        head = _lock_stream_head(stream)
        seq, prev = head.last_seq, head.last_hash
        chained = [entry for entry in entries if entry.stream == stream]
        for entry in chained:
            seq += 1
            entry.seq, entry.prev_hash = seq, prev
            material = {field: getattr(entry, field) for field in HASHED_FIELDS}
            entry.hash = prev = compute_hash(key, prev, entry_material(material))
        if len(chained) == 1:
            chained[0].save(force_insert=True)
        else:
            AuditEntry.objects.bulk_create(chained)
        AuditStream.objects.filter(pk=head.pk).update(last_seq=seq, last_hash=prev)


def audit_nothing_changed() -> None:
    """Tell `audited` that this call legitimately changed nothing (an idempotent replay)."""
    for frame in _open_services.get():
        frame[0] += 1


@contextlib.contextmanager
def audit_batch() -> Iterator[None]:
    """One transaction for several audited services (an API request that registers a citizen,
    then opens a file): their entries are chained and written together when the block ends,
    so each stream is locked once, for the end of the transaction only."""
    if _pending.get() is not None:  # already inside a batch or an audited service
        with transaction.atomic():
            yield
        return
    frames = _open_services.set((*_open_services.get(), [0]))
    pending = _pending.set([])
    try:
        with transaction.atomic():
            yield
            if _pending.get():
                _append(_pending.get())
    finally:
        _pending.reset(pending)
        _open_services.reset(frames)


def _takes_typed_actor(func: Callable[..., Any]) -> bool:
    parameter = inspect.signature(func).parameters.get("actor")
    return parameter is not None and parameter.annotation in (Actor, "Actor")


def audited(func: Callable[P, R]) -> Callable[P, R]:
    """Run a state-changing service in one transaction and insist that it wrote the audit log.

    A service called from another audited service runs in the caller's transaction without
    a savepoint of its own: if it fails, the caller fails with it.

    A service whose `actor` is annotated `Actor` refuses anything else with a TypeError
    before it starts (mypy does not run in CI; a bare user or a label string from old code
    would otherwise reach the audit log or a foreign key)."""
    typed_actor = _takes_typed_actor(func)

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if typed_actor and "actor" in kwargs:
            require_actor(kwargs["actor"])
        frame = [0]
        outer = _open_services.get()
        token = _open_services.set((*outer, frame))
        pending_token = _pending.set([]) if not outer else None
        pending = _pending.get()
        mark = len(pending)
        try:
            with transaction.atomic(savepoint=not outer):
                result = func(*args, **kwargs)
                if frame[0] == 0:
                    raise AuditMissingError(
                        f"{func.__module__}.{func.__qualname__} finished without an audit entry"
                    )
                if not outer and pending:
                    _append(pending)
                return result
        except BaseException:
            del pending[mark:]
            raise
        finally:
            _open_services.reset(token)
            if pending_token is not None:
                _pending.reset(pending_token)

    return wrapper


class CheckpointRefused(RuntimeError):
    """The log no longer holds what the last checkpoint recorded, or does not verify since:
    signing its present state would vouch for the damage. Someone must look, now."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@audited
def checkpoint_create(*, actor: Actor = CHECKPOINT_ACTOR) -> AuditCheckpoint:
    """Sign every stream's head now, store the checkpoint and publish its file on commit.

    Refused (`CheckpointRefused`) when the log does not hold what the previous checkpoint
    recorded or the entries since do not verify. The checkpoint's own entry (stream
    `audit`) is chained after the snapshot: the next checkpoint covers it.
    """
    last = AuditCheckpoint.objects.select_for_update().order_by("-number").first()
    previous = stored_checkpoint(last) if last else None
    heads = heads_snapshot()
    problems = verify_since(previous, heads)
    if problems:
        raise CheckpointRefused(problems)
    body = {
        "format": checkpoints.FORMAT,
        "number": (last.number + 1) if last else 1,
        "created_at": format_time(timezone.now()),
        "key_id": settings.AUDIT_CHECKPOINT_KEY_ID,
        "previous": checkpoints.body_digest(previous.body) if previous else checkpoints.NO_PREVIOUS,
        "streams": [{"name": h.name, "seq": h.seq, "hash": h.hash} for h in heads],
        "stream_count": len(heads),
        "entries": sum(head.seq for head in heads),
        "merkle_root": checkpoints.merkle_root(heads),
    }
    signed = checkpoints.SignedCheckpoint(body, checkpoints.sign(body))
    row = AuditCheckpoint.objects.create(
        number=body["number"],
        created_at=signed.created_at,
        key_id=body["key_id"],
        previous_digest=body["previous"],
        merkle_root=body["merkle_root"],
        stream_count=body["stream_count"],
        entry_count=body["entries"],
        body=checkpoints.signed_bytes(body).decode("utf-8"),
        signature=signed.signature,
    )
    audit_record(
        actor=actor,
        action="audit.checkpoint_signed",
        stream=AUDIT_STREAM,
        obj=row,
        summary=f"checkpoint #{row.number}: {row.stream_count} streams, "
        f"{row.entry_count} entries, Merkle root {row.merkle_root}",
        after={"number": row.number, "merkle_root": row.merkle_root, "key_id": row.key_id},
    )
    transaction.on_commit(functools.partial(publication.publish, signed), robust=True)
    return row


@audited
def log_export_record(*, actor: Actor) -> AuditEntry:
    """Record that `actor` took the whole log away (the auditor's download): it names people
    and what they changed, so who took a copy, and when, is itself on the record."""
    return audit_record(
        actor=actor,
        action="audit.exported",
        stream=AUDIT_STREAM,
        summary="the whole audit log exported",
    )


def checkpoints_publish_missing() -> list[int]:
    """Write the file of every stored checkpoint that has none yet (a failed write, a new
    shared directory). Files already there are compared, never overwritten."""
    written = []
    for row in AuditCheckpoint.objects.order_by("number").iterator():
        if publication.publish(stored_checkpoint(row)):
            written.append(row.number)
    return written
