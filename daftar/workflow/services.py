"""Writes of the workflow editor: the catalogue team drafts a workflow version, edits its states
and actions, and publishes it (ADR 0025).

A draft is edited freely; publishing validates it (`validation.workflow_validate`) and, if it
holds, stamps it published — from then on it is immutable: services may point at it and files
started in it keep it (`File.workflow_version`), so publishing version 2 never moves a file on
version 1. Each write checks the actor's right itself (`permissions.can_edit_workflows`), runs
in one transaction and writes its audit entry (the city stream) in it.
"""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.workflow.departments import department_choices
from daftar.workflow.error_codes import WorkflowErrorCode
from daftar.workflow.models import Workflow, WorkflowAction, WorkflowState, WorkflowVersion
from daftar.workflow.permissions import can_edit_workflows
from daftar.workflow.selectors import version_definition
from daftar.workflow.validation import ACTING_ROLES, workflow_validate

STATE_FIELDS = (
    "code",
    "name_fa",
    "name_en",
    "sla_days",
    "is_start",
    "is_terminal",
    "citizen_editable",
    "in_department",
    "awaiting_payment",
    "department",
    "parallel_departments",
)
ACTION_FIELDS = ("code", "name_fa", "name_en", "roles", "requires_reason", "done_fa", "done_en")


def _check_editor(actor: Actor) -> None:
    if not can_edit_workflows(actor.user):
        raise Forbidden(
            _("Only the catalogue team edits and publishes workflows."),
            code=WorkflowErrorCode.WORKFLOW_NOT_CATALOGUE_ADMIN,
        )


def _check_draft(version: WorkflowVersion) -> None:
    if not version.is_draft:
        raise Conflict(
            _("Version %(number)s is published and cannot be changed; make a new draft of it."),
            code=WorkflowErrorCode.WORKFLOW_NOT_A_DRAFT,
            params={"number": version.version},
        )


def _lock_draft(version: WorkflowVersion) -> WorkflowVersion:
    """The version's row locked (so an edit and the publication of one draft serialise) and
    refused unless it is still a draft."""
    version = (
        WorkflowVersion.objects.select_for_update().select_related("workflow").get(pk=version.pk)
    )
    _check_draft(version)
    return version


def _next_number(workflow: Workflow) -> int:
    return (workflow.versions.aggregate(m=Max("version"))["m"] or 0) + 1


def _summary(version: WorkflowVersion) -> str:
    return f"{version.workflow.code} v{version.version}"


@audited
def workflow_create(*, actor: Actor, code: str, name_fa: str, name_en: str) -> WorkflowVersion:
    """A new workflow and its first, empty draft (version 1)."""
    _check_editor(actor)
    if Workflow.objects.filter(code=code).exists():
        raise InvalidInput(
            _("A workflow with the code «%(code)s» already exists."),
            code=WorkflowErrorCode.WORKFLOW_DUPLICATE_CODE,
            field="code",
            params={"code": code},
        )
    workflow = Workflow.objects.create(code=code, name_fa=name_fa, name_en=name_en)
    version = WorkflowVersion.objects.create(workflow=workflow, version=1)
    audit_record(
        actor=actor,
        action="workflow.create",
        obj=version,
        summary=f"workflow {code} created with an empty draft v1",
        after={"code": code, "name_fa": name_fa, "name_en": name_en},
    )
    return version


