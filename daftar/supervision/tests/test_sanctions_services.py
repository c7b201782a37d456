"""The sanction ladder and sanctions: the ladder's rules and freeze, the step a proposal gets,
the committee's decision and its effects through treasury and offices, the appeal."""

from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.governance.choices import DecisionKind
from daftar.governance.models import DecisionEffect
from daftar.offices.choices import OfficeStatus
from daftar.supervision.choices import (
    AppealOutcome,
    ComplaintRuling,
    FindingStatus,
    RuleStatus,
    SanctionKind,
    SanctionStatus,
    Severity,
)
from daftar.supervision.error_codes import SupervisionErrorCode
from daftar.supervision.models import Sanction, SanctionLadder, SanctionStep
from daftar.supervision.selectors import sanctions as selectors
from daftar.supervision.services import sanctions as services
from daftar.supervision.tests import sanctions_fixtures
from daftar.supervision.tests.sanctions_fixtures import (
    demo_steps,
    impose,
    make_complaint,
    make_finding,
    propose,
)
from daftar.treasury.models import Penalty

article = sanctions_fixtures.article
ladder = sanctions_fixtures.ladder
sanction_decision = sanctions_fixtures.sanction_decision

pytestmark = pytest.mark.django_db


def _as(user):
    return Actor.for_user(user)


# --- the ladder --------------------------------------------------------------------------


def test_a_ladder_whose_step_needs_less_than_the_one_before_is_refused(personas, article):
    steps = demo_steps(article)
    steps[1], steps[2] = steps[2], steps[1]  # major 0 before minor 2
    with pytest.raises(InvalidInput) as caught:
        services.sanction_ladder_draft(
            actor=_as(personas.supervisor), window_days=365, appeal_days=10, steps=steps
        )
    assert caught.value.code == SupervisionErrorCode.LADDER_INVALID
    assert any("۳" in reason or "3" in reason for reason in caught.value.reasons)
    assert not SanctionLadder.objects.exists()


def test_a_fine_without_an_amount_and_a_suspension_without_days_are_refused(personas, article):
    steps = demo_steps(article)
    steps[1] = services.StepSpec(SanctionKind.FINE, Severity.MINOR, 2, article, fine_amount=0)
    steps[3] = services.StepSpec(SanctionKind.SUSPENSION, Severity.MAJOR, 2, article)
    with pytest.raises(InvalidInput) as caught:
        services.sanction_ladder_draft(
            actor=_as(personas.supervisor), window_days=365, appeal_days=10, steps=steps
        )
    assert len(caught.value.reasons) == 2


def test_only_the_supervision_unit_drafts_a_ladder(personas, article):
    with pytest.raises(Forbidden):
        services.sanction_ladder_draft(
            actor=_as(personas.committee),
            window_days=365,
            appeal_days=10,
            steps=demo_steps(article),
        )


def test_adopting_needs_an_adopted_policy_decision_and_supersedes_the_previous(
    personas, article, ladder, sanction_decision, adopt_decision
):
    draft = services.sanction_ladder_draft(
        actor=_as(personas.supervisor), window_days=180, appeal_days=5, steps=demo_steps(article)
    )
    with pytest.raises(InvalidInput):
        services.sanction_ladder_adopt(
            actor=_as(personas.supervisor), ladder=draft, decision=sanction_decision
        )
    draft.refresh_from_db()
    assert draft.status == RuleStatus.DRAFT
    services.sanction_ladder_adopt(
        actor=_as(personas.supervisor),
        ladder=draft,
        decision=adopt_decision(DecisionKind.POLICY, "نسخه دوم"),
    )
    ladder.refresh_from_db()
    assert ladder.status == RuleStatus.SUPERSEDED
    assert selectors.ladder_in_force().pk == draft.pk


