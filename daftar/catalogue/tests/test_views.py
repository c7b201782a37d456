"""The service page and its fee calculator say the tariff in plain words with a worked example
and name where the fee goes; only staff see the formula itself."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from daftar.cases.tests.fixtures import TARIFF_FORMULA, TARIFF_SPLITS
from daftar.catalogue.services import tariff_set
from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind

pytestmark = pytest.mark.django_db

WORDS_FA = "۱ میلیون ریال به اضافهٔ نرخ پهنه برای هر متر مربع"


@pytest.fixture
def described(catalogue, adopt_decision):
    """From today the service's tariff says its formula in plain words."""
    tariff_set(
        actor=Actor.system("test"),
        service=catalogue.service,
        decision=adopt_decision(DecisionKind.TARIFF, "تعرفه با شرح"),
        effective_from=timezone.localdate(),
        formula=TARIFF_FORMULA,
        splits=TARIFF_SPLITS,
        description_fa=WORDS_FA,
        description_en="1 million rials plus the zone's rate per square metre",
    )
    return catalogue.service  # its beneficiaries are named by the fixture


def _page(client):
    return client.get(reverse("catalogue:service", args=["bp-file-open"])).content.decode()


@pytest.mark.parametrize("persona", [None, "citizen"])
def test_citizens_and_visitors_read_the_tariff_in_plain_words_never_the_formula(
    client, personas, described, persona
):
    if persona:
        client.force_login(getattr(personas, persona))
    page = _page(client)
    assert WORDS_FA in page
    assert "1_000_000" not in page
    assert "[zone]" not in page


@pytest.mark.parametrize("persona", ["reviewer", "operator_a", "committee"])
def test_staff_read_the_formula_beside_the_plain_words(client, personas, described, persona):
    client.force_login(getattr(personas, persona))
    page = _page(client)
    assert WORDS_FA in page
    assert 'data-testid="formula"' in page
    assert "1_000_000 + {1: 10_000, 2: 5_000}[zone] * area_m2" in page


def test_the_quote_works_the_example_and_names_where_the_fee_goes(client, described):
    response = client.post(
        reverse("catalogue:quote", args=["bp-file-open"]),
        {"area_m2": "۱۰۰", "zone": "2", "channel": "office"},
    )
    html = response.content.decode()
    assert "۱٬۵۰۰٬۰۰۰ ریال" in html  # 1,000,000 + 5,000 × 100
    assert "<li>پهنه: دو</li>" in html  # the choice by its label, not "2"
    assert "<li>مساحت: ۱۰۰</li>" in html
    assert "درآمد عوارض صدور پروانه ساختمانی: ۱٬۲۷۵٬۰۰۰ ریال" in html  # 85 %
    assert "سهم کارمزد دفتر: ۲۲۵٬۰۰۰ ریال" in html  # 15 %
    assert "revenue:" not in html
    assert "office_fee" not in html


def test_a_quote_with_bad_input_names_the_problem_and_prices_nothing(client, described):
    html = client.post(
        reverse("catalogue:quote", args=["bp-file-open"]), {"area_m2": "x", "zone": "2"}
    ).content.decode()
    assert "text-danger" in html
    assert 'data-testid="quote-amount"' not in html


@pytest.mark.parametrize(
    ("language", "expected", "foreign"),
    [("fa", "</a>، لازم‌الاجرا از", "</a>, "), ("en", "</a>, in force since", "</a>، ")],
)
def test_the_fee_line_separates_the_decision_with_the_pages_own_comma(
    client, described, settings, language, expected, foreign
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = _page(client)
    assert expected in page
    assert foreign not in page
