"""Mapping Open311 services as data: which catalogue services may take reports, who may map,
the management command, and the demo section."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from daftar.catalogue.models import RequiredDocument, Service
from daftar.core.actors import Actor
from daftar.core.errors import Forbidden, InvalidInput
from daftar.open311.choices import Target
from daftar.open311.models import Open311Service
from daftar.open311.services import open311_service_define

NAMES = {"name_fa": "گزارش", "name_en": "Report"}


def test_a_service_needing_a_document_cannot_be_mapped(catalogue):
    # bp-file-open needs the title deed: a report carries no document
    with pytest.raises(InvalidInput) as error:
        open311_service_define(
            actor=Actor.system("test"),
            service_code="permit",
            catalogue_service_code="bp-file-open",
            **NAMES,
        )
    assert error.value.code == "mapping_invalid"
    assert not Open311Service.objects.exists()


def test_a_service_closed_to_partner_apps_cannot_be_mapped(world):
    Service.objects.filter(code="ws-pavement").update(channel_partner=False)
    with pytest.raises(InvalidInput):
        open311_service_define(
            actor=Actor.system("test"),
            service_code="pavement-2",
            catalogue_service_code="ws-pavement",
            **NAMES,
        )


def test_a_mapping_names_exactly_one_target(world):
    for targets in ({}, {"catalogue_service_code": "ws-pavement", "complaint_category": "bribe"}):
        with pytest.raises(InvalidInput):
            open311_service_define(actor=Actor.system("test"), service_code="x", **NAMES, **targets)
    with pytest.raises(InvalidInput):
        open311_service_define(
            actor=Actor.system("test"), service_code="x", complaint_category="nope", **NAMES
        )


def test_only_the_catalogue_team_or_fava_may_map(personas, world):
    with pytest.raises(Forbidden):
        open311_service_define(
            actor=Actor.for_user(personas.reviewer),
            service_code="x",
            complaint_category="other",
            **NAMES,
        )
    made = open311_service_define(
        actor=Actor.for_user(personas.catalogue_admin),
        service_code="x",
        complaint_category="other",
        **NAMES,
    )
    assert made.target == Target.COMPLAINT


def test_a_service_that_later_needs_a_document_stops_taking_reports(client, world):
    RequiredDocument.objects.create(
        service=Service.objects.get(code="ws-pavement"),
        code="photo",
        title_fa="عکس",
        title_en="Photo",
        mandatory=True,
    )
    from daftar.open311.tests.test_georeport import nothing_created, report

    response = client.post("/open311/v2/requests.json", report(world))
    assert response.status_code == 404
    assert nothing_created()


def test_the_command_maps_and_unlists_a_service(world):
    call_command(
        "open311_service",
        "office-rude",
        "--name-fa",
        "بدرفتاری",
        "--name-en",
        "Rudeness",
        "--complaint-category",
        "rudeness",
    )
    assert Open311Service.objects.get(service_code="office-rude").active
    call_command(
        "open311_service",
        "office-rude",
        "--name-fa",
        "بدرفتاری",
        "--name-en",
        "Rudeness",
        "--complaint-category",
        "rudeness",
        "--unlisted",
    )
    assert not Open311Service.objects.get(service_code="office-rude").active
    with pytest.raises(CommandError):
        call_command(
            "open311_service",
            "bad",
            "--name-fa",
            "x",
            "--name-en",
            "x",
            "--catalogue-service",
            "bp-file-open",
        )
