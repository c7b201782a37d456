"""Assigning a file to one reviewer of the department handling it (issue 17, ADR 0025).

The head of that department assigns (or unassigns) a file waiting in the department's queue;
the reviewer's inbox can then show "assigned to me". The whole department still sees the file
and may act on it (the assignment is who is expected to, not a lock): a reviewer away does not
block a file. When the file passes to another department the assignment ends (`_move`); when
the reviewer is deactivated or leaves the department, their open files return to the department's
shared queue (`files_return_to_queue`, registered with `core.staffing`, ADR 0031).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.cases.choices import EventKind
from daftar.cases.error_codes import CasesErrorCode
from daftar.cases.models import File
from daftar.cases.services.workflow import file_stream, lock_file, record_event
from daftar.catalogue.selectors import department_head, department_reviewers
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.staffing import Departure, on_staff_departure


def may_assign(user, file: File) -> bool:
    """`user` heads the department handling `file`."""
    head = department_head(file.department)
    return head is not None and user is not None and head.user_id == user.pk


@audited
def file_assign(*, actor: Actor, file: File, reviewer) -> File:
    """Assign `file` to `reviewer` (a reviewer of the department handling it), or unassign it
    (`reviewer` None). Only that department's head does this, while the file waits there."""
    file = lock_file(file, "state", "department", "office", "assignee")
    if not may_assign(actor.user, file):
        raise Forbidden(
            _("Only the head of the department handling the file assigns it."),
            code=CasesErrorCode.NOT_DEPARTMENT_HEAD,
        )
    if not file.in_department:
        raise Conflict(
            _("The file is not waiting in a department, so it cannot be assigned."),
            code=CasesErrorCode.FILE_NOT_IN_DEPARTMENT,
        )
    if reviewer is not None and reviewer.pk not in {
        user.pk for user in department_reviewers(file.department)
    }:
        raise InvalidInput(
            _("The person is not a reviewer of the department handling the file."),
            code=CasesErrorCode.NOT_A_REVIEWER_HERE,
            field="reviewer",
        )
    before = file.assignee.get_username() if file.assignee else None
    file.assignee = reviewer
    file.save(update_fields=["assignee", "updated_at"])
    after = reviewer.get_username() if reviewer else None
    record_event(
        file,
        actor=actor,
        kind=EventKind.NOTE,
        action="assign" if reviewer else "unassign",
        reason=(reviewer.get_full_name() or after) if reviewer else "",
        public=False,
    )
    audit_record(
        actor=actor,
        action="file.assign",
        stream=file_stream(file),
        obj=file,
        summary=f"{file.tracking_code}: assigned to {after or 'nobody'}",
        before={"assignee": before},
        after={"assignee": after},
    )
    return file


@on_staff_departure
def files_return_to_queue(*, actor: Actor, departure: Departure) -> int:
    """The open files assigned to a reviewer who left (deactivated, or no longer reviewing for
    the department handling them) return to their department's shared queue, unassigned: each
    gets a staff timeline note saying why and an audit entry in its stream. Called by the people
    services inside their transaction (`core.staffing`, ADR 0031); how many files returned."""
    user = departure.user
    files = (
        File.objects.select_for_update(of=("self",))  # the office is an outer join
        .filter(assignee=user, closed_at__isnull=True)
        .select_related("office", "department")
        .order_by("pk")
    )
    if departure.kept_department_id is not None and not departure.deactivated:
        files = files.exclude(department_id=departure.kept_department_id)
    files = list(files)
    if not files:
        return 0
    reason = user.get_full_name() or user.get_username()
    action = "unassign_deactivated" if departure.deactivated else "unassign_left"
    why = "account deactivated" if departure.deactivated else "no longer reviews for the department"
    for file in files:
        file.assignee = None
        file.save(update_fields=["assignee", "updated_at"])
        record_event(
            file, actor=actor, kind=EventKind.NOTE, action=action, reason=reason, public=False
        )
        audit_record(
            actor=actor,
            action="file.unassign",
            stream=file_stream(file),
            obj=file,
            summary=f"{file.tracking_code}: returned to {file.department.code}'s queue "
            f"({user.get_username()}: {why})",
            before={"assignee": user.get_username()},
            after={"assignee": None, "why": why},
        )
    return len(files)
