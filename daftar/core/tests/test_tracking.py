"""Tracking codes: Verhoeff check digit, generation, typed input and display."""

from __future__ import annotations

import itertools
import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from daftar.core import tracking
from daftar.core.tracking import (
    TRACKING_CODE_LENGTH,
    format_tracking_code,
    new_tracking_code,
    normalize_tracking_code,
    verhoeff_check_digit,
    verhoeff_valid,
)

VALID_CODE = new_tracking_code(random.Random(2025))

tracking_codes = st.integers(10**10, 10**11 - 1).map(
    lambda body: str(body) + verhoeff_check_digit(str(body))
)


def substitutions(code: str):
    for position, digit in itertools.product(range(len(code)), "0123456789"):
        if code[position] != digit:
            yield code[:position] + digit + code[position + 1 :]


def adjacent_transpositions(code: str):
    for position in range(len(code) - 1):
        first, second = code[position], code[position + 1]
        if first != second:
            yield code[:position] + second + first + code[position + 2 :]


@pytest.mark.parametrize(
    ("digits", "check"),
    [("236", "3"), ("12345", "1"), ("142857", "0")],
)
def test_verhoeff_check_digits_match_published_examples(digits, check):
    assert verhoeff_check_digit(digits) == check
    assert verhoeff_valid(digits + check)


@pytest.mark.parametrize("digits", ["", "12a", "۱۲۳", "1 2"])
def test_verhoeff_needs_ascii_digits(digits):
    with pytest.raises(ValueError, match="ASCII digits"):
        verhoeff_check_digit(digits)
    assert not verhoeff_valid(digits + "0")


def test_every_position_and_digit_pair_is_distinguished_by_the_verhoeff_tables():
    """The proof, for every code of every length at once.

    A code is valid when the product d(p_0(x_0), p_1(x_1), ...) in the dihedral group D5 is
    the identity (x_0 is the rightmost digit). In a group, changing one factor changes the
    product, and swapping two neighbouring factors changes it unless the swapped pair has
    the same product. So it suffices to check, for each position i (mod 8, the period of
    the permutation) and every pair of different digits a, b:
      substitution:  p_i(a) != p_i(b)
      transposition: p_i(a) * p_{i+1}(b) != p_i(b) * p_{i+1}(a)
    """
    multiply, permute = tracking._MULTIPLY, tracking._PERMUTE
    for position in range(8):
        here, there = permute[position], permute[(position + 1) % 8]
        for a, b in itertools.permutations(range(10), 2):
            assert here[a] != here[b]
            assert multiply[here[a]][there[b]] != multiply[here[b]][there[a]]


def test_every_single_digit_substitution_of_a_valid_code_is_detected():
    assert verhoeff_valid(VALID_CODE)
    wrong = list(substitutions(VALID_CODE))
    assert len(wrong) == TRACKING_CODE_LENGTH * 9
    assert not any(verhoeff_valid(code) for code in wrong)


def test_every_adjacent_transposition_of_a_valid_code_is_detected():
    code = "1234567890" + "1"
    code += verhoeff_check_digit(code)
    swapped = list(adjacent_transpositions(code))
    assert len(swapped) == TRACKING_CODE_LENGTH - 1  # all neighbours differ in this code
    assert not any(verhoeff_valid(candidate) for candidate in swapped)


@settings(max_examples=150, deadline=None)
@given(tracking_codes)
def test_no_mistyped_digit_or_swapped_neighbours_pass_for_any_code(code):
    assert verhoeff_valid(code)
    for candidate in itertools.chain(substitutions(code), adjacent_transpositions(code)):
        assert not verhoeff_valid(candidate), candidate


def test_new_tracking_codes_are_twelve_valid_digits_not_starting_with_zero():
    for code in [new_tracking_code() for _ in range(200)]:
        assert len(code) == TRACKING_CODE_LENGTH
        assert code.isascii()
        assert code.isdigit()
        assert code[0] != "0"
        assert verhoeff_valid(code)
        assert normalize_tracking_code(code) == code


def test_seeded_tracking_codes_are_reproducible():
    assert new_tracking_code(random.Random(7)) == new_tracking_code(random.Random(7))
    assert new_tracking_code(random.Random(7)) != new_tracking_code(random.Random(8))


def test_unseeded_tracking_codes_come_from_the_secrets_module(monkeypatch):
    monkeypatch.setattr(tracking.secrets, "randbelow", lambda upper: upper - 1)
    body = "9" * 11
    assert new_tracking_code() == body + verhoeff_check_digit(body)
    monkeypatch.setattr(tracking.secrets, "randbelow", lambda upper: 0)
    body = "1" + "0" * 10
    assert new_tracking_code() == body + verhoeff_check_digit(body)


def test_unseeded_tracking_codes_do_not_repeat():
    codes = {new_tracking_code() for _ in range(1_000)}
    assert len(codes) == 1_000


@pytest.mark.parametrize(
    "typed",
    [
        VALID_CODE,
        f"{VALID_CODE[:4]}-{VALID_CODE[4:8]}-{VALID_CODE[8:]}",
        f" {VALID_CODE[:4]} {VALID_CODE[4:8]} {VALID_CODE[8:]} ",
        format_tracking_code(VALID_CODE).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
        VALID_CODE.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
    ],
)
def test_typed_tracking_codes_are_normalised(typed):
    assert normalize_tracking_code(typed) == VALID_CODE


def swap_last_two(code: str) -> str:
    return code[:-2] + code[-1] + code[-2]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "tracking_code_required"),
        (None, "tracking_code_required"),
        ("1234-abcd-9012", "tracking_code_invalid"),
        (VALID_CODE[:-1], "tracking_code_length"),
        (VALID_CODE + "0", "tracking_code_length"),
        (VALID_CODE[:-1] + str((int(VALID_CODE[-1]) + 1) % 10), "tracking_code_invalid"),
        ("0" + "1" * 10 + verhoeff_check_digit("0" + "1" * 10), "tracking_code_invalid"),
    ],
)
def test_bad_tracking_codes_are_rejected_with_their_code(typed, code):
    with pytest.raises(ValidationError) as caught:
        normalize_tracking_code(typed)
    assert caught.value.code == code


@pytest.mark.parametrize("typed", ["12", "abc", VALID_CODE[:-1] + "x"])
def test_tracking_code_errors_render_in_persian_and_english(typed):
    with pytest.raises(ValidationError) as caught:
        normalize_tracking_code(typed)
    with translation.override("en"):
        english = " ".join(caught.value.messages)
    with translation.override("fa"):
        persian = " ".join(caught.value.messages)
    assert "tracking code" in english
    assert persian.strip()
    assert "%(" not in english + persian


def test_tracking_codes_are_shown_in_groups_of_four():
    assert format_tracking_code("123456789012") == "1234-5678-9012"


@pytest.mark.parametrize("code", ["12345678901", "1234-5678-9012", "۱۲۳۴۵۶۷۸۹۰۱۲"])
def test_only_canonical_tracking_codes_are_formatted(code):
    with pytest.raises(ValueError, match="canonical"):
        format_tracking_code(code)
