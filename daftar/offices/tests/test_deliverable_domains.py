"""`office_deliverable_domain_ids` is `office_delivery_problems` for every domain at once (the
counter lists services by it): the two must agree, whatever is missing."""

from __future__ import annotations

import datetime

import pytest

from daftar.catalogue.models import ServiceDomain
from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind
from daftar.offices import services
from daftar.offices.selectors import office_deliverable_domain_ids, office_delivery_problems

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 1, 10)


def _agree(office, domains) -> set[int]:
    deliverable = office_deliverable_domain_ids(office, on=ON)
    for domain in domains:
        assert (domain.pk in deliverable) == (not office_delivery_problems(office, domain, on=ON))
    return deliverable


def test_only_a_domain_both_certified_and_authorised_is_deliverable(
    licensed_office, certified, domain, adopt_decision
):
    other = ServiceDomain.objects.create(
        code="parking", name_fa="پارکینگ", name_en="Parking", department=domain.department
    )
    assert _agree(licensed_office, [domain, other]) == set()  # certified, not authorised
    services.authorisation_grant(
        actor=Actor.system("test"),
        office=licensed_office,
        domain=domain,
        decision=adopt_decision(DecisionKind.SERVICE_AUTHORISATION),
    )
    assert _agree(licensed_office, [domain, other]) == {domain.pk}


def test_nothing_is_deliverable_once_the_certificates_or_the_licence_expire(
    licensed_office, certified, domain, adopt_decision
):
    services.authorisation_grant(
        actor=Actor.system("test"),
        office=licensed_office,
        domain=domain,
        decision=adopt_decision(DecisionKind.SERVICE_AUTHORISATION),
    )
    assert _agree(licensed_office, [domain]) == {domain.pk}
    after_certificate = datetime.date(2027, 3, 1)  # the certificate ran to 2027-02-01
    assert office_deliverable_domain_ids(licensed_office, on=after_certificate) == set()
    assert office_delivery_problems(licensed_office, domain, on=after_certificate)
    after_licence = datetime.date(2031, 1, 1)
    assert office_deliverable_domain_ids(licensed_office, on=after_licence) == set()
