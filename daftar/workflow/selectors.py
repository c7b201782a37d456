"""Reads of workflow definitions: the state names every list's status filter shows, and the
workflows and versions the catalogue team's editor lists, reads and validates."""

from __future__ import annotations

import time

from django.conf import settings
from django.db.models import Prefetch

from daftar.workflow.models import Workflow, WorkflowAction, WorkflowState, WorkflowVersion
from daftar.workflow.validation import ActionSpec, Definition, StateSpec

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
    """The workflow versions a service may be set to follow: published ones only (never a
    draft), newest first within each workflow (the catalogue's service editor offers them)."""
    return list(workflow_versions_published())


def workflows_for_editor() -> list[Workflow]:
    """Every workflow with its versions (newest first), for the catalogue team's list: two
    queries whatever the number of workflows."""
    return list(
        Workflow.objects.order_by("code").prefetch_related(
            Prefetch("versions", queryset=WorkflowVersion.objects.order_by("-version"))
        )
    )


def workflow_by_code(code: str) -> Workflow | None:
    return Workflow.objects.filter(code=code).first()


def workflow_version_get(code: str, number: int) -> WorkflowVersion | None:
    """Version `number` of workflow `code`, or None."""
    return (
        WorkflowVersion.objects.select_related("workflow")
        .filter(workflow__code=code, version=number)
        .first()
    )


def workflow_versions_published():
    """The published versions a service may point at (drafts never): for the catalogue's
    service editor."""
    return (
        WorkflowVersion.objects.filter(published_at__isnull=False)
        .select_related("workflow")
        .order_by("workflow__code", "-version")
    )


def version_states(version) -> list[WorkflowState]:
    return list(version.states.order_by("pk"))


def version_definition(version: WorkflowVersion) -> Definition:
    """The rows of `version` as the pure `Definition` that validation and the diagram read
    (two queries)."""
    states = version_states(version)
    by_pk = {state.pk: state.code for state in states}
    actions = WorkflowAction.objects.filter(version=version).order_by("pk")
    return Definition(
        states=tuple(
            StateSpec(
                code=s.code,
                name_fa=s.name_fa,
                name_en=s.name_en,
                sla_days=s.sla_days,
                is_start=s.is_start,
                is_terminal=s.is_terminal,
                department=s.department,
                parallel_departments=tuple(s.parallel_departments),
            )
            for s in states
        ),
        actions=tuple(
            ActionSpec(
                code=a.code,
                from_state=by_pk.get(a.from_state_id, ""),
                to_state=by_pk.get(a.to_state_id, ""),
                roles=tuple(a.roles),
                name_fa=a.name_fa,
                name_en=a.name_en,
                requires_reason=a.requires_reason,
            )
            for a in actions
        ),
    )


def version_action(version, state_code: str, action_code: str) -> WorkflowAction | None:
    """The action `action_code` leaving state `state_code` of `version`, or None."""
    return (
        WorkflowAction.objects.select_related("from_state", "to_state")
        .filter(version=version, from_state__code=state_code, code=action_code)
        .first()
    )


def version_state(version, code: str) -> WorkflowState | None:
    return WorkflowState.objects.filter(version=version, code=code).first()
