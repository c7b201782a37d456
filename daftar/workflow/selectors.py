"""Reads of workflow definitions: the state names every list's status filter shows."""

from __future__ import annotations

import time

from django.conf import settings

from daftar.workflow.models import WorkflowAction, WorkflowState

_state_choices: tuple[float, list[tuple[str, str, str]]] | None = None


def workflow_state_choices() -> list[tuple[str, str, str]]:
    """(code, Persian name, English name) of every workflow state, for the status filter of
    the lists. Read once per process every WORKFLOW_STATE_CACHE_SECONDS (five minutes) —
    every list page shows it, and states change only with a new workflow version — and
    forgotten at once when a state is saved in this process (`forget_workflow_states`)."""
    global _state_choices
    now = time.monotonic()
    if _state_choices is None or now - _state_choices[0] >= settings.WORKFLOW_STATE_CACHE_SECONDS:
        rows = WorkflowState.objects.order_by().values_list("code", "name_fa", "name_en").distinct()
        _state_choices = (now, sorted(set(rows)))
    return _state_choices[1]


def forget_workflow_states(**_kwargs) -> None:
    global _state_choices
    _state_choices = None


def start_state(version_id: int) -> WorkflowState:
    """The state a subject of workflow version `version_id` starts in."""
    return WorkflowState.objects.get(version_id=version_id, is_start=True)


def actions_from(state: WorkflowState) -> list[WorkflowAction]:
    """Every action that leaves `state`, with its target state."""
    return list(WorkflowAction.objects.filter(from_state=state).select_related("to_state"))


def version_actions(version_id: int) -> list[WorkflowAction]:
    """Every action of workflow version `version_id`, with both its states (what a file's
    timeline needs to say what each recorded step did), in one query."""
    return list(
        WorkflowAction.objects.filter(version_id=version_id).select_related(
            "from_state", "to_state"
        )
    )


def workflow_versions_offered() -> list:
    """The workflow versions a service may be set to follow, newest first within each
    workflow (the catalogue's service editor offers them)."""
    from daftar.workflow.models import WorkflowVersion

    return list(
        WorkflowVersion.objects.select_related("workflow").order_by("workflow__code", "-version")
    )
