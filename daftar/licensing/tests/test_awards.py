"""Agreements in principle by committee decision, within quotas and in rank order; then the
operating licence through the office registry."""

from __future__ import annotations

import datetime

import pytest

from daftar.audit.models import AuditEntry
from daftar.audit.verification import verify_stream
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, InvalidInput
from daftar.governance.choices import DecisionKind
from daftar.governance.models import DecisionEffect
from daftar.licensing import selectors, services
from daftar.licensing.choices import AgreementStatus, CallStatus
from daftar.licensing.models import Agreement
from daftar.licensing.services import Award
from daftar.licensing.tests import factories
from daftar.offices.choices import LicenceStatus, OfficeStatus
from daftar.offices.models import Licensee, Office, Person

pytestmark = pytest.mark.django_db

PEOPLE = [
    {"score": "95", "districts": [4, 2]},
    {"score": "90", "districts": [4, 2]},
    {"score": "85", "districts": [4, 2]},  # 4 is full → 2
    {"score": "80", "districts": [1]},
    {"score": "75", "districts": [1]},  # 1 is full → nothing
]


@pytest.fixture
def ranked(open_call, committee, reviewer):
    call, apps, _publication = factories.published_call(open_call, committee, reviewer, PEOPLE)
    factories.close_objections(call, committee.secretary)
    call.refresh_from_db()
    return call, apps


def _deadline(decision) -> datetime.date:
    return decision.decided_on + datetime.timedelta(days=180)


def test_the_committee_awards_the_allocation_on_a_licence_decision(
    ranked, committee, licence_decision
):
    call, apps = ranked
    proposed = services.proposed_awards(call)
    assert proposed == [
        Award(apps[0].code, 4),
        Award(apps[1].code, 4),
        Award(apps[2].code, 2),
        Award(apps[3].code, 1),
    ]
    agreements = services.agreements_award(
        actor=Actor.for_user(committee.secretary),
        call=call,
        decision=licence_decision,
        awards=proposed,
        setup_deadline=_deadline(licence_decision),
    )
    assert len(agreements) == 4
    assert agreements[0].awarded_on == licence_decision.decided_on
    call.refresh_from_db()
    assert call.status == CallStatus.AWARDED
    assert DecisionEffect.objects.filter(decision=licence_decision).count() >= 4


def test_an_award_beyond_the_quota_is_refused_and_nothing_is_awarded(
    ranked, committee, licence_decision
):
    call, apps = ranked
    # district 1 has one place; the second-ranked applicant there is refused, with the first
    with pytest.raises(Conflict) as caught:
        services.agreements_award(
            actor=Actor.for_user(committee.secretary),
            call=call,
            decision=licence_decision,
            awards=[Award(apps[3].code, 1), Award(apps[4].code, 1)],
            setup_deadline=_deadline(licence_decision),
        )
    assert caught.value.code == "quota_exceeded"
    assert "quota is 1" in caught.value.render("en")
    assert not Agreement.objects.exists()
    call.refresh_from_db()
    assert call.status == CallStatus.OBJECTIONS_CLOSED


def test_awards_go_in_order_of_rank(ranked, committee, licence_decision):
    call, apps = ranked
    with pytest.raises(Conflict) as caught:
        services.agreements_award(
            actor=Actor.for_user(committee.secretary),
            call=call,
            decision=licence_decision,
            awards=[Award(apps[1].code, 4)],
            setup_deadline=_deadline(licence_decision),
        )
    assert caught.value.code == "out_of_rank_order"
    assert apps[0].code in caught.value.render("en")


def test_awards_without_an_adopted_licence_decision_are_refused(ranked, committee, in_force):
    call, apps = ranked
    draft = factories.draft_decision(committee, in_force)
    tariff = factories.adopted_decision(committee, in_force, kind=DecisionKind.TARIFF)
    for decision, code in (
        (None, "decision_required"),
        (draft, "decision_not_adopted"),
        (tariff, "decision_wrong_kind"),
    ):
        with pytest.raises(InvalidInput) as caught:
            services.agreements_award(
                actor=Actor.for_user(committee.secretary),
                call=call,
                decision=decision,
                awards=[Award(apps[0].code, 4)],
                setup_deadline=datetime.date(2030, 1, 1),
            )
        assert caught.value.code == code
    assert not Agreement.objects.exists()


def test_an_applicant_not_ranked_in_the_district_cannot_be_awarded_it(
    ranked, committee, licence_decision
):
    call, apps = ranked
    with pytest.raises(InvalidInput) as caught:
        services.agreements_award(
            actor=Actor.for_user(committee.secretary),
            call=call,
            decision=licence_decision,
            awards=[Award(apps[3].code, 4)],  # applied for district 1 only
            setup_deadline=_deadline(licence_decision),
        )
    assert caught.value.code == "not_ranked"


