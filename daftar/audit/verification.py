"""Walking the chains: recompute every hash and report the first break in each stream."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from daftar.audit.hashing import audit_keys, compute_hash, entry_material
from daftar.audit.models import GENESIS_HASH, AuditEntry, AuditStream

_FIELDS = (
    "id",
    "prev_hash",
    "hash",
    *(
        "stream",
        "seq",
        "created_at",
        "actor_id",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "summary",
        "before",
        "after",
        "request_id",
        "key_id",
    ),
)


@dataclass(frozen=True)
class StreamReport:
    stream: str
    entries: int
    broken_seq: int | None = None
    broken_entry_id: int | None = None
    code: str = ""  # stable: gap, link, unknown_key, altered, no_head, tail_removed
    reason: str = ""  # the same, in words (translated)

    @property
    def ok(self) -> bool:
        return not self.code


def verify_stream(stream: str, *, chunk_size: int = 5000) -> StreamReport:
    keys = audit_keys()
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    rows = (
        AuditEntry.objects.filter(stream=stream)
        .order_by("seq")
        .values(*_FIELDS)
        .iterator(chunk_size=chunk_size)
    )
    for row in rows:
        code, reason = "", ""
        key = keys.get(row["key_id"])
        if row["seq"] != expected_seq:
            code = "gap"
            reason = _("sequence gap: expected %(expected)d, found %(found)d") % {
                "expected": expected_seq,
                "found": row["seq"],
            }
        elif row["prev_hash"] != prev_hash:
            code, reason = "link", _("previous hash does not match the entry before it")
        elif key is None:
            code, reason = "unknown_key", _("unknown key id %(key)s") % {"key": row["key_id"]}
        elif compute_hash(key, prev_hash, entry_material(row)) != row["hash"]:
            code = "altered"
            reason = _("content does not match its hash (the entry was altered)")
        if code:
            return StreamReport(stream, count, row["seq"], row["id"], code, reason)
        prev_hash, expected_seq, count = row["hash"], expected_seq + 1, count + 1

    head = AuditStream.objects.filter(name=stream).values("last_seq", "last_hash").first()
    if head is None:
        return StreamReport(
            stream, count, None, None, "no_head", _("the stream has entries but no head record")
        )
    if head["last_seq"] != count or head["last_hash"] != prev_hash:
        return StreamReport(
            stream,
            count,
            count + 1,
            None,
            "tail_removed",
            _(
                "the stream's head records %(head)d entries but %(count)d were found "
                "(entries were removed from the end)"
            )
            % {"head": head["last_seq"], "count": count},
        )
    return StreamReport(stream, count)


def stream_names() -> list[str]:
    names = set(AuditStream.objects.values_list("name", flat=True))
    names.update(AuditEntry.objects.values_list("stream", flat=True).distinct())
    return sorted(names)


def verify_all() -> Iterator[StreamReport]:
    for name in stream_names():
        yield verify_stream(name)
