"""Committee decisions: numbered per year, quorum and majority as data, frozen once closed."""

from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError, transaction

from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.governance import services
from daftar.governance.choices import DecisionKind, DecisionStatus, MajorityBasis, VoteChoice
from daftar.governance.models import Decision, DecisionEffect, Vote
from daftar.governance.tests.factories import VersionFactory, add_article

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 12, 1)  # 1404/09/10


def _draft(committee, in_force, *, kind=DecisionKind.TARIFF, day=DAY, subject="تعرفه پروانه"):
    article = in_force.articles.get(number=12)
    return services.decision_draft(
        actor=Actor.for_user(committee.secretary),
        kind=kind,
        subject=subject,
        body="متن مصوبه",
        decided_on=day,
        citations=[(article, None)],
    )


def _vote(committee, decision, **choices):
    for seat, choice in choices.items():
        services.decision_cast_vote(
            actor=Actor.for_user(getattr(committee, seat)), decision=decision, choice=choice
        )


def test_a_carried_decision_is_adopted_and_numbered_in_its_jalali_year(committee, in_force):
    decision = _draft(committee, in_force)
    _vote(
        committee,
        decision,
        secretary=VoteChoice.YES,
        planning=VoteChoice.YES,
        finance=VoteChoice.NO,
    )
    services.decision_close(actor=Actor.for_user(committee.secretary), decision=decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ADOPTED
    assert decision.number == "1404/1"
    second = _draft(committee, in_force)
    _vote(committee, second, secretary=VoteChoice.YES, planning=VoteChoice.YES)
    services.decision_close(actor=Actor.for_user(committee.secretary), decision=second)
    second.refresh_from_db()
    assert second.number == "1404/2"


def test_adoption_without_quorum_is_refused_and_changes_nothing(committee, in_force):
    decision = _draft(committee, in_force)
    _vote(committee, decision, secretary=VoteChoice.YES)
    with pytest.raises(InvalidInput) as caught:
        services.decision_close(actor=Actor.for_user(committee.secretary), decision=decision)
    assert caught.value.code == "no_quorum"
    assert "1 member(s) present, 2 required" in caught.value.render("en")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT
    assert decision.seq is None


def test_a_decision_without_a_majority_is_rejected_and_not_numbered(committee, in_force):
    decision = _draft(committee, in_force)
    _vote(
        committee,
        decision,
        secretary=VoteChoice.YES,
        planning=VoteChoice.NO,
        finance=VoteChoice.ABSTAIN,
    )
    services.decision_close(actor=Actor.for_user(committee.secretary), decision=decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.REJECTED
    assert decision.number == ""


def test_quorum_and_majority_rules_are_data_set_by_a_policy_decision(committee, in_force):
    policy = _draft(committee, in_force, kind=DecisionKind.POLICY, subject="حد نصاب")
    _vote(committee, policy, secretary=VoteChoice.YES, planning=VoteChoice.YES)
    policy = services.decision_close(actor=Actor.for_user(committee.secretary), decision=policy)
    services.quorum_rule_set(
        actor=Actor.for_user(committee.secretary),
        decision=policy,
        effective_from=DAY,
        min_present=3,
        majority_basis=MajorityBasis.SEATS,
    )
    decision = _draft(committee, in_force)
    _vote(committee, decision, secretary=VoteChoice.YES, planning=VoteChoice.YES)
    with pytest.raises(InvalidInput) as caught:
        services.decision_close(actor=Actor.for_user(committee.secretary), decision=decision)
    assert caught.value.code == "no_quorum"
    assert DecisionEffect.objects.filter(decision=policy).count() == 1


def test_an_explicit_duplicate_number_is_refused(committee, in_force):
    first = _draft(committee, in_force)
    _vote(committee, first, secretary=VoteChoice.YES, planning=VoteChoice.YES)
    services.decision_close(
        actor=Actor.for_user(committee.secretary), decision=first, number="۱۴۰۴/۲۷"
    )
    first.refresh_from_db()
    assert first.number == "1404/27"
    second = _draft(committee, in_force)
    _vote(committee, second, secretary=VoteChoice.YES, planning=VoteChoice.YES)
    with pytest.raises(Conflict) as caught:
        services.decision_close(
            actor=Actor.for_user(committee.secretary), decision=second, number="1404/27"
        )
    assert caught.value.code == "duplicate"
    second.refresh_from_db()
    assert second.status == DecisionStatus.DRAFT


def test_a_number_from_another_year_is_refused(committee, in_force):
    decision = _draft(committee, in_force)
    _vote(committee, decision, secretary=VoteChoice.YES, planning=VoteChoice.YES)
    with pytest.raises(InvalidInput) as caught:
        services.decision_close(
            actor=Actor.for_user(committee.secretary), decision=decision, number="1403/5"
        )
    assert caught.value.field == "number"


def test_an_adopted_decision_is_immutable_in_the_service_and_the_database(committee, in_force):
    decision = _draft(committee, in_force)
    _vote(committee, decision, secretary=VoteChoice.YES, planning=VoteChoice.YES)
    services.decision_close(actor=Actor.for_user(committee.secretary), decision=decision)
    with pytest.raises(Conflict):
        services.decision_update_draft(
            actor=Actor.for_user(committee.secretary),
            decision=decision,
            subject="دیگر",
            body="دیگر",
            decided_on=DAY,
            kind=DecisionKind.TARIFF,
        )
    with pytest.raises(Conflict):
        services.decision_cast_vote(
            actor=Actor.for_user(committee.finance), decision=decision, choice=VoteChoice.NO
        )
    with pytest.raises(DatabaseError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(body="جعلی")
    with pytest.raises(DatabaseError), transaction.atomic():
        Vote.objects.filter(decision=decision).delete()
    assert Decision.objects.get(pk=decision.pk).body == "متن مصوبه"


def test_a_correction_is_a_new_decision_that_amends_the_old(committee, in_force):
    original = _draft(committee, in_force)
    _vote(committee, original, secretary=VoteChoice.YES, planning=VoteChoice.YES)
    original = services.decision_close(actor=Actor.for_user(committee.secretary), decision=original)
    correction = services.decision_draft(
        actor=Actor.for_user(committee.planning),
        kind=DecisionKind.TARIFF,
        subject="اصلاح",
        body="اصلاح",
        decided_on=DAY,
        amends=original,
    )
    assert list(original.amendments.all()) == [correction]


def test_citing_an_article_of_a_draft_is_refused(committee, in_force, bylaw):
    draft = VersionFactory(bylaw=bylaw, number=50)
    article = add_article(draft, 1, "پیش‌نویس")
    with pytest.raises(InvalidInput) as caught:
        services.decision_draft(
            actor=Actor.for_user(committee.secretary),
            kind=DecisionKind.POLICY,
            subject="x",
            body="x",
            decided_on=DAY,
            citations=[(article, None)],
        )
    assert caught.value.code == "cites_draft"
    assert not Decision.objects.exists()


def test_only_committee_members_draft_and_only_the_secretary_closes(committee, in_force, personas):
    with pytest.raises(Forbidden):
        services.decision_draft(
            actor=Actor.for_user(personas.council),
            kind=DecisionKind.POLICY,
            subject="x",
            body="x",
            decided_on=DAY,
        )
    decision = _draft(committee, in_force)
    _vote(committee, decision, secretary=VoteChoice.YES, planning=VoteChoice.YES)
    with pytest.raises(Forbidden):
        services.decision_close(actor=Actor.for_user(committee.planning), decision=decision)


def test_empty_subject_is_refused_naming_the_field(committee):
    with pytest.raises(InvalidInput) as caught:
        services.decision_draft(
            actor=Actor.for_user(committee.secretary),
            kind=DecisionKind.POLICY,
            subject="  ",
            body="x",
            decided_on=DAY,
        )
    assert caught.value.field == "subject"


def test_decision_require_accepts_only_an_adopted_decision_of_the_right_kind(committee, in_force):
    decision = _draft(committee, in_force, kind=DecisionKind.SANCTION)
    with pytest.raises(InvalidInput) as caught:
        services.decision_require(decision=decision, kind=DecisionKind.SANCTION)
    assert caught.value.code == "decision_not_adopted"
    _vote(committee, decision, secretary=VoteChoice.YES, planning=VoteChoice.YES)
    services.decision_close(actor=Actor.for_user(committee.secretary), decision=decision)
    decision.refresh_from_db()
    assert services.decision_require(decision=decision, kind=DecisionKind.SANCTION) == decision
    with pytest.raises(InvalidInput) as caught:
        services.decision_require(decision=decision, kind=DecisionKind.TARIFF)
    assert caught.value.code == "decision_wrong_kind"
    with pytest.raises(InvalidInput) as caught:
        services.decision_require(decision=None, kind=DecisionKind.TARIFF)
    assert caught.value.code == "decision_required"
