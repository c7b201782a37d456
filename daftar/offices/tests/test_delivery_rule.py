"""The rule other capabilities call: who may deliver a domain's services."""

from __future__ import annotations

import datetime

import pytest

from daftar.core.actors import Actor
from daftar.core.errors import Conflict
from daftar.governance.choices import DecisionKind
from daftar.offices import selectors, services

pytestmark = pytest.mark.django_db


def test_an_office_without_certified_staff_cannot_be_authorised_for_a_domain(
    licensed_office, domain, adopt_decision
):
    with pytest.raises(Conflict) as caught:
        services.authorisation_grant(
            actor=Actor.system("x"),
            office=licensed_office,
            domain=domain,
            decision=adopt_decision(DecisionKind.SERVICE_AUTHORISATION),
        )
    assert caught.value.code == "not_eligible_for_domain"
    problems = selectors.office_delivery_problems(licensed_office, domain)
    assert [p.code for p in problems] == ["no_certified_staff", "not_authorised"]
    assert not licensed_office.authorisations.exists()


def test_an_authorised_office_with_certified_staff_may_deliver(
    licensed_office, certified, domain, adopt_decision
):
    assert not selectors.office_can_deliver(licensed_office, domain)  # not yet authorised
    services.authorisation_grant(
        actor=Actor.system("x"),
        office=licensed_office,
        domain=domain,
        decision=adopt_decision(DecisionKind.SERVICE_AUTHORISATION),
    )
    assert selectors.office_can_deliver(licensed_office, domain)


def test_delivery_stops_when_the_only_certificate_expires(
    licensed_office, certified, domain, adopt_decision
):
    services.authorisation_grant(
        actor=Actor.system("x"),
        office=licensed_office,
        domain=domain,
        decision=adopt_decision(DecisionKind.SERVICE_AUTHORISATION),
    )
    expiry = certified.certifications.get().expires_on
    assert selectors.office_can_deliver(licensed_office, domain, on=expiry)
    problems = selectors.office_delivery_problems(
        licensed_office, domain, on=expiry + datetime.timedelta(days=1)
    )
    assert [p.code for p in problems] == ["no_certified_staff"]


def test_delivery_stops_when_the_certified_staff_member_leaves(
    licensed_office, certified, domain, adopt_decision
):
    services.authorisation_grant(
        actor=Actor.system("x"),
        office=licensed_office,
        domain=domain,
        decision=adopt_decision(DecisionKind.SERVICE_AUTHORISATION),
    )
    services.office_staff_leave(
        actor=Actor.system("x"), post=certified, left_on=datetime.date(2026, 1, 1)
    )
    assert not selectors.office_can_deliver(licensed_office, domain)


def test_a_suspended_office_cannot_deliver(licensed_office, certified, domain, adopt_decision):
    services.authorisation_grant(
        actor=Actor.system("x"),
        office=licensed_office,
        domain=domain,
        decision=adopt_decision(DecisionKind.SERVICE_AUTHORISATION),
    )
    services.office_suspend(
        actor=Actor.system("x"),
        office=licensed_office,
        decision=adopt_decision(DecisionKind.SANCTION),
        reason="r",
    )
    licensed_office.refresh_from_db()
    problems = selectors.office_delivery_problems(licensed_office, domain)
    assert [p.code for p in problems] == ["office_not_active"]


def test_a_withdrawn_authorisation_ends_delivery(
    licensed_office, certified, domain, adopt_decision
):
    authorisation = services.authorisation_grant(
        actor=Actor.system("x"),
        office=licensed_office,
        domain=domain,
        decision=adopt_decision(DecisionKind.SERVICE_AUTHORISATION),
    )
    services.authorisation_withdraw(
        actor=Actor.system("x"),
        authorisation=authorisation,
        decision=adopt_decision(DecisionKind.SERVICE_AUTHORISATION),
    )
    assert not selectors.office_can_deliver(licensed_office, domain)
