"""Calls: drafting with quotas proposed by the formula, opening on a decision, the lifecycle."""

from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError, transaction

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.governance.choices import DecisionKind
from daftar.governance.models import DecisionEffect
from daftar.licensing import services
from daftar.licensing.choices import CallStatus
from daftar.licensing.models import Call, CallDistrictQuota
from daftar.licensing.tests import factories


@pytest.fixture(autouse=True)
def _english():
    """These tests read the English wording of messages (the Persian is in the catalogue)."""
    from django.utils import translation

    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def test_a_draft_call_proposes_quotas_from_population_and_active_offices(committee, districts):
    # given district 1 (480,000 people, one active office) and district 4 (910,000, none)
    # when the committee drafts a call with one office per 100,000 residents
    call = services.call_create(
        actor=Actor.for_user(committee.secretary), code="۱۴۰۵-۱", settings=factories.settings()
    )
    # then the proposal is ceil(population / 100,000) - active offices, and the quota follows it
    quotas = {q.district.number: q for q in call.quotas.select_related("district")}
    assert call.code == "1405-1"
    assert (quotas[1].population, quotas[1].active_offices, quotas[1].proposed) == (480_000, 1, 4)
    assert (quotas[4].proposed, quotas[4].quota) == (10, 10)
    assert quotas[6].proposed == 2  # 250,000 → 3, minus one active office
    assert call.status == CallStatus.DRAFT
    assert AuditEntry.objects.filter(stream="licensing", action="call.created").exists()


def test_a_district_of_unknown_population_gets_no_proposal(committee, districts):
    factories.DistrictFactory(number=22)
    call = services.call_create(
        actor=Actor.for_user(committee.secretary), code="1405-1", settings=factories.settings()
    )
    assert call.quotas.get(district__number=22).proposed == 0


def test_quotas_are_editable_while_draft_and_can_be_reset_to_the_formula(committee, districts):
    call = services.call_create(
        actor=Actor.for_user(committee.secretary), code="1405-1", settings=factories.settings()
    )
    services.call_quotas_set(
        actor=Actor.for_user(committee.secretary), call=call, quotas={4: 3, 2: 0}
    )
    assert call.quotas.get(district__number=4).quota == 3
    assert call.quotas.get(district__number=4).proposed == 10
    services.call_quotas_propose(actor=Actor.for_user(committee.secretary), call=call)
    assert call.quotas.get(district__number=4).quota == 10


def test_a_bad_call_number_or_timetable_is_refused_naming_the_field(committee, districts):
    with pytest.raises(InvalidInput) as caught:
        services.call_create(
            actor=Actor.for_user(committee.secretary),
            code="call one",
            settings=factories.settings(),
        )
    assert caught.value.field == "code"
    times = factories.timetable()
    times["exam_on"] = times["registration_opens"] - datetime.timedelta(days=1)
    with pytest.raises(InvalidInput) as caught:
        services.call_create(
            actor=Actor.for_user(committee.secretary),
            code="1405-2",
            settings=factories.settings(**times),
        )
    assert caught.value.field == "exam_on"
    assert not Call.objects.exists()


def test_only_the_committee_drafts_calls(personas, committee, districts):
    with pytest.raises(Forbidden):
        services.call_create(
            actor=Actor.for_user(personas.reviewer), code="1405-1", settings=factories.settings()
        )
    assert not Call.objects.exists()


def test_a_call_opens_only_on_an_adopted_licence_decision(
    committee, in_force, draft_call, licence_decision
):
    # a draft decision, a decision of another kind, and no decision are all refused
    draft = factories.draft_decision(committee, in_force)
    policy = factories.adopted_decision(committee, in_force, kind=DecisionKind.TARIFF)
    for decision, code in (
        (None, "decision_required"),
        (draft, "decision_not_adopted"),
        (policy, "decision_wrong_kind"),
    ):
        with pytest.raises(InvalidInput) as caught:
            services.call_open(
                actor=Actor.for_user(committee.secretary), call=draft_call, decision=decision
            )
        assert caught.value.code == code
        draft_call.refresh_from_db()
        assert draft_call.status == CallStatus.DRAFT
    # the adopted licence decision opens it and records what it did
    services.call_open(
        actor=Actor.for_user(committee.secretary), call=draft_call, decision=licence_decision
    )
    draft_call.refresh_from_db()
    assert draft_call.status == CallStatus.OPEN
    assert draft_call.decision == licence_decision
    assert DecisionEffect.objects.filter(
        decision=licence_decision, object_id=str(draft_call.pk)
    ).exists()


def test_a_call_without_places_cannot_open(committee, districts, licence_decision):
    call = factories.draft_call(committee.secretary)
    services.call_quotas_set(
        actor=Actor.for_user(committee.secretary),
        call=call,
        quotas={q.district.number: 0 for q in call.quotas.all()},
    )
    with pytest.raises(Conflict) as caught:
        services.call_open(
            actor=Actor.for_user(committee.secretary), call=call, decision=licence_decision
        )
    assert caught.value.code == "no_quota"


def test_quotas_and_rules_are_frozen_once_the_call_opens(committee, open_call):
    with pytest.raises(Conflict) as caught:
        services.call_quotas_set(
            actor=Actor.for_user(committee.secretary), call=open_call, quotas={4: 9}
        )
    assert caught.value.code == "call_wrong_state"
    with pytest.raises(Conflict):
        services.call_update(
            actor=Actor.for_user(committee.secretary), call=open_call, settings=factories.settings()
        )
    with pytest.raises(Conflict):
        services.call_quotas_propose(actor=Actor.for_user(committee.secretary), call=open_call)
    assert open_call.quotas.get(district__number=4).quota == 2


def test_the_database_refuses_to_change_a_frozen_quota_or_rule(open_call):
    with pytest.raises(DatabaseError), transaction.atomic():
        CallDistrictQuota.objects.filter(call=open_call, district__number=4).update(quota=9)
    with pytest.raises(DatabaseError), transaction.atomic():
        Call.objects.filter(pk=open_call.pk).update(pass_mark=10)


def test_registration_cannot_be_closed_before_its_closing_date(committee, open_call):
    with pytest.raises(Conflict) as caught:
        services.call_close_registration(
            actor=Actor.for_user(committee.secretary),
            call=open_call,
            today=open_call.registration_closes,
        )
    assert caught.value.code == "registration_still_open"
    factories.close_registration(open_call, committee.secretary)
    open_call.refresh_from_db()
    assert open_call.status == CallStatus.REGISTRATION_CLOSED


def test_steps_out_of_order_are_refused_with_the_state_named(committee, open_call):
    with pytest.raises(Conflict) as caught:
        services.call_mark_scored(actor=Actor.for_user(committee.secretary), call=open_call)
    assert caught.value.code == "call_wrong_state"
    assert "Open for applications" in caught.value.render("en")
    with pytest.raises(Conflict):
        services.call_close(actor=Actor.for_user(committee.secretary), call=open_call)
    with pytest.raises(Conflict):
        services.call_publish_results(actor=Actor.for_user(committee.secretary), call=open_call)
    open_call.refresh_from_db()
    assert open_call.status == CallStatus.OPEN
