"""Eligibility rules of a call, evaluated as data: pure Python, no Django.

A call's rules (`Rules`) and an application's facts (`Facts`) give one `RuleResult` per rule,
in a fixed order, each met, not met or awaiting review, with the values that explain it.
`daftar.licensing.reasons` turns a result into a translated sentence; the results are stored
with the application so the applicant sees why.

Ages are counted in whole years on the day registration opens (Article 8(b): "on the date
the call is published").
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

PASSED, FAILED, PENDING = "pass", "fail", "pending"

# document states an application can be in, per required kind
MISSING, UNDER_REVIEW, ACCEPTED, REJECTED = "missing", "pending", "accepted", "rejected"


@dataclass(frozen=True)
class Rules:
    reference_date: datetime.date
    applicant_min_age: int
    applicant_max_age: int
    degree_levels: Sequence[str]
    degree_fields: Sequence[str]  # empty: any field
    tm_min_age: int
    tm_max_age: int
    tm_degree_fields: Sequence[str]  # empty: any field
    clean_record_required: bool
    mandatory_documents: Sequence[str]


@dataclass(frozen=True)
class DocumentState:
    state: str  # MISSING, UNDER_REVIEW, ACCEPTED or REJECTED
    reason: str = ""


@dataclass(frozen=True)
class Facts:
    birth_date: datetime.date
    degree_level: str
    degree_field: str
    tm_birth_date: datetime.date
    tm_degree_field: str
    clean_record_declared: bool
    documents: Mapping[str, DocumentState] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleResult:
    rule: str
    outcome: str  # PASSED, FAILED or PENDING
    params: dict

    @property
    def failed(self) -> bool:
        return self.outcome == FAILED


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years completed on `day` (a person born on 29 February ages on 1 March)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def _range(rule: str, age: int, low: int, high: int) -> RuleResult:
    return RuleResult(
        rule, PASSED if low <= age <= high else FAILED, {"age": age, "min": low, "max": high}
    )


def _member(rule: str, value: str, allowed: Sequence[str]) -> RuleResult:
    ok = not allowed or value in allowed
    return RuleResult(rule, PASSED if ok else FAILED, {"value": value, "allowed": list(allowed)})


def evaluate(rules: Rules, facts: Facts) -> list[RuleResult]:
    """Every rule, in order. Applicant, technical manager, declaration, then each document."""
    on = rules.reference_date
    results = [
        _range(
            "applicant_age",
            age_on(facts.birth_date, on),
            rules.applicant_min_age,
            rules.applicant_max_age,
        ),
        RuleResult(
            "degree_level",
            PASSED if facts.degree_level in rules.degree_levels else FAILED,
            {"value": facts.degree_level, "allowed": list(rules.degree_levels)},
        ),
        _member("degree_field", facts.degree_field, rules.degree_fields),
        _range("tm_age", age_on(facts.tm_birth_date, on), rules.tm_min_age, rules.tm_max_age),
        _member("tm_degree_field", facts.tm_degree_field, rules.tm_degree_fields),
    ]
    if rules.clean_record_required:
        results.append(
            RuleResult("clean_record", PASSED if facts.clean_record_declared else FAILED, {})
        )
    for kind in rules.mandatory_documents:
        document = facts.documents.get(kind, DocumentState(MISSING))
        outcome = {ACCEPTED: PASSED, UNDER_REVIEW: PENDING}.get(document.state, FAILED)
        results.append(
            RuleResult(
                "document",
                outcome,
                {"kind": kind, "state": document.state, "reason": document.reason},
            )
        )
    return results


def overall(results: Sequence[RuleResult]) -> str:
    """FAILED if any rule failed, else PENDING if any awaits review, else PASSED."""
    outcomes = {r.outcome for r in results}
    if FAILED in outcomes:
        return FAILED
    if PENDING in outcomes:
        return PENDING
    return PASSED
