"""The partner API's complaint endpoints: scope, filing for a verified citizen or anonymously,
idempotency, reading only the app's own complaints, and the OpenAPI document."""

from __future__ import annotations

import pytest

from daftar.api.services import partner_create
from daftar.api.testing import SignedClient
from daftar.api.tests.fixtures import CITIZEN, allow_signed_in_citizens
from daftar.core.actors import Actor
from daftar.supervision.models import Complaint
from daftar.supervision.tests import complaints_fixtures as fx

complaint_rules = fx.complaint_rules  # fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(personas, complaint_rules, service_authorisation):
    app, key = partner_create(actor=Actor.system("test"), name="Shahrvand", scopes=["complaints"])
    allow_signed_in_citizens(app, service_authorisation)
    return app, key


def body(personas, **extra):
    return {
        "category": "overcharging",
        "description": "بیش از تعرفه پول گرفتند.",
        "office": personas.office_a.code,
        "citizen": {"national_code": CITIZEN["national_code"], "mobile": CITIZEN["mobile"]},
        **extra,
    }


def test_a_partner_files_a_complaint_once_and_reads_it(personas, app):
    _app, key = app
    client = SignedClient(key)
    first = client.post("/api/v1/complaints", body(personas), key="c1")
    assert first.status_code == 201, first.json()
    again = client.post("/api/v1/complaints", body(personas), key="c1")
    assert again.json()["tracking_code"] == first.json()["tracking_code"]
    assert Complaint.objects.count() == 1
    code = first.json()["tracking_code"]
    shown = client.get(f"/api/v1/complaints/{code}")
    assert shown.status_code == 200
    assert shown.json()["status"] == "received"
    assert shown.json()["timeline"][0]["text_fa"]


def test_a_citizen_with_another_mobile_is_refused(personas, app):
    _app, key = app
    person = {"national_code": CITIZEN["national_code"], "mobile": "09350000000"}
    response = SignedClient(key).post(
        "/api/v1/complaints", body(personas, citizen=person), key="c2"
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "citizen"
    assert not Complaint.objects.exists()


def test_an_anonymous_bribe_report(personas, app):
    _app, key = app
    response = SignedClient(key).post(
        "/api/v1/complaints",
        body(personas, category="bribe", anonymous=True, citizen=None),
        key="c3",
    )
    assert response.status_code == 201, response.json()
    assert Complaint.objects.get().complainant is None


def test_another_apps_complaint_is_not_found(personas, app, complaint_rules):
    _app, key = app
    mine = fx.file_portal(personas.citizen, office=personas.office_a)
    response = SignedClient(key).get(f"/api/v1/complaints/{mine.tracking_code}")
    assert response.status_code == 404


def test_an_app_without_the_scope_is_refused(personas, complaint_rules):
    _app, key = partner_create(actor=Actor.system("x"), name="Maps", scopes=["catalogue"])
    response = SignedClient(key).post("/api/v1/complaints", body(personas), key="c4")
    assert response.status_code == 403


def test_the_openapi_document_describes_the_complaint_endpoints(client):
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/complaints" in document["paths"]
    assert "/api/v1/complaints/{code}" in document["paths"]
