"""Identifier form and model fields, and the Jalali date form field."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from daftar.accounts.models import User
from daftar.core.fields import (
    LegalIdFormField,
    MobileFormField,
    NationalCodeField,
    NationalCodeFormField,
    PostalCodeFormField,
    ShebaFormField,
)
from daftar.core.forms import JalaliDateField
from daftar.core.jalali import TEHRAN


class IdentifiersForm(forms.Form):
    national_code = NationalCodeFormField()
    legal_id = LegalIdFormField(required=False)
    postal_code = PostalCodeFormField(required=False)
    sheba = ShebaFormField(required=False)
    mobile = MobileFormField(required=False)


class DateForm(forms.Form):
    date = JalaliDateField()
    optional_date = JalaliDateField(required=False)


# --- identifier form fields ------------------------------------------------------------------


def test_identifier_form_fields_normalise_persian_digits_spaces_and_dashes():
    form = IdentifiersForm(
        data={
            "national_code": "۰۴۹۹-۳۷۰۸۹-۹",
            "legal_id": "۱۰۱۰۰۱۳۲۵۶۱",
            "postal_code": "11936-53471",
            "sheba": "ir82 0540 1026 8002 0817 9090 02",
            "mobile": "۰۹۱۲ ۳۴۵ ۶۷۸۹",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "national_code": "0499370899",
        "legal_id": "10100132561",
        "postal_code": "1193653471",
        "sheba": "IR820540102680020817909002",
        "mobile": "+989123456789",
    }


def test_identifier_form_fields_report_the_validation_code():
    form = IdentifiersForm(data={"national_code": "1111111111", "mobile": "02112345678"})
    assert not form.is_valid()
    assert form.errors.as_data()["national_code"][0].code == "national_code_repeated"
    assert form.errors.as_data()["mobile"][0].code == "mobile_invalid"


def test_optional_identifier_form_fields_may_be_left_empty():
    form = IdentifiersForm(data={"national_code": "0499370899", "mobile": "  "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["mobile"] == ""


def test_identifier_inputs_are_left_to_right_with_numeric_keyboards():
    field = IdentifiersForm().fields
    assert field["national_code"].widget.attrs["dir"] == "ltr"
    assert field["national_code"].widget.attrs["inputmode"] == "numeric"
    assert field["mobile"].widget.attrs["inputmode"] == "tel"
    assert field["sheba"].widget.attrs["inputmode"] == "text"


# --- identifier model fields -----------------------------------------------------------------


def test_model_fields_normalise_typed_values_when_cleaned():
    user = User(username="sara", national_code="۰۴۹۹ ۳۷۰ ۸۹۹", mobile="0912-345-6789")
    user.clean_fields(exclude=["password"])
    assert user.national_code == "0499370899"
    assert user.mobile == "+989123456789"


def test_model_fields_reject_bad_values_with_their_codes():
    user = User(username="sara", national_code="0499370898", mobile="02112345678")
    with pytest.raises(ValidationError) as caught:
        user.clean_fields(exclude=["password"])
    errors = caught.value.error_dict
    assert errors["national_code"][0].code == "national_code_checksum"
    assert errors["mobile"][0].code == "mobile_invalid"


@pytest.mark.django_db
def test_full_clean_rejects_an_invalid_national_code():
    user = User(username="sara", password="!", national_code="1234567890")
    with pytest.raises(ValidationError) as caught:
        user.full_clean()
    assert caught.value.error_dict["national_code"][0].code == "national_code_checksum"


def test_model_field_lookups_use_the_canonical_value():
    field = User._meta.get_field("mobile")
    assert field.get_prep_value("0912 345 6789") == "+989123456789"


def test_model_fields_build_their_identifier_form_fields():
    form_field = User._meta.get_field("national_code").formfield()
    assert isinstance(form_field, NationalCodeFormField)
    assert form_field.max_length == 40  # room for what people type; storage is 10
    assert form_field.clean("۰۴۹۹۳۷۰۸۹۹") == "0499370899"


def test_model_field_migrations_do_not_repeat_the_fixed_length():
    field = NationalCodeField("national code")
    assert field.max_length == 10
    assert "max_length" not in field.deconstruct()[3]


# --- Jalali date form field ------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["1404/08/12", "1404-08-12", "۱۴۰۴/۰۸/۱۲", "١٤٠٤/٠٨/١٢", " 1404/8/12 ", "۱۴۰۴-۸-۱۲"]
)
def test_jalali_date_field_turns_typed_jalali_dates_into_gregorian_dates(typed):
    form = DateForm(data={"date": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"date": datetime.date(2025, 11, 3), "optional_date": None}


@pytest.mark.parametrize("typed", ["1404/07/31", "1404/13/01", "3 Aban", "2025-11-03x"])
def test_jalali_date_field_rejects_dates_that_do_not_exist(typed):
    form = DateForm(data={"date": typed})
    assert not form.is_valid()
    assert form.errors.as_data()["date"][0].code == "jalali_date_invalid"


def test_jalali_date_field_is_required_unless_told_otherwise():
    form = DateForm(data={"date": ""})
    assert not form.is_valid()
    assert form.errors.as_data()["date"][0].code == "required"
    assert "optional_date" not in form.errors


def test_jalali_date_field_shows_an_initial_date_as_jalali_with_ascii_digits():
    form = DateForm(initial={"date": datetime.date(2025, 11, 3)})
    html = str(form["date"])
    assert 'value="1404/08/12"' in html
    assert 'dir="ltr"' in html


def test_jalali_date_field_shows_an_aware_datetime_by_its_tehran_date():
    late_evening_utc = datetime.datetime(2025, 3, 20, 21, 0, tzinfo=datetime.UTC)
    form = DateForm(initial={"date": late_evening_utc})
    assert 'value="1404/01/01"' in str(form["date"])


def test_jalali_date_field_redisplays_what_was_typed_when_invalid():
    form = DateForm(data={"date": "۱۴۰۴/۰۷/۳۱"})
    assert not form.is_valid()
    assert 'value="۱۴۰۴/۰۷/۳۱"' in str(form["date"])


def test_jalali_date_field_placeholder_follows_the_language():
    with translation.override("fa"):
        assert 'placeholder="۱۴۰۴/۰۸/۱۲"' in str(DateForm()["date"])
    with translation.override("en"):
        assert 'placeholder="1404/08/12"' in str(DateForm()["date"])


def test_jalali_date_field_sees_no_change_when_the_same_date_is_retyped():
    field = JalaliDateField()
    assert not field.has_changed(datetime.date(2025, 11, 3), "۱۴۰۴/۰۸/۱۲")
    assert field.has_changed(datetime.date(2025, 11, 3), "1404/08/13")
    assert field.has_changed(datetime.date(2025, 11, 3), "nonsense")
    assert not field.has_changed(datetime.datetime(2025, 11, 3, 12, 0, tzinfo=TEHRAN), "1404/08/12")
