"""The workflow engine's rules, for any subject that has a state in a workflow version.

It knows workflow definitions only: which action leaves a state, whether an actor acting
under some scopes (roles held *for this subject*, which the owning app works out) may take it,
whether a reason is required, and when the state reached falls due. It never imports the
subject's model: the owning app (cases, for files) locks the subject's row, applies the move to
its own fields and writes its own timeline and audit entry (ADR 0013).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from daftar.core.calendar import add_working_days
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.workflow.error_codes import WorkflowErrorCode
from daftar.workflow.models import WorkflowAction, WorkflowState

M = TypeVar("M", bound=models.Model)


def lock_row(model: type[M], pk: int, *related: str) -> M:
    """Lock the row `pk` of `model`, then read it afresh with `related` joined.

    The lock is taken on the bare row: locking through joins would make PostgreSQL re-check
    the joined rows of a row another transaction just moved, and miss it.
    """
    model._default_manager.select_for_update().filter(pk=pk).values_list("pk", flat=True).get()
    return model._default_manager.select_related(*related).get(pk=pk)


def actions_open_to(state: WorkflowState, scopes: Iterable[str]) -> list[WorkflowAction]:
    """The actions leaving `state` that an actor acting under `scopes` may take."""
    allowed = set(scopes)
    actions = WorkflowAction.objects.filter(from_state=state).select_related("to_state")
    return [action for action in actions if allowed & set(action.roles)]


def transition_check(
    *, version_id: int, state: WorkflowState, action: str, scopes: Iterable[str], reason: str
) -> WorkflowAction:
    """The action `action` out of `state`, if an actor acting under `scopes` may take it now
    with `reason`; otherwise the refusal (Conflict, Forbidden or InvalidInput)."""
    step = (
        WorkflowAction.objects.select_related("to_state", "from_state")
        .filter(version_id=version_id, from_state=state, code=action)
        .first()
    )
    if step is None:
        raise Conflict(
            _("«%(action)s» is not possible while the file is «%(state)s»."),
            code=WorkflowErrorCode.ACTION_NOT_ALLOWED,
            params={"action": action, "state": state.name},
        )
    if not set(scopes) & set(step.roles):
        raise Forbidden(
            _("You may not take this action on this file."), code=WorkflowErrorCode.NOT_YOUR_FILE
        )
    if step.requires_reason and not reason.strip():
        raise InvalidInput(
            _("Give a reason for «%(action)s»."),
            code=WorkflowErrorCode.REASON_REQUIRED,
            field="reason",
            params={"action": step.name},
        )
    return step


def state_due_at(state: WorkflowState, entered_at: datetime.datetime) -> datetime.datetime | None:
    """When a subject that entered `state` at `entered_at` falls due there (None: no SLA)."""
    return add_working_days(entered_at, state.sla_days) if state.sla_days else None
