"""Walking the chains and comparing the log with signed checkpoints.

`verify_stream` recomputes every hash of a stream and reports its first break; it cannot see
a stream that was shortened (or removed) together with its head. `compare_with_checkpoint`
can: a checkpoint records how long each stream was and what its last hash was, so a stream
that is now shorter, different at that point, or gone is named (docs/adr/0010).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Max
from django.utils.translation import gettext as _

from daftar.audit.checkpoints import Head, SignedCheckpoint
from daftar.audit.hashing import HASHED_FIELDS, audit_keys, compute_hash, entry_material
from daftar.audit.models import GENESIS_HASH, AuditCheckpoint, AuditEntry, AuditStream
from daftar.core.numbers import format_message

_FIELDS = ("id", "prev_hash", "hash", *HASHED_FIELDS)


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


@dataclass(frozen=True)
class CheckpointFinding:
    """A stream that no longer matches a checkpoint."""

    stream: str
    code: str  # stable: stream_removed, truncated, diverged
    reason: str


def _walk(
    stream: str,
    *,
    after_seq: int = 0,
    after_hash: str = GENESIS_HASH,
    until_seq: int | None = None,
    chunk_size: int = 5000,
) -> tuple[int, str, StreamReport | None]:
    """Check the entries of `stream` after `after_seq` (whose hash is `after_hash`), up to
    `until_seq`: numbering, links and HMAC. Returns (last seq, last hash, first break)."""
    keys = audit_keys()
    expected_seq, prev_hash = after_seq + 1, after_hash
    rows = AuditEntry.objects.filter(stream=stream, seq__gt=after_seq)
    if until_seq is not None:
        rows = rows.filter(seq__lte=until_seq)
    for row in rows.order_by("seq").values(*_FIELDS).iterator(chunk_size=chunk_size):
        code, reason = "", ""
        key = keys.get(row["key_id"])
        if row["seq"] != expected_seq:
            code = "gap"
            reason = format_message(
                _("sequence gap: expected %(expected)d, found %(found)d"),
                {
                    "expected": expected_seq,
                    "found": row["seq"],
                },
            )
        elif row["prev_hash"] != prev_hash:
            code, reason = "link", _("previous hash does not match the entry before it")
        elif key is None:
            code, reason = "unknown_key", _("unknown key id %(key)s") % {"key": row["key_id"]}
        elif compute_hash(key, prev_hash, entry_material(row)) != row["hash"]:
            code = "altered"
            reason = _("content does not match its hash (the entry was altered)")
        if code:
            good = expected_seq - 1 - after_seq
            report = StreamReport(stream, good, row["seq"], row["id"], code, reason)
            return expected_seq - 1, prev_hash, report
        prev_hash, expected_seq = row["hash"], expected_seq + 1
    return expected_seq - 1, prev_hash, None


def verify_stream(stream: str, *, chunk_size: int = 5000) -> StreamReport:
    count, last_hash, broken = _walk(stream, chunk_size=chunk_size)
    if broken is not None:
        return broken
    head = AuditStream.objects.filter(name=stream).values("last_seq", "last_hash").first()
    if head is None:
        return StreamReport(
            stream, count, None, None, "no_head", _("the stream has entries but no head record")
        )
    if head["last_seq"] != count or head["last_hash"] != last_hash:
        return StreamReport(
            stream,
            count,
            count + 1,
            None,
            "tail_removed",
            format_message(
                _(
                    "the stream's head records %(head)d entries but %(count)d were found "
                    "(entries were removed from the end)"
                ),
                {"head": head["last_seq"], "count": count},
            ),
        )
    return StreamReport(stream, count)


def stream_names() -> list[str]:
    names = set(AuditStream.objects.values_list("name", flat=True))
    names.update(AuditEntry.objects.order_by().values_list("stream", flat=True).distinct())
    return sorted(names)


def verify_all() -> Iterator[StreamReport]:
    for name in stream_names():
        yield verify_stream(name)


def log_is_empty() -> bool:
    return (
        not AuditEntry.objects.exists() and not AuditStream.objects.filter(last_seq__gt=0).exists()
    )


def compare_with_checkpoint(checkpoint: SignedCheckpoint) -> list[CheckpointFinding]:
    """Every stream the checkpoint names must still reach its recorded length with the
    recorded hash there. Entries appended since are `verify_stream`'s business."""
    findings = []
    number = checkpoint.number
    for head in checkpoint.heads:
        entry = AuditEntry.objects.filter(stream=head.name, seq=head.seq).values("hash").first()
        if entry is not None and entry["hash"] == head.hash:
            continue
        if entry is not None:
            reason = format_message(
                _(
                    "entry %(seq)d differs from checkpoint %(number)d: the history up to it was "
                    "rewritten"
                ),
                {"seq": head.seq, "number": number},
            )
            findings.append(CheckpointFinding(head.name, "diverged", reason))
            continue
        found = AuditEntry.objects.filter(stream=head.name).aggregate(last=Max("seq"))["last"]
        if found is None and not AuditStream.objects.filter(name=head.name).exists():
            reason = format_message(
                _("the stream is gone: checkpoint %(number)d recorded %(seq)d entries in it"),
                {"number": number, "seq": head.seq},
            )
            findings.append(CheckpointFinding(head.name, "stream_removed", reason))
        else:
            reason = format_message(
                _(
                    "the stream was shortened: checkpoint %(number)d recorded %(seq)d entries, "
                    "the log now ends at %(found)d"
                ),
                {"number": number, "seq": head.seq, "found": found or 0},
            )
            findings.append(CheckpointFinding(head.name, "truncated", reason))
    return findings


