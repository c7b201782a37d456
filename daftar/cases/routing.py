"""Which department handles a file in a state (issue 17, ADR 0025).

A workflow state may name the department that handles files in it (`WorkflowState.department`,
a department code: workflows sit below the catalogue); empty means the department of the
file's service. The file's `department` is the department handling it *now*: its queue, its
reviewers' right to act and see it, and its escalations follow it, so a file can pass urban
planning, then fire safety, in sequence. A reviewer assigned within one department is no longer
assigned once the file moves to another.
"""

from __future__ import annotations

from daftar.catalogue.models import Department
from daftar.catalogue.selectors import department_by_code
from daftar.workflow.models import WorkflowState


def state_department(state: WorkflowState, service) -> Department:
    """The department that handles files of `service` in `state`: the state's, if it names
    one that exists, else the service's."""
    if state.department:
        named = department_by_code(state.department)
        if named is not None:
            return named
    return service.department


def department_on_entering(file, state: WorkflowState) -> Department | None:
    """The department `file` passes to on entering `state`, or None if it stays where it is
    (no query for a workflow whose states name no department)."""
    if not state.department and file.department_id == file.service.department_id:
        return None
    department = state_department(state, file.service)
    return department if department.pk != file.department_id else None
