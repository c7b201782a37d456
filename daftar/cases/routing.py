"""Which department handles a file in a state (issue 17, ADR 0025).

A workflow state may name the department that handles files in it (`WorkflowState.department`,
a department code: workflows sit below the catalogue); empty means the department of the
file's service. The file's `department` is the department handling it *now*: its queue, its
reviewers' right to act and see it, and its escalations follow it, so a file can pass urban
planning, then fire safety, in sequence. A reviewer assigned within one department is no longer
assigned once the file moves to another.

A state may also ask several departments to sign off a file in parallel
(`WorkflowState.parallel_departments`): each gets a pending `FileSignOff` when the file enters
it, sees the file in its queue and may act on it; an action without a reason is that
department's sign-off, and the file moves along it when the last department signs; an action
with a reason (a refusal, a correction) moves it at once.

A department the file leaves (handed on in sequence, or one of the parallel sign-off's) keeps a
`FileHandover` row: its reviewers can still find the file ("handled by us") and read it, but no
longer act on it (ADR 0031).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.cases.error_codes import CasesErrorCode
from daftar.cases.models import FileHandover, FileSignOff
from daftar.catalogue.models import Department
from daftar.catalogue.selectors import department_by_code, department_of_user, departments_by_codes
from daftar.core.actors import Actor
from daftar.core.errors import Conflict
from daftar.core.numbers import join_list
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


# --- parallel sign-off ----------------------------------------------------------------------


def handed_over(file, department_ids) -> None:
    """Record that the departments `department_ids` handled `file` and passed it on (once per
    file and department: a second pass through the same department keeps the first row)."""
    now = timezone.now()
    FileHandover.objects.bulk_create(
        [FileHandover(file=file, department_id=pk, handed_at=now) for pk in department_ids],
        ignore_conflicts=True,
    )


def sign_offs_reset(file, previous: WorkflowState, entering: WorkflowState) -> None:
    """On a move from `previous` to `entering`: forget the sign-offs of the state left (its
    departments keep a handover: they handled the file), and open one pending sign-off per
    department `entering` asks in parallel (no query unless one of the two states is reviewed
    in parallel)."""
    if previous.parallel_departments:
        signed = FileSignOff.objects.filter(file=file)
        handed_over(file, list(signed.values_list("department_id", flat=True)))
        signed.delete()
    if entering.parallel_departments:
        FileSignOff.objects.bulk_create(
            FileSignOff(file=file, department=department)
            for department in departments_by_codes(entering.parallel_departments)
        )


def sign_off(file, actor: Actor) -> list[FileSignOff] | None:
    """Record the sign-off of the actor's department on `file` (in a state reviewed in
    parallel) and return the sign-offs still pending; None if the state asks none (no
    department named exists): the file moves at once. Refused (Conflict) if the actor's
    department has no pending sign-off here."""
    rows = list(FileSignOff.objects.filter(file=file).select_related("department"))
    if not rows:
        return None
    department = department_of_user(actor.user) if actor.user else None
    mine = next(
        (r for r in rows if department and r.department_id == department.pk and not r.signed_at),
        None,
    )
    pending = [r for r in rows if not r.signed_at and r is not mine]
    if mine is None:
        raise Conflict(
            _("The file waits for the sign-off of %(departments)s before it can move on."),
            code=CasesErrorCode.SIGN_OFF_PENDING,
            params={"departments": join_list(r.department.name for r in pending)},
        )
    mine.signed_at = timezone.now()
    mine.signed_by = actor.user
    mine.save(update_fields=["signed_at", "signed_by"])
    return pending


def pending_sign_offs_of(department) -> QuerySet:
    """The ids of the files waiting for `department`'s sign-off (a subquery)."""
    return FileSignOff.objects.filter(department=department, signed_at__isnull=True).values(
        "file_id"
    )


def files_handled_by(department) -> QuerySet:
    """The ids of the files `department` handled and passed on (a subquery)."""
    return FileHandover.objects.filter(department=department).values("file_id")
