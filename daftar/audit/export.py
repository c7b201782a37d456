"""Exporting the log as JSON Lines, for verification outside Daftar (docs/audit.md).

The first line is a header: the format, the time of the export, the streams asked for (null
for all) and the signed checkpoint to compare with. Every other line is one entry with
every field the hash covers, `created_at` already in the hashed form, `prev_hash` and
`hash`. JSON keeps every character as it is stored, where a plain `COPY … TO STDOUT`
escapes backslashes and a hash recomputed from its output would not match.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from daftar.audit.checkpoints import SignedCheckpoint
from daftar.audit.hashing import HASHED_FIELDS, format_time
from daftar.audit.models import AuditEntry

FORMAT = "daftar-audit-export/1"
ENTRY_FIELDS = ("id", *HASHED_FIELDS, "prev_hash", "hash")


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


def export_lines(
    *, streams: list[str] | None = None, checkpoint: SignedCheckpoint | None = None
) -> Iterator[str]:
    """The export, line by line (without newlines), entries in order of stream and seq."""
    header = {
        "format": FORMAT,
        "exported_at": format_time(timezone.now()),
        "streams": sorted(streams) if streams else None,
        "checkpoint": (
            {"checkpoint": checkpoint.body, "signature": checkpoint.signature}
            if checkpoint
            else None
        ),
    }
    yield _line(header)
    entries = AuditEntry.objects.order_by("stream", "seq")
    if streams:
        entries = entries.filter(stream__in=streams)
    for row in entries.values(*ENTRY_FIELDS).iterator(chunk_size=5000):
        row["created_at"] = format_time(row["created_at"])
        yield _line(row)
