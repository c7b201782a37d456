"""The engine's rules work on definitions alone: the caller brings the state and the actor's
scopes for its subject (cases brings a file's)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from daftar.core.calendar import add_working_days
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.workflow.definitions import workflow_install
from daftar.workflow.engine import actions_open_to, state_due_at, transition_check
from daftar.workflow.models import WorkflowState
from daftar.workflow.selectors import start_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def permit():
    return workflow_install("permit")


def _state(version, code: str) -> WorkflowState:
    return version.states.get(code=code)


def test_an_action_that_leaves_the_state_is_granted_to_a_scope_among_its_roles(permit):
    step = transition_check(
        version_id=permit.pk,
        state=start_state(permit.pk),
        action="submit",
        scopes={"citizen"},
        reason="",
    )
    assert (step.from_state.code, step.to_state.code) == ("draft", "submitted")


def test_an_action_that_does_not_leave_the_state_is_a_conflict(permit):
    with pytest.raises(Conflict) as refused:
        transition_check(
            version_id=permit.pk,
            state=start_state(permit.pk),
            action="approve",
            scopes={"department_reviewer"},
            reason="",
        )
    assert refused.value.code == "action_not_allowed"


def test_an_actor_without_one_of_the_roles_is_forbidden(permit):
    with pytest.raises(Forbidden) as refused:
        transition_check(
            version_id=permit.pk,
            state=start_state(permit.pk),
            action="submit",
            scopes={"department_reviewer"},
            reason="",
        )
    assert refused.value.code == "not_your_file"


def test_an_action_that_requires_a_reason_refuses_a_blank_one(permit):
    with pytest.raises(InvalidInput) as refused:
        transition_check(
            version_id=permit.pk,
            state=_state(permit, "in_review"),
            action="reject",
            scopes={"department_reviewer"},
            reason="   ",
        )
    assert (refused.value.code, refused.value.field) == ("reason_required", "reason")


def test_the_actions_open_to_a_scope_are_those_naming_it(permit):
    review = _state(permit, "in_review")
    reviewer = {action.code for action in actions_open_to(review, {"department_reviewer"})}
    assert "reject" in reviewer
    assert actions_open_to(review, {"citizen"}) == []


def test_a_state_falls_due_after_its_sla_in_working_days_and_one_without_never(permit):
    entered = timezone.now()
    review = _state(permit, "in_review")
    assert state_due_at(review, entered) == add_working_days(entered, review.sla_days)
    assert state_due_at(start_state(permit.pk), entered) is None
