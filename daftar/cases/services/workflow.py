"""Files in their workflow: the one function that changes a file's status.

It locks the file row, asks the workflow engine (`daftar.workflow.engine`) whether the action
leaves the current state and whether the actor holds one of its roles *for this file* (the
operator's own office, the reviewer's own department, the citizen's own file: `actor_scopes`),
moves the file, writes the citizen-visible timeline event and the audit entry in the same
transaction, and queues the citizen's SMS for after commit. The lock and the timeline writer are
internal to cases: other apps move files through the public services (`services/money.py`).
"""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited, office_stream
from daftar.cases.choices import EventKind
from daftar.cases.models import File, FileEvent
from daftar.cases.outcomes import file_moved
from daftar.cases.permissions import actor_scopes, user_department
from daftar.cases.routing import department_on_entering, handed_over, sign_off, sign_offs_reset
from daftar.core.actors import Actor
from daftar.core.numbers import local_digits
from daftar.core.tracking import format_tracking_code
from daftar.notifications.services import sms_enqueue
from daftar.workflow.engine import actions_open_to, lock_row, state_due_at, transition_check
from daftar.workflow.models import WorkflowAction, WorkflowState


def file_stream(file: File) -> str:
    """Audit stream of a file: its office's, or its department's for remote files."""
    return (
        office_stream(file.office.code) if file.office_id else f"department:{file.department.code}"
    )


def lock_file(file: File | int, *related: str) -> File:
    """Lock the file's row, then read it afresh with `related` joined (`lock_row`)."""
    return lock_row(File, file if isinstance(file, int) else file.pk, *related)


def record_event(
    file: File,
    *,
    actor: Actor,
    kind: EventKind,
    action: str = "",
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    public: bool = True,
) -> FileEvent:
    return FileEvent.objects.create(
        file=file,
        at=timezone.now(),
        kind=kind,
        # The timeline names a person by their full name (the audit log by username).
        actor_label=((actor.user.get_full_name() if actor.user else "") or actor.label)[:150],
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        public=public,
    )


def _move(file: File, to: WorkflowState) -> None:
    now = timezone.now()
    sign_offs_reset(file, file.state, to)
    file.state = to
    file.in_department = to.in_department
    department = department_on_entering(file, to)
    if department is not None:
        # Routed on to another department (routing.py): its reviewers take the file over; the
        # department left may still read it (a handover, ADR 0031).
        handed_over(file, [file.department_id])
        file.department = department
        file.assignee = None
    file.state_entered_at = now
    file.state_due_at = state_due_at(to, now)
    file.breached_at = None
    file.escalated_at = None
    if to.is_terminal:
        file.closed_at = now
    file.save(
        update_fields=[
            "state",
            "in_department",
            "department",
            "assignee",
            "state_entered_at",
            "state_due_at",
            "breached_at",
            "escalated_at",
            "closed_at",
            "updated_at",
        ]
    )


def notify_citizen(file: File, message: str) -> None:
    with translation.override("fa"):
        body = str(_("Daftar — file %(code)s: %(message)s")) % {
            "code": local_digits(format_tracking_code(file.tracking_code), "fa"),
            "message": message,
        }
    # The citizen's registered mobile now, not the one on file when it was opened: once the
    # holder of a national code takes it back from a wrong mobile (ADR 0006), nothing more about
    # their files reaches that number.
    sms_enqueue(to=file.citizen.mobile or file.citizen_mobile, body=body, purpose="file_update")


def available_actions(file: File, actor: Actor) -> list[WorkflowAction]:
    return actions_open_to(file.state, actor_scopes(actor, file))


@audited
def file_apply_action(
    *, actor: Actor, file: File, action: str, reason: str = "", locked: bool = False
) -> File:
    """Apply `action` to the file: the one place a file's status changes.

    `locked=True` is for services that already hold the file's row lock in this transaction
    and read it with its state, office, department, service and citizen (`file_submit`): the lock
    and the read are not repeated.
    """
    if not locked:
        file = lock_file(file, "state", "office", "department", "service", "citizen")
    step = transition_check(
        version_id=file.workflow_version_id,
        state=file.state,
        action=action,
        scopes=actor_scopes(actor, file),
        reason=reason,
    )
    before = file.state.code
    if file.state.parallel_departments and not step.requires_reason:
        pending = sign_off(file, actor)
        if pending:  # signed; the file waits for the other departments
            return _signed_off(file, actor, step, pending)
    _move(file, step.to_state)
    record_event(
        file,
        actor=actor,
        kind=EventKind.ACTION,
        action=step.code,
        from_state=before,
        to_state=step.to_state.code,
        reason=reason.strip(),
    )
    audit_record(
        actor=actor,
        action=f"file.{step.code}",
        stream=file_stream(file),
        obj=file,
        summary=f"{file.tracking_code}: {before} → {step.to_state.code}",
        before={"state": before},
        after={"state": step.to_state.code, "reason": reason.strip()[:200]},
    )
    notify_citizen(file, step.to_state.name_fa)
    # Higher apps act on approvals and payments (outcomes.py). An "approve" that hands the file
    # on to another department's review (routing.py) is not the file's approval yet.
    if not (step.code == "approve" and step.to_state.in_department):
        file_moved(file.pk, step.code)
    return file


def _signed_off(file: File, actor: Actor, step: WorkflowAction, pending: list) -> File:
    """One department signed off a file reviewed in parallel; others still have to."""
    department = user_department(actor.user)
    record_event(
        file,
        actor=actor,
        kind=EventKind.NOTE,
        action="sign_off",
        from_state=file.state.code,
        to_state=file.state.code,
        reason=department.name,
    )
    audit_record(
        actor=actor,
        action="file.sign_off",
        stream=file_stream(file),
        obj=file,
        summary=f"{file.tracking_code}: {department.code} signed off ({step.code}); "
        f"waiting for {', '.join(p.department.code for p in pending)}",
        after={"department": department.code, "pending": [p.department.code for p in pending]},
    )
    return file
