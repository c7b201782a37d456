"""Rials: display in both languages, tomans, and splitting a payment without losing a rial."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daftar.core.money import (
    BASIS_POINTS,
    allocate,
    allocate_refund,
    format_rials,
    format_tomans,
)


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


# --- allocate_refund -------------------------------------------------------------------------

REVENUE = "revenue:building-permit-duty"
RECEIVED = {"office_fee": 216_000, "other:fire-brigade": 90_000, REVENUE: 1_494_001}


def test_a_full_refund_takes_back_exactly_what_each_beneficiary_received():
    # The review's case: 1,800,001 rials, fully refundable. The old split (percentages rounded
    # to hundredths, remainder to the first JSON key) took 216,180 from the office.
    parts = allocate_refund(1_800_001, RECEIVED, main=REVENUE)
    assert parts == RECEIVED


def test_a_partial_refund_floors_each_share_and_gives_the_remainder_to_the_main_head():
    # 80% of 1,800,001 = 1,440,000 (rounded down); the office gives floor(1,440,000 × 216,000
    # / 1,800,001) = 172,799, the other beneficiary 71,999, the main head the rest.
    parts = allocate_refund(1_440_000, RECEIVED, main=REVENUE)
    assert parts == {"office_fee": 172_799, "other:fire-brigade": 71_999, REVENUE: 1_195_202}
    assert list(parts) == list(RECEIVED)


def test_the_order_of_the_beneficiaries_does_not_change_the_refund():
    reversed_order = dict(reversed(RECEIVED.items()))
    assert allocate_refund(1_440_000, reversed_order, main=REVENUE) == allocate_refund(
        1_440_000, RECEIVED, main=REVENUE
    )


def test_a_main_head_too_small_for_the_remainder_gives_what_it_holds_and_no_more():
    # Three beneficiaries of 1 rial each, 2 rials refunded: the floors are 0, 0 and 0; the main
    # head holds only 1 rial, so one more is taken from a beneficiary that still holds it.
    parts = allocate_refund(2, {"a": 1, "b": 1, "revenue:x": 1}, main="revenue:x")
    assert parts == {"a": 1, "b": 0, "revenue:x": 1}


def test_what_earlier_refunds_took_back_is_no_longer_held():
    parts = allocate_refund(
        1, {"office_fee": 1, "revenue:x": 1}, main="revenue:x", already_refunded={"revenue:x": 1}
    )
    assert parts == {"office_fee": 1, "revenue:x": 0}


@pytest.mark.parametrize(
    ("amount", "received", "main", "refunded", "message"),
    [
        (4, {"a": 1, "revenue:x": 2}, "revenue:x", None, "more than the 3"),
        (2, {"a": 1, "revenue:x": 2}, "revenue:x", {"revenue:x": 2}, "more than the 1"),
        (1, {"a": 1, "revenue:x": 2}, "revenue:y", None, "not one of the beneficiaries"),
        (1, {"a": 1, "revenue:x": 2}, "revenue:x", {"b": 1}, "did not pay"),
        (1, {"a": 1, "revenue:x": 2}, "revenue:x", {"a": 2}, "more than the 1 it received"),
        (-1, {"a": 1, "revenue:x": 2}, "revenue:x", None, "negative"),
        (1, {"a": -1, "revenue:x": 2}, "revenue:x", None, "negative"),
    ],
)
def test_a_refund_that_cannot_be_taken_back_is_refused(amount, received, main, refunded, message):
    with pytest.raises(ValueError, match=message):
        allocate_refund(amount, received, main=main, already_refunded=refunded)


@st.composite
def payments(draw):
    """What each beneficiary of a payment received, and the main head: either a collection
    split by basis points (as the catalogue prices a file) or arbitrary parts."""
    if draw(st.booleans()):
        total, shares, main = draw(splits())
        received = allocate(total, shares, remainder_to=main)
    else:
        names = draw(
            st.lists(
                st.sampled_from(["office_fee", "other:fire", "revenue:a", "revenue:b", "x", "y"]),
                min_size=1,
                max_size=6,
                unique=True,
            )
        )
        received = {
            name: draw(st.one_of(st.integers(0, 10), st.integers(0, 10**15))) for name in names
        }
        main = draw(st.sampled_from(names))
    return received, main


def _check_refund(parts, amount, received, main, already):
    held = {name: received[name] - already.get(name, 0) for name in received}
    total_held = sum(held.values())
    assert sum(parts.values()) == amount
    assert set(parts) == set(received)
    for name, part in parts.items():
        assert 0 <= part <= held[name], name
    if not total_held:  # nothing left to take back: only a refund of nothing is possible
        assert set(parts.values()) == {0}
        return
    assert parts[main] >= amount * held[main] // total_held
    for name in received:
        if name == main:
            continue
        floor = amount * held[name] // total_held
        assert parts[name] in (floor, floor + 1), name
        if parts[name] == floor + 1:  # only when the main head gave everything it held
            assert parts[main] == held[main]


@settings(max_examples=400, deadline=None)
@given(payments(), st.integers(0, BASIS_POINTS), st.randoms(use_true_random=False))
def test_a_refund_by_any_refundable_share_sums_up_and_takes_no_more_than_received(
    payment, refundable_basis_points, random
):
    received, main = payment
    amount = sum(received.values()) * refundable_basis_points // BASIS_POINTS
    parts = allocate_refund(amount, received, main=main)
    _check_refund(parts, amount, received, main, {})
    shuffled = list(received.items())
    random.shuffle(shuffled)
    assert allocate_refund(amount, dict(shuffled), main=main) == parts  # key order irrelevant
    if refundable_basis_points == BASIS_POINTS:
        assert parts == received


@settings(max_examples=400, deadline=None)
@given(payments(), st.lists(st.integers(0, BASIS_POINTS), min_size=1, max_size=6))
def test_partial_refunds_of_one_payment_never_take_more_than_it_received(payment, fractions):
    received, main = payment
    already = dict.fromkeys(received, 0)
    for index, fraction in enumerate(fractions):
        still_held = sum(received.values()) - sum(already.values())
        last = index == len(fractions) - 1
        amount = still_held if last else still_held * fraction // BASIS_POINTS
        parts = allocate_refund(amount, received, main=main, already_refunded=already)
        _check_refund(parts, amount, received, main, already)
        already = {name: already[name] + parts[name] for name in received}
    # The last refund took what was left: every beneficiary gave back exactly what it received.
    assert already == received
