"""The SLA sweep: a file past its deadline — the one of its current status (`state_due_at`) or
its overall deadline (`due_at`, set at submission) — is marked and, if it waits in a
department, escalated to the department's head (who becomes the assignee), with a timeline
event and an audit entry.

Each file is marked in its own transaction, so one file that fails is logged, counted and
left for the next run without stopping the others; a file already marked is skipped (the
mark is re-read under the row lock), so running the sweep twice, or two sweeps at once, marks
and escalates a file once. The mark belongs to the status: the workflow engine clears it when
the file moves, and a file still past its overall deadline is marked again in its new status.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Literal

from django.utils import timezone

from daftar.audit.services import audit_nothing_changed, audit_record, audited
from daftar.cases.choices import EventKind
from daftar.cases.models import File
from daftar.cases.services.workflow import file_stream, lock_file, record_event
from daftar.catalogue.selectors import department_head
from daftar.core.actors import Actor

logger = logging.getLogger(__name__)

Outcome = Literal["marked", "escalated"]


@dataclass(frozen=True, slots=True)
class SlaSweepResult:
    """What one run did: files marked (escalated ones included), escalated, failed."""

    marked: int = 0
    escalated: int = 0
    failed: int = 0


def sla_due_files(*, now: datetime.datetime, limit: int) -> list[int]:
    """Open, unmarked files past either deadline, the longest overdue first.

    Two queries, each read from its own partial index (`file_due_idx`, `file_overdue_idx`),
    rather than one OR that neither index serves."""
    unmarked = File.objects.filter(breached_at__isnull=True, closed_at__isnull=True)
    state = unmarked.filter(state_due_at__lt=now).order_by("state_due_at", "pk")
    overall = unmarked.filter(due_at__lt=now).order_by("due_at", "pk")
    earliest: dict[int, datetime.datetime] = {}
    for rows in (
        state.values_list("pk", "state_due_at")[:limit],
        overall.values_list("pk", "due_at")[:limit],
    ):
        for pk, deadline in rows:
            earliest[pk] = min(deadline, earliest.get(pk, deadline))
    return sorted(earliest, key=lambda pk: (earliest[pk], pk))[:limit]


def sla_sweep(*, now: datetime.datetime | None = None, limit: int = 5000) -> SlaSweepResult:
    """Mark and escalate the files past a deadline, at most `limit` per run (the rest wait
    for the next run, every ten minutes)."""
    now = now or timezone.now()
    due = sla_due_files(now=now, limit=limit)
    marked = escalated = failed = 0
    for pk in due:
        try:
            outcome = _breach(pk=pk, now=now)
        except Exception:  # one file must not stop the sweep; it stays due for the next run
            failed += 1
            logger.exception(
                "SLA sweep: file id %s could not be marked; it is left for the next run", pk
            )
            continue
        if outcome is not None:
            marked += 1
            escalated += outcome == "escalated"
    if failed:
        logger.error("SLA sweep: %d of %d files due could not be marked", failed, len(due))
    return SlaSweepResult(marked=marked, escalated=escalated, failed=failed)


def _missed(file: File, now: datetime.datetime) -> list[str]:
    missed = []
    if file.state_due_at is not None and file.state_due_at < now:
        missed.append("state")
    if file.due_at is not None and file.due_at < now:
        missed.append("overall")
    return missed


@audited
def _breach(*, pk: int, now: datetime.datetime) -> Outcome | None:
    file = lock_file(pk, "state", "department", "office")
    missed = _missed(file, now)
    if file.breached_at is not None or file.closed_at is not None or not missed:
        audit_nothing_changed()  # marked by another run meanwhile, closed, or moved on
        return None
    head = department_head(file.department)
    file.breached_at = now
    if file.state.in_department and head is not None:
        file.escalated_at = now
        file.assignee = head.user
    file.save(update_fields=["breached_at", "escalated_at", "assignee", "updated_at"])
    record_event(
        file,
        actor=Actor.system("sla"),
        kind=EventKind.OVERDUE if "overall" in missed else EventKind.SLA_BREACH,
        action=file.state.code,
        public=True,
    )
    if file.escalated_at:
        record_event(
            file,
            actor=Actor.system("sla"),
            kind=EventKind.ESCALATION,
            action=head.user.get_username(),
            public=False,
        )
    audit_record(
        actor=Actor.system("sla"),
        action="file.sla_breached",
        stream=file_stream(file),
        obj=file,
        after={
            "state": file.state.code,
            "missed": missed,
            "escalated_to": head.user.get_username() if file.escalated_at else None,
        },
    )
    return "escalated" if file.escalated_at else "marked"
