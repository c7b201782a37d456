"""`workflow_validate` is a pure function of a definition: every rule on small hand-made
definitions, the standard workflows pass, and random graphs agree with a brute-force check."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from daftar.workflow.definitions import DEFINITIONS
from daftar.workflow.validation import (
    ActionSpec,
    Definition,
    ProblemCode,
    StateSpec,
    workflow_validate,
)

START = StateSpec("draft", "پیش‌نویس", "Draft", is_start=True)
REVIEW = StateSpec("review", "بررسی", "Review", sla_days=5)
DONE = StateSpec("done", "پایان", "Done", is_terminal=True)
SUBMIT = ActionSpec("submit", "draft", "review", ("citizen",), "ثبت", "Submit")
FINISH = ActionSpec("finish", "review", "done", ("department_reviewer",), "پایان", "Finish")
GOOD = Definition(states=(START, REVIEW, DONE), actions=(SUBMIT, FINISH))


def codes(definition: Definition) -> list[str]:
    return [problem.code for problem in workflow_validate(definition)]


def test_a_straight_line_from_start_to_terminal_is_valid():
    assert workflow_validate(GOOD) == []


@pytest.mark.parametrize("code", sorted(DEFINITIONS))
def test_every_standard_workflow_is_valid(code):
    assert workflow_validate(Definition.from_standard(DEFINITIONS[code])) == []


def test_a_workflow_without_a_start_state_is_refused():
    definition = replace(GOOD, states=(replace(START, is_start=False), REVIEW, DONE))
    assert ProblemCode.NO_START in codes(definition)


def test_two_start_states_are_refused():
    definition = replace(GOOD, states=(START, replace(REVIEW, is_start=True), DONE))
    assert ProblemCode.MANY_STARTS in codes(definition)


def test_a_workflow_without_a_terminal_state_is_refused():
    definition = replace(GOOD, states=(START, REVIEW, replace(DONE, is_terminal=False)))
    assert ProblemCode.NO_TERMINAL in codes(definition)


def test_a_state_no_action_leads_to_is_unreachable():
    orphan = StateSpec("orphan", "یتیم", "Orphan", is_terminal=True)
    problems = workflow_validate(replace(GOOD, states=(*GOOD.states, orphan)))
    assert [(p.code, p.state) for p in problems] == [(ProblemCode.UNREACHABLE, "orphan")]


def test_a_state_that_cannot_reach_a_terminal_state_is_stuck():
    loop = StateSpec("loop", "حلقه", "Loop")
    actions = (
        *GOOD.actions,
        ActionSpec("park", "review", "loop", ("department_reviewer",)),
        ActionSpec("again", "loop", "loop", ("department_reviewer",)),
    )
    problems = workflow_validate(Definition(states=(*GOOD.states, loop), actions=actions))
    assert [(p.code, p.state) for p in problems] == [(ProblemCode.STUCK, "loop")]


def test_an_action_out_of_a_terminal_state_is_refused():
    reopen = ActionSpec("reopen", "done", "review", ("department_reviewer",))
    assert codes(replace(GOOD, actions=(*GOOD.actions, reopen))) == [
        ProblemCode.ACTION_FROM_TERMINAL
    ]


def test_an_action_without_a_role_is_refused():
    definition = replace(GOOD, actions=(SUBMIT, replace(FINISH, roles=())))
    assert codes(definition) == [ProblemCode.NO_ROLE]


def test_an_action_naming_a_role_that_cannot_act_on_files_is_refused():
    definition = replace(GOOD, actions=(SUBMIT, replace(FINISH, roles=("treasury_officer",))))
    problems = workflow_validate(definition)
    assert [p.code for p in problems] == [ProblemCode.UNKNOWN_ROLE]
    assert "treasury_officer" in problems[0].render("en")


def test_a_negative_sla_is_refused():
    definition = replace(GOOD, states=(START, replace(REVIEW, sla_days=-1), DONE))
    assert codes(definition) == [ProblemCode.NEGATIVE_SLA]


def test_duplicate_state_codes_are_refused():
    definition = replace(GOOD, states=(*GOOD.states, replace(DONE, name_en="Done again")))
    assert ProblemCode.DUPLICATE_STATE in codes(definition)


def test_two_actions_with_one_code_leaving_one_state_are_refused():
    twin = replace(FINISH, to_state="draft")
    assert ProblemCode.DUPLICATE_ACTION in codes(replace(GOOD, actions=(*GOOD.actions, twin)))


def test_one_action_code_may_leave_two_states():
    """`cancel` leaves draft, submitted and awaiting payment in the standard workflows."""
    cancel = ActionSpec("cancel", "draft", "done", ("citizen",))
    cancel_later = ActionSpec("cancel", "review", "done", ("citizen",))
    assert workflow_validate(replace(GOOD, actions=(*GOOD.actions, cancel, cancel_later))) == []


def test_an_action_to_a_state_that_does_not_exist_is_refused():
    lost = ActionSpec("lose", "review", "nowhere", ("department_reviewer",))
    assert ProblemCode.UNKNOWN_STATE in codes(replace(GOOD, actions=(*GOOD.actions, lost)))


def test_a_parallel_state_needs_two_departments_and_a_way_out_for_a_refusal():
    parallel = replace(REVIEW, parallel_departments=("fire-safety",))
    problems = codes(replace(GOOD, states=(START, parallel, DONE)))
    assert ProblemCode.PARALLEL_TOO_FEW in problems
    assert ProblemCode.PARALLEL_ACTIONS in problems


def test_an_empty_definition_has_no_start_state():
    assert codes(Definition(states=(), actions=())) == [ProblemCode.NO_START]


def test_problems_are_sentences_in_persian_naming_the_state():
    definition = replace(GOOD, states=(START, replace(REVIEW, sla_days=-3), DONE))
    with translation.override("fa"):
        (problem,) = workflow_validate(definition)
        assert "بررسی" in problem.render()
    with translation.override("en"):
        (problem,) = workflow_validate(definition)
    assert "Review" in problem.render("en")


# --- random graphs: the reachability rules agree with a brute-force reading ------------------

ROLES = ("citizen", "department_reviewer", "system")


@st.composite
def graphs(draw):
    count = draw(st.integers(min_value=1, max_value=7))
    terminal = draw(st.sets(st.integers(0, count - 1), max_size=count))
    states = tuple(
        StateSpec(f"s{i}", f"وضعیت {i}", f"State {i}", is_start=i == 0, is_terminal=i in terminal)
        for i in range(count)
    )
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)),
            max_size=14,
            unique=True,
        )
    )
    actions = tuple(
        ActionSpec(f"a{n}", f"s{i}", f"s{j}", (draw(st.sampled_from(ROLES)),))
        for n, (i, j) in enumerate(pairs)
        if i not in terminal
    )
    return Definition(states=states, actions=actions)


def _paths(definition: Definition) -> dict[str, set[str]]:
    """Every state each state can reach (itself included), by repeated relaxation."""
    reach = {state.code: {state.code} for state in definition.states}
    changed = True
    while changed:
        changed = False
        for action in definition.actions:
            new = reach[action.to_state] - reach[action.from_state]
            if new:
                reach[action.from_state] |= new
                changed = True
    return reach


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_random_graphs_agree_with_a_brute_force_reading(definition):
    problems = workflow_validate(definition)
    reach = _paths(definition)
    terminals = {state.code for state in definition.states if state.is_terminal}
    unreachable = {state.code for state in definition.states if state.code not in reach["s0"]}
    stuck = (
        {code for code, reached in reach.items() if not reached & terminals} if terminals else set()
    )
    assert {p.state for p in problems if p.code == ProblemCode.UNREACHABLE} == unreachable
    assert {p.state for p in problems if p.code == ProblemCode.STUCK} == stuck
    assert (ProblemCode.NO_TERMINAL in {p.code for p in problems}) == (not terminals)
    assert (problems == []) == (not unreachable and not stuck and bool(terminals))
