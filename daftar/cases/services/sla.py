"""The SLA sweep: files past their deadline in a status are marked and escalated to the head
of their department (who becomes the assignee), with a timeline event and an audit entry."""

from __future__ import annotations

import datetime

from django.utils import timezone

from daftar.audit.services import audit_record, audited
from daftar.cases.choices import EventKind
from daftar.cases.models import File
from daftar.cases.services.workflow import file_stream, lock_file, record_event
from daftar.catalogue.models import DepartmentMember


def sla_sweep(*, now: datetime.datetime | None = None, limit: int = 5000) -> int:
    now = now or timezone.now()
    due = list(
        File.objects.filter(state_due_at__lt=now, breached_at__isnull=True, closed_at__isnull=True)
        .order_by("state_due_at")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        _breach(pk=pk, now=now)
    return len(due)


@audited
def _breach(*, pk: int, now: datetime.datetime) -> None:
    file = lock_file(pk, "state", "department", "office")
    if file.breached_at is not None or file.closed_at is not None or file.state_due_at >= now:
        from daftar.audit.services import audit_nothing_changed

        audit_nothing_changed()
        return
    head = (
        DepartmentMember.objects.filter(department=file.department, is_head=True)
        .select_related("user")
        .first()
    )
    file.breached_at = now
    if file.state.in_department and head is not None:
        file.escalated_at = now
        file.assignee = head.user
    file.save(update_fields=["breached_at", "escalated_at", "assignee", "updated_at"])
    record_event(
        file, actor="system:sla", kind=EventKind.SLA_BREACH, action=file.state.code, public=True
    )
    if file.escalated_at:
        record_event(
            file,
            actor="system:sla",
            kind=EventKind.ESCALATION,
            action=head.user.get_username(),
            public=False,
        )
    audit_record(
        actor="system:sla",
        action="file.sla_breached",
        stream=file_stream(file),
        obj=file,
        after={
            "state": file.state.code,
            "escalated_to": head.user.get_username() if file.escalated_at else None,
        },
    )
