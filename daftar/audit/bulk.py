"""Appending many audit entries at once (demo data, imports, benchmarks).

Entries are buffered per stream and written with one head lock and one bulk insert per
stream, each chained exactly as `audit_record` would chain it. Must run inside a transaction.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.utils import timezone

from daftar.audit.hashing import audit_keys, compute_hash, entry_material, normalize_data
from daftar.audit.models import AuditEntry, AuditStream
from daftar.audit.services import AuditOutsideTransactionError, _lock_stream_head
from daftar.core.bulk import BulkInsert

COLUMNS = (
    "stream", "seq", "created_at", "actor_id", "actor_label", "action", "object_type",
    "object_id", "summary", "before", "after", "request_id", "key_id", "prev_hash", "hash",
)  # fmt: skip


class AuditBulk:
    def __init__(self, *, actor_label: str):
        self.actor_label = actor_label
        self.pending: dict[str, list[dict]] = defaultdict(list)

    def add(
        self,
        *,
        stream: str,
        action: str,
        object_type: str,
        object_id,
        summary: str = "",
        before=None,
        after=None,
    ) -> None:
        self.pending[stream].append(
            {
                "action": action,
                "object_type": object_type,
                "object_id": str(object_id),
                "summary": summary[:500],
                "before": normalize_data(before),
                "after": normalize_data(after),
            }
        )

    def flush(self, batch_size: int = 20_000) -> int:
        if not connection.in_atomic_block:
            raise AuditOutsideTransactionError("AuditBulk.flush must run inside a transaction")
        key_id = settings.AUDIT_HMAC_KEY_ID
        key = audit_keys()[key_id]
        written = 0
        for stream in sorted(self.pending):  # a fixed order: no deadlocks between flushers
            items = self.pending[stream]
            head = _lock_stream_head(stream)
            seq, prev = head.last_seq, head.last_hash
            rows = BulkInsert(AuditEntry, COLUMNS, batch=batch_size)
            now = timezone.now()
            for item in items:
                seq += 1
                values = {
                    "stream": stream,
                    "seq": seq,
                    "created_at": now,
                    "actor_id": None,
                    "actor_label": self.actor_label,
                    "request_id": "",
                    "key_id": key_id,
                    **item,
                }
                digest = compute_hash(key, prev, entry_material(values))
                rows.add(*(values[c] for c in COLUMNS[:-2]), prev, digest)
                prev = digest
            rows.flush()
            AuditStream.objects.filter(pk=head.pk).update(last_seq=seq, last_hash=prev)
            written += rows.written
        self.pending.clear()
        return written
