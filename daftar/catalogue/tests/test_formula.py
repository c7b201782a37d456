"""Fee formulas: exact arithmetic in rials, and nothing that could run code."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daftar.catalogue.formula import FormulaError, evaluate, names


@pytest.fixture(autouse=True)
def _english():
    """These tests read the English wording of messages (the Persian is in the catalogue)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_a_base_plus_a_rate_per_square_metre():
    assert evaluate("2_500_000 + 85_000 * area_m2", {"area_m2": Decimal("120.5")}) == 12_742_500


def test_a_rate_by_zone_from_a_lookup_table():
    formula = "{1: 1_450_000, 2: 1_100_000, 3: 850_000}[zone] * area_m2"
    assert evaluate(formula, {"zone": 2, "area_m2": 100}) == 110_000_000
    with pytest.raises(FormulaError, match="no entry"):
        evaluate(formula, {"zone": 9, "area_m2": 100})


def test_conditions_minimums_and_rounding_down_to_the_rial():
    formula = "max(3_000_000, area_m2 * 12_345 / 7) if floors > 2 else 1_800_000"
    assert evaluate(formula, {"area_m2": 1000, "floors": 3}) == 3_000_000
    assert evaluate(formula, {"area_m2": 3000, "floors": 3}) == 5_290_714  # floor(5290714.28)
    assert evaluate(formula, {"area_m2": 3000, "floors": 1}) == 1_800_000


def test_names_are_the_fields_a_formula_reads():
    assert names("max(a, b * 2) + {1: 5}[zone]") == {"a", "b", "zone"}


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os').system('id')",
        "(1).__class__",
        "open('x')",
        "[x for x in range(10)]",
        "lambda: 1",
        "'text'",
        "area_m2 ** 99999999",
        "globals()",
    ],
)
def test_anything_but_arithmetic_is_refused_before_evaluation(source):
    with pytest.raises(FormulaError) as caught:
        evaluate(source, {"area_m2": 1})
    assert caught.value.field == "formula"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("area_m2 +", "not well formed"),
        ("", "empty"),
        ("1 / (area_m2 - area_m2)", "divides by zero"),
        ("0 - area_m2", "negative"),
        ("missing * 2", "needs the field missing"),
        ("area_m2 > 3", "yes/no"),
    ],
)
def test_bad_formulas_get_clear_messages(source, message):
    with pytest.raises(FormulaError, match=message):
        evaluate(source, {"area_m2": 10})


@given(
    base=st.integers(0, 10**9),
    rate=st.integers(0, 10**6),
    area=st.decimals(min_value=0, max_value=10**5, places=2),
)
def test_fees_are_whole_non_negative_rials_never_above_the_exact_value(base, rate, area):
    fee = evaluate("base + rate * area", {"base": base, "rate": rate, "area": area})
    exact = base + rate * area
    assert isinstance(fee, int)
    assert 0 <= fee <= exact < fee + 1


def test_fields_the_formula_does_not_read_may_be_text():
    assert evaluate("2 * area", {"area": 10, "plate": "ایران ۱۲ ج ۳۴۵"}) == 20