@audited
def workflow_draft_create(
    *, actor: Actor, workflow: Workflow, source: WorkflowVersion | None = None
) -> WorkflowVersion:
    """A new draft of `workflow`: a copy of `source` (a version of it), or empty. One draft per
    workflow at a time."""
    _check_editor(actor)
    workflow = Workflow.objects.select_for_update().get(pk=workflow.pk)
    if workflow.versions.filter(published_at__isnull=True).exists():
        raise Conflict(
            _("The workflow already has a draft; edit that draft or publish it first."),
            code=WorkflowErrorCode.WORKFLOW_DRAFT_EXISTS,
        )
    draft = WorkflowVersion.objects.create(workflow=workflow, version=_next_number(workflow))
    if source is not None and source.workflow_id == workflow.pk:
        copies = {}
        for state in source.states.order_by("pk"):
            copies[state.pk] = WorkflowState.objects.create(
                version=draft, **{name: getattr(state, name) for name in STATE_FIELDS}
            )
        for action in source.actions.order_by("pk"):
            WorkflowAction.objects.create(
                version=draft,
                from_state=copies[action.from_state_id],
                to_state=copies[action.to_state_id],
                **{name: getattr(action, name) for name in ACTION_FIELDS},
            )
    audit_record(
        actor=actor,
        action="workflow.draft",
        obj=draft,
        summary=f"draft {_summary(draft)}"
        + (f" copied from v{source.version}" if source is not None else " (empty)"),
    )
    return draft


def _check_department(code: str, field: str = "department") -> None:
    if code and code not in {known for known, _name in department_choices()}:
        raise InvalidInput(
            _("No department has the code «%(code)s»."),
            code=WorkflowErrorCode.WORKFLOW_UNKNOWN_DEPARTMENT,
            field=field,
            params={"code": code},
        )


@audited
def workflow_state_save(
    *, actor: Actor, version: WorkflowVersion, state: WorkflowState | None = None, **fields
) -> WorkflowState:
    """Add a state to the draft `version` (state None) or change one of its states. Marking a
    state as the start moves the start there."""
    _check_editor(actor)
    version = _lock_draft(version)
    if state is not None and state.version_id != version.pk:
        raise Conflict(
            _("The state is not part of this draft."), code=WorkflowErrorCode.WORKFLOW_NOT_A_DRAFT
        )
    unknown = set(fields) - set(STATE_FIELDS)
    if unknown:
        raise TypeError(f"unknown state fields: {sorted(unknown)}")
    _check_department(fields.get("department", ""))
    for code in fields.get("parallel_departments", []):
        _check_department(code, field="parallel_departments")
    code = fields.get("code", state.code if state else "")
    twin = version.states.filter(code=code)
    if state is not None:
        twin = twin.exclude(pk=state.pk)
    if twin.exists():
        raise InvalidInput(
            _("Another state of this draft has the code «%(code)s»."),
            code=WorkflowErrorCode.WORKFLOW_DUPLICATE_CODE,
            field="code",
            params={"code": code},
        )
    before = {name: getattr(state, name) for name in STATE_FIELDS} if state else None
    if fields.get("is_start"):
        moved = version.states.filter(is_start=True)
        if state is not None:
            moved = moved.exclude(pk=state.pk)
        moved.update(is_start=False)
    if state is None:
        state = WorkflowState.objects.create(version=version, **fields)
    else:
        for name, value in fields.items():
            setattr(state, name, value)
        state.save()
    audit_record(
        actor=actor,
        action="workflow.state_save",
        obj=state,
        summary=f"{_summary(version)}: state {state.code} " + ("changed" if before else "added"),
        before=before,
        after={name: getattr(state, name) for name in STATE_FIELDS},
    )
    return state


@audited
def workflow_state_delete(*, actor: Actor, state: WorkflowState) -> None:
    """Remove a state from its draft; refused while an action leads to or from it."""
    _check_editor(actor)
    version = _lock_draft(state.version)
    if WorkflowAction.objects.filter(version=version, from_state=state).exists() or (
        WorkflowAction.objects.filter(version=version, to_state=state).exists()
    ):
        raise Conflict(
            _("Actions still lead to or from «%(state)s»; remove or redirect them first."),
            code=WorkflowErrorCode.WORKFLOW_STATE_IN_USE,
            params={"state": state.name},
        )
    before = {name: getattr(state, name) for name in STATE_FIELDS}
    audit_record(
        actor=actor,
        action="workflow.state_delete",
        obj=state,
        summary=f"{_summary(version)}: state {state.code} removed",
        before=before,
    )
    state.delete()


