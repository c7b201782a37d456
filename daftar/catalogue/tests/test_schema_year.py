"""A year field accepts the current Solar Hijri year and refuses a later one: its upper bound
moves with the calendar (the business-duty form once refused 1405 with "at most 1404")."""

from __future__ import annotations

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from daftar.catalogue.choices import FieldType
from daftar.catalogue.models import FormField
from daftar.catalogue.schema import clean_form
from daftar.core.jalali import current_jalali_year


def _year(min_value="1395", max_value=None) -> FormField:
    return FormField(
        name="duty_year",
        label_fa="سال عوارض",
        label_en="Duty year",
        type=FieldType.YEAR,
        required=True,
        min_value=Decimal(min_value) if min_value else None,
        max_value=Decimal(max_value) if max_value else None,
    )


def _at(moment: datetime.datetime):
    return mock.patch.object(timezone, "now", return_value=moment)


def test_the_current_year_is_accepted_and_the_next_refused():
    with _at(datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)):  # 12 Azar 1405
        assert current_jalali_year() == 1405
        cleaned, errors = clean_form([_year()], {"duty_year": "۱۴۰۵"})
        assert errors == {}
        assert cleaned == {"duty_year": 1405}
        cleaned, errors = clean_form([_year()], {"duty_year": "1406"})
        assert cleaned == {}
        assert "۱۴۰۵" in errors["duty_year"]


def test_the_bound_moves_at_nowruz_in_tehran():
    # 20 March 2026 21:00 UTC is 21 March 00:30 in Tehran (UTC+3:30): 1 Farvardin 1405.
    nowruz = datetime.datetime(2026, 3, 20, 21, 0, tzinfo=datetime.UTC)
    with _at(nowruz):
        assert current_jalali_year() == 1405
    with _at(
        datetime.datetime(2026, 3, 20, 20, 0, tzinfo=datetime.UTC) - datetime.timedelta(hours=1)
    ):
        assert current_jalali_year() == 1404
        _cleaned, errors = clean_form([_year()], {"duty_year": "1405"})
        assert "duty_year" in errors


def test_a_year_keeps_its_lower_bound_and_a_lower_fixed_upper_bound():
    with _at(datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)):
        _cleaned, errors = clean_form([_year()], {"duty_year": "1394"})
        assert "۱۳۹۵" in errors["duty_year"]
        _cleaned, errors = clean_form([_year(max_value="1400")], {"duty_year": "1401"})
        assert "۱۴۰۰" in errors["duty_year"]
        _cleaned, errors = clean_form([_year()], {"duty_year": "1400.5"})
        assert "duty_year" in errors


@pytest.mark.django_db
def test_the_business_duty_service_is_given_a_year_field():
    from daftar.catalogue.demo_data import demo_services

    duty = next(s for s in demo_services() if s.code == "fn-business-duty")
    field = next(f for f in duty.fields if f.name == "duty_year")
    assert field.type == "year"
    assert field.max is None
