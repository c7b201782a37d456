"""Jalali dates: conversion in Tehran time, display in both languages, and parsing."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from daftar.core.digits import to_ascii_digits
from daftar.core.jalali import (
    TEHRAN,
    fiscal_year,
    format_date,
    format_date_long,
    format_datetime,
    jalali_month_name,
    parse_jalali_date,
    to_jalali,
)

UTC = datetime.UTC


def jalali_tuple(value: datetime.date) -> tuple[int, int, int]:
    jalali = to_jalali(value)
    return jalali.year, jalali.month, jalali.day


@pytest.mark.parametrize(
    ("gregorian", "jalali"),
    [
        (datetime.date(2025, 3, 21), (1404, 1, 1)),  # Nowruz 1404
        (datetime.date(2025, 3, 20), (1403, 12, 30)),  # 1403 is a leap year: Esfand has 30 days
        (datetime.date(2024, 3, 20), (1403, 1, 1)),
        (datetime.date(2024, 3, 19), (1402, 12, 29)),
        (datetime.date(2026, 3, 20), (1404, 12, 29)),  # 1404 is not a leap year
        (datetime.date(2026, 3, 21), (1405, 1, 1)),
        (datetime.date(2025, 11, 3), (1404, 8, 12)),
        (datetime.date(1979, 2, 11), (1357, 11, 22)),
        (datetime.date(2000, 1, 1), (1378, 10, 11)),
    ],
)
def test_known_gregorian_dates_convert_to_their_jalali_dates(gregorian, jalali):
    assert jalali_tuple(gregorian) == jalali


def test_datetimes_take_the_tehran_date_not_the_utc_date():
    last_second_of_1403 = datetime.datetime(2025, 3, 20, 20, 29, 59, tzinfo=UTC)
    tehran_midnight = datetime.datetime(2025, 3, 20, 20, 30, tzinfo=UTC)
    assert tehran_midnight.date() == datetime.date(2025, 3, 20)  # UTC still says 20 March
    assert jalali_tuple(last_second_of_1403) == (1403, 12, 30)
    assert jalali_tuple(tehran_midnight) == (1404, 1, 1)
    assert fiscal_year(last_second_of_1403) == 1403
    assert fiscal_year(tehran_midnight) == 1404
    assert format_datetime(tehran_midnight, language="fa") == "۱۴۰۴/۰۱/۰۱ ۰۰:۰۰"
    assert format_datetime(tehran_midnight, language="en") == "2025-03-21 00:00"
    assert format_date(tehran_midnight, language="en") == "2025-03-21"


def test_datetimes_in_any_zone_are_shown_in_tehran_time():
    in_berlin = datetime.datetime(2025, 11, 3, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert format_datetime(in_berlin, language="en") == "2025-11-03 14:30"


def test_converting_a_datetime_keeps_the_tehran_clock_time():
    moment = to_jalali(datetime.datetime(2025, 11, 3, 11, 0, tzinfo=UTC))
    assert (moment.year, moment.month, moment.day, moment.hour, moment.minute) == (
        1404,
        8,
        12,
        14,
        30,
    )


def test_naive_datetimes_are_refused():
    naive = datetime.datetime(2025, 11, 3, 14, 30)  # naive on purpose
    with pytest.raises(ValueError, match="naive"):
        to_jalali(naive)
    with pytest.raises(ValueError, match="naive"):
        format_datetime(naive, language="fa")
    with pytest.raises(ValueError, match="naive"):
        fiscal_year(naive)


def test_dates_are_formatted_in_jalali_for_persian_and_gregorian_for_english():
    day = datetime.date(2025, 11, 3)
    assert format_date(day, language="fa") == "۱۴۰۴/۰۸/۱۲"
    assert format_date(day, language="fa-ir") == "۱۴۰۴/۰۸/۱۲"
    assert format_date(day, language="en") == "2025-11-03"


def test_datetimes_are_formatted_with_tehran_clock_time():
    moment = datetime.datetime(2025, 11, 3, 11, 0, tzinfo=UTC)
    assert format_datetime(moment, language="fa") == "۱۴۰۴/۰۸/۱۲ ۱۴:۳۰"
    assert format_datetime(moment, language="en") == "2025-11-03 14:30"


def test_long_dates_spell_the_month():
    day = datetime.date(2025, 11, 3)
    assert format_date_long(day, language="fa") == "۱۲ آبان ۱۴۰۴"
    assert format_date_long(day, language="en") == "3 November 2025"
    assert format_date_long(datetime.date(2025, 3, 21), language="fa") == "۱ فروردین ۱۴۰۴"


def test_month_names_cover_the_year_in_both_languages():
    assert jalali_month_name(1, "fa") == "فروردین"
    assert jalali_month_name(8, "fa") == "آبان"
    assert jalali_month_name(12, "fa") == "اسفند"
    assert jalali_month_name(1, "en") == "Farvardin"
    assert jalali_month_name(12, "en") == "Esfand"
    assert len({jalali_month_name(month, "fa") for month in range(1, 13)}) == 12


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_numbers_outside_the_year_are_refused(month):
    with pytest.raises(ValueError, match=r"1\.\.12"):
        jalali_month_name(month, "fa")


def test_fiscal_years_start_on_1_farvardin():
    assert fiscal_year(datetime.date(2025, 3, 20)) == 1403
    assert fiscal_year(datetime.date(2025, 3, 21)) == 1404
    assert fiscal_year(datetime.date(2026, 3, 20)) == 1404


@pytest.mark.parametrize(
    "typed",
    [
        "1404/08/12",
        "1404-08-12",
        "۱۴۰۴/۰۸/۱۲",
        "١٤٠٤/٠٨/١٢",
        "  1404/8/12\t",
        "1404 / 08 / 12",
        "۱۴۰۴-۸-۱۲",
    ],
)
def test_jalali_dates_are_parsed_in_every_accepted_form(typed):
    assert parse_jalali_date(typed) == datetime.date(2025, 11, 3)


def test_one_digit_months_and_days_are_accepted():
    assert parse_jalali_date("1404/1/1") == datetime.date(2025, 3, 21)


@pytest.mark.parametrize(
    ("typed", "gregorian"),
    [
        ("1403/12/30", datetime.date(2025, 3, 20)),  # leap year
        ("1404/06/31", datetime.date(2025, 9, 22)),  # months 1-6 have 31 days
        ("1404/07/30", datetime.date(2025, 10, 22)),
        ("1404/12/29", datetime.date(2026, 3, 20)),
    ],
)
def test_the_last_days_of_months_are_accepted(typed, gregorian):
    assert parse_jalali_date(typed) == gregorian


@pytest.mark.parametrize(
    "typed",
    [
        "1404/13/01",
        "1404/00/10",
        "1404/01/00",
        "1404/07/31",  # months 7-11 have 30 days
        "1404/11/31",
        "1404/12/30",  # 1404 is not a leap year
        "1403/12/31",  # Esfand never has 31 days, leap year or not
        "1404/06/32",
        "0000/01/01",
    ],
)
def test_dates_that_do_not_exist_are_rejected(typed):
    with pytest.raises(ValidationError) as caught:
        parse_jalali_date(typed)
    assert caught.value.code == "jalali_date_invalid"


@pytest.mark.parametrize(
    "typed", ["", "   ", "abc", "1404/08", "04/08/12", "1404.08.12", "1404/08-12", "14040812"]
)
def test_text_that_is_not_a_date_is_rejected(typed):
    with pytest.raises(ValidationError) as caught:
        parse_jalali_date(typed)
    assert caught.value.code == "jalali_date_invalid"


@pytest.mark.parametrize("typed", ["1404/07/31", "nonsense"])
def test_date_errors_render_in_persian_and_english(typed):
    with pytest.raises(ValidationError) as caught:
        parse_jalali_date(typed)
    with translation.override("en"):
        english = " ".join(caught.value.messages)
    with translation.override("fa"):
        persian = " ".join(caught.value.messages)
    assert "date" in english
    assert persian.strip()
    assert "%(" not in english + persian


def test_an_impossible_date_is_named_in_the_message():
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        parse_jalali_date("۱۴۰۴/۷/۳۱")
    assert "1404/07/31" in " ".join(caught.value.messages)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_formatted_persian_dates_parse_back_to_the_same_day(day):
    shown = format_date(day, language="fa")
    assert parse_jalali_date(shown) == day
    assert parse_jalali_date(to_ascii_digits(shown).replace("/", "-")) == day


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(
        min_value=datetime.datetime(1990, 1, 1),  # hypothesis wants naive bounds
        max_value=datetime.datetime(2200, 1, 1),
        timezones=st.just(UTC),
    )
)
def test_the_jalali_date_of_a_moment_is_that_of_its_tehran_calendar_day(moment):
    assert to_jalali(moment).date().togregorian() == moment.astimezone(TEHRAN).date()
