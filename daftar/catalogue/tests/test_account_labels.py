"""Ledger accounts and tariff beneficiaries are shown by their names, never their keys."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.utils import translation

from daftar.catalogue.demo import _seed_beneficiaries
from daftar.catalogue.demo_data import demo_organisation
from daftar.catalogue.models import Beneficiary
from daftar.catalogue.selectors import account_label, account_labels

pytestmark = pytest.mark.django_db


@pytest.fixture
def heads():
    _seed_beneficiaries(demo_organisation())


def test_a_revenue_head_is_named_in_the_active_language(heads):
    with translation.override("fa"):
        assert account_label("revenue:building-permit-duty") == "درآمد عوارض صدور پروانه ساختمانی"
    with translation.override("en"):
        assert account_label("revenue:building-permit-duty") == "Building-permit duty revenue"


def test_every_beneficiary_of_the_demo_tariffs_has_a_name(heads):
    from daftar.catalogue.demo_data import demo_services

    keys = {split.beneficiary for s in demo_services() for split in s.tariff.splits}
    with translation.override("fa"):
        labels = account_labels(keys)
    for key in keys:
        assert labels[key] != key, f"{key} has no name"
        assert ":" not in labels[key]
        assert "_" not in labels[key]


def test_the_office_share_and_the_treasury_accounts_have_fixed_names(heads):
    with translation.override("en"):
        labels = account_labels(
            ["office_fee", "bank:treasury", "clearing:pos", "payable:other:fire-department"]
        )
    assert labels["office_fee"] == "Office's fee share"
    assert labels["bank:treasury"] == "The city's single treasury account"
    assert labels["clearing:pos"].startswith("Card payments")
    assert labels["payable:other:fire-department"] == (
        "Owed to Tehran Fire and Safety Services Organisation"
    )


def test_labels_for_a_list_cost_one_query(heads, django_assert_num_queries):
    with django_assert_num_queries(1):
        account_labels(["revenue:waste-services", "revenue:traffic-services", "office_fee"])


def test_an_unnamed_key_is_shown_as_it_is_rather_than_hidden(heads):
    assert account_label("revenue:not-in-the-catalogue") == "revenue:not-in-the-catalogue"


def test_seeding_the_names_twice_changes_nothing(heads):
    count = Beneficiary.objects.count()
    _seed_beneficiaries(demo_organisation())
    assert Beneficiary.objects.count() == count == 15


def test_a_beneficiary_key_names_its_kind():
    with pytest.raises(IntegrityError):
        Beneficiary.objects.create(key="building", name_fa="x", name_en="x")