def _check_roles(roles: list[str]) -> None:
    unknown = [role for role in roles if role not in ACTING_ROLES]
    if unknown:
        raise InvalidInput(
            _("«%(role)s» is not a role that can act on files."),
            code=WorkflowErrorCode.WORKFLOW_INVALID,
            field="roles",
            params={"role": unknown[0]},
        )


@audited
def workflow_action_save(
    *,
    actor: Actor,
    version: WorkflowVersion,
    from_state: WorkflowState,
    to_state: WorkflowState,
    action: WorkflowAction | None = None,
    **fields,
) -> WorkflowAction:
    """Add an action to the draft `version` (action None) or change one of its actions."""
    _check_editor(actor)
    version = _lock_draft(version)
    if {from_state.version_id, to_state.version_id} != {version.pk} or (
        action is not None and action.version_id != version.pk
    ):
        raise Conflict(
            _("The action and its states must belong to this draft."),
            code=WorkflowErrorCode.WORKFLOW_NOT_A_DRAFT,
        )
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown action fields: {sorted(unknown)}")
    _check_roles(list(fields.get("roles", [])))
    code = fields.get("code", action.code if action else "")
    twin = WorkflowAction.objects.filter(version=version, from_state=from_state, code=code)
    if action is not None:
        twin = twin.exclude(pk=action.pk)
    if twin.exists():
        raise InvalidInput(
            _("Another action leaving «%(state)s» has the code «%(code)s»."),
            code=WorkflowErrorCode.WORKFLOW_DUPLICATE_CODE,
            field="code",
            params={"state": from_state.name, "code": code},
        )

    def snapshot(a: WorkflowAction) -> dict:
        return {
            **{name: getattr(a, name) for name in ACTION_FIELDS},
            "from": a.from_state.code,
            "to": a.to_state.code,
        }

    before = snapshot(action) if action else None
    if action is None:
        action = WorkflowAction.objects.create(
            version=version, from_state=from_state, to_state=to_state, **fields
        )
    else:
        for name, value in fields.items():
            setattr(action, name, value)
        action.from_state, action.to_state = from_state, to_state
        action.save()
    audit_record(
        actor=actor,
        action="workflow.action_save",
        obj=action,
        summary=f"{_summary(version)}: action {from_state.code} --{action.code}--> "
        f"{to_state.code} " + ("changed" if before else "added"),
        before=before,
        after=snapshot(action),
    )
    return action


@audited
def workflow_action_delete(*, actor: Actor, action: WorkflowAction) -> None:
    _check_editor(actor)
    version = _lock_draft(action.version)
    audit_record(
        actor=actor,
        action="workflow.action_delete",
        obj=action,
        summary=f"{_summary(version)}: action {action.from_state.code} --{action.code}--> "
        f"{action.to_state.code} removed",
        before={name: getattr(action, name) for name in ACTION_FIELDS},
    )
    action.delete()


@audited
def workflow_version_publish(*, actor: Actor, version: WorkflowVersion) -> WorkflowVersion:
    """Publish the draft `version`: refused, listing every problem, while it is not valid;
    once published it is immutable and services may use it."""
    _check_editor(actor)
    version = _lock_draft(version)
    problems = workflow_validate(version_definition(version))
    if problems:
        error = InvalidInput(
            _("The draft has %(count)s problems; fix them, then publish."),
            code=WorkflowErrorCode.WORKFLOW_INVALID,
            params={"count": len(problems)},
        )
        error.reasons = [problem.render() for problem in problems]
        raise error
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    audit_record(
        actor=actor,
        action="workflow.publish",
        obj=version,
        summary=f"{_summary(version)} published",
        after={
            "states": version.states.count(),
            "actions": version.actions.count(),
        },
    )
    return version
