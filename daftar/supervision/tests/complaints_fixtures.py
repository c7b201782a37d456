"""Fixtures of the complaint tests: the rules in force (adopted by a policy decision) and a
file of the citizen's taken at office_a by operator_a."""

from __future__ import annotations

import pytest

from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind
from daftar.supervision.choices import ComplaintCategory, ComplaintChannel, Severity
from daftar.supervision.services import complaints as services

DEFAULT_RULES = {
    ComplaintCategory.BRIBE: (2, 10, True, Severity.CRITICAL),
    ComplaintCategory.DATA_MISUSE: (2, 10, True, Severity.CRITICAL),
    ComplaintCategory.OVERCHARGING: (3, 15, False, Severity.MAJOR),
    ComplaintCategory.REFUSAL: (3, 15, False, Severity.MAJOR),
    ComplaintCategory.RUDENESS: (3, 15, False, Severity.MINOR),
    ComplaintCategory.DELAY: (3, 15, False, Severity.MINOR),
    ComplaintCategory.ACCESSIBILITY: (5, 20, False, Severity.MINOR),
    ComplaintCategory.OTHER: (5, 20, False, Severity.MINOR),
}


def draft_rules(supervisor, rules=DEFAULT_RULES):
    return [
        services.complaint_rule_draft(
            actor=Actor.for_user(supervisor),
            category=category,
            triage_days=triage,
            resolve_days=resolve,
            anonymous_allowed=anonymous,
            severity=severity,
        )
        for category, (triage, resolve, anonymous, severity) in rules.items()
    ]


@pytest.fixture
def complaint_rules(personas, adopt_decision):
    drafts = draft_rules(personas.supervisor)
    return services.complaint_rules_adopt(
        actor=Actor.for_user(personas.supervisor),
        decision=adopt_decision(DecisionKind.POLICY, "قواعد شکایات"),
        rules=drafts,
    )


@pytest.fixture
def citizen_file(personas, catalogue, counter_ready):
    from daftar.cases import services as cases
    from daftar.cases.tests.fixtures import FORM, pdf
    from daftar.catalogue.choices import Channel

    return cases.file_open(
        actor=Actor.for_user(personas.operator_a),
        service=catalogue.service,
        channel=Channel.OFFICE,
        citizen=personas.citizen,
        form_data=FORM,
        documents={"deed": pdf()},
        office=counter_ready,
        operator=personas.operator_a,
    )


def file_portal(citizen, **kwargs):
    fields = {
        "channel": ComplaintChannel.PORTAL,
        "category": ComplaintCategory.RUDENESS,
        "description": "کارمند با من بدرفتاری کرد.",
    }
    fields.update(kwargs)
    return services.complaint_file(actor=Actor.for_user(citizen), **fields)
