"""Whether a workflow definition can run: a pure function of the definition's data.

`workflow_validate(definition)` returns every problem it finds (an empty list: the workflow
can be published). It reads no database: the editor validates a draft's rows through
`selectors.version_definition`, the tests and the standard definitions validate plain data
(`Definition.from_standard`). The rules (ADR 0025):

- exactly one start state; state codes unique; action codes unique per state they leave;
- every state reachable from the start state;
- a terminal state reachable from every state (no file can be stuck for ever);
- no action out of a terminal state; every action from and to a state of this definition;
- every action names at least one role, and only roles that can act on a file;
- SLA days not negative; a state handled in parallel names at least two departments, and has
  an action without a reason (each department's sign-off) and one with a reason (a refusal).
"""

from __future__ import annotations

import enum
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import Role
from daftar.core.i18n import localised
from daftar.core.numbers import format_message

# The scopes under which someone can act on a file (cases' `actor_scopes`): the roles an
# action may name. "system" is the platform itself (payments, automatic steps), "partner" a
# partner app acting for the citizen.
SYSTEM, PARTNER = "system", "partner"
ACTING_ROLES: dict[str, Promise] = {
    Role.CITIZEN.value: Role.CITIZEN.label,
    Role.OFFICE_OPERATOR.value: Role.OFFICE_OPERATOR.label,
    Role.OFFICE_MANAGER.value: Role.OFFICE_MANAGER.label,
    Role.DEPARTMENT_REVIEWER.value: Role.DEPARTMENT_REVIEWER.label,
    SYSTEM: _("The platform (automatic)"),
    PARTNER: _("Partner app"),
}


def role_label(role: str) -> str:
    """A role's human name (the code itself if it is not a role that acts on files)."""
    label = ACTING_ROLES.get(role)
    return str(label) if label is not None else role


class ProblemCode(enum.StrEnum):
    NO_START = "no_start"
    MANY_STARTS = "many_starts"
    NO_TERMINAL = "no_terminal"
    DUPLICATE_STATE = "duplicate_state"
    DUPLICATE_ACTION = "duplicate_action"
    UNKNOWN_STATE = "unknown_state"
    UNREACHABLE = "unreachable"
    STUCK = "stuck"
    ACTION_FROM_TERMINAL = "action_from_terminal"
    NO_ROLE = "no_role"
    UNKNOWN_ROLE = "unknown_role"
    NEGATIVE_SLA = "negative_sla"
    PARALLEL_TOO_FEW = "parallel_too_few"
    PARALLEL_ACTIONS = "parallel_actions"


@dataclass(frozen=True)
class StateSpec:
    code: str
    name_fa: str = ""
    name_en: str = ""
    sla_days: int | None = None
    is_start: bool = False
    is_terminal: bool = False
    department: str = ""  # the department's code that handles it ("" = the service's)
    parallel_departments: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return localised(self.name_fa or self.code, self.name_en)


@dataclass(frozen=True)
class ActionSpec:
    code: str
    from_state: str
    to_state: str
    roles: tuple[str, ...] = ()
    name_fa: str = ""
    name_en: str = ""
    requires_reason: bool = False

    @property
    def label(self) -> str:
        return localised(self.name_fa or self.code, self.name_en)


@dataclass(frozen=True)
class Definition:
    states: tuple[StateSpec, ...]
    actions: tuple[ActionSpec, ...]

    @classmethod
    def from_standard(cls, definition: dict) -> Definition:
        """The shape of `definitions.DEFINITIONS` (tuples) as a Definition."""
        states = tuple(
            StateSpec(
                code=code,
                name_fa=fa,
                name_en=en,
                sla_days=sla,
                is_start=flags.get("is_start", False),
                is_terminal=flags.get("is_terminal", False),
            )
            for code, fa, en, sla, flags in definition["states"]
        )
        actions = tuple(
            ActionSpec(
                code=code,
                from_state=source,
                to_state=target,
                roles=tuple(roles),
                name_fa=fa,
                name_en=en,
                requires_reason=reason,
            )
            for code, fa, en, source, target, roles, reason in definition["actions"]
        )
        return cls(states=states, actions=actions)

    def state(self, code: str) -> StateSpec | None:
        return next((state for state in self.states if state.code == code), None)


@dataclass(frozen=True)
class Problem:
    """One reason the definition cannot be published, in a sentence naming what is wrong."""

    code: ProblemCode
    message: Promise | str
    params: dict[str, Any] = field(default_factory=dict)
    state: str = ""
    action: str = ""

    def render(self, language: str | None = None) -> str:
        if language is None:
            text = str(self.message)
        else:
            with translation.override(language):
                text = str(self.message)
        return format_message(text, self.params, language) if self.params else text

    def __str__(self) -> str:
        return self.render()


