"""Office pages and API: the public finder, office pages, licences, and who may see what."""

from __future__ import annotations

import datetime
import random
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from daftar.catalogue.models import ServiceDomain
from daftar.core import generators
from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind
from daftar.offices import services
from daftar.offices.choices import OfficeStatus, StaffRole
from daftar.offices.services.terminals import sign_heartbeat
from daftar.offices.tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def authorised(licensed_office, certified, domain, adopt_decision):
    services.authorisation_grant(
        actor=Actor.system("x"),
        office=licensed_office,
        domain=domain,
        decision=adopt_decision(DecisionKind.SERVICE_AUTHORISATION),
    )
    services.office_set_hours(
        actor=Actor.system("x"),
        office=licensed_office,
        hours=[(day, datetime.time(0, 0), datetime.time(23, 59)) for day in range(7)],
    )
    return licensed_office


def test_the_finder_lists_active_offices_with_their_services(client, authorised, domain):
    html = client.get(reverse("offices:finder")).content.decode()
    assert 'data-office="T2201"' in html
    assert domain.name_fa in html


def test_the_finder_filters_by_district_domain_and_open_now(client, authorised, domain):
    assert 'data-office="T2201"' in client.get("/offices/?district=22&open_now=on").content.decode()
    assert 'data-office="T2201"' not in client.get("/offices/?district=3").content.decode()
    ServiceDomain.objects.create(
        code="waste-contracts", name_fa="پسماند", name_en="Waste", department=domain.department
    )
    assert (
        'data-office="T2201"' not in client.get("/offices/?domain=waste-contracts").content.decode()
    )


def test_the_finder_searches_addresses_with_arabic_letters_and_persian_digits(client, authorised):
    html = client.get("/offices/", {"q": "ايران‌زمين"}).content.decode()  # Arabic ي
    assert 'data-office="T2201"' in html


