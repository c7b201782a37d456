"""Hostile input to the API gets a client error in the envelope, never a 500, and changes
nothing: control characters (400), numbers out of range (422 naming the field), bodies over
the limit (413)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from daftar.api.services import partner_create
from daftar.api.testing import SignedClient, signed_headers
from daftar.api.tests.fixtures import FILE
from daftar.cases.models import File
from daftar.cases.tests.fixtures import PDF
from daftar.core.actors import Actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(trusted_partner):
    _app, key = trusted_partner(name="App")
    return SignedClient(key)


def test_a_null_byte_in_an_api_query_gets_400_in_the_envelope():
    response = Client().get("/api/v1/offices?q=%00")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "control_character"
    assert error["field"] == "query"
    assert error["message"]["fa"]
    assert error["message"]["en"]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/decisions?year=99999", "year"),
        ("/api/v1/decisions?year=-1404", "year"),
        ("/api/v1/decisions?page=74611116466596782811381760", "page"),
        ("/api/v1/offices?page=74611116466596782811381760", "page"),
        ("/api/v1/offices?page=0", "page"),
        ("/api/v1/offices?district=99999999999999999999", "district"),
        ("/api/v1/decisions/99999/1", "year"),
        ("/api/v1/bylaw/versions/99999999999999999999999", "number"),
        ("/api/v1/licensing/calls/1405-1/ranking?publication=99999999999999999999", "publication"),
    ],
)
def test_a_number_out_of_range_gets_422_naming_the_field(url, field):
    response = Client().get(url)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert error["field"] == field


def test_a_sub_district_without_its_district_is_refused():
    response = Client().get("/api/v1/offices?sub_district=3")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "district_required"


def test_a_null_byte_in_a_json_body_is_refused_and_opens_no_file(signed, catalogue):
    body = {**FILE, "citizen": {**FILE["citizen"], "first_name": "ندا\u0000"}}
    response = signed.post("/api/v1/files", body, key="nul")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "control_character"
    assert response.json()["error"]["field"] == "body"
    assert not File.objects.exists()


def test_a_null_byte_in_a_json_key_is_refused(signed, catalogue):
    response = signed.post("/api/v1/quote", {"service": "bp-file-open", "data": {"a\u0000": 1}})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "control_character"


def test_a_body_that_is_not_json_gets_the_envelope(db):
    _app, key = partner_create(actor=Actor.system("test"), name="App", scopes=["catalogue"])
    body = b"{not json"
    response = Client().generic(
        "POST",
        "/api/v1/quote",
        body,
        content_type="application/json",
        **signed_headers(key, "POST", "/api/v1/quote", body),
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_body"


def test_an_empty_national_code_is_refused_by_the_schema(signed, catalogue):
    body = {**FILE, "citizen": {**FILE["citizen"], "national_code": ""}}
    response = signed.post("/api/v1/files", body, key="empty")
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "citizen.national_code"
    assert not File.objects.exists()


def test_a_partner_upload_over_6_mb_gets_413_in_the_envelope(signed, catalogue):
    code = signed.post("/api/v1/files", FILE, key="c").json()["tracking_code"]
    big = PDF + b"0" * (6 * 1024 * 1024)
    response = signed.upload(f"/api/v1/files/{code}/attachments", "deed", big, key="u")
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "request_too_large"
    assert error["message"]["fa"]
    assert not File.objects.get().attachments.exists()


def test_a_json_body_over_the_limit_gets_413_before_anything_reads_it(signed):
    response = Client().generic(
        "POST",
        "/api/v1/files",
        json.dumps({"pad": "x" * (6 * 1024 * 1024)}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