def _reachable(start: Iterable[str], edges: dict[str, set[str]]) -> set[str]:
    seen = set(start)
    queue = deque(seen)
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def workflow_validate(definition: Definition) -> list[Problem]:
    """Every problem that keeps `definition` from running, in the order a reader fixes them:
    the states, then the actions, then the paths between them. Empty: it can be published."""
    problems: list[Problem] = []
    codes = [state.code for state in definition.states]
    by_code = {state.code: state for state in definition.states}
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(
            Problem(
                ProblemCode.DUPLICATE_STATE,
                _("Two states have the code «%(code)s»; each state needs its own code."),
                {"code": code},
                state=code,
            )
        )
    starts = [state for state in definition.states if state.is_start]
    if not starts:
        problems.append(
            Problem(ProblemCode.NO_START, _("No state is marked as the start state: mark one."))
        )
    elif len(starts) > 1:
        problems.append(
            Problem(
                ProblemCode.MANY_STARTS,
                _("%(count)s states are marked as the start state; a workflow has exactly one."),
                {"count": len(starts)},
            )
        )
    terminals = {state.code for state in definition.states if state.is_terminal}
    if definition.states and not terminals:
        problems.append(
            Problem(
                ProblemCode.NO_TERMINAL,
                _("No state is marked as terminal: a file would never be finished."),
            )
        )
    for state in definition.states:
        if state.sla_days is not None and state.sla_days < 0:
            problems.append(
                Problem(
                    ProblemCode.NEGATIVE_SLA,
                    _("The SLA of «%(state)s» is negative; give zero or more working days."),
                    {"state": state.label},
                    state=state.code,
                )
            )
        if state.parallel_departments and len(set(state.parallel_departments)) < 2:
            problems.append(
                Problem(
                    ProblemCode.PARALLEL_TOO_FEW,
                    _(
                        "«%(state)s» is reviewed in parallel but names fewer than two "
                        "departments; name two or more, or none."
                    ),
                    {"state": state.label},
                    state=state.code,
                )
            )

    seen_actions: set[tuple[str, str]] = set()
    edges: dict[str, set[str]] = defaultdict(set)
    reverse_edges: dict[str, set[str]] = defaultdict(set)
    for action in definition.actions:
        key = (action.from_state, action.code)
        if key in seen_actions:
            problems.append(
                Problem(
                    ProblemCode.DUPLICATE_ACTION,
                    _("Two actions leave «%(state)s» with the code «%(code)s»."),
                    {"state": _label(by_code, action.from_state), "code": action.code},
                    state=action.from_state,
                    action=action.code,
                )
            )
        seen_actions.add(key)
        missing = [code for code in (action.from_state, action.to_state) if code not in by_code]
        for code in missing:
            problems.append(
                Problem(
                    ProblemCode.UNKNOWN_STATE,
                    _("The action «%(action)s» names a state «%(state)s» that does not exist."),
                    {"action": action.label, "state": code},
                    action=action.code,
                )
            )
        if not missing:
            edges[action.from_state].add(action.to_state)
            reverse_edges[action.to_state].add(action.from_state)
        if action.from_state in terminals:
            problems.append(
                Problem(
                    ProblemCode.ACTION_FROM_TERMINAL,
                    _(
                        "«%(state)s» is terminal, so no action may leave it; remove "
                        "«%(action)s» or unmark the state as terminal."
                    ),
                    {"state": _label(by_code, action.from_state), "action": action.label},
                    state=action.from_state,
                    action=action.code,
                )
            )
        if not action.roles:
            problems.append(
                Problem(
                    ProblemCode.NO_ROLE,
                    _("No role may take the action «%(action)s»; choose at least one role."),
                    {"action": action.label},
                    state=action.from_state,
                    action=action.code,
                )
            )
        for role in action.roles:
            if role not in ACTING_ROLES:
                problems.append(
                    Problem(
                        ProblemCode.UNKNOWN_ROLE,
                        _("The action «%(action)s» names «%(role)s», which cannot act on files."),
                        {"action": action.label, "role": role},
                        state=action.from_state,
                        action=action.code,
                    )
                )
    for state in definition.states:
        if state.parallel_departments:
            leaving = [a for a in definition.actions if a.from_state == state.code]
            if not any(not a.requires_reason for a in leaving) or not any(
                a.requires_reason for a in leaving
            ):
                problems.append(
                    Problem(
                        ProblemCode.PARALLEL_ACTIONS,
                        _(
                            "«%(state)s» is reviewed in parallel: it needs an action without a "
                            "reason (each department's sign-off; the file moves when all have "
                            "signed) and one with a reason (a refusal, taken at once)."
                        ),
                        {"state": state.label},
                        state=state.code,
                    )
                )

    if len(starts) == 1:
        reached = _reachable([starts[0].code], edges)
        for state in definition.states:
            if state.code not in reached:
                problems.append(
                    Problem(
                        ProblemCode.UNREACHABLE,
                        _("No file can reach «%(state)s» from the start state."),
                        {"state": state.label},
                        state=state.code,
                    )
                )
    if terminals:
        can_finish = _reachable(terminals, reverse_edges)
        for state in definition.states:
            if state.code not in can_finish:
                problems.append(
                    Problem(
                        ProblemCode.STUCK,
                        _("A file in «%(state)s» can never reach a terminal state."),
                        {"state": state.label},
                        state=state.code,
                    )
                )
    return problems


def _label(by_code: dict[str, StateSpec], code: str) -> str:
    state = by_code.get(code)
    return state.label if state is not None else code
