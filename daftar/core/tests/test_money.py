"""Rials: display in both languages, tomans, and splitting a payment without losing a rial."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daftar.core.money import BASIS_POINTS, allocate, format_rials, format_tomans


@pytest.mark.parametrize(
    ("amount", "persian", "english"),
    [
        (12_345_000, "۱۲٬۳۴۵٬۰۰۰ ریال", "12,345,000 rials"),
        (999, "۹۹۹ ریال", "999 rials"),
        (1_000, "۱٬۰۰۰ ریال", "1,000 rials"),
        (1, "۱ ریال", "1 rial"),
        (0, "۰ ریال", "0 rials"),
        (10**15, "۱٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰ ریال", "1,000,000,000,000,000 rials"),
    ],
)
def test_rials_are_shown_with_grouped_digits_in_each_language(amount, persian, english):
    assert format_rials(amount, language="fa") == persian
    assert format_rials(amount, language="en") == english


def test_rials_can_be_shown_without_the_unit():
    assert format_rials(12_345_000, language="fa", unit=False) == "۱۲٬۳۴۵٬۰۰۰"
    assert format_rials(12_345_000, language="en", unit=False) == "12,345,000"


def test_persian_amounts_use_the_arabic_thousands_separator():
    assert "\u066c" in format_rials(1_000, language="fa")
    assert "," not in format_rials(1_000, language="fa")


@pytest.mark.parametrize(
    ("rials", "persian", "english"),
    [
        (12_345_000, "۱٬۲۳۴٬۵۰۰ تومان", "1,234,500 tomans"),
        (12_345, "۱٬۲۳۴٫۵ تومان", "1,234.5 tomans"),
        (10, "۱ تومان", "1 toman"),
        (15, "۱٫۵ تومان", "1.5 tomans"),
        (5, "۰٫۵ تومان", "0.5 tomans"),
        (0, "۰ تومان", "0 tomans"),
    ],
)
def test_tomans_show_a_decimal_only_when_the_rials_are_not_whole_tomans(rials, persian, english):
    assert format_tomans(rials, language="fa") == persian
    assert format_tomans(rials, language="en") == english


def test_tomans_can_be_shown_without_the_unit():
    assert format_tomans(12_345, language="fa", unit=False) == "۱٬۲۳۴٫۵"
    assert format_tomans(12_345, language="en", unit=False) == "1,234.5"


@pytest.mark.parametrize("amount", [1.0, 12.5, Decimal(100), True, False, "100", None])
def test_anything_but_an_int_amount_is_refused(amount):
    with pytest.raises(TypeError):
        format_rials(amount, language="fa")
    with pytest.raises(TypeError):
        format_tomans(amount, language="en")
    with pytest.raises(TypeError):
        allocate(amount, [("a", BASIS_POINTS)], remainder_to="a")


# A Persian negative amount: LEFT-TO-RIGHT MARK, MINUS SIGN, then the digits (CLDR's minus
# for Persian), so that the minus shows at the number's left inside a right-to-left sentence.
LRM_MINUS = "\u200e\u2212"


@pytest.mark.parametrize(
    ("amount", "persian", "english"),
    [
        (-45_000, f"{LRM_MINUS}۴۵٬۰۰۰ ریال", "-45,000 rials"),
        (-1, f"{LRM_MINUS}۱ ریال", "-1 rial"),
        (-999, f"{LRM_MINUS}۹۹۹ ریال", "-999 rials"),
        (-1_545_791_292, f"{LRM_MINUS}۱٬۵۴۵٬۷۹۱٬۲۹۲ ریال", "-1,545,791,292 rials"),
        (-(10**15), f"{LRM_MINUS}۱٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰ ریال", "-1,000,000,000,000,000 rials"),
    ],
)
def test_negative_rials_are_shown_with_a_minus_at_the_numbers_left(amount, persian, english):
    assert format_rials(amount, language="fa") == persian
    assert format_rials(amount, language="en") == english


def test_negative_rials_can_be_shown_without_the_unit():
    assert format_rials(-12_345_000, language="fa", unit=False) == f"{LRM_MINUS}۱۲٬۳۴۵٬۰۰۰"
    assert format_rials(-12_345_000, language="en", unit=False) == "-12,345,000"


@pytest.mark.parametrize(
    ("rials", "persian", "english"),
    [
        (-12_345_000, f"{LRM_MINUS}۱٬۲۳۴٬۵۰۰ تومان", "-1,234,500 tomans"),
        (-12_345, f"{LRM_MINUS}۱٬۲۳۴٫۵ تومان", "-1,234.5 tomans"),
        (-15, f"{LRM_MINUS}۱٫۵ تومان", "-1.5 tomans"),
        (-10, f"{LRM_MINUS}۱ تومان", "-1 toman"),
        (-5, f"{LRM_MINUS}۰٫۵ تومان", "-0.5 tomans"),
        (-1, f"{LRM_MINUS}۰٫۱ تومان", "-0.1 tomans"),
        (-(10**15), f"{LRM_MINUS}۱۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰ تومان", "-100,000,000,000,000 tomans"),
        (10**15, "۱۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰ تومان", "100,000,000,000,000 tomans"),
    ],
)
def test_negative_tomans_keep_every_rial_and_the_minus(rials, persian, english):
    assert format_tomans(rials, language="fa") == persian
    assert format_tomans(rials, language="en") == english


def test_negative_tomans_can_be_shown_without_the_unit():
    assert format_tomans(-12_345, language="fa", unit=False) == f"{LRM_MINUS}۱٬۲۳۴٫۵"
    assert format_tomans(-12_345, language="en", unit=False) == "-1,234.5"


@settings(max_examples=200, deadline=None)
@given(st.integers(-(10**18), 10**18))
def test_a_negative_amount_reads_as_its_magnitude_after_the_minus(amount):
    for language, minus in (("fa", LRM_MINUS), ("en", "-")):
        for formatter in (format_rials, format_tomans):
            shown = formatter(amount, language=language, unit=False)
            magnitude = formatter(abs(amount), language=language, unit=False)
            assert shown == (f"{minus}{magnitude}" if amount < 0 else magnitude)


def test_a_negative_amount_is_not_split():
    with pytest.raises(ValueError, match="negative"):
        allocate(-1, [("a", BASIS_POINTS)], remainder_to="a")


# --- allocate --------------------------------------------------------------------------------


def test_a_split_rounds_down_and_gives_the_remainder_to_the_named_beneficiary():
    parts = allocate(
        1_001,
        [("office", 3_333), ("province", 3_333), ("municipality", 3_334)],
        remainder_to="municipality",
    )
    assert parts == {"office": 333, "province": 333, "municipality": 335}
    assert list(parts) == ["office", "province", "municipality"]  # order of the shares


def test_a_split_with_an_exact_division_has_no_remainder():
    parts = allocate(10_000, [("office", 2_500), ("municipality", 7_500)], remainder_to="office")
    assert parts == {"office": 2_500, "municipality": 7_500}


def test_a_zero_share_gets_nothing_unless_it_takes_the_remainder():
    assert allocate(7, [("a", 5_000), ("b", 5_000), ("c", 0)], remainder_to="c") == {
        "a": 3,
        "b": 3,
        "c": 1,
    }


def test_a_zero_total_splits_into_zeros():
    assert allocate(0, [("a", 1), ("b", 9_999)], remainder_to="a") == {"a": 0, "b": 0}


@pytest.mark.parametrize(
    ("shares", "remainder_to", "message"),
    [
        ([("a", 5_000), ("b", 4_999)], "a", "add up to 10000"),
        ([("a", 5_000), ("b", 5_001)], "a", "add up to 10000"),
        ([("a", 10_001), ("b", -1)], "a", "negative"),
        ([("a", 5_000), ("b", 5_000)], "c", "not one of the beneficiaries"),
        ([("a", 5_000), ("a", 5_000)], "a", "only once"),
        ([], "a", "at least one"),
    ],
)
def test_shares_that_do_not_describe_the_whole_amount_are_refused(shares, remainder_to, message):
    with pytest.raises(ValueError, match=message):
        allocate(100, shares, remainder_to=remainder_to)


@pytest.mark.parametrize("basis_points", [5_000.0, Decimal(5_000), True])
def test_shares_must_be_int_basis_points(basis_points):
    with pytest.raises(TypeError, match="basis points"):
        allocate(100, [("a", basis_points), ("b", 5_000)], remainder_to="b")


@st.composite
def splits(draw):
    """(total, shares, remainder_to) with 1-8 beneficiaries whose shares sum to 10_000."""
    cuts = sorted(draw(st.lists(st.integers(0, BASIS_POINTS), max_size=7)))
    bounds = [0, *cuts, BASIS_POINTS]
    widths = [high - low for low, high in itertools.pairwise(bounds)]
    shares = [(f"b{index}", width) for index, width in enumerate(widths)]
    remainder_to = draw(st.sampled_from([name for name, _ in shares]))
    total = draw(st.one_of(st.integers(0, 10**6), st.integers(0, 10**15)))
    return total, shares, remainder_to


@settings(max_examples=300, deadline=None)
@given(splits())
def test_parts_always_add_up_to_the_total_and_are_never_negative(split):
    total, shares, remainder_to = split
    parts = allocate(total, shares, remainder_to=remainder_to)
    assert sum(parts.values()) == total
    assert all(part >= 0 for part in parts.values())
    assert set(parts) == {name for name, _ in shares}


@settings(max_examples=300, deadline=None)
@given(splits())
def test_each_part_is_within_a_rial_of_its_exact_share_except_the_remainder(split):
    total, shares, remainder_to = split
    parts = allocate(total, shares, remainder_to=remainder_to)
    for name, basis_points in shares:
        exact_times_10000 = total * basis_points  # exact share, scaled to stay in integers
        part_times_10000 = parts[name] * BASIS_POINTS
        if name == remainder_to:
            extra = parts[name] - exact_times_10000 // BASIS_POINTS
            assert 0 <= extra <= len(shares) - 1
        else:
            assert 0 <= exact_times_10000 - part_times_10000 < BASIS_POINTS