def heads_snapshot() -> list[Head]:
    """Every stream's head now, in order of name (Python's order: Unicode code points)."""
    rows = AuditStream.objects.filter(last_seq__gt=0).values_list("name", "last_seq", "last_hash")
    return sorted((Head(*row) for row in rows), key=lambda head: head.name)


def verify_since(previous: SignedCheckpoint | None, heads: list[Head]) -> list[str]:
    """What stops a new checkpoint over `heads`: the log must still hold everything
    `previous` recorded, and every entry after it must verify up to the head (the entries
    before it were verified when `previous` was made). A problem is returned as a sentence."""
    problems = []
    recorded = {head.name: head for head in previous.heads} if previous else {}
    reported: set[str] = set()
    if previous is not None:
        findings = compare_with_checkpoint(previous)
        problems += [f"{finding.stream}: {finding.reason}" for finding in findings]
        reported = {finding.stream for finding in findings}
        problems += [
            f"{name}: " + _("the stream's head record is gone")
            for name in sorted(recorded.keys() - {head.name for head in heads} - reported)
        ]
    for head in heads:
        start = recorded.get(head.name)
        if start is not None and start.seq > head.seq:
            if head.name not in reported:
                problems.append(
                    f"{head.name}: "
                    + format_message(
                        _("the head went back from %(recorded)d to %(head)d entries"),
                        {"recorded": start.seq, "head": head.seq},
                    )
                )
            continue
        seq, last_hash, broken = _walk(
            head.name,
            after_seq=start.seq if start else 0,
            after_hash=start.hash if start else GENESIS_HASH,
            until_seq=head.seq,
        )
        if broken is not None:
            problems.append(f"{head.name}: seq {broken.broken_seq}: {broken.reason}")
        elif (seq, last_hash) != (head.seq, head.hash):
            problems.append(
                f"{head.name}: "
                + format_message(
                    _("the head records %(head)d entries but %(count)d were found"),
                    {"head": head.seq, "count": seq},
                )
            )
    with_heads = {head.name for head in heads}
    orphans = set(AuditEntry.objects.order_by().values_list("stream", flat=True).distinct())
    problems += [
        f"{name}: " + _("the stream has entries but no head record")
        for name in sorted(orphans - with_heads)
        if name not in recorded
    ]
    return problems


def stored_checkpoint(row: AuditCheckpoint) -> SignedCheckpoint:
    return SignedCheckpoint(json.loads(row.body), row.signature)
