# ruff: noqa: F811  (pytest fixtures imported from booking_fixtures)
"""The citizen's booking pages: the four steps, the appointment with its QR code, cancel and
move, errors in Persian with nothing changed, other people's appointments hidden (404)."""

from __future__ import annotations

import datetime

from django.urls import reverse

from daftar.appointments.choices import AppointmentStatus
from daftar.appointments.models import Appointment
from daftar.appointments.services.booking import appointment_book, qr_token
from daftar.appointments.tests.booking_fixtures import at, bookable, tomorrow  # noqa: F401
from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind


def _book_url(office, service=None, day=None) -> str:
    query = f"?office={office.code}"
    if service:
        query += f"&service={service.code}"
    if day:
        query += f"&day={day.isoformat()}"
    return reverse("appointments:book") + query


def _booked(personas, office, service, when, citizen=None):
    citizen = citizen or personas.citizen
    return appointment_book(
        actor=Actor.for_user(citizen),
        citizen=citizen,
        office=office,
        service=service,
        starts_at=when,
    )


def test_a_citizen_books_step_by_step_and_sees_the_qr(
    client, personas, bookable, catalogue, tomorrow
):
    client.force_login(personas.citizen)
    page = client.get(reverse("appointments:book") + "?district=1").content.decode()
    assert f'data-office="{bookable.code}"' in page
    page = client.get(_book_url(bookable)).content.decode()
    assert f'data-service="{catalogue.service.code}"' in page
    page = client.get(_book_url(bookable, catalogue.service)).content.decode()
    assert f'data-day="{tomorrow.isoformat()}"' in page
    page = client.get(_book_url(bookable, catalogue.service, tomorrow)).content.decode()
    assert 'data-slot="09:00"' in page
    assert "۰۹:۰۰" in page  # Persian digits
    answer = client.post(
        _book_url(bookable, catalogue.service, tomorrow), {"slot": at(tomorrow, 9).isoformat()}
    )
    appointment = Appointment.objects.get()
    assert answer["Location"] == reverse("appointments:detail", kwargs={"code": appointment.code})
    page = client.get(answer["Location"]).content.decode()
    assert "<svg" in page
    assert 'data-testid="cancel"' in page


def test_a_taken_slot_is_refused_in_persian_and_nothing_is_booked(
    client, personas, bookable, catalogue, tomorrow
):
    _booked(personas, bookable, catalogue.service, at(tomorrow, 9), personas.other_citizen)
    client.force_login(personas.citizen)
    answer = client.post(
        _book_url(bookable, catalogue.service, tomorrow), {"slot": at(tomorrow, 9).isoformat()}
    )
    assert answer.status_code == 400
    assert "همین حالا گرفته شد" in answer.content.decode()
    assert not Appointment.objects.filter(citizen=personas.citizen).exists()


def test_a_slot_that_is_not_a_time_is_refused(client, personas, bookable, catalogue, tomorrow):
    client.force_login(personas.citizen)
    for bad in ("", "tomorrow", "2026-13-40T09:00"):
        answer = client.post(_book_url(bookable, catalogue.service, tomorrow), {"slot": bad})
        assert answer.status_code == 400
        assert 'data-testid="form-errors"' in answer.content.decode()
    assert not Appointment.objects.exists()


def test_staff_do_not_book(client, personas, bookable):
    client.force_login(personas.operator_a)
    assert client.get(reverse("appointments:book")).status_code == 404


def test_another_citizen_s_appointment_is_not_found(
    client, personas, bookable, catalogue, tomorrow
):
    appointment = _booked(personas, bookable, catalogue.service, at(tomorrow, 9))
    client.force_login(personas.other_citizen)
    code = {"code": appointment.code}
    assert client.get(reverse("appointments:detail", kwargs=code)).status_code == 404
    assert client.post(reverse("appointments:cancel", kwargs=code)).status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_cancel_from_the_page(client, personas, bookable, catalogue, tomorrow):
    appointment = _booked(personas, bookable, catalogue.service, at(tomorrow, 9))
    client.force_login(personas.citizen)
    answer = client.post(
        reverse("appointments:cancel", kwargs={"code": appointment.code}), follow=True
    )
    assert "لغو شد" in answer.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


def test_move_from_the_page(client, personas, bookable, catalogue, tomorrow):
    appointment = _booked(personas, bookable, catalogue.service, at(tomorrow, 9))
    client.force_login(personas.citizen)
    url = reverse("appointments:move", kwargs={"code": appointment.code})
    later = tomorrow + datetime.timedelta(days=1)
    assert f'data-day="{later.isoformat()}"' in client.get(url).content.decode()
    answer = client.post(f"{url}?day={later.isoformat()}", {"slot": at(later, 10).isoformat()})
    assert answer.status_code == 302
    appointment.refresh_from_db()
    assert appointment.starts_at == at(later, 10)


def test_the_qr_page_needs_the_signed_link(client, personas, bookable, catalogue, tomorrow):
    appointment = _booked(personas, bookable, catalogue.service, at(tomorrow, 9))
    good = reverse("appointments:qr", kwargs={"token": qr_token(appointment.code)})
    page = client.get(good).content.decode()
    assert "<svg" in page
    assert personas.citizen.national_code not in page
    bad = reverse("appointments:qr", kwargs={"token": appointment.code})
    assert client.get(bad).status_code == 404


def test_my_appointments_lists_the_coming_ones_and_the_home_tile(
    client, personas, bookable, catalogue, tomorrow
):
    appointment = _booked(personas, bookable, catalogue.service, at(tomorrow, 9))
    client.force_login(personas.citizen)
    page = client.get(reverse("appointments:mine")).content.decode()
    assert reverse("appointments:detail", kwargs={"code": appointment.code}) in page
    home = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("appointments:mine") in home
    assert reverse("appointments:book") in home


def test_the_supervisor_records_the_no_show_rule_from_an_adopted_decision(
    client, personas, adopt_decision
):
    decision = adopt_decision(DecisionKind.POLICY, "قاعده عدم حضور")
    client.force_login(personas.supervisor)
    url = reverse("appointments:no_show_rule")
    bad = client.post(
        url, {"decision": decision.pk, "max_no_shows": 0, "window_days": 30, "block_days": 7}
    )
    assert bad.status_code == 400
    answer = client.post(
        url, {"decision": decision.pk, "max_no_shows": 2, "window_days": 30, "block_days": 7}
    )
    assert answer.status_code == 302
    assert "مصوبه" in client.get(url).content.decode()


def test_the_block_warning_shows_only_to_a_blocked_citizen_with_the_date(
    client, personas, bookable, catalogue
):
    from django.utils import timezone

    from daftar.core.jalali import format_date_long

    client.force_login(personas.citizen)
    assert 'data-testid="blocked"' not in client.get(reverse("appointments:book")).content.decode()
    today = timezone.localdate()
    for n in (1, 4, 6):
        day = today - datetime.timedelta(days=n)
        Appointment.objects.create(
            code=f"8{n:08d}0",
            office=bookable,
            service=catalogue.service,
            citizen=personas.citizen,
            national_code=personas.citizen.national_code,
            citizen_mobile=personas.citizen.mobile,
            starts_at=at(day, 9),
            ends_at=at(day, 9, 30),
            day=day,
            status=AppointmentStatus.NO_SHOW,
        )
    page = client.get(reverse("appointments:book")).content.decode()
    assert 'data-testid="blocked"' in page
    until = today - datetime.timedelta(days=1) + datetime.timedelta(days=15)
    assert format_date_long(until, language="fa") in page
