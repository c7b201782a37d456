"""Two citizens book the last seat of a slot at the same moment, through the booking page:
exactly one wins (PostgreSQL: the unique index on the seat makes the second wait, then fail)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from daftar.appointments.choices import AppointmentStatus
from daftar.appointments.models import Appointment, SlotSeat
from daftar.appointments.tests.booking_fixtures import at, bookable, tomorrow  # noqa: F401


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_citizens_booking_the_last_seat_at_once_one_wins(
    personas,
    bookable,  # noqa: F811
    catalogue,
    tomorrow,  # noqa: F811
):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent bookings are tested on PostgreSQL")
    url = reverse("appointments:book") + (
        f"?office={bookable.code}&service={catalogue.service.code}&day={tomorrow.isoformat()}"
    )
    slot = at(tomorrow, 10).isoformat()
    barrier = threading.Barrier(2)
    answers: dict[str, int] = {}

    def book(name, user):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            answers[name] = client.post(url, {"slot": slot}).status_code
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=book, args=("citizen", personas.citizen)),
        threading.Thread(target=book, args=("other", personas.other_citizen)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(answers.values()) == [302, 400]  # one booked (redirect), one told it is full
    (winner,) = Appointment.objects.filter(status=AppointmentStatus.BOOKED)
    assert winner.starts_at == at(tomorrow, 10)
    assert SlotSeat.objects.count() == winner.seats.count() > 0
