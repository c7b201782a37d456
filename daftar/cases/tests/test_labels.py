"""The file page names documents by title and form answers by their choice labels, never by
their stored codes or values."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from daftar.cases import selectors
from daftar.cases.tests.fixtures import open_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def file(personas, catalogue):
    return open_file(personas, catalogue)


def _section(html: str, heading: str) -> str:
    match = re.search(rf"{heading}</h2>(.*?)</(?:ul|dl)>", html, re.S)
    assert match, heading
    return match.group(1)


def test_the_file_page_lists_documents_by_title_not_code(client, personas, file):
    client.force_login(personas.citizen)
    documents = _section(client.get(file.get_absolute_url()).content.decode(), "مدارک")
    assert "سند مالکیت" in documents
    assert ">deed<" not in documents


def test_the_file_page_shows_a_choice_by_its_label_not_its_value(client, personas, file):
    client.force_login(personas.reviewer)
    details = _section(client.get(file.get_absolute_url()).content.decode(), "جزئیات")
    assert re.search(r"<dt[^>]*>پهنه</dt><dd[^>]*>یک</dd>", details), details
    assert re.search(r"<dt[^>]*>مساحت</dt><dd[^>]*>۱۲۰</dd>", details), details


def test_answers_follow_the_reader_s_language(file):
    with translation.override("en"):
        assert ("Zone", "One") in selectors.file_form_answers(file)
    with translation.override("fa"):
        assert ("پهنه", "یک") in selectors.file_form_answers(file)


def test_a_stored_value_no_choice_has_is_shown_as_it_is(file):
    file.form_data["zone"] = 9
    with translation.override("fa"):
        assert ("پهنه", "9") in selectors.file_form_answers(file)


def test_the_file_page_works_the_fee_out_from_the_file_s_answers(client, personas, file):
    client.force_login(personas.citizen)
    html = client.get(file.get_absolute_url()).content.decode()
    explained = re.search(r'data-testid="fee-explained">(.*?)</div>\s*</dd>', html, re.S).group(1)
    assert "<li>پهنه: یک</li>" in explained
    assert "<li>مساحت: ۱۲۰</li>" in explained
    assert "درآمد عوارض صدور پروانه ساختمانی: ۲٬۲۰۰٬۰۰۰ ریال" in explained  # online: all of it
    assert "revenue:" not in html
    assert 'data-testid="formula"' not in html  # the citizen reads no formula
    client.force_login(personas.reviewer)
    assert 'data-testid="formula"' in client.get(file.get_absolute_url()).content.decode()


def test_a_correction_form_shows_numbers_as_typed_and_codes_as_stored(catalogue):
    from daftar.cases.forms import answers_as_typed

    shown = answers_as_typed(
        catalogue.service,
        {"area_m2": "120.00", "zone": "1", "owner": "0012345679", "other": "x"},
    )
    assert shown["area_m2"] == "120"  # not the stored "120.00"
    assert shown["owner"] == "0012345679"  # a code keeps its leading zeros
    assert shown["zone"] == "1"
    assert shown["other"] == "x"
    assert answers_as_typed(catalogue.service, {"area_m2": "about 120"}) == {"area_m2": "about 120"}
