"""Eligibility rules as data (pure Python)."""

from __future__ import annotations

import datetime

from daftar.licensing import eligibility
from daftar.licensing.eligibility import DocumentState, Facts, Rules

ON = datetime.date(2025, 11, 19)
RULES = Rules(
    reference_date=ON,
    applicant_min_age=27,
    applicant_max_age=55,
    degree_levels=("bachelor", "master"),
    degree_fields=(),
    tm_min_age=25,
    tm_max_age=55,
    tm_degree_fields=("architecture",),
    clean_record_required=True,
    mandatory_documents=("identity", "degree"),
)


def facts(**overrides) -> Facts:
    values = {
        "birth_date": datetime.date(1990, 1, 1),
        "degree_level": "bachelor",
        "degree_field": "law",
        "tm_birth_date": datetime.date(1985, 1, 1),
        "tm_degree_field": "architecture",
        "clean_record_declared": True,
        "documents": {
            "identity": DocumentState("accepted"),
            "degree": DocumentState("accepted"),
        },
    }
    values.update(overrides)
    return Facts(**values)


def test_age_is_counted_in_whole_years_on_the_reference_day():
    assert eligibility.age_on(datetime.date(1998, 11, 19), ON) == 27
    assert eligibility.age_on(datetime.date(1998, 11, 20), ON) == 26


def test_every_rule_has_a_result_and_an_empty_field_list_accepts_any_field():
    results = eligibility.evaluate(RULES, facts())
    assert [r.rule for r in results] == [
        "applicant_age",
        "degree_level",
        "degree_field",
        "tm_age",
        "tm_degree_field",
        "clean_record",
        "document",
        "document",
    ]
    assert eligibility.overall(results) == eligibility.PASSED


def test_the_boundaries_of_the_age_range_are_inclusive():
    oldest = facts(birth_date=datetime.date(1969, 11, 20))  # 55, a day short of 56
    assert not eligibility.evaluate(RULES, oldest)[0].failed
    too_old = facts(birth_date=datetime.date(1969, 11, 19))  # 56 on the day
    assert eligibility.evaluate(RULES, too_old)[0].params == {"age": 56, "min": 27, "max": 55}


def test_a_document_awaiting_review_is_pending_and_a_rejected_one_fails_with_its_reason():
    pending = facts(documents={"identity": DocumentState("pending")})
    results = eligibility.evaluate(RULES, pending)
    assert eligibility.overall(results) == eligibility.FAILED  # the degree is missing
    rejected = facts(
        documents={"identity": DocumentState("pending"), "degree": DocumentState("rejected", "x")}
    )
    results = eligibility.evaluate(RULES, rejected)
    assert results[-1].params == {"kind": "degree", "state": "rejected", "reason": "x"}
    only_pending = facts(
        documents={"identity": DocumentState("pending"), "degree": DocumentState("accepted")}
    )
    assert eligibility.overall(eligibility.evaluate(RULES, only_pending)) == eligibility.PENDING