def test_awards_wait_for_the_objections_to_close(open_call, committee, reviewer, licence_decision):
    call, apps, _publication = factories.published_call(open_call, committee, reviewer, PEOPLE)
    with pytest.raises(Conflict) as caught:
        services.agreements_award(
            actor=Actor.for_user(committee.secretary),
            call=call,
            decision=licence_decision,
            awards=[Award(apps[0].code, 4)],
            setup_deadline=_deadline(licence_decision),
        )
    assert caught.value.code == "call_wrong_state"


@pytest.fixture
def agreement(ranked, committee, licence_decision):
    call, apps = ranked
    return services.agreements_award(
        actor=Actor.for_user(committee.secretary),
        call=call,
        decision=licence_decision,
        awards=[Award(apps[0].code, 4)],
        setup_deadline=_deadline(licence_decision),
    )[0]


def _licence(agreement, committee, decision, **overrides):
    values = {
        "actor": Actor.for_user(committee.secretary),
        "agreement": agreement,
        "decision": decision,
        "office_code": "T0499",
        "office_name": "دفتر خدمات الکترونیک شهر تهرانپارس ۹۹",
        "address": "تهران، تهرانپارس، خیابان گلبرگ، پلاک ۱۰",
        "issued_on": agreement.awarded_on + datetime.timedelta(days=10),
        "term_years": 3,
    }
    values.update(overrides)
    return services.agreement_issue_licence(**values)


def test_the_operating_licence_registers_the_office_and_licenses_the_holder(
    agreement, committee, licence_decision
):
    licence = _licence(agreement, committee, licence_decision, open_office=True)
    application = agreement.application
    office = Office.objects.get(code="T0499")
    assert office.district.number == 4
    assert office.status == OfficeStatus.ACTIVE
    assert office.technical_manager.national_code == application.tm_national_code
    assert licence.status == LicenceStatus.ACTIVE
    assert licence.licensee.person.national_code == application.national_code
    assert licence.verification_code
    assert (licence.expires_on - licence.issued_on).days in (1095, 1096)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.LICENSED
    assert (agreement.office, agreement.licence) == (office, licence)


def test_a_licence_after_the_setup_deadline_is_refused_and_nothing_is_registered(
    agreement, committee, licence_decision
):
    with pytest.raises(Conflict) as caught:
        _licence(
            agreement,
            committee,
            licence_decision,
            issued_on=agreement.setup_deadline + datetime.timedelta(days=1),
        )
    assert caught.value.code == "agreement_lapsed"
    assert not Office.objects.filter(code="T0499").exists()
    assert not Person.objects.filter(national_code=agreement.application.national_code).exists()


def test_a_person_who_already_holds_a_licence_gets_no_second_one(
    agreement, committee, licence_decision, personas
):
    # given the holder already runs another office under a licence
    from daftar.offices import services as offices

    person = offices.person_upsert(
        actor=Actor.system("test"),
        national_code=agreement.application.national_code,
        first_name="الف",
        last_name="ب",
    )
    licensee = offices.licensee_for_person(actor=Actor.system("test"), person=person)
    offices.licence_issue(
        actor=Actor.system("test"),
        office=personas.office_b,
        licensee=licensee,
        decision=licence_decision,
        issued_on=datetime.date(2025, 1, 1),
        term_years=3,
    )
    with pytest.raises(Conflict) as caught:
        _licence(agreement, committee, licence_decision)
    assert caught.value.code == "one_licence_per_person"
    assert not Office.objects.filter(code="T0499").exists()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AWARDED
    assert Licensee.objects.count() == 1


def test_a_licence_needs_a_licence_decision(agreement, committee, in_force):
    tariff = factories.adopted_decision(committee, in_force, kind=DecisionKind.TARIFF)
    with pytest.raises(InvalidInput) as caught:
        _licence(agreement, committee, tariff)
    assert caught.value.code == "decision_wrong_kind"


# --- lapse: the deadline passes without a licence -----------------------------------------------


def _award(call, committee, decision, *awards):
    return services.agreements_award(
        actor=Actor.for_user(committee.secretary),
        call=call,
        decision=decision,
        awards=list(awards),
        setup_deadline=_deadline(decision),
    )


_YEAR = datetime.timedelta(days=365)


def _lapse_after_deadline(agreement) -> None:
    """Run the daily job the day after `agreement`'s deadline."""
    services.agreements_lapse_due(today=agreement.setup_deadline + datetime.timedelta(days=1))


def _awarded_in(call, number: int) -> int:
    figures = selectors.call_figures(call)
    return next(d.awarded for d in figures.districts if d.number == number)


