"""Fixtures of the Open311 tests: a catalogue service open to partner apps with no document
(a report can become its file), the complaint rules in force, two mapped Open311 services,
a city app with the open311 scope whose citizens sign in with the city's sign-in, and a bare
app with only the open311 scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from daftar.api.services import partner_create
from daftar.api.tests.fixtures import allow_signed_in_citizens
from daftar.cases.tests.fixtures import TARIFF_FORMULA, TARIFF_SPLITS
from daftar.catalogue.choices import FieldType
from daftar.catalogue.models import FormField, Service
from daftar.catalogue.services import tariff_set
from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind
from daftar.open311.services import open311_service_define
from daftar.open311.tests.xml_schema import is_xml_answer, valid_xml
from daftar.supervision.tests.complaints_fixtures import complaint_rules  # noqa: F401
from daftar.workflow.definitions import workflow_install


@pytest.fixture(autouse=True)
def _every_xml_answer_is_valid_georeport(monkeypatch):
    """Every XML answer a test receives from the test client is validated against the
    GeoReport v2 XSD, whether or not the test looks at it."""
    from django.test.client import Client

    request = Client.request

    def checked(self, **kwargs):
        response = request(self, **kwargs)
        if is_xml_answer(response):
            valid_xml(response.content)
        return response

    monkeypatch.setattr(Client, "request", checked)


@dataclass
class World:
    file_service: object  # Open311Service → a file
    complaint_service: object  # Open311Service → a complaint
    app: object  # Tehran-e Man: open311 + signed_in_citizens
    key: str
    bare_app: object  # open311 only
    bare_key: str
    office: object


@pytest.fixture
def world(personas, catalogue, complaint_rules, adopt_decision, service_authorisation):  # noqa: F811
    service = Service.objects.create(
        code="ws-pavement",
        title_fa="گزارش خرابی پیاده‌رو",
        title_en="Broken pavement report",
        domain=catalogue.domain,
        department=catalogue.department,
        channel_office=False,
        channel_web=True,
        channel_partner=True,
        sla_days=5,
        workflow=workflow_install("permit"),
    )
    FormField.objects.create(
        service=service,
        name="area_m2",
        label_fa="مساحت خرابی",
        label_en="Damaged area",
        type=FieldType.AREA,
        min_value=1,
        max_value=1000,
        order=1,
    )
    FormField.objects.create(
        service=service,
        name="zone",
        label_fa="پهنه",
        label_en="Zone",
        type=FieldType.CHOICE,
        order=2,
        choices=[
            {"value": 1, "label_fa": "یک", "label_en": "One"},
            {"value": 2, "label_fa": "دو", "label_en": "Two"},
        ],
    )
    tariff_set(
        actor=Actor.system("test"),
        service=service,
        decision=adopt_decision(DecisionKind.TARIFF, "تعرفه پیاده‌رو"),
        effective_from=datetime.date(2025, 3, 21),
        formula=TARIFF_FORMULA,
        splits=TARIFF_SPLITS,
    )
    system = Actor.system("test")
    file_service = open311_service_define(
        actor=system,
        service_code="pavement",
        name_fa="خرابی پیاده‌رو",
        name_en="Broken pavement",
        catalogue_service_code="ws-pavement",
        group="streets",
        keywords="pavement,sidewalk",
        notice_fa="پیامک پیگیری فرستاده می‌شود.",
        notice_en="You will get an SMS to follow it.",
        order=1,
    )
    complaint_service = open311_service_define(
        actor=system,
        service_code="office-bribe",
        name_fa="درخواست رشوه در دفتر",
        name_en="A bribe demanded at an office",
        complaint_category="bribe",
        group="offices",
        order=2,
    )
    app, key = partner_create(
        actor=system, name="Tehran-e Man", scopes=["open311"], require_signature=False
    )
    allow_signed_in_citizens(app, service_authorisation)
    bare_app, bare_key = partner_create(
        actor=system, name="FixMyStreet", scopes=["open311"], require_signature=False
    )
    return World(file_service, complaint_service, app, key, bare_app, bare_key, personas.office_a)
