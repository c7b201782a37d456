"""A file's timeline as sentences: "the bill was issued", "the fee was paid; the file went to
the department of urban planning", each with who did it — a person's name, the office, the
treasury — and when. Every timeline (the file page of each role, the public tracking page)
reads through `timeline_entries`; none shows an action code, a state code, a username or a
`system:<job>` label.

The stored events keep what the engine recorded (codes and the actor's label, as the audit log
does); the words come from the workflow version the file runs on (each action's `done`
sentence, each state's name), the service's documents and the users' names, read in a fixed
number of queries whatever the length of the timeline.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from daftar.accounts.selectors import user_display_names
from daftar.cases.choices import EventKind
from daftar.catalogue.selectors import department_names, service_definition_of_version
from daftar.core import jalali
from daftar.core.digits import to_persian_digits
from daftar.core.money import format_rials
from daftar.workflow.selectors import version_actions

# Labels the demo generator wrote before it named people (see cases/demo.py), where no user
# has that username: the role of the person, resolved against the file.
_DEMO_ROLES = {"operator", "citizen", "reviewer"}
_USERNAME = re.compile(r"^[A-Za-z0-9_.@+-]+$")
# System jobs that act for the treasury (payments, gateway confirmations, refunds).
_TREASURY_JOBS = {"system:treasury", "system:gateway", "system:payment-recheck", "system:refunds"}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of a timeline: what happened, in a sentence, who did it and when; `note` is
    what the person wrote (a correction's reason), shown beneath the sentence."""

    at: datetime.datetime
    sentence: str
    who: str
    note: str
    kind: str


def _digits(text: str) -> str:
    return to_persian_digits(text) if jalali.is_persian(get_language()) else text


