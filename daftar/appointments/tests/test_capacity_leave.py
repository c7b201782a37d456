# ruff: noqa: F811  (pytest fixtures imported from booking_fixtures)
"""Staff leave shrinks bookable capacity (ADR 0036): the slots of a leave day offer fewer seats
(none when the only certified person is away); appointments already booked stay, and the days
booked beyond the staff on duty are listed for the manager with how many."""

from __future__ import annotations

import datetime

import pytest

from daftar.appointments.choices import AppointmentStatus
from daftar.appointments.selectors.booking import (
    days_with_free_slots,
    free_slots,
    slot_at,
    slot_capacity,
)
from daftar.appointments.selectors.capacity import DayOverCapacity, days_over_capacity
from daftar.appointments.services.booking import appointment_book
from daftar.appointments.tests.booking_fixtures import at, bookable, tomorrow  # noqa: F401
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.offices.services import certification_grant, staff_leave_cancel, staff_leave_record
from daftar.offices.tests.factories import OfficeStaffFactory


@pytest.fixture
def operator_post(personas):
    return personas.operator_a.office_posts.get(left_on__isnull=True)


@pytest.fixture
def two_counters(bookable, catalogue):
    """office_a with two counters and a second certified operator."""
    bookable.counters = 2
    bookable.save(update_fields=["counters"])
    second = OfficeStaffFactory(office=bookable)
    certification_grant(
        actor=Actor.system("test"),
        staff=second,
        domain=catalogue.domain,
        number="C-SECOND",
        issued_on=datetime.date(2025, 1, 1),
        expires_on=datetime.date(2030, 1, 1),
    )
    return second


def away(personas, post, first, last=None):
    return staff_leave_record(
        actor=Actor.for_user(personas.manager_a),
        post=post,
        first_day=first,
        last_day=last or first,
        reason="annual",
    )


def book(citizen, office, service, starts_at):
    return appointment_book(
        actor=Actor.for_user(citizen),
        citizen=citizen,
        office=office,
        service=service,
        starts_at=starts_at,
    )


def test_a_leave_day_of_the_only_certified_person_offers_no_slot(
    personas, bookable, catalogue, tomorrow, operator_post
):
    away(personas, operator_post, tomorrow)
    assert free_slots(bookable, catalogue.service, tomorrow) == []
    day_after = tomorrow + datetime.timedelta(days=1)
    assert free_slots(bookable, catalogue.service, day_after)  # back the next day
    picker = {row.day: row for row in days_with_free_slots(bookable, catalogue.service)}
    assert picker[tomorrow].free == 0
    assert not picker[tomorrow].open
    assert picker[day_after].free > 0


def test_booking_a_leave_day_is_refused_and_changes_nothing(
    personas, bookable, catalogue, tomorrow, operator_post
):
    away(personas, operator_post, tomorrow)
    assert slot_at(bookable, catalogue.service, at(tomorrow, 9)) is None
    with pytest.raises(DaftarError):
        book(personas.citizen, bookable, catalogue.service, at(tomorrow, 9))
    assert not bookable.appointments.exists()


def test_capacity_shrinks_by_the_person_away(
    personas, two_counters, bookable, catalogue, tomorrow, operator_post
):
    assert slot_capacity(bookable, catalogue.service, tomorrow) == 2
    away(personas, operator_post, tomorrow)
    assert slot_capacity(bookable, catalogue.service, tomorrow) == 1
    assert {slot.seats_left for slot in free_slots(bookable, catalogue.service, tomorrow)} == {1}
    # the first citizen takes 9:00's one seat; the second finds it gone
    book(personas.citizen, bookable, catalogue.service, at(tomorrow, 9))
    with pytest.raises(DaftarError):
        book(personas.other_citizen, bookable, catalogue.service, at(tomorrow, 9))


def test_a_cancelled_leave_gives_the_seats_back(
    personas, bookable, catalogue, tomorrow, operator_post
):
    leave = away(personas, operator_post, tomorrow)
    staff_leave_cancel(actor=Actor.for_user(personas.manager_a), leave=leave)
    assert free_slots(bookable, catalogue.service, tomorrow)


def test_bookings_beyond_the_new_capacity_stay_and_are_listed(
    personas, two_counters, bookable, catalogue, tomorrow, operator_post
):
    first = book(personas.citizen, bookable, catalogue.service, at(tomorrow, 9))
    second = book(personas.other_citizen, bookable, catalogue.service, at(tomorrow, 9))
    assert days_over_capacity(bookable) == []
    away(personas, operator_post, tomorrow)
    assert days_over_capacity(bookable) == [DayOverCapacity(day=tomorrow, booked=2, over=1)]
    for appointment in (first, second):
        appointment.refresh_from_db()
        assert appointment.status == AppointmentStatus.BOOKED  # nothing is cancelled


def test_bookings_at_different_times_fit_the_one_person_left(
    personas, two_counters, bookable, catalogue, tomorrow, operator_post
):
    book(personas.citizen, bookable, catalogue.service, at(tomorrow, 9))
    book(personas.other_citizen, bookable, catalogue.service, at(tomorrow, 10))
    away(personas, operator_post, tomorrow)
    assert days_over_capacity(bookable) == []


def test_every_booking_of_a_day_with_nobody_on_duty_is_beyond_capacity(
    personas, bookable, catalogue, tomorrow, operator_post
):
    book(personas.citizen, bookable, catalogue.service, at(tomorrow, 9))
    book(personas.other_citizen, bookable, catalogue.service, at(tomorrow, 11))
    day_after = tomorrow + datetime.timedelta(days=1)
    book(personas.citizen, bookable, catalogue.service, at(day_after, 9))
    away(personas, operator_post, tomorrow)
    assert days_over_capacity(bookable) == [DayOverCapacity(day=tomorrow, booked=2, over=2)]
    away(personas, operator_post, day_after)
    assert [row.day for row in days_over_capacity(bookable)] == [tomorrow, day_after]


def test_the_warning_reads_three_queries_however_many_days(
    personas, bookable, catalogue, tomorrow, operator_post, django_assert_num_queries
):
    for n, citizen in enumerate((personas.citizen, personas.other_citizen)):
        book(citizen, bookable, catalogue.service, at(tomorrow + datetime.timedelta(days=n), 9))
    away(personas, operator_post, tomorrow, tomorrow + datetime.timedelta(days=1))
    with django_assert_num_queries(3):
        assert len(days_over_capacity(bookable)) == 2
