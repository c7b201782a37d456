# ruff: noqa: F811  (pytest fixtures imported from booking_fixtures)
"""The partner API for appointments: free slots, booking (idempotent), reading, cancelling;
the scope is needed; another app's appointment is not found."""

from __future__ import annotations

from daftar.api.testing import SignedClient
from daftar.api.tests.fixtures import CITIZEN
from daftar.appointments.choices import AppointmentStatus, BookingChannel
from daftar.appointments.models import Appointment
from daftar.appointments.tests.booking_fixtures import at, bookable, tomorrow  # noqa: F401


def _booking(office, service, day, hour=9):
    return {
        "office": office.code,
        "service": service.code,
        "starts_at": at(day, hour).isoformat(),
        "citizen": {"national_code": CITIZEN["national_code"], "mobile": CITIZEN["mobile"]},
    }


def test_a_partner_lists_slots_books_reads_and_cancels(
    bookable, catalogue, tomorrow, trusted_partner
):
    _app, key = trusted_partner(scopes=("catalogue", "appointments"))
    signed = SignedClient(key)
    query = f"?office={bookable.code}&service={catalogue.service.code}&day={tomorrow}"
    slots = signed.get(f"/api/v1/appointments/slots{query}")
    assert slots.status_code == 200, slots.content
    assert slots.json()["slots"][0]["seats_left"] == 1
    body = _booking(bookable, catalogue.service, tomorrow)
    booked = signed.post("/api/v1/appointments", body, key="b-1")
    assert booked.status_code == 201, booked.content
    code = booked.json()["code"]
    assert "/appointments/qr/" in booked.json()["qr_url"]
    again = signed.post("/api/v1/appointments", body, key="b-1")
    assert again.json()["code"] == code
    assert Appointment.objects.get().channel == BookingChannel.PARTNER
    assert signed.get(f"/api/v1/appointments/{code}").json()["status"] == "booked"
    cancelled = signed.post(f"/api/v1/appointments/{code}/cancel", key="c-1")
    assert cancelled.json()["status"] == AppointmentStatus.CANCELLED


def test_a_full_slot_answers_with_the_stable_code_and_both_languages(
    personas, bookable, catalogue, tomorrow, trusted_partner
):
    from daftar.appointments.services.booking import appointment_book
    from daftar.core.actors import Actor

    appointment_book(
        actor=Actor.for_user(personas.citizen),
        citizen=personas.citizen,
        office=bookable,
        service=catalogue.service,
        starts_at=at(tomorrow, 9),
    )
    _app, key = trusted_partner(scopes=("appointments",))
    answer = SignedClient(key).post(
        "/api/v1/appointments", _booking(bookable, catalogue.service, tomorrow), key="b-2"
    )
    assert answer.status_code == 409
    error = answer.json()["error"]
    assert error["code"] == "slot_full"
    assert "گرفته شد" in error["message"]["fa"]
    assert Appointment.objects.count() == 1


def test_the_scope_is_needed_and_others_appointments_are_not_found(
    bookable, catalogue, tomorrow, trusted_partner
):
    _app, key = trusted_partner(name="A", scopes=("appointments",))
    booked = SignedClient(key).post(
        "/api/v1/appointments", _booking(bookable, catalogue.service, tomorrow), key="b-3"
    )
    code = booked.json()["code"]
    _other, other_key = trusted_partner(name="B", scopes=("appointments",))
    assert SignedClient(other_key).get(f"/api/v1/appointments/{code}").status_code == 404
    _files, files_key = trusted_partner(name="C", scopes=("files",))
    refused = SignedClient(files_key).get(f"/api/v1/appointments/{code}")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "scope_denied"