def test_the_finder_query_count_does_not_grow_with_offices(
    client, authorised, adopt_decision, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        before = client.get("/offices/").content.decode().count("data-office=")
    licence_decision = adopt_decision(DecisionKind.LICENCE)
    for n in range(5):
        office = services.office_register(
            actor=Actor.system("x"),
            code=f"T03{n:02d}",
            name=f"دفتر {n}",
            district=DistrictFactory(number=3),
        )
        person = services.person_upsert(
            actor=Actor.system("x"),
            national_code=generators.national_code(random.Random(n)),
            first_name="الف",
            last_name="ب",
        )
        services.licence_issue(
            actor=Actor.system("x"),
            office=office,
            licensee=services.licensee_for_person(actor=Actor.system("x"), person=person),
            decision=licence_decision,
            issued_on=datetime.date(2025, 1, 1),
            term_years=3,
        )
        services.office_activate(actor=Actor.system("x"), office=office)
    with django_assert_max_num_queries(8):
        response = client.get("/offices/")
    assert response.content.decode().count("data-office=") == before + 5


def test_an_office_page_shows_hours_services_and_licence(client, authorised):
    html = client.get("/offices/T2201/").content.decode()
    assert authorised.licences.get().number in html
    assert 'data-testid="office-status"' in html


def test_pending_offices_have_no_public_page(client):
    services.office_register(
        actor=Actor.system("x"), code="T0950", name="x", district=DistrictFactory(number=9)
    )
    assert client.get("/offices/T0950/").status_code == 404


def test_anyone_can_verify_a_licence_by_its_code(client, licensed_office):
    licence = licensed_office.licences.get()
    response = client.get(f"/licences/verify/{licence.verification_code.lower()}/")
    assert response.status_code == 200
    assert licence.number in response.content.decode()
    assert client.get("/licences/verify/FORGED123/").status_code == 404


def test_the_licence_document_is_for_the_office_and_supervisors_only(
    client, licensed_office, personas
):
    licence = licensed_office.licences.get()
    url = f"/licences/{licence.number}/document/"
    client.force_login(personas.operator_a)
    assert client.get(url).status_code == 404
    client.force_login(personas.citizen)
    assert client.get(url).status_code == 404
    services.office_staff_add(
        actor=Actor.system("x"),
        office=licensed_office,
        user=personas.treasury,
        role=StaffRole.MANAGER,
        hired_on=datetime.date(2025, 1, 1),
    )
    client.force_login(personas.treasury)
    page = client.get(url)
    assert page.status_code == 200
    assert licence.verification_code in page.content.decode()
    assert "<svg" in page.content.decode()
    client.force_login(personas.council)
    assert client.get(url).status_code == 200


def test_office_staff_see_the_page_of_the_office_they_work_at_only(
    client, licensed_office, personas
):
    for member in (personas.manager_a, personas.operator_a):
        client.force_login(member)
        page = client.get("/my-office/")
        assert page.status_code == 200
        assert personas.office_a.name in page.content.decode()
        assert licensed_office.name not in page.content.decode()


def test_someone_who_left_the_office_has_no_office_page(client, personas):
    from daftar.offices.models import OfficeStaff

    OfficeStaff.objects.filter(user=personas.operator_a).update(left_on=datetime.date(2025, 1, 1))
    client.force_login(personas.operator_a)
    assert client.get("/my-office/").status_code == 404
    client.force_login(personas.reviewer)  # on no office's staff
    assert client.get("/my-office/").status_code == 404


def test_the_committee_secretary_suspends_an_office_through_the_page(
    client, authorised, committee, adopt_decision
):
    sanction = adopt_decision(DecisionKind.SANCTION, "تعلیق یک‌ماهه")
    client.force_login(committee.secretary)
    response = client.post(
        "/offices/T2201/manage/",
        {"sanction": "1", "s-action": "suspend", "s-decision": sanction.pk, "s-reason": "تخلف"},
    )
    assert response.status_code == 302
    authorised.refresh_from_db()
    assert authorised.status == OfficeStatus.SUSPENDED


def test_a_suspension_without_a_decision_is_refused_on_the_page(client, authorised, committee):
    client.force_login(committee.secretary)
    response = client.post(
        "/offices/T2201/manage/", {"sanction": "1", "s-action": "suspend", "s-reason": "تخلف"}
    )
    assert response.status_code == 200
    authorised.refresh_from_db()
    assert authorised.status == OfficeStatus.ACTIVE


def test_others_cannot_reach_the_committee_actions(client, authorised, personas):
    for user in (personas.operator_a, personas.admin, personas.council):
        client.force_login(user)
        assert client.get("/offices/T2201/manage/").status_code == 404


def test_fava_sees_offline_offices_and_registers_a_terminal_once(client, authorised, personas):
    client.force_login(personas.admin)
    page = client.get("/fava/terminals/")
    assert "T2201" in page.content.decode()
    response = client.post("/fava/terminals/", {"office": "T2201", "code": "K9", "label": "x"})
    assert 'data-testid="terminal-secret"' in response.content.decode()
    client.force_login(personas.operator_a)
    assert client.get("/fava/terminals/").status_code == 404


def test_the_heartbeat_endpoint_accepts_a_signed_beat_and_refuses_a_replay(client, licensed_office):
    _terminal, secret = services.terminal_register(
        actor=Actor.system("x"), office=licensed_office, code="K1"
    )
    ts = int(time.time() * 1000)
    body = b'{"app": "1.2"}'
    headers = {
        "HTTP_X_TERMINAL": "K1",
        "HTTP_X_TIMESTAMP": str(ts),
        "HTTP_X_SIGNATURE": sign_heartbeat(secret, "K1", ts, body),
    }
    first = client.post(
        "/api/v1/terminals/heartbeat", body, content_type="application/json", **headers
    )
    assert first.status_code == 200
    assert first.json()["office"] == "T2201"
    replay = client.post(
        "/api/v1/terminals/heartbeat", body, content_type="application/json", **headers
    )
    assert replay.status_code == 409
    assert replay.json()["error"]["code"] == "replayed"
    forged = client.post(
        "/api/v1/terminals/heartbeat",
        body,
        content_type="application/json",
        **{**headers, "HTTP_X_SIGNATURE": "0" * 64, "HTTP_X_TIMESTAMP": str(ts + 1)},
    )
    assert forged.status_code == 403
    assert forged.json()["error"]["code"] == "bad_signature"


def test_the_offices_api_lists_districts_and_finds_offices(client, authorised):
    districts = client.get("/api/v1/districts").json()
    assert 22 in [d["number"] for d in districts]
    offices = client.get("/api/v1/offices?district=22").json()
    assert offices["count"] == 1
    assert offices["items"][0]["domains"] == ["building-permits"]
    assert client.get("/api/v1/offices/T2201").json()["postal_code"] == "1495783611"
    assert client.get("/api/v1/offices/NOPE").status_code == 404


def test_fava_rotates_a_terminal_key_and_sees_the_new_secret_once(
    client, licensed_office, personas
):
    terminal, old = services.terminal_register(
        actor=Actor.system("x"), office=licensed_office, code="K7"
    )
    client.force_login(personas.admin)
    response = client.post(f"/fava/terminals/{terminal.pk}/rotate/")
    assert response["Cache-Control"] == "no-store"
    terminal.refresh_from_db()
    new = services.terminal_secret(terminal)
    assert new in response.content.decode()
    assert new != old


def test_open_now_counts_the_offices_closure_and_official_holidays(client, authorised, personas):
    """An office open all week is not 'open now' on a day it is closed, nor on an official
    holiday: neither in the filter nor in its badge."""
    from daftar.core.jalali import to_tehran
    from daftar.core.models import Holiday
    from daftar.offices.models import OfficeClosure

    today = to_tehran(timezone.now()).date()
    url = "/offices/?district=22&open_now=on"
    assert 'data-office="T2201"' in client.get(url).content.decode()
    closure = services.office_closure_add(
        actor=Actor.for_user(personas.supervisor), office=authorised, day=today, reason="تعمیرات"
    )
    assert 'data-office="T2201"' not in client.get(url).content.decode()
    listed = client.get("/offices/?district=22").content.decode()
    assert 'data-office="T2201"' in listed
    assert "text-bg-success" not in listed.split('data-office="T2201"', 1)[1].split("</a>")[0]
    OfficeClosure.objects.filter(pk=closure.pk).delete()
    assert 'data-office="T2201"' in client.get(url).content.decode()
    Holiday.objects.create(date=today, name_fa="تعطیل رسمی")
    assert 'data-office="T2201"' not in client.get(url).content.decode()