class _Words:
    """What the sentences of one file's timeline need, read once."""

    def __init__(self, file, events) -> None:
        self.file = file
        self.actions = {
            (action.from_state.code, action.code): action
            for action in version_actions(file.workflow_version_id)
        }
        self.states = {}
        for action in self.actions.values():
            self.states[action.from_state.code] = action.from_state
            self.states[action.to_state.code] = action.to_state
        labels = {event.actor_label for event in events}
        labels |= {e.action for e in events if e.kind == EventKind.ESCALATION}
        self.people = user_display_names(label for label in labels if _USERNAME.match(label))
        self.departments: dict[str, str] | None = None  # read only if a state names one
        self.documents = {}
        if any(event.kind == EventKind.ATTACHMENT for event in events):
            # the documents of the version the file was opened with (catalogue ADR 0024)
            opened_with = service_definition_of_version(file.service, file.service_version)
            self.documents = {doc.code: doc.title for doc in opened_with.documents}

    def state(self, code: str) -> str:
        state = self.states.get(code)
        return state.name if state is not None else _("another step")

    def person(self, label: str) -> str:
        return self.people.get(label, label)

    def who(self, label: str) -> str:
        file = self.file
        if label in self.people:
            return self.people[label]
        if label in _TREASURY_JOBS:
            return _("The municipal treasury")
        if label == "system:intake" and file.office_id:
            return file.office.name  # the bill of a file taken at a counter: the office's step
        if label == "calendar":
            return _("The official holiday calendar")
        if label == "system" or label.startswith("system:"):
            return _("Daftar (automatically)")
        if label.startswith("partner:"):
            partner = file.partner if file.partner_id else None
            return partner.name if partner is not None else _("A partner app")
        if label == "operator":
            return file.office.name if file.office_id else _("The office")
        if label == "citizen":
            return file.citizen_name or _("The applicant")
        if label == "reviewer":
            return file.department.name
        return label  # a full name, as the engine records a person who has one

    def sentence(self, event) -> str:
        kind = event.kind
        if kind == EventKind.ACTION:
            return self._action(event)
        if kind == EventKind.SLA_BREACH:
            return _("The deadline of the step “%(step)s” passed") % {
                "step": self.state(event.action)
            }
        if kind == EventKind.OVERDUE:
            return _("The file's overall deadline passed")
        if kind == EventKind.ESCALATION:
            return _("The file was referred to %(person)s, head of the department") % {
                "person": self.person(event.action)
            }
        if kind == EventKind.PAYMENT:
            return self._refund(event)
        if kind == EventKind.ATTACHMENT:
            return _("The document “%(document)s” was added") % {
                "document": self.documents.get(event.action, _("a document"))
            }
        if kind == EventKind.DEADLINE:
            if event.action == "earlier":
                return _("The deadline moved one working day earlier")
            return _("The deadline moved one working day later")
        if kind == EventKind.RATING:
            return _("The service was rated %(score)s out of 5") % {"score": _digits(event.action)}
        if kind == EventKind.NOTE and event.action == "assign":
            return _("The file was assigned to %(person)s") % {"person": event.reason}
        if kind == EventKind.NOTE and event.action == "sign_off":
            return _("%(department)s signed off; the file waits for the other departments") % {
                "department": event.reason
            }
        if kind == EventKind.NOTE and event.action == "unassign_deactivated":
            return _(
                "%(person)s's account was deactivated; the file returned to the department's "
                "shared queue"
            ) % {"person": event.reason}
        if kind == EventKind.NOTE and event.action == "unassign_left":
            return _(
                "%(person)s no longer reviews for the department; the file returned to the "
                "department's shared queue"
            ) % {"person": event.reason}
        if kind == EventKind.NOTE and event.action == "unassign":
            return _("The file was no longer assigned to one reviewer")
        return _("A note was added")

    def _action(self, event) -> str:
        if event.action == "create":
            return _("The file was opened as a draft")
        action = self.actions.get((event.from_state, event.action))
        if action is None:  # an action of an older workflow version: say where the file went
            return _("The file moved to “%(state)s”") % {"state": self.state(event.to_state)}
        sentence = action.done
        routed = action.to_state.department != action.from_state.department
        if action.to_state.in_department and (not action.from_state.in_department or routed):
            sentence = _("%(done)s; the file went to %(department)s") % {
                "done": sentence,
                "department": self.department(action.to_state),
            }
        return sentence

    def department(self, state) -> str:
        """The department that handled the file in `state` (routing.py): the one the state
        names, else the service's — not necessarily the file's department now."""
        if state.department:
            if self.departments is None:
                self.departments = dict(department_names())
            if state.department in self.departments:
                return self.departments[state.department]
        if self.file.department_id == self.file.service.department_id:
            return self.file.department.name
        return self.file.service.department.name

    def _refund(self, event) -> str:
        try:
            amount = format_rials(int(event.reason), language=get_language() or "fa")
        except ValueError:
            amount = ""
        sentences = {
            "refund_requested": _("A refund of %(amount)s was requested"),
            "refund_approved": _("A refund of %(amount)s was approved"),
            "refund_paid": _("A refund of %(amount)s was paid"),
        }
        return sentences.get(event.action, _("A payment was recorded")) % {"amount": amount}


# Events whose stored `reason` is data for the sentence (a refund's amount), not words a person
# wrote to show beneath it.
_REASON_IN_SENTENCE = {EventKind.PAYMENT}


def _is_assignment(event) -> bool:
    """An assignment's note is the reviewer's name, already in its sentence."""
    return event.kind == EventKind.NOTE and event.action in {
        "assign",
        "unassign",
        "unassign_deactivated",
        "unassign_left",
        "sign_off",
    }


def timeline_entries(file, events) -> list[TimelineEntry]:
    """`events` (the file's FileEvents, in order) as sentences; see the module docstring."""
    events = list(events)
    if not events:
        return []
    words = _Words(file, events)
    return [
        TimelineEntry(
            at=event.at,
            sentence=words.sentence(event),
            who=words.who(event.actor_label),
            note="" if event.kind in _REASON_IN_SENTENCE or _is_assignment(event) else event.reason,
            kind=event.kind,
        )
        for event in events
    ]
