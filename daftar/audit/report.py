"""The verification an auditor runs from the web page: every chain recomputed, the latest
signed checkpoint checked (signature, Merkle root) and compared with the log, one row per
stream. The same checks as `manage.py audit_verify`, as data for a page.

Bounded in time by measurement: on the demo database (about 4,300 entries in 136 streams)
the whole run takes well under a second, so the page runs it while the auditor waits; a
log many times larger would move it to a task (docs/audit.md).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from daftar.audit import checkpoints, publication
from daftar.audit.checkpoints import CheckpointFileError, Head, SignedCheckpoint
from daftar.audit.selectors import checkpoint_signed
from daftar.audit.verification import (
    CheckpointFinding,
    StreamReport,
    compare_with_checkpoint,
    log_is_empty,
    verify_all,
)


@dataclass(frozen=True)
class StreamRow:
    """One stream: its chain's report, what the checkpoint recorded of it, and any finding."""

    name: str
    chain: StreamReport | None  # None: the stream is gone from the log
    recorded: Head | None  # in the latest checkpoint, or None (the stream is newer)
    finding: CheckpointFinding | None

    @property
    def ok(self) -> bool:
        return (self.chain is None or self.chain.ok) and self.finding is None

    @property
    def entries(self) -> int:
        return self.chain.entries if self.chain else 0


@dataclass
class LogReport:
    streams: list[StreamRow]
    checkpoint: SignedCheckpoint | None
    problems: list[str] = field(default_factory=list)  # about the checkpoints themselves
    seconds: float = 0.0
    empty: bool = False

    @property
    def broken(self) -> list[StreamRow]:
        return [row for row in self.streams if not row.ok]

    @property
    def entries(self) -> int:
        return sum(row.entries for row in self.streams)

    @property
    def ok(self) -> bool:
        return not self.broken and not self.problems


def _latest_checkpoint(problems: list[str]) -> SignedCheckpoint | None:
    """The database's latest checkpoint if its signature and root hold; a published file newer
    than it means checkpoints were removed from the database."""
    stored = checkpoint_signed()
    published = publication.published_numbers()
    if published and (stored is None or published[-1] > stored.number):
        problems.append(
            _(
                "checkpoint %(published)d is published but the database's latest is "
                "%(stored)s: checkpoints were removed"
            )
            % {"published": published[-1], "stored": stored.number if stored else "-"}
        )
    if stored is None:
        return None
    try:
        checkpoints.check(stored)
    except CheckpointFileError as error:
        problems.append(str(error))
        return None
    return stored


def log_verify() -> LogReport:
    """Recompute every chain and compare the log with the latest checkpoint."""
    started = time.perf_counter()
    problems: list[str] = []
    chains = {report.stream: report for report in verify_all()}
    checkpoint = _latest_checkpoint(problems)
    recorded = {head.name: head for head in checkpoint.heads} if checkpoint else {}
    findings = (
        {finding.stream: finding for finding in compare_with_checkpoint(checkpoint)}
        if checkpoint
        else {}
    )
    empty = log_is_empty()
    if empty and (checkpoint is not None or publication.published_numbers()):
        problems.append(_("the audit log is empty, but a checkpoint exists: it was emptied"))
    names = sorted(chains.keys() | recorded.keys() | findings.keys())
    rows = [
        StreamRow(name, chains.get(name), recorded.get(name), findings.get(name)) for name in names
    ]
    rows.sort(key=lambda row: (row.ok, row.name))  # broken streams first
    return LogReport(
        streams=rows,
        checkpoint=checkpoint,
        problems=problems,
        seconds=time.perf_counter() - started,
        empty=empty,
    )
