"""Refunds of rejected files: by the service's rule, approved, booked, paid, on the timeline."""

from __future__ import annotations

import pytest

from daftar.cases import services as cases
from daftar.cases.tests.fixtures import open_file
from daftar.core.errors import Conflict, Forbidden
from daftar.treasury import services
from daftar.treasury.services.ledger import REFUNDS, TREASURY, balance, unbalanced_entries

pytestmark = pytest.mark.django_db
FORM = {"area_m2": "120", "zone": "1"}


@pytest.fixture
def rejected_paid_file(personas, catalogue):
    file = open_file(personas, catalogue)
    services.payment_record_slip(
        actor=personas.treasury, file=file, bank_reference="S-1", amount=file.amount
    )
    return cases.file_apply_action(
        actor=personas.reviewer, file=file, action="reject", reason="خارج از طرح تفصیلی"
    )


def test_a_rejected_paid_file_is_refunded_by_the_services_rule(
    personas, catalogue, rejected_paid_file
):
    catalogue.service.refundable_basis_points = 8000
    catalogue.service.save()
    assert services.refunds_due() == [rejected_paid_file]
    refund = services.refund_request(
        actor="system:refunds", file=rejected_paid_file, reason="رد پرونده"
    )
    assert refund.amount == 1_760_000  # 80% of 2,200,000
    assert sum(refund.parts.values()) == refund.amount
    services.refund_approve(actor=personas.treasury, refund=refund)
    assert balance(REFUNDS) == -1_760_000
    services.refund_pay(actor=personas.treasury, refund=refund)
    assert balance(REFUNDS) == 0
    assert balance(TREASURY) == -1_760_000
    assert unbalanced_entries() == []
    actions = list(
        rejected_paid_file.events.filter(kind="payment").values_list("action", flat=True)
    )
    assert actions == ["refund_requested", "refund_approved", "refund_paid"]
    assert services.refunds_due() == []


def test_a_refund_is_never_made_twice(personas, rejected_paid_file):
    services.refund_request(actor="x", file=rejected_paid_file, reason="r")
    with pytest.raises(Conflict) as caught:
        services.refund_request(actor="x", file=rejected_paid_file, reason="r")
    assert caught.value.code == "duplicate"


def test_only_a_treasury_officer_approves(personas, rejected_paid_file):
    refund = services.refund_request(actor="x", file=rejected_paid_file, reason="r")
    with pytest.raises(Forbidden):
        services.refund_approve(actor=personas.reviewer, refund=refund)
    refund.refresh_from_db()
    assert refund.status == "requested"


def test_a_file_that_was_not_rejected_is_not_refunded(personas, catalogue):
    file = open_file(personas, catalogue)
    with pytest.raises(Conflict) as caught:
        services.refund_request(actor="x", file=file, reason="r")
    assert caught.value.code == "not_refundable"


def test_a_non_refundable_service_refunds_nothing(personas, catalogue, rejected_paid_file):
    catalogue.service.refundable_basis_points = 0
    catalogue.service.save()
    with pytest.raises(Conflict) as caught:
        services.refund_request(actor="x", file=rejected_paid_file, reason="r")
    assert caught.value.code == "not_refundable"


def test_a_rejected_refund_can_be_requested_again(personas, rejected_paid_file):
    refund = services.refund_request(actor="x", file=rejected_paid_file, reason="r")
    services.refund_reject(actor=personas.treasury, refund=refund, reason="اشتباه")
    again = services.refund_request(actor="x", file=rejected_paid_file, reason="r")
    assert again.pk != refund.pk
