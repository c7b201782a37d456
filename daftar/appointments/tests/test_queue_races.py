"""Races at the counters, on PostgreSQL with real concurrent transactions: a ticket is called at
one counter only, an appointment is checked in once, and numbers are never given twice."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from daftar.appointments.choices import AppointmentStatus, TicketStatus
from daftar.appointments.error_codes import AppointmentsErrorCode as Code
from daftar.appointments.models import Ticket
from daftar.appointments.services.queue import ticket_call_next, ticket_check_in, ticket_walk_in
from daftar.appointments.tests.queue_helpers import actor, make_appointment
from daftar.core.errors import DaftarError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _at_once(jobs) -> tuple[list, list]:
    """Run each job in its own thread (its own connection), released together."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []
    lock = threading.Lock()

    def run(job):
        try:
            barrier.wait()
            value = job()
            with lock:
                results.append(value)
        except DaftarError as error:
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.fixture
def office(personas):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions are tested on PostgreSQL")
    office = personas.office_a
    office.counters = 8
    office.save(update_fields=["counters"])
    return office


def test_a_ticket_is_called_at_one_counter_only(personas, office, catalogue):
    operator = actor(personas.operator_a)
    for _ in range(3):
        ticket_walk_in(actor=operator, office=office, service=catalogue.service)
    jobs = [
        (lambda counter=counter: ticket_call_next(actor=operator, office=office, counter=counter))
        for counter in range(1, 9)
    ]
    called, refused = _at_once(jobs)
    assert len(called) == 3
    assert len({t.pk for t in called}) == 3  # three tickets, each to one counter
    assert {e.code for e in refused} == {Code.QUEUE_EMPTY}
    assert len(refused) == 5
    rows = list(Ticket.objects.values_list("status", "counter", "calls"))
    assert all(status == TicketStatus.CALLED and calls == 1 for status, _c, calls in rows)
    assert len({counter for _s, counter, _c in rows}) == 3


def test_two_counters_calling_many_tickets_never_share_one(personas, office, catalogue):
    operator = actor(personas.operator_a)
    for _ in range(8):
        ticket_walk_in(actor=operator, office=office, service=catalogue.service)
    called, refused = _at_once(
        [
            (lambda c=c: ticket_call_next(actor=operator, office=office, counter=c))
            for c in range(1, 9)
        ]
    )
    assert not refused
    assert sorted(t.number for t in called) == list(range(1, 9))


def test_an_appointment_checked_in_at_two_counters_at_once_gets_one_ticket(
    personas, office, catalogue
):
    from django.utils import timezone

    appointment = make_appointment(office, catalogue.service, personas.citizen, timezone.now())
    jobs = [
        (lambda who=who: ticket_check_in(actor=actor(who), office=office, code=appointment.code))
        for who in (personas.operator_a, personas.manager_a, personas.operator_a)
    ]
    issued, refused = _at_once(jobs)
    assert len(issued) == 1
    # booking's conditional UPDATE refuses the losers (or, past it, the ticket's one-to-one)
    assert len(refused) == 2
    assert {e.code for e in refused} <= {Code.ALREADY_CHECKED_IN, Code.QUEUE_ALREADY_CHECKED_IN}
    assert Ticket.objects.count() == 1
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CHECKED_IN


def test_walk_ins_issued_at_once_get_distinct_numbers(personas, office, catalogue):
    jobs = [
        (lambda who=who: ticket_walk_in(actor=actor(who), office=office, service=catalogue.service))
        for who in [personas.operator_a, personas.manager_a] * 4
    ]
    issued, refused = _at_once(jobs)
    assert not refused
    assert sorted(t.number for t in issued) == list(range(1, 9))
