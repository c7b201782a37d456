"""Reads of the audit checkpoints: for the transparency page and the council report (which
show the latest Merkle root and link to its file) and for the commands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.urls import reverse

from daftar.audit import checkpoints
from daftar.audit.checkpoints import SignedCheckpoint
from daftar.audit.models import AuditCheckpoint, AuditEntry
from daftar.audit.services import office_stream
from daftar.audit.verification import stored_checkpoint


@dataclass(frozen=True)
class CheckpointSummary:
    number: int
    created_at: datetime
    merkle_root: str
    stream_count: int
    entry_count: int
    key_id: str
    signature: str
    download_path: str  # the published file, for anyone to download and keep


def _summary(row: AuditCheckpoint) -> CheckpointSummary:
    return CheckpointSummary(
        number=row.number,
        created_at=row.created_at,
        merkle_root=row.merkle_root,
        stream_count=row.stream_count,
        entry_count=row.entry_count,
        key_id=row.key_id,
        signature=row.signature,
        download_path=reverse("audit:checkpoint_file", kwargs={"number": row.number}),
    )


_SUMMARY_FIELDS = (
    "number",
    "created_at",
    "merkle_root",
    "stream_count",
    "entry_count",
    "key_id",
    "signature",
)


def checkpoints_recent(*, limit: int = 30) -> list[CheckpointSummary]:
    rows = AuditCheckpoint.objects.order_by("-number").only(*_SUMMARY_FIELDS)[:limit]
    return [_summary(row) for row in rows]


def checkpoint_latest() -> CheckpointSummary | None:
    recent = checkpoints_recent(limit=1)
    return recent[0] if recent else None


def checkpoint_signed(number: int | None = None) -> SignedCheckpoint | None:
    """The checkpoint `number` (default: the latest) as stored in the database."""
    rows = AuditCheckpoint.objects.order_by("-number")
    row = (rows.filter(number=number) if number is not None else rows).first()
    return stored_checkpoint(row) if row else None


def checkpoint_public_keys() -> dict[str, str]:
    """Key id -> Ed25519 public key (hex) that checkpoint signatures verify with."""
    return checkpoints.public_keys()


def _entries_about_filter(*, office_code: str | None, file_pk: int | None) -> Q:
    condition = Q(pk__in=[])
    if office_code:
        condition |= Q(stream=office_stream(office_code))
    if file_pk:
        condition |= Q(object_type="cases.file", object_id=str(file_pk))
    return condition


def audit_entries_about(
    *, office_code: str | None, file_pk: int | None, limit: int = 50
) -> list[AuditEntry]:
    """The latest audit entries on an office's stream or about one file, newest first (for an
    investigator choosing evidence)."""
    return list(
        AuditEntry.objects.filter(
            _entries_about_filter(office_code=office_code, file_pk=file_pk)
        ).order_by("-created_at", "-pk")[:limit]
    )


def audit_entry_about(pk, *, office_code: str | None, file_pk: int | None) -> AuditEntry | None:
    """One audit entry, if it is on the office's stream or about the file; else None."""
    if not str(pk).isdigit():
        return None
    return (
        AuditEntry.objects.filter(_entries_about_filter(office_code=office_code, file_pk=file_pk))
        .filter(pk=int(pk))
        .first()
    )


def checkpoint_at_or_before(moment: datetime) -> CheckpointSummary | None:
    """The latest checkpoint signed at or before `moment` (aware): a report's cut-off, so that
    anyone holding that checkpoint can check the log the report was computed against."""
    row = (
        AuditCheckpoint.objects.filter(created_at__lte=moment)
        .order_by("-number")
        .only(*_SUMMARY_FIELDS)
        .first()
    )
    return _summary(row) if row else None
