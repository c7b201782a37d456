"""The OpenAPI document says what the server does: distinct schema names, formats the answers
match, every error answer with its envelope, the headers a partner must send, and the
constraints the server enforces."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.test import Client
from pydantic import BaseModel

from daftar.api.router import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json()


def _models_of(annotation, found: set) -> None:
    for arg in getattr(annotation, "__args__", ()) or ():
        _models_of(arg, found)
    if (
        isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
        and annotation not in found
    ):
        found.add(annotation)
        for field in annotation.model_fields.values():
            _models_of(field.annotation, found)


def test_no_two_schemas_of_the_api_share_a_name():
    """Two classes with one name are one schema in the document: the second is described
    with the first's shape (licensing's call documents were described as a service's)."""
    models: set = set()
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.response_models.values():
                    _models_of(model, models)
                for model in operation.models:
                    _models_of(model, models)
    by_name: dict[str, set] = {}
    for model in models:
        if model.__name__ not in {"Input"} and not model.__module__.startswith("ninja"):
            by_name.setdefault(model.__name__, set()).add(f"{model.__module__}.{model.__name__}")
    assert {name: paths for name, paths in by_name.items() if len(paths) > 1} == {}


def test_a_calls_documents_are_described_with_their_own_shape(document):
    schemas = document["components"]["schemas"]
    items = schemas["CallDetailOut"]["properties"]["documents"]["items"]["$ref"]
    described = schemas[items.rsplit("/", 1)[-1]]
    assert set(described["properties"]) == {"kind", "mandatory"}
    service_documents = schemas["ServiceOut"]["properties"]["documents"]["items"]["$ref"]
    assert set(schemas[service_documents.rsplit("/", 1)[-1]]["properties"]) == {
        "code",
        "title_fa",
        "title_en",
        "mandatory",
    }


def test_office_hours_are_described_as_the_local_times_the_api_answers(document, personas):
    from daftar.offices.models import OfficeHours

    OfficeHours.objects.create(
        office=personas.office_a, weekday=5, opens=datetime.time(7, 30), closes=datetime.time(14)
    )
    hours = document["components"]["schemas"]["HoursOut"]["properties"]
    assert "format" not in hours["opens"]  # JSON Schema's `time` needs an offset
    answered = Client().get("/api/v1/offices/T0101").json()["hours"][0]
    assert answered == {"weekday": 5, "opens": "07:30:00", "closes": "14:00:00"}
    assert re.fullmatch(hours["opens"]["pattern"], answered["opens"])
    assert re.fullmatch(hours["closes"]["pattern"], answered["closes"])


def _responses(document, path: str, method: str) -> dict:
    return document["paths"][f"/api/v1{path}"][method]["responses"]


def test_every_error_answer_is_documented_with_the_envelope(document):
    envelope = {"$ref": "#/components/schemas/ErrorEnvelope"}
    create = _responses(document, "/files", "post")
    assert set(create) == {"200", "201", "400", "401", "403", "404", "409", "413", "422", "429"}
    for status in ("400", "401", "403", "404", "409", "413", "422", "429"):
        assert create[status]["content"]["application/json"]["schema"] == envelope
    assert set(_responses(document, "/districts", "get")) == {"200", "400"}
    assert set(_responses(document, "/decisions", "get")) == {"200", "400", "422"}
    assert set(_responses(document, "/offices/{code}", "get")) == {"200", "400", "404", "422"}
    assert set(_responses(document, "/quote", "post")) == {
        "200", "400", "401", "403", "404", "413", "422", "429"
    }  # fmt: skip
    heartbeat = _responses(document, "/terminals/heartbeat", "post")
    assert set(heartbeat) == {"200", "400", "403", "409", "413"}
    assert heartbeat["409"]["content"]["application/json"]["schema"] == envelope
    error = document["components"]["schemas"]["ErrorBody"]
    assert set(error["required"]) == {"code", "field", "message"}


def test_the_headers_a_partner_sends_are_documented(document):
    def headers(path, method):
        operation = document["paths"][f"/api/v1{path}"][method]
        return {p["name"]: p for p in operation["parameters"] if p["in"] == "header"}

    create = headers("/files", "post")
    assert set(create) == {"X-Timestamp", "X-Nonce", "X-Signature", "Idempotency-Key"}
    assert all(h["required"] for h in create.values())
    assert set(headers("/services", "get")) == {"X-Timestamp", "X-Nonce", "X-Signature"}
    assert set(headers("/quote", "post")) == {"X-Timestamp", "X-Nonce", "X-Signature"}
    assert headers("/districts", "get") == {}
    partner = document["components"]["securitySchemes"]["PartnerKey"]
    assert "X-Nonce" in partner["description"]
    assert "Idempotency-Key" in partner["description"]


def test_the_constraints_the_server_enforces_are_documented(document):
    schemas = document["components"]["schemas"]
    citizen = schemas["CitizenIn"]["properties"]
    assert citizen["national_code"]["minLength"] == 1
    assert citizen["mobile"]["minLength"] == 1
    assert schemas["RatingIn"]["properties"]["score"] == {
        "maximum": 5,
        "minimum": 1,
        "title": "Score",
        "type": "integer",
    }
    offices = document["paths"]["/api/v1/offices"]["get"]
    sub_district = next(p for p in offices["parameters"] if p["name"] == "sub_district")
    assert "district" in sub_district["description"]
    assert "district_required" in offices["description"]
    pages = next(p for p in offices["parameters"] if p["name"] == "page")
    assert pages["schema"]["maximum"] == 100_000
    decisions = document["paths"]["/api/v1/decisions"]["get"]["parameters"]
    year = next(p for p in decisions if p["name"] == "year")
    assert json.dumps(year["schema"]).count("1600") == 1


def test_the_envelopes_code_lists_every_error_code_and_the_description_points_to_their_table(
    document,
):
    from daftar.core.error_codes import error_code_enums

    code = document["components"]["schemas"]["ErrorBody"]["properties"]["code"]
    every = {member.value for enum in error_code_enums() for member in enum}
    assert set(code["enum"]) == every
    assert {"unauthenticated", "idempotency_key_too_long", "national_code_checksum"} <= every
    assert "docs/error-codes.md" in code["description"]
    assert "docs/error-codes.md" in document["info"]["description"]
