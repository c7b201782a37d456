"""Refunds of rejected files: by the service's rule, approved, booked, paid, on the timeline."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from daftar.cases import services as cases
from daftar.cases.tests.fixtures import open_file
from daftar.catalogue.services import tariff_set
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden
from daftar.governance.choices import DecisionKind
from daftar.treasury import services
from daftar.treasury.services.ledger import (
    REFUNDS,
    TREASURY,
    balance,
    beneficiary_account,
    unbalanced_entries,
)

pytestmark = pytest.mark.django_db
FORM = {"area_m2": "120", "zone": "1"}


def test_a_rejected_paid_file_is_refunded_by_the_services_rule(
    personas, catalogue, rejected_paid_file
):
    catalogue.service.refundable_basis_points = 8000
    catalogue.service.save()
    assert list(services.refunds_due()) == [rejected_paid_file]
    refund = services.refund_request(
        actor=Actor.system("refunds"), file=rejected_paid_file, reason="رد پرونده"
    )
    assert refund.amount == 1_760_000  # 80% of 2,200,000
    assert sum(refund.parts.values()) == refund.amount
    services.refund_approve(actor=Actor.for_user(personas.treasury), refund=refund)
    assert balance(REFUNDS) == -1_760_000
    services.refund_pay(actor=Actor.for_user(personas.treasury), refund=refund)
    assert balance(REFUNDS) == 0
    assert balance(TREASURY) == -1_760_000
    assert unbalanced_entries() == []
    actions = list(
        rejected_paid_file.events.filter(kind="payment").values_list("action", flat=True)
    )
    assert actions == ["refund_requested", "refund_approved", "refund_paid"]
    assert list(services.refunds_due()) == []


def test_a_refund_is_never_made_twice(personas, rejected_paid_file):
    services.refund_request(actor=Actor.system("x"), file=rejected_paid_file, reason="r")
    with pytest.raises(Conflict) as caught:
        services.refund_request(actor=Actor.system("x"), file=rejected_paid_file, reason="r")
    assert caught.value.code == "duplicate"


def test_only_a_treasury_officer_approves(personas, rejected_paid_file):
    refund = services.refund_request(actor=Actor.system("x"), file=rejected_paid_file, reason="r")
    with pytest.raises(Forbidden):
        services.refund_approve(actor=Actor.for_user(personas.reviewer), refund=refund)
    refund.refresh_from_db()
    assert refund.status == "requested"


def test_a_file_that_was_not_rejected_is_not_refunded(personas, catalogue):
    file = open_file(personas, catalogue)
    with pytest.raises(Conflict) as caught:
        services.refund_request(actor=Actor.system("x"), file=file, reason="r")
    assert caught.value.code == "not_refundable"


def test_a_non_refundable_service_refunds_nothing(personas, catalogue, rejected_paid_file):
    catalogue.service.refundable_basis_points = 0
    catalogue.service.save()
    with pytest.raises(Conflict) as caught:
        services.refund_request(actor=Actor.system("x"), file=rejected_paid_file, reason="r")
    assert caught.value.code == "not_refundable"


def test_a_rejected_refund_can_be_requested_again(personas, rejected_paid_file):
    refund = services.refund_request(actor=Actor.system("x"), file=rejected_paid_file, reason="r")
    services.refund_reject(actor=Actor.for_user(personas.treasury), refund=refund, reason="اشتباه")
    again = services.refund_request(actor=Actor.system("x"), file=rejected_paid_file, reason="r")
    assert again.pk != refund.pk


# --- how a refund is split ------------------------------------------------------------------


def _priced_by(catalogue, adopt_decision, formula, splits):
    """From today, the service is priced by `formula` split by `splits` (in that order)."""
    tariff_set(
        actor=Actor.system("test"),
        service=catalogue.service,
        decision=adopt_decision(DecisionKind.TARIFF, "تعرفه آزمایشی"),
        effective_from=timezone.localdate() - datetime.timedelta(days=1),
        formula=formula,
        splits=splits,
    )


def _rejected_after_a_slip(personas, catalogue, **open_args):
    file = open_file(personas, catalogue, **open_args)
    services.payment_record_slip(
        actor=Actor.for_user(personas.treasury),
        file=file,
        bank_reference=f"S-{file.pk}",
        amount=file.amount,
    )
    return cases.file_apply_action(
        actor=Actor.for_user(personas.reviewer),
        file=file,
        action="reject",
        reason="خارج از طرح تفصیلی",
    )


def test_a_full_refund_takes_from_the_office_exactly_its_fee_share(
    personas, catalogue, counter_ready, adopt_decision
):
    # Given 1,800,001 rials paid for a file taken at office T0101, split office_fee 216,000 /
    # other 90,000 / revenue 1,494,001 (the outside review's case), fully refundable; the
    # office's fee share is the first key of the split, as PostgreSQL's jsonb orders them
    _priced_by(
        catalogue,
        adopt_decision,
        "1_800_001",
        [
            {"beneficiary": "office_fee", "basis_points": 1200},
            {"beneficiary": "other:fire-brigade", "basis_points": 500},
            {"beneficiary": "revenue:building-permit-duty", "basis_points": 8300},
        ],
    )
    file = _rejected_after_a_slip(personas, catalogue, office=counter_ready)
    payment = file.payments.get()
    assert payment.parts == {
        "office_fee": 216_000,
        "other:fire-brigade": 90_000,
        "revenue:building-permit-duty": 1_494_001,
    }
    # When the refund is requested and approved
    refund = services.refund_request(actor=Actor.system("refunds"), file=file, reason="رد پرونده")
    services.refund_approve(actor=Actor.for_user(personas.treasury), refund=refund)
    # Then each beneficiary gives back exactly what it received (not 216,180 from the office)
    assert refund.amount == 1_800_001
    assert refund.parts == payment.parts
    office = beneficiary_account("office_fee", office=counter_ready)
    assert balance(office.code) == 0
    assert unbalanced_entries() == []


def test_the_rounding_remainder_of_a_refund_goes_to_the_tariffs_main_revenue_head(
    personas, catalogue, adopt_decision
):
    # Given a tariff whose main (first) revenue head sorts last among the split's keys
    main, second = "revenue:building-permit-duty", "revenue:technical-services"
    _priced_by(
        catalogue,
        adopt_decision,
        "1_000_003",
        [
            {"beneficiary": main, "basis_points": 3334},
            {"beneficiary": second, "basis_points": 3333},
            {"beneficiary": "other:fire-brigade", "basis_points": 3333},
        ],
    )
    catalogue.service.refundable_basis_points = 7000
    catalogue.service.save()
    file = _rejected_after_a_slip(personas, catalogue)
    received = file.payments.get().parts
    # When 70% is refunded
    refund = services.refund_request(actor=Actor.system("refunds"), file=file, reason="رد پرونده")
    # Then the others give their share rounded down and the main head the rest
    assert refund.amount == 700_002  # 1,000,003 × 70%, rounded down
    for name in (second, "other:fire-brigade"):
        assert refund.parts[name] == refund.amount * received[name] // 1_000_003
    assert (
        refund.parts[main]
        == refund.amount - refund.parts[second] - refund.parts["other:fire-brigade"]
    )
    assert all(refund.parts[name] <= received[name] for name in received)
