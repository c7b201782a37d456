# ruff: noqa: F811  (pytest fixtures imported from booking_fixtures)
"""The demo's queue (appointments/demo_queue.py): on the demo's queue day the flagship office has
appointment tickets («ن-…») beside walk-ins («ح-…»), the appointments checked in through the
booking service, some already served — so the counter screen, the display and today's waiting
times have something to show."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from daftar.accounts.tests.factories import CitizenFactory
from daftar.appointments.choices import AppointmentStatus, TicketKind, TicketStatus
from daftar.appointments.demo_queue import APPOINTMENTS, WALK_INS, seed_queue
from daftar.appointments.models import Appointment, Ticket
from daftar.appointments.selectors.queue import display_board, queue_times
from daftar.appointments.tests.booking_fixtures import at, bookable, tomorrow  # noqa: F401
from daftar.audit.models import AuditEntry
from daftar.demo.seed import SeedContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_office(bookable, personas):
    """office_a is the demo's flagship (T0101); operator_a plays the demo operator."""
    get_user_model().objects.filter(pk=personas.operator_a.pk).update(username="operator")
    CitizenFactory.create_batch(APPOINTMENTS + 1)
    return bookable


def _seed(day, hour=11, minute=0):
    log: list[str] = []
    seed_queue(SeedContext(seed=7, size=1, log=log.append), now=at(day, hour, minute))
    return log


def test_the_demo_queue_has_appointment_tickets_beside_walk_ins(demo_office, tomorrow):
    log = _seed(tomorrow)

    tickets = Ticket.objects.filter(office=demo_office, day=tomorrow)
    appointment_tickets = tickets.filter(kind=TicketKind.APPOINTMENT)
    assert tickets.filter(kind=TicketKind.WALK_IN).count() == WALK_INS
    # four slots of the last two hours, and one of the coming hour checked in early
    assert appointment_tickets.count() == APPOINTMENTS + 1, log
    # checked in through the booking service: the appointment's status and its audit entry
    checked_in = Appointment.objects.filter(office=demo_office, day=tomorrow)
    assert set(checked_in.values_list("status", flat=True)) == {AppointmentStatus.CHECKED_IN}
    assert AuditEntry.objects.filter(action="appointment.checked_in").count() == APPOINTMENTS + 1
    assert appointment_tickets.filter(status=TicketStatus.SERVED).exists()
    assert appointment_tickets.filter(status=TicketStatus.WAITING).exists()
    # each ticket was issued within its appointment's check-in window
    for ticket in appointment_tickets.select_related("appointment"):
        starts = ticket.appointment.starts_at
        assert starts - datetime.timedelta(hours=1) <= ticket.issued_at <= starts
    # numbers follow the order the tickets were issued, kind by kind
    for kind in TicketKind:
        issued = list(tickets.filter(kind=kind).order_by("number").values_list("issued_at"))
        assert issued == sorted(issued)
    assert "appointment tickets" in log[-1]


def test_the_display_and_todays_waiting_times_show_both_kinds(demo_office, tomorrow):
    _seed(tomorrow)
    with translation.override("fa"):
        board = display_board(demo_office, now=at(tomorrow, 11, 0))
        shown = [call.shown for call in [board.now_calling, *board.recent]]
    assert board.now_calling is not None
    assert board.waiting > 0
    # the last calls of the board: the appointments due came first, walk-ins between them
    letters = {label[0] for label in shown}
    assert letters <= {"ن", "ح"}
    assert len(shown) >= 2
    [times] = queue_times(tomorrow, tomorrow, office_ids=[demo_office.pk])
    assert times.served >= 5
    assert times.no_show == 1
    assert times.wait_median is not None
    assert times.wait_median > 0


def test_a_second_run_the_same_day_adds_nothing(demo_office, tomorrow):
    _seed(tomorrow)
    count = Ticket.objects.count()
    log = _seed(tomorrow, minute=5)
    assert Ticket.objects.count() == count
    assert log == ["queue: today's tickets already there"]


def test_before_opening_time_the_queue_has_walk_ins_only_and_says_so(demo_office, tomorrow):
    log = _seed(tomorrow, hour=6)  # the office opens at 08:00: no slot before, none within 50'

    tickets = Ticket.objects.filter(office=demo_office, day=tomorrow)
    assert tickets.filter(kind=TicketKind.WALK_IN).count() == WALK_INS
    assert not tickets.filter(kind=TicketKind.APPOINTMENT).exists()
    assert not Appointment.objects.exists()  # nothing booked that could not be checked in
    assert "no slot at the office in the last two hours" in log[-1]
