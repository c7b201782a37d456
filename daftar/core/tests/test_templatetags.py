"""Display filters follow the active language; missing values show as a dash."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

UTC = datetime.UTC
DAY = datetime.date(2025, 11, 3)
MOMENT = datetime.datetime(2025, 11, 3, 11, 0, tzinfo=UTC)  # 14:30 in Tehran
TRACKING_CODE = "123456789010"  # format only; validity is tracking.py's business


def render(source: str, language: str, **context: object) -> str:
    # The filters are template builtins (settings TEMPLATES), so no {% load %} is needed.
    with translation.override(language):
        return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("source", "value", "persian", "english"),
    [
        ("{{ v|jdate }}", DAY, "۱۴۰۴/۰۸/۱۲", "2025-11-03"),
        ("{{ v|jdate }}", MOMENT, "۱۴۰۴/۰۸/۱۲", "2025-11-03"),
        ("{{ v|jdatetime }}", MOMENT, "۱۴۰۴/۰۸/۱۲ ۱۴:۳۰", "2025-11-03 14:30"),
        ("{{ v|jdatetime }}", DAY, "۱۴۰۴/۰۸/۱۲", "2025-11-03"),
        ("{{ v|jdate_long }}", DAY, "۱۲ آبان ۱۴۰۴", "3 November 2025"),
        ("{{ v|local_digits }}", "0912 345 6789", "۰۹۱۲ ۳۴۵ ۶۷۸۹", "0912 345 6789"),
        ("{{ v|local_digits }}", 1404, "۱۴۰۴", "1404"),
        ("{{ v|rials }}", 12_345_000, "۱۲٬۳۴۵٬۰۰۰ ریال", "12,345,000 rials"),
        ("{{ v|tomans }}", 12_345, "۱٬۲۳۴٫۵ تومان", "1,234.5 tomans"),
        ("{{ v|tracking }}", TRACKING_CODE, "۱۲۳۴-۵۶۷۸-۹۰۱۰", "1234-5678-9010"),
        ("{{ v|masked_national_code }}", "0499370899", "\u2066۰۴۹****۸۹۹\u2069", "049****899"),
    ],
)
def test_filters_follow_the_active_language(source, value, persian, english):
    assert render(source, "fa", v=value) == persian
    assert render(source, "en", v=value) == english


@pytest.mark.parametrize(
    "name",
    [
        "jdate",
        "jdatetime",
        "jdate_long",
        "local_digits",
        "rials",
        "tomans",
        "tracking",
        "masked_national_code",
    ],
)
@pytest.mark.parametrize("language", ["fa", "en"])
def test_missing_values_show_as_a_dash(name, language):
    assert render(f"{{{{ v|{name} }}}}", language, v=None) == "—"
    assert render(f"{{{{ not_in_context|{name} }}}}", language) == "—"


def test_the_jdate_filter_uses_the_tehran_date_near_midnight():
    tehran_new_year = datetime.datetime(2025, 3, 20, 20, 30, tzinfo=UTC)
    assert render("{{ v|jdate }}", "fa", v=tehran_new_year) == "۱۴۰۴/۰۱/۰۱"
    assert render("{{ v|jdate }}", "en", v=tehran_new_year) == "2025-03-21"


LRM_MINUS = "\u200e\u2212"  # see daftar.core.money: the minus stays at the number's left


@pytest.mark.parametrize(
    ("source", "value", "persian", "english"),
    [
        ("{{ v|rials }}", 0, "۰ ریال", "0 rials"),
        ("{{ v|rials }}", -45_000, f"{LRM_MINUS}۴۵٬۰۰۰ ریال", "-45,000 rials"),
        ("{{ v|rials }}", -1, f"{LRM_MINUS}۱ ریال", "-1 rial"),
        ("{{ v|rials }}", 10**15, "۱٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰ ریال", "1,000,000,000,000,000 rials"),
        (
            "{{ v|rials }}",
            -(10**15),
            f"{LRM_MINUS}۱٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰ ریال",
            "-1,000,000,000,000,000 rials",
        ),
        ("{{ v|tomans }}", 0, "۰ تومان", "0 tomans"),
        ("{{ v|tomans }}", -12_345, f"{LRM_MINUS}۱٬۲۳۴٫۵ تومان", "-1,234.5 tomans"),
        ("{{ v|tomans }}", -10, f"{LRM_MINUS}۱ تومان", "-1 toman"),
        ("{{ v|tomans }}", 10**15, "۱۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰ تومان", "100,000,000,000,000 tomans"),
        (
            "{{ v|tomans }}",
            -(10**15),
            f"{LRM_MINUS}۱۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰ تومان",
            "-100,000,000,000,000 tomans",
        ),
    ],
)
def test_money_filters_show_zero_negatives_and_huge_amounts(source, value, persian, english):
    assert render(source, "fa", v=value) == persian
    assert render(source, "en", v=value) == english


def test_a_negative_amount_inside_a_persian_sentence_keeps_its_minus_before_the_digits():
    # The left-to-right mark comes right before the minus, so the digits' left-to-right run
    # starts at the mark and the minus is drawn at the number's left in a right-to-left line.
    shown = render("مانده: {{ v|rials }}", "fa", v=-45_000)
    assert shown == f"مانده: {LRM_MINUS}۴۵٬۰۰۰ ریال"


def test_a_tracking_code_that_is_not_canonical_is_shown_as_stored():
    assert render("{{ v|tracking }}", "fa", v="12-34") == "۱۲-۳۴"


def test_regional_language_variants_count_as_their_language():
    assert render("{{ v|rials }}", "fa-ir", v=1_000) == "۱٬۰۰۰ ریال"
    assert render("{{ v|rials }}", "en-gb", v=1_000) == "1,000 rials"


def test_bad_amounts_are_a_programming_error_not_a_silent_blank():
    with pytest.raises(TypeError):
        render("{{ v|rials }}", "fa", v=12.5)


def test_the_filters_can_also_be_loaded_explicitly():
    assert render("{% load daftar %}{{ v|jdate }}", "fa", v=DAY) == "۱۴۰۴/۰۸/۱۲"