def test_an_agreement_lapses_the_day_after_its_deadline_and_the_job_is_audited(
    agreement, committee, licence_decision
):
    deadline = agreement.setup_deadline
    assert services.agreements_lapse_due(today=deadline) == 0  # the last day still counts
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AWARDED

    assert services.agreements_lapse_due(today=deadline + datetime.timedelta(days=1)) == 1
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.LAPSED
    entry = AuditEntry.objects.get(action="agreement.lapsed")
    assert (entry.actor_label, entry.object_id) == ("system:agreement-expiry", str(agreement.pk))
    assert verify_stream(services.STREAM).ok
    # nothing left to do on a second run
    assert services.agreements_lapse_due(today=deadline + datetime.timedelta(days=2)) == 0


def test_a_licensed_agreement_never_lapses(agreement, committee, licence_decision):
    _licence(agreement, committee, licence_decision)
    assert services.agreements_lapse_due(today=agreement.setup_deadline + _YEAR) == 0
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.LICENSED


def test_no_licence_is_issued_on_a_lapsed_agreement(agreement, committee, licence_decision):
    services.agreements_lapse_due(today=agreement.setup_deadline + _YEAR)
    with pytest.raises(Conflict) as caught:
        _licence(agreement, committee, licence_decision, issued_on=agreement.awarded_on)
    assert caught.value.code == "agreement_lapsed"
    assert "lapsed" in caught.value.render("en")
    assert not Office.objects.filter(code="T0499").exists()


def test_a_place_freed_by_a_lapse_goes_to_the_next_ranked_applicant_by_a_new_decision(
    ranked, committee, in_force, licence_decision
):
    call, apps = ranked
    # district 1 has one place: apps[3] holds it, apps[4] was ranked second and got nothing
    (first,) = _award(call, committee, licence_decision, Award(apps[3].code, 1))
    later = factories.adopted_decision(committee, in_force, kind=DecisionKind.LICENCE)
    with pytest.raises(Conflict) as caught:
        _award(call, committee, later, Award(apps[4].code, 1))
    assert caught.value.code == "quota_exceeded"

    _lapse_after_deadline(first)
    assert _awarded_in(call, 1) == 0  # the public figure counts places held
    (replacement,) = _award(call, committee, later, Award(apps[4].code, 1))
    assert replacement.application == apps[4]
    assert replacement.district.number == 1
    assert replacement.decision == later
    assert Agreement.objects.filter(district__number=1).count() == 2
    assert _awarded_in(call, 1) == 1


def test_the_lapsed_holder_is_not_awarded_again_from_the_same_call(
    ranked, committee, in_force, licence_decision
):
    call, apps = ranked
    (first,) = _award(call, committee, licence_decision, Award(apps[3].code, 1))
    _lapse_after_deadline(first)
    later = factories.adopted_decision(committee, in_force, kind=DecisionKind.LICENCE)
    with pytest.raises(Conflict) as caught:
        _award(call, committee, later, Award(apps[3].code, 1))
    assert caught.value.code == "agreement_lapsed"
    assert Agreement.objects.filter(application=apps[3]).count() == 1


def test_a_freed_place_goes_in_order_of_rank_among_those_holding_nothing(
    open_call, committee, reviewer, in_force, licence_decision
):
    # district 1 (one place) ranks three applicants: the first is allocated, two wait
    people = [
        {"score": "90", "districts": [1]},
        {"score": "80", "districts": [1]},
        {"score": "70", "districts": [1]},
    ]
    call, apps, _publication = factories.published_call(open_call, committee, reviewer, people)
    factories.close_objections(call, committee.secretary)
    (first,) = _award(call, committee, licence_decision, Award(apps[0].code, 1))
    _lapse_after_deadline(first)
    later = factories.adopted_decision(committee, in_force, kind=DecisionKind.LICENCE)
    with pytest.raises(Conflict) as caught:
        _award(call, committee, later, Award(apps[2].code, 1))
    assert caught.value.code == "out_of_rank_order"
    assert apps[1].code in caught.value.render("en")
    assert Agreement.objects.filter(decision=later).count() == 0
    (replacement,) = _award(call, committee, later, Award(apps[1].code, 1))
    assert replacement.application == apps[1]


def test_an_applicant_holding_an_agreement_from_the_call_is_not_awarded_a_second(
    ranked, committee, in_force, licence_decision
):
    call, apps = ranked
    _award(call, committee, licence_decision, Award(apps[3].code, 1))
    later = factories.adopted_decision(committee, in_force, kind=DecisionKind.LICENCE)
    with pytest.raises(Conflict) as caught:
        _award(call, committee, later, Award(apps[3].code, 1))
    assert caught.value.code == "already_awarded"
    assert apps[3].code in caught.value.render("en")
    assert Agreement.objects.filter(application=apps[3]).count() == 1


def test_the_same_applicant_twice_in_one_batch_is_refused_and_nothing_is_awarded(
    ranked, committee, licence_decision
):
    call, apps = ranked
    with pytest.raises(Conflict) as caught:
        _award(call, committee, licence_decision, Award(apps[3].code, 1), Award(apps[3].code, 1))
    assert caught.value.code == "already_awarded"
    assert not Agreement.objects.filter(call=call).exists()
