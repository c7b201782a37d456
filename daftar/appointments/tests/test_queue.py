"""The office's queue: numbering, check-in, walk-ins, calling, closing, permissions, Persian
errors that change nothing (docs/appointments.md)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from daftar.appointments.choices import AppointmentStatus, TicketKind, TicketStatus
from daftar.appointments.error_codes import AppointmentsErrorCode as Code
from daftar.appointments.models import Ticket
from daftar.appointments.selectors.queue import counter_board, display_board, queue_times
from daftar.appointments.services.queue import (
    ticket_call_next,
    ticket_check_in,
    ticket_finish,
    ticket_recall,
    ticket_walk_in,
)
from daftar.appointments.tests.queue_helpers import actor, make_appointment
from daftar.audit.models import AuditEntry
from daftar.core.errors import DaftarError

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 5, 7, 0, tzinfo=datetime.UTC)  # 10:30 in Tehran


@pytest.fixture
def office(personas):
    office = personas.office_a
    office.counters = 3
    office.save(update_fields=["counters"])
    return office


@pytest.fixture
def service(catalogue):
    return catalogue.service


def _walk_in(personas, office, service, minutes=0, **kw):
    return ticket_walk_in(
        actor=actor(personas.operator_a),
        office=office,
        service=service,
        now=NOW + datetime.timedelta(minutes=minutes),
        **kw,
    )


def _booked(personas, office, service, minutes=0, citizen=None):
    return make_appointment(
        office, service, citizen or personas.citizen, NOW + datetime.timedelta(minutes=minutes)
    )


def _call(personas, office, counter=1, minutes=0):
    return ticket_call_next(
        actor=actor(personas.operator_a),
        office=office,
        counter=counter,
        now=NOW + datetime.timedelta(minutes=minutes),
    )


def test_tickets_are_numbered_per_office_day_and_kind(personas, office, service):
    first = _walk_in(personas, office, service)
    second = _walk_in(personas, office, service)
    appointment = _booked(personas, office, service)
    checked = ticket_check_in(
        actor=actor(personas.operator_a), office=office, code=appointment.code, now=NOW
    )
    other_office = ticket_walk_in(
        actor=actor(personas.operator_b), office=personas.office_b, service=service, now=NOW
    )
    tomorrow = _walk_in(personas, office, service, minutes=24 * 60)
    assert [first.label, second.label, checked.label] == ["W-001", "W-002", "A-001"]
    assert other_office.label == "W-001"
    assert tomorrow.label == "W-001"
    assert tomorrow.day == NOW.date() + datetime.timedelta(days=1)
    assert checked.appointment == appointment
    assert checked.due_at == appointment.starts_at
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CHECKED_IN


def test_check_in_by_national_code_and_by_the_qr_link(personas, office, service):
    by_code = _booked(personas, office, service, minutes=30)
    other = _booked(personas, office, service, minutes=45, citizen=personas.other_citizen)
    ticket = ticket_check_in(
        actor=actor(personas.operator_a),
        office=office,
        national_code=personas.citizen.national_code,
        now=NOW,
    )
    assert ticket.appointment == by_code
    scanned = ticket_check_in(
        actor=actor(personas.operator_a),
        office=office,
        code=f"https://daftar.example/appointments/{other.code.lower()}/",
        now=NOW,
    )
    assert scanned.appointment == other
    assert scanned.number == 2


def test_a_second_check_in_is_refused_and_changes_nothing(personas, office, service):
    appointment = _booked(personas, office, service)
    ticket_check_in(actor=actor(personas.operator_a), office=office, code=appointment.code, now=NOW)
    entries = AuditEntry.objects.count()
    with pytest.raises(DaftarError) as refused:
        ticket_check_in(
            actor=actor(personas.manager_a), office=office, code=appointment.code, now=NOW
        )
    assert refused.value.code == Code.ALREADY_CHECKED_IN
    assert "already checked in" in refused.value.render("en")
    assert Ticket.objects.count() == 1
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({}, Code.QUEUE_CHECK_IN_NEEDS_CODE),
        ({"code": "NOSUCH"}, Code.CHECK_IN_NOT_FOUND),
        ({"national_code": "1234567890"}, Code.QUEUE_BAD_NATIONAL_CODE),
    ],
)
def test_check_in_errors(personas, office, service, kwargs, code):
    _booked(personas, office, service)
    with pytest.raises(DaftarError) as refused:
        ticket_check_in(actor=actor(personas.operator_a), office=office, now=NOW, **kwargs)
    assert refused.value.code == code
    assert refused.value.render("fa") != refused.value.render("en")  # translated
    assert not Ticket.objects.exists()


def test_check_in_is_for_today_and_this_office_only(personas, office, service):
    tomorrow = _booked(personas, office, service, minutes=24 * 60)
    elsewhere = make_appointment(personas.office_b, service, personas.citizen, NOW)
    cancelled = _booked(personas, office, service, citizen=personas.other_citizen)
    cancelled.status = AppointmentStatus.CANCELLED
    cancelled.save()
    for code, expected in [
        (tomorrow.code, Code.CHECK_IN_NOT_FOUND),
        (elsewhere.code, Code.CHECK_IN_NOT_FOUND),
        (cancelled.code, Code.CHECK_IN_NOT_FOUND),
    ]:
        with pytest.raises(DaftarError) as refused:
            ticket_check_in(actor=actor(personas.operator_a), office=office, code=code, now=NOW)
        assert refused.value.code == expected
    assert not Ticket.objects.exists()


def test_another_offices_operator_is_refused(personas, office, service):
    appointment = _booked(personas, office, service)
    for user in (personas.operator_b, personas.supervisor, personas.citizen):
        with pytest.raises(DaftarError) as refused:
            ticket_check_in(actor=actor(user), office=office, code=appointment.code, now=NOW)
        assert refused.value.code == Code.QUEUE_NOT_OFFICE_STAFF
        with pytest.raises(DaftarError):
            ticket_walk_in(actor=actor(user), office=office, service=service, now=NOW)
    _walk_in(personas, office, service)
    with pytest.raises(DaftarError) as refused:
        ticket_call_next(actor=actor(personas.operator_b), office=office, counter=1, now=NOW)
    assert refused.value.code == Code.QUEUE_NOT_OFFICE_STAFF
    assert Ticket.objects.get().status == TicketStatus.WAITING
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_walk_in_errors_change_nothing(personas, office, service):
    with pytest.raises(DaftarError) as refused:
        _walk_in(personas, office, service, national_code="12345")
    assert refused.value.code == Code.QUEUE_BAD_NATIONAL_CODE
    assert refused.value.field == "national_code"
    service.channel_office = False
    service.channel_web = True
    service.save()
    with pytest.raises(DaftarError) as refused:
        _walk_in(personas, office, service)
    assert refused.value.code == Code.QUEUE_SERVICE_NOT_AT_OFFICE
    assert not Ticket.objects.exists()


def test_call_order_on_time_appointments_then_walk_ins_and_early_ones_last(
    personas, office, service
):
    walk_in = _walk_in(personas, office, service, minutes=-30)
    early = ticket_check_in(
        actor=actor(personas.operator_a),
        office=office,
        code=_booked(personas, office, service, minutes=60).code,
        now=NOW,
    )
    due = ticket_check_in(
        actor=actor(personas.operator_a),
        office=office,
        code=_booked(personas, office, service, minutes=3, citizen=personas.other_citizen).code,
        now=NOW,
    )
    calls = []
    for counter in (1, 2, 3):
        calls.append(_call(personas, office, counter=counter).pk)
    assert calls == [due.pk, walk_in.pk, early.pk]
    with pytest.raises(DaftarError) as refused:
        _call(personas, office, counter=1)
    assert refused.value.code == Code.QUEUE_COUNTER_BUSY


def test_a_walk_in_is_called_after_three_appointment_calls(personas, office, service):
    from daftar.accounts.tests.factories import CitizenFactory

    walk_in = _walk_in(personas, office, service)
    appointment_tickets = []
    for _ in range(5):
        booked = _booked(personas, office, service, citizen=CitizenFactory())
        appointment_tickets.append(
            ticket_check_in(
                actor=actor(personas.operator_a), office=office, code=booked.code, now=NOW
            )
        )
    order = []
    for minute in range(6):
        ticket = _call(personas, office, minutes=minute)
        ticket_finish(
            actor=actor(personas.operator_a),
            office=office,
            ticket_id=ticket.pk,
            served=True,
            now=NOW + datetime.timedelta(minutes=minute, seconds=30),
        )
        order.append(ticket.kind)
    assert (
        order == [TicketKind.APPOINTMENT] * 3 + [TicketKind.WALK_IN] + [TicketKind.APPOINTMENT] * 2
    )
    assert Ticket.objects.get(pk=walk_in.pk).status == TicketStatus.SERVED


def test_recall_once_then_served_or_not_come(personas, office, service):
    ticket = _walk_in(personas, office, service)
    called = _call(personas, office, counter=2)
    assert (called.pk, called.counter, called.status) == (ticket.pk, 2, TicketStatus.CALLED)
    ticket_recall(actor=actor(personas.operator_a), office=office, ticket_id=ticket.pk, now=NOW)
    with pytest.raises(DaftarError) as refused:
        ticket_recall(actor=actor(personas.operator_a), office=office, ticket_id=ticket.pk, now=NOW)
    assert refused.value.code == Code.QUEUE_RECALLED_ONCE
    done = ticket_finish(
        actor=actor(personas.operator_a), office=office, ticket_id=ticket.pk, served=False, now=NOW
    )
    assert done.status == TicketStatus.NO_SHOW
    with pytest.raises(DaftarError) as refused:
        ticket_finish(
            actor=actor(personas.operator_a), office=office, ticket_id=ticket.pk, served=True
        )
    assert refused.value.code == Code.QUEUE_TICKET_NOT_CALLED
    with pytest.raises(DaftarError) as refused:
        _call(personas, office, counter=2)
    assert refused.value.code == Code.QUEUE_EMPTY


def test_counter_must_be_one_of_the_offices(personas, office, service):
    _walk_in(personas, office, service)
    for counter in (0, 4):
        with pytest.raises(DaftarError) as refused:
            _call(personas, office, counter=counter)
        assert refused.value.code == Code.QUEUE_COUNTER_OUT_OF_RANGE
    assert Ticket.objects.get().status == TicketStatus.WAITING


def test_another_offices_ticket_cannot_be_closed(personas, office, service):
    ticket = _walk_in(personas, office, service)
    _call(personas, office)
    with pytest.raises(DaftarError):
        ticket_finish(
            actor=actor(personas.operator_b),
            office=personas.office_b,
            ticket_id=ticket.pk,
            served=True,
        )
    assert Ticket.objects.get().status == TicketStatus.CALLED


def test_the_display_shows_numbers_and_counters_only(personas, office, service):
    first = _walk_in(personas, office, service, national_code=personas.citizen.national_code)
    _walk_in(personas, office, service)
    _walk_in(personas, office, service)
    _call(personas, office, counter=1, minutes=1)
    _call(personas, office, counter=3, minutes=2)
    board = display_board(office, now=NOW)
    assert board.now_calling.label == "W-002"
    assert board.now_calling.counter == 3
    assert [c.label for c in board.recent] == [first.label]
    assert board.waiting == 1
    assert personas.citizen.national_code not in repr(board)


def test_the_counter_board_orders_the_waiting(personas, office, service):
    walk_in = _walk_in(personas, office, service, minutes=-10)
    due = ticket_check_in(
        actor=actor(personas.operator_a),
        office=office,
        code=_booked(personas, office, service).code,
        now=NOW,
    )
    board = counter_board(office, 1, now=NOW)
    assert [t.pk for t in board.waiting] == [due.pk, walk_in.pk]
    assert board.counts[TicketStatus.WAITING] == 2
    assert board.current is None


def test_waiting_and_service_times_per_office_and_day(personas, office, service):
    for minute in range(4):
        _walk_in(personas, office, service, minutes=minute)
    for index, minute in enumerate((10, 20, 30)):
        ticket = _call(personas, office, minutes=minute)
        ticket_finish(
            actor=actor(personas.operator_a),
            office=office,
            ticket_id=ticket.pk,
            served=index != 2,
            now=NOW + datetime.timedelta(minutes=minute + 5),
        )
    [row] = queue_times(NOW.date(), NOW.date())
    assert (row.office_id, row.issued, row.called, row.served, row.no_show) == (
        office.pk,
        4,
        3,
        2,
        1,
    )
    # waits: 10, 19, 28 minutes; service: 5, 5 minutes (the no-show is no service)
    assert row.wait_median == 19 * 60
    assert row.wait_p90 == 28 * 60
    assert row.service_median == 5 * 60
    assert row.service_p90 == 5 * 60


def test_every_queue_write_is_in_the_offices_audit_stream(personas, office, service):
    ticket = _walk_in(personas, office, service, national_code=personas.citizen.national_code)
    _call(personas, office)
    ticket_finish(actor=actor(personas.operator_a), office=office, ticket_id=ticket.pk, served=True)
    entries = AuditEntry.objects.filter(stream=f"office:{office.code}", action__startswith="queue.")
    assert list(entries.order_by("seq").values_list("action", flat=True)) == [
        "queue.walk_in",
        "queue.call",
        "queue.served",
    ]
    assert all(personas.citizen.national_code not in e.summary for e in entries)
    assert timezone.now()  # aware
