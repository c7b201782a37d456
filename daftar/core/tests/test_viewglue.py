"""The view helpers every app shares: errors onto forms, 404 for what is not allowed."""

from __future__ import annotations

import pytest
from django import forms
from django.http import Http404

from daftar.core.errors import InvalidInput
from daftar.core.viewglue import report_error, require


class NameForm(forms.Form):
    name = forms.CharField()


def _bound_form() -> NameForm:
    form = NameForm({"name": "x"})
    assert form.is_valid()
    return form


def test_an_error_naming_a_field_of_the_form_is_shown_on_that_field():
    form = _bound_form()

    report_error(form, InvalidInput("Name taken.", field="name"))

    assert form.errors == {"name": ["Name taken."]}


def test_an_error_naming_no_field_of_the_form_is_shown_above_the_form():
    form = _bound_form()

    report_error(form, InvalidInput("Office closed.", field="office"))

    assert form.non_field_errors() == ["Office closed."]
    assert "office" not in form.errors


def test_an_error_with_reasons_shows_each_reason_above_the_form():
    form = _bound_form()
    error = InvalidInput("Not eligible.")
    error.reasons = ["Too young.", "No licence."]

    report_error(form, error)

    assert form.non_field_errors() == ["Not eligible.", "Too young.", "No licence."]


def test_require_refuses_with_404_when_not_allowed():
    with pytest.raises(Http404):
        require(False)


def test_require_lets_an_allowed_request_through():
    assert require(True) is None
