"""The one number formatter (`daftar.core.numbers`) and the template filters built on it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from daftar.core.numbers import (
    format_message,
    format_number,
    format_percent,
    format_size,
    join_list,
    local_digits,
    localise_message,
)


@pytest.mark.parametrize(
    ("value", "decimals", "persian", "english"),
    [
        (0, None, "۰", "0"),
        (125, None, "۱۲۵", "125"),
        (1404, None, "۱۴۰۴", "1404"),  # a four-digit number is not grouped (years, counts)
        (12_345, None, "۱۲٬۳۴۵", "12,345"),
        (4_980_000, None, "۴٬۹۸۰٬۰۰۰", "4,980,000"),
        (120, 2, "۱۲۰٫۰۰", "120.00"),
        (Decimal("99.456"), 2, "۹۹٫۴۶", "99.46"),
        (Decimal("2.5"), None, "۲٫۵", "2.5"),
        (Decimal("1404.00"), None, "۱۴۰۴", "1404"),
        (99.5, None, "۹۹٫۵", "99.5"),
        ("6144", None, "۶۱۴۴", "6144"),
        (-45_000, None, "\u200e\u2212۴۵٬۰۰۰", "-45,000"),
    ],
)
def test_a_number_is_written_in_the_language_s_digits_and_separators(
    value, decimals, persian, english
):
    assert format_number(value, decimals, "fa") == persian
    assert format_number(value, decimals, "en") == english


def test_grouping_can_be_asked_for_or_left_out():
    assert format_number(5000, language="fa", grouping=True) == "۵٬۰۰۰"
    assert format_number(20_000_000, language="en", grouping=False) == "20000000"


def test_what_is_not_a_number_is_refused():
    with pytest.raises(TypeError):
        format_number(True, language="fa")
    with pytest.raises(TypeError):
        format_number([1], language="fa")
    with pytest.raises(ValueError, match="finite"):
        format_number(Decimal("NaN"), language="fa")


def test_the_active_language_is_used_when_none_is_named():
    with translation.override("fa"):
        assert format_number(12_345) == "۱۲٬۳۴۵"
    with translation.override("en"):
        assert format_number(12_345) == "12,345"


@pytest.mark.parametrize(
    ("size", "persian", "english"),
    [
        (193, "۱۹۳ بایت", "193 bytes"),
        (1, "۱ بایت", "1 byte"),
        (1536, "۱٫۵ کیلوبایت", "1.5 KB"),
        (5 * 1024 * 1024, "۵ مگابایت", "5 MB"),
        (6144 * 1024, "۶ مگابایت", "6 MB"),
    ],
)
def test_a_file_size_is_written_in_its_largest_unit(size, persian, english):
    assert format_size(size, "fa") == persian
    assert format_size(size, "en") == english


def test_a_percentage_uses_the_language_s_sign_and_decimal_separator():
    assert format_percent(99.5, 1, "fa") == "۹۹٫۵٪"
    assert format_percent(Decimal("0"), 1, "en") == "0.0%"


def test_lists_are_joined_with_the_language_s_separator():
    assert join_list(["حضوری در دفتر", "برخط"], "fa") == "حضوری در دفتر، برخط"
    assert join_list(["At an office", "Online"], "en") == "At an office, Online"


def test_a_message_s_parameters_are_formatted_and_d_placeholders_accepted():
    assert format_message("ماده %(n)d، تبصره %(m)d", {"n": 7, "m": 1}, "fa") == "ماده ۷، تبصره ۱"
    assert format_message("Article %(n)d", {"n": 7}, "en") == "Article 7"
    assert format_message("%(code)s: %(amount)s", {"code": "T0101", "amount": 12_345}, "fa") == (
        "T0101: ۱۲٬۳۴۵"
    )


def test_a_filled_in_message_gets_local_numbers_but_keeps_its_codes():
    text = "حداکثر 1404؛ دفتر T0101، رسید R-000000123، 2.5 متر"
    assert localise_message(text, "fa") == "حداکثر ۱۴۰۴؛ دفتر T0101، رسید R-000000123، ۲٫۵ متر"
    assert localise_message(text, "en") == text


def test_numbers_written_as_text_get_local_digits():
    assert local_digits("1405/3", "fa") == "۱۴۰۵/۳"
    assert local_digits("1405/3", "en") == "1405/3"


@pytest.mark.parametrize(
    ("template", "context", "persian", "english"),
    [
        ("{{ v|num }}", {"v": 4_980_000}, "۴٬۹۸۰٬۰۰۰", "4,980,000"),
        ("{{ v|num:2 }}", {"v": Decimal("120")}, "۱۲۰٫۰۰", "120.00"),
        ("{{ v|num }}", {"v": None}, "—", "—"),
        ("{{ v|filesize }}", {"v": 193}, "۱۹۳ بایت", "193 bytes"),
        ("{{ v|percent }}", {"v": 0.0}, "۰٫۰٪", "0.0%"),
        ("{{ v|local_digits }}", {"v": 99.5}, "۹۹٫۵", "99.5"),
        ("{{ v|local_digits }}", {"v": 315_000}, "۳۱۵٬۰۰۰", "315,000"),
        ("{{ v|local_digits }}", {"v": "1405/3"}, "۱۴۰۵/۳", "1405/3"),
        ("{{ v|join_local }}", {"v": ["a", "b"]}, "a، b", "a, b"),
    ],
)
def test_the_template_filters_follow_the_active_language(template, context, persian, english):
    for language, expected in (("fa", persian), ("en", english)):
        with translation.override(language):
            assert Template(template).render(Context(context)) == expected
