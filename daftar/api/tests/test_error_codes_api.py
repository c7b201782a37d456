"""Through the envelope, the codes clients branch on: the specific ones that replaced a generic
"invalid" (ADR 0014's changelog) and the ones that kept their value when they became enums."""

from __future__ import annotations

import pytest

from daftar.api.testing import SignedClient
from daftar.api.tests.fixtures import FILE
from daftar.core.errors import InvalidInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(trusted_partner):
    return SignedClient(trusted_partner()[1])


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content
    return response.json()["error"]


def test_an_idempotency_key_over_100_characters_answers_idempotency_key_too_long(signed, catalogue):
    error = _error(signed.post("/api/v1/files", FILE, key="k" * 101), 400)
    assert error["code"] == "idempotency_key_too_long"
    assert error["field"] == "Idempotency-Key"
    assert error["message"]["en"] == "The Idempotency-Key is too long (100 characters at most)."
    assert error["message"]["fa"] != error["message"]["en"]


def test_a_heartbeat_whose_timestamp_is_not_a_number_answers_timestamp_format(client, db):
    response = client.post(
        "/api/v1/terminals/heartbeat",
        b"{}",
        content_type="application/json",
        HTTP_X_TERMINAL="T-1",
        HTTP_X_TIMESTAMP="yesterday",
        HTTP_X_SIGNATURE="0" * 64,
    )
    error = _error(response, 400)
    assert (error["code"], error["field"]) == ("timestamp_format", "X-Timestamp")


def test_a_citizen_whose_national_code_fails_its_check_digit_keeps_the_validators_code(
    signed, catalogue
):
    citizen = {**FILE["citizen"], "national_code": "0499370898"}
    error = _error(signed.post("/api/v1/files", {**FILE, "citizen": citizen}, key="k2"), 400)
    assert (error["code"], error["field"]) == ("national_code_checksum", "national_code")


def test_a_request_without_a_key_still_answers_unauthenticated_with_401(client, catalogue):
    assert _error(client.get("/api/v1/services"), 401)["code"] == "unauthenticated"


def test_a_body_the_schema_refuses_still_answers_invalid_request_with_422_and_details(
    signed, catalogue
):
    response = signed.post("/api/v1/quote", {"data": {}})
    error = _error(response, 422)
    assert error["code"] == "invalid_request"
    assert error["details"]


def test_an_unknown_scope_is_refused_with_unknown_scope_naming_the_field(trusted_partner):
    with pytest.raises(InvalidInput) as refused:
        trusted_partner(name="Maps", scopes=("weather",))
    assert (refused.value.code, refused.value.field) == ("unknown_scope", "scopes")