def test_an_adopted_ladder_is_frozen_by_the_service_and_by_the_database(personas, article, ladder):
    with pytest.raises(Conflict) as caught:
        services.sanction_ladder_replace_steps(
            actor=_as(personas.supervisor),
            ladder=ladder,
            window_days=30,
            appeal_days=10,
            steps=demo_steps(article),
        )
    assert caught.value.code == SupervisionErrorCode.RULES_FROZEN
    step = ladder.steps.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        SanctionStep.objects.filter(pk=step.pk).update(fine_amount=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        SanctionStep.objects.filter(pk=step.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        SanctionLadder.objects.filter(pk=ladder.pk).update(window_days=1)


# --- proposing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "prior", "kind", "order"),
    [
        (Severity.MINOR, 0, SanctionKind.WARNING, 1),
        (Severity.MINOR, 1, SanctionKind.WARNING, 1),
        (Severity.MINOR, 2, SanctionKind.FINE, 2),
        (Severity.MAJOR, 0, SanctionKind.FINE, 3),
        (Severity.MAJOR, 1, SanctionKind.FINE, 3),
        (Severity.MAJOR, 2, SanctionKind.SUSPENSION, 4),
        (Severity.CRITICAL, 0, SanctionKind.SUSPENSION, 5),
        (Severity.CRITICAL, 1, SanctionKind.REVOCATION, 6),
        (Severity.CRITICAL, 5, SanctionKind.REVOCATION, 6),
    ],
)
def test_the_step_is_the_highest_whose_severity_and_earlier_sanctions_are_met(
    ladder, severity, prior, kind, order
):
    step = selectors.ladder_step_for(list(ladder.steps.all()), severity, prior)
    assert (step.kind, step.order) == (kind, order)


def _imposed_earlier(personas, decision, count, *, days_ago=10):
    for _ in range(count):
        sanction = propose(personas)
        impose(personas, sanction, decision)
        Sanction.objects.filter(pk=sanction.pk).update(
            imposed_at=timezone.now() - datetime.timedelta(days=days_ago)
        )


def test_earlier_sanctions_in_the_window_raise_the_step(personas, ladder, sanction_decision):
    _imposed_earlier(personas, sanction_decision, 2)
    sanction = propose(personas, severity=Severity.MINOR)
    assert sanction.prior_count == 2
    assert sanction.kind == SanctionKind.FINE
    assert sanction.fine_amount == 50_000_000
    why = selectors.sanction_why(sanction)
    assert "۲" in why
    assert "ماده ۱۲" in why


def test_sanctions_older_than_the_window_do_not_count(personas, ladder, sanction_decision):
    _imposed_earlier(personas, sanction_decision, 2, days_ago=400)
    sanction = propose(personas, severity=Severity.MINOR)
    assert sanction.prior_count == 0
    assert sanction.kind == SanctionKind.WARNING


def test_a_finding_not_yet_corrected_can_be_the_source(personas, ladder):
    finding = make_finding(personas.office_a, personas.inspector, severity=Severity.CRITICAL)
    sanction = propose(personas, finding=finding)
    assert (sanction.kind, sanction.severity) == (SanctionKind.SUSPENSION, Severity.CRITICAL)
    assert sanction.suspension_days == 30


def test_a_rejected_complaint_or_a_resolved_finding_is_refused(personas, ladder):
    rejected = make_complaint(personas.office_a, ruling=ComplaintRuling.REJECTED)
    with pytest.raises(InvalidInput) as caught:
        propose(personas, complaint=rejected)
    assert caught.value.code == SupervisionErrorCode.SANCTION_SOURCE_INVALID
    resolved = make_finding(personas.office_a, personas.inspector, status=FindingStatus.RESOLVED)
    with pytest.raises(InvalidInput):
        propose(personas, finding=resolved)
    assert not Sanction.objects.exists()


def test_a_partly_upheld_complaint_may_be_the_source(personas, ladder):
    partly = make_complaint(personas.office_a, ruling=ComplaintRuling.PARTLY_UPHELD)
    assert propose(personas, complaint=partly).kind == SanctionKind.WARNING


def test_a_second_proposal_on_the_same_source_is_refused(personas, ladder):
    complaint = make_complaint(personas.office_a)
    propose(personas, complaint=complaint)
    with pytest.raises(Conflict) as caught:
        propose(personas, complaint=complaint)
    assert caught.value.code == SupervisionErrorCode.SANCTION_OPEN
    assert Sanction.objects.count() == 1


def test_a_withdrawn_proposal_frees_its_source(personas, ladder):
    complaint = make_complaint(personas.office_a)
    first = propose(personas, complaint=complaint)
    services.sanction_withdraw(actor=_as(personas.supervisor), sanction=first, reason="اشتباه")
    assert propose(personas, complaint=complaint).pk != first.pk


def test_no_proposal_without_a_ladder_in_force(personas):
    with pytest.raises(Conflict) as caught:
        propose(personas)
    assert caught.value.code == SupervisionErrorCode.LADDER_MISSING


def test_only_the_supervision_unit_proposes(personas, ladder):
    complaint = make_complaint(personas.office_a)
    for user in (personas.committee, personas.inspector, personas.manager_a):
        with pytest.raises(Forbidden):
            services.sanction_propose(actor=_as(user), complaint=complaint, reason="x")


# --- the committee's decision ------------------------------------------------------------


def test_no_decision_or_a_wrong_kind_or_a_draft_changes_nothing(
    personas, ladder, committee, adopt_decision
):
    from daftar.governance import services as governance

    sanction = propose(personas)
    draft = governance.decision_draft(
        actor=_as(committee.secretary),
        kind=DecisionKind.SANCTION,
        subject="پیش‌نویس",
        body="متن",
        decided_on=datetime.date(2025, 12, 1),
    )
    for decision in (None, adopt_decision(DecisionKind.TARIFF, "تعرفه"), draft):
        with pytest.raises(InvalidInput) as caught:
            impose(personas, sanction, decision)
        assert caught.value.field == "decision"
        assert caught.value.render()
        sanction.refresh_from_db()
        assert sanction.status == SanctionStatus.PROPOSED
        assert sanction.decision is None


def test_only_the_committee_secretary_records_the_decision(
    personas, ladder, committee, sanction_decision
):
    sanction = propose(personas)
    for user in (committee.planning, personas.supervisor, personas.council):
        with pytest.raises(Forbidden):
            services.sanction_decide(
                actor=_as(user), sanction=sanction, decision=sanction_decision, imposed=True
            )


def test_an_imposed_warning_is_recorded_with_its_appeal_deadline(
    personas, ladder, sanction_decision
):
    sanction = impose(personas, propose(personas), sanction_decision)
    assert sanction.status == SanctionStatus.IMPOSED
    assert sanction.appeal_by > timezone.localdate()
    assert DecisionEffect.objects.filter(decision=sanction_decision).exists()


def test_not_imposed_closes_the_proposal(personas, ladder, sanction_decision):
    sanction = services.sanction_decide(
        actor=_as(personas.committee),
        sanction=propose(personas),
        decision=sanction_decision,
        imposed=False,
        reason="تخلف اثبات نشد",
    )
    assert sanction.status == SanctionStatus.NOT_IMPOSED
    assert personas.office_a.__class__.objects.get(pk=personas.office_a.pk).status == "active"


def test_an_imposed_fine_waits_for_the_treasury_and_becomes_its_penalty(
    personas, ladder, sanction_decision
):
    sanction = impose(personas, propose(personas, severity=Severity.MAJOR), sanction_decision)
    assert not Penalty.objects.exists()
    assert list(selectors.fines_to_record()) == [sanction]
    with pytest.raises(Forbidden):
        services.sanction_fine_record(actor=_as(personas.committee), sanction=sanction)
    penalty = services.sanction_fine_record(actor=_as(personas.treasury), sanction=sanction)
    assert (penalty.office, penalty.amount, penalty.decision) == (
        personas.office_a,
        200_000_000,
        sanction_decision,
    )
    sanction.refresh_from_db()
    assert sanction.penalty == penalty
    assert not selectors.fines_to_record().exists()
    with pytest.raises(Conflict):
        services.sanction_fine_record(actor=_as(personas.treasury), sanction=sanction)


def test_a_suspension_suspends_the_office_and_the_job_reinstates_it(
    personas, ladder, sanction_decision
):
    finding = make_finding(personas.office_a, personas.inspector, severity=Severity.CRITICAL)
    sanction = impose(personas, propose(personas, finding=finding), sanction_decision)
    office = personas.office_a
    office.refresh_from_db()
    assert office.status == OfficeStatus.SUSPENDED
    assert services.suspensions_end_due() == {"ended": 0, "failed": 0}
    Sanction.objects.filter(pk=sanction.pk).update(
        imposed_at=timezone.now() - datetime.timedelta(days=31)
    )
    from daftar.supervision.tasks.sanctions import end_suspensions

    assert end_suspensions.call_local() == {"ended": 1, "failed": 0}
    office.refresh_from_db()
    sanction.refresh_from_db()
    assert office.status == OfficeStatus.ACTIVE
    assert sanction.lifted_at is not None
    assert services.suspensions_end_due() == {"ended": 0, "failed": 0}


def _revocation(personas, sanction_decision):
    finding = make_finding(personas.office_a, personas.inspector, severity=Severity.CRITICAL)
    make_prior = propose(personas)
    impose(personas, make_prior, sanction_decision)
    sanction = impose(personas, propose(personas, finding=finding), sanction_decision)
    assert sanction.kind == SanctionKind.REVOCATION
    return sanction


def _office_a_status(personas):
    personas.office_a.refresh_from_db()
    return personas.office_a.status


def test_a_revocation_suspends_at_once_and_revokes_when_the_appeal_period_passes(
    personas, ladder, sanction_decision
):
    from daftar.supervision.tasks.sanctions import carry_out_revocations

    # Given a revocation imposed: the office is closed to citizens at once, not yet revoked
    sanction = _revocation(personas, sanction_decision)
    assert _office_a_status(personas) == OfficeStatus.SUSPENDED
    # While it can be appealed, neither the job nor anyone carries it out
    assert carry_out_revocations.call_local() == {"revoked": 0, "failed": 0}
    with pytest.raises(Conflict):
        services.sanction_revocation_carry_out(actor=Actor.system("t"), sanction=sanction)
    assert _office_a_status(personas) == OfficeStatus.SUSPENDED
    # When the appeal period has passed with no appeal, the daily job revokes the licence
    Sanction.objects.filter(pk=sanction.pk).update(
        appeal_by=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert carry_out_revocations.call_local() == {"revoked": 1, "failed": 0}
    assert _office_a_status(personas) == OfficeStatus.REVOKED
    sanction.refresh_from_db()
    assert sanction.revoked_at is not None
    assert carry_out_revocations.call_local() == {"revoked": 0, "failed": 0}


def test_an_upheld_appeal_against_a_revocation_reinstates_the_office(
    personas, ladder, sanction_decision
):
    sanction = _revocation(personas, sanction_decision)
    services.sanction_appeal_file(
        actor=_as(personas.manager_a), sanction=sanction, reason="گزارش بازرسی اشتباه بود"
    )
    services.sanction_appeal_decide(
        actor=_as(personas.committee), sanction=sanction, decision=sanction_decision, upheld=True
    )
    sanction.refresh_from_db()
    assert sanction.status == SanctionStatus.ANNULLED
    assert (sanction.revoked_at, _office_a_status(personas)) == (None, OfficeStatus.ACTIVE)


def test_a_rejected_appeal_against_a_revocation_revokes_at_once(
    personas, ladder, sanction_decision
):
    sanction = _revocation(personas, sanction_decision)
    services.sanction_appeal_file(
        actor=_as(personas.manager_a), sanction=sanction, reason="گزارش بازرسی اشتباه بود"
    )
    assert _office_a_status(personas) == OfficeStatus.SUSPENDED
    services.sanction_appeal_decide(
        actor=_as(personas.committee), sanction=sanction, decision=sanction_decision, upheld=False
    )
    sanction.refresh_from_db()
    assert sanction.revoked_at is not None
    assert _office_a_status(personas) == OfficeStatus.REVOKED


# --- the appeal ----------------------------------------------------------------------------


def _appeal(personas, sanction, reason="دفتر در آن روز تعطیل بود"):
    return services.sanction_appeal_file(
        actor=_as(personas.manager_a), sanction=sanction, reason=reason
    )


def test_the_manager_appeals_once_in_time(personas, ladder, sanction_decision):
    sanction = impose(personas, propose(personas), sanction_decision)
    with pytest.raises(Forbidden):
        services.sanction_appeal_file(actor=_as(personas.operator_a), sanction=sanction, reason="x")
    _appeal(personas, sanction)
    sanction.refresh_from_db()
    assert sanction.status == SanctionStatus.APPEALED
    with pytest.raises(Conflict) as caught:
        _appeal(personas, sanction)
    assert caught.value.code == SupervisionErrorCode.SANCTION_APPEAL_TAKEN


def test_a_late_appeal_is_refused(personas, ladder, sanction_decision):
    sanction = impose(personas, propose(personas), sanction_decision)
    Sanction.objects.filter(pk=sanction.pk).update(
        appeal_by=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(Conflict) as caught:
        _appeal(personas, sanction)
    assert caught.value.code == SupervisionErrorCode.SANCTION_APPEAL_CLOSED
    sanction.refresh_from_db()
    assert sanction.status == SanctionStatus.IMPOSED


def test_an_upheld_appeal_annuls_and_lifts_a_suspension(personas, ladder, sanction_decision):
    finding = make_finding(personas.office_a, personas.inspector, severity=Severity.CRITICAL)
    sanction = impose(personas, propose(personas, finding=finding), sanction_decision)
    _appeal(personas, sanction)
    services.sanction_appeal_decide(
        actor=_as(personas.committee),
        sanction=sanction,
        decision=sanction_decision,
        upheld=True,
    )
    sanction.refresh_from_db()
    personas.office_a.refresh_from_db()
    assert sanction.status == SanctionStatus.ANNULLED
    assert sanction.appeal.outcome == AppealOutcome.UPHELD
    assert personas.office_a.status == OfficeStatus.ACTIVE


def test_an_upheld_appeal_on_a_recorded_fine_cancels_the_treasurys_penalty(
    personas, ladder, sanction_decision, adopt_decision
):
    # Given a fine imposed, recorded by the treasury as a penalty, and appealed
    sanction = impose(personas, propose(personas, severity=Severity.MAJOR), sanction_decision)
    penalty = services.sanction_fine_record(actor=_as(personas.treasury), sanction=sanction)
    _appeal(personas, sanction)
    ruling = adopt_decision(DecisionKind.SANCTION, "پذیرش اعتراض دفتر به جریمه")
    # When the committee upholds the appeal
    services.sanction_appeal_decide(
        actor=_as(personas.committee), sanction=sanction, decision=ruling, upheld=True
    )
    # Then the penalty is cancelled by that decision: nothing more will be deducted
    penalty.refresh_from_db()
    assert (penalty.cancel_decision, penalty.returned, penalty.outstanding) == (ruling, 0, 0)
    assert penalty.cancelled_at is not None
    entry = AuditEntry.objects.filter(action="sanction.appeal_upheld").get()
    assert entry.after["penalty_cancelled"] == penalty.pk


def test_a_rejected_appeal_leaves_the_sanction_imposed(personas, ladder, sanction_decision):
    sanction = impose(personas, propose(personas), sanction_decision)
    _appeal(personas, sanction)
    with pytest.raises(InvalidInput):
        services.sanction_appeal_decide(
            actor=_as(personas.committee), sanction=sanction, decision=None, upheld=False
        )
    services.sanction_appeal_decide(
        actor=_as(personas.committee),
        sanction=sanction,
        decision=sanction_decision,
        upheld=False,
    )
    sanction.refresh_from_db()
    assert sanction.status == SanctionStatus.IMPOSED
    assert sanction.appeal.outcome == AppealOutcome.REJECTED


# --- who sees what -------------------------------------------------------------------------


def test_visibility_per_persona(personas, ladder, sanction_decision):
    proposed = propose(personas)
    fine = impose(personas, propose(personas, severity=Severity.MAJOR), sanction_decision)
    other = impose(personas, propose(personas, office=personas.office_b), sanction_decision)
    seen = {
        name: set(selectors.sanction_visible_to(user).values_list("pk", flat=True))
        for name, user in personas.all().items()
    }
    everything = {proposed.pk, fine.pk, other.pk}
    for reader in ("supervisor", "committee", "council", "auditor"):
        assert seen[reader] == everything
    assert seen["manager_a"] == {fine.pk}
    assert seen["treasury"] == {fine.pk}
    for outsider in ("citizen", "operator_a", "operator_b", "reviewer", "inspector", "admin"):
        assert seen[outsider] == set()


def test_the_office_manager_is_told_by_sms_what_was_imposed_and_until_when_to_appeal(
    personas, ladder, sanction_decision
):
    from daftar.notifications.models import SmsMessage

    personas.manager_a.mobile = "09121234567"
    personas.manager_a.save(update_fields=["mobile"])
    sanction = impose(personas, propose(personas), sanction_decision)
    message = SmsMessage.objects.get(purpose="sanction")
    assert message.to.endswith("9121234567")
    assert "اخطار کتبی" in message.body
    assert sanction.office.code in message.body
