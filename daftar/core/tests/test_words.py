"""Amounts in words, as the receipt prints them beside the digits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daftar.core.words import english_words, number_in_words, persian_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "صفر"),
        (7, "هفت"),
        (10, "ده"),
        (12, "دوازده"),
        (18, "هجده"),
        (20, "بیست"),
        (25, "بیست و پنج"),
        (100, "صد"),
        (105, "صد و پنج"),
        (200, "دویست"),
        (325, "سیصد و بیست و پنج"),
        (1000, "یک هزار"),
        (1001, "یک هزار و یک"),
        (12_500, "دوازده هزار و پانصد"),
        (2_200_000, "دو میلیون و دویست هزار"),
        (1_000_000, "یک میلیون"),
        (3_000_000_000, "سه میلیارد"),
        (4_980_000, "چهار میلیون و نهصد و هشتاد هزار"),
        (1_000_000_000_000, "یک هزار میلیارد"),
        (-15, "منفی پانزده"),
    ],
)
def test_persian_words_read_like_a_cheque(number, words):
    assert persian_words(number) == words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "zero"),
        (13, "thirteen"),
        (45, "forty-five"),
        (100, "one hundred"),
        (2_200_000, "two million two hundred thousand"),
        (4_980_000, "four million nine hundred eighty thousand"),
    ],
)
def test_english_words(number, words):
    assert english_words(number) == words


def test_the_active_language_chooses_the_words():
    assert number_in_words(2_000, language="fa") == "دو هزار"
    assert number_in_words(2_000, language="en") == "two thousand"


def test_numbers_beyond_the_named_scales_are_refused():
    with pytest.raises(ValueError, match="out of range"):
        persian_words(10**18)


@given(st.integers(min_value=1, max_value=10**15))
def test_persian_words_never_repeat_a_joiner_or_carry_a_digit(number):
    words = persian_words(number)
    assert " و و " not in words
    assert not words.startswith("و ")
    assert not words.endswith(" و")
    assert not any(ch.isdigit() for ch in words)
    assert "  " not in words
