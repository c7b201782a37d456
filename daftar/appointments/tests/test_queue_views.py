"""The queue's pages over HTTP: the counter screen's forms (Persian errors, nothing changed),
another office's staff refused, CSRF, the display and its live part."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from daftar.appointments.models import Ticket
from daftar.appointments.services.queue import ticket_call_next, ticket_walk_in
from daftar.appointments.tests.queue_helpers import actor, make_appointment

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_check_in_on_the_screen_issues_a_ticket_and_says_what_next(personas, catalogue):
    appointment = make_appointment(
        personas.office_a, catalogue.service, personas.citizen, timezone.now()
    )
    client = _client(personas.operator_a)
    response = client.post(
        reverse("appointments:queue_check_in"), {"code": appointment.code}, follow=True
    )
    text = response.content.decode()
    assert "پذیرش شد: نوبت ن-۰۰۱" in text
    assert "نمایشگر سالن انتظار" in text
    assert Ticket.objects.get().appointment == appointment


def test_bad_input_on_the_screen_is_a_persian_error_and_changes_nothing(personas, catalogue):
    client = _client(personas.operator_a)
    empty = client.post(reverse("appointments:queue_check_in"), {})
    assert empty.status_code == 400
    assert "کد رزرو را وارد کنید" in empty.content.decode()
    bad = client.post(reverse("appointments:queue_walk_in"), {"national_code": "12"})
    assert bad.status_code == 400
    assert "خدمتی را که مراجعه‌کننده برای آن آمده انتخاب کنید" in bad.content.decode()
    bad_code = client.post(
        reverse("appointments:queue_walk_in"),
        {"service": catalogue.service.pk, "national_code": "1111111111"},
    )
    assert bad_code.status_code == 400
    assert "کد ملی" in bad_code.content.decode()
    assert not Ticket.objects.exists()


def test_call_next_on_an_empty_queue_says_so(personas, catalogue):
    client = _client(personas.operator_a)
    response = client.post(reverse("appointments:queue_call"), {"counter": "1"}, follow=True)
    assert "کسی در صف نیست" in response.content.decode()


def test_another_offices_operator_cannot_close_this_offices_ticket(personas, catalogue):
    operator = actor(personas.operator_a)
    ticket = ticket_walk_in(actor=operator, office=personas.office_a, service=catalogue.service)
    ticket_call_next(actor=operator, office=personas.office_a, counter=1)
    other = _client(personas.operator_b)
    for name in ("appointments:queue_served", "appointments:queue_no_show"):
        assert other.post(reverse(name, kwargs={"pk": ticket.pk})).status_code == 404
    assert Ticket.objects.get().status == "called"


def test_writes_need_the_csrf_token(personas, catalogue):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.operator_a)
    response = client.post(reverse("appointments:queue_walk_in"), {"service": catalogue.service.pk})
    assert response.status_code == 403
    assert not Ticket.objects.exists()


def test_the_display_and_its_live_part(personas, catalogue):
    operator = actor(personas.operator_a)
    office = personas.office_a
    ticket_walk_in(
        actor=operator,
        office=office,
        service=catalogue.service,
        national_code=personas.citizen.national_code,
    )
    ticket_call_next(actor=operator, office=office, counter=1)
    page = Client().get(reverse("appointments:queue_display", kwargs={"code": office.code}))
    html = page.content.decode()
    assert 'hx-trigger="every 5s"' in html
    assert 'dir="rtl"' in html
    part = Client().get(reverse("appointments:queue_display_board", kwargs={"code": office.code}))
    body = part.content.decode()
    assert "ح-۰۰۱" in body
    assert "<html" not in body
    assert part["Cache-Control"] == "no-store"
    for text in (html, body):
        assert personas.citizen.national_code not in text
        assert catalogue.service.title_fa not in text
    assert Client().get("/offices/NOPE/queue/display/").status_code == 404
