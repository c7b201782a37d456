"""The office's queue: tickets issued at check-in and to walk-ins, called to counters, then
served or marked as not having come (docs/appointments.md, ADR 0034).

Every write here checks that the actor works at the office (`permissions.can_run_queue`),
runs in one transaction and records itself in the office's audit stream.

Races: a ticket's number is the day's highest for the office and kind plus one, inserted under
a unique constraint and retried when another counter took it first; a call is a conditional
UPDATE (`status = waiting`), retried on the next candidate when another counter won the ticket,
so a ticket is never called at two counters.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from daftar.appointments import permissions
from daftar.appointments.choices import TicketKind, TicketStatus
from daftar.appointments.error_codes import AppointmentsErrorCode
from daftar.appointments.models import Ticket
from daftar.appointments.services.booking import appointment_check_in
from daftar.appointments.services.queue_rule import (
    EARLY,
    WALK_IN_EVERY,
    Waiting,
    appointment_streak,
    choose_next,
)
from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from daftar.core.identifiers import normalize_national_code
from daftar.core.jalali import TEHRAN
from daftar.core.logging import mask_national_code

NUMBER_ATTEMPTS = 8
CALL_ATTEMPTS = 8


def _stream(office) -> str:
    return f"office:{office.code}"


def _require_staff(actor: Actor, office) -> None:
    if not actor.is_user or not permissions.can_run_queue(actor.user, office):
        raise Forbidden(
            AppointmentsErrorCode.QUEUE_NOT_OFFICE_STAFF.description,
            code=AppointmentsErrorCode.QUEUE_NOT_OFFICE_STAFF,
        )


def queue_day(now: datetime.datetime) -> datetime.date:
    """The Tehran date a ticket issued at `now` belongs to."""
    return now.astimezone(TEHRAN).date()


def _day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=TEHRAN)
    return start, start + datetime.timedelta(days=1)


def _booking_code(text: str) -> str:
    """What the QR code or the citizen's SMS gives: the code itself, or a link ending in it."""
    text = text.strip().rstrip("/")
    return text.rsplit("/", 1)[-1].strip().upper()


def _national_code(value: str) -> str:
    """The canonical national code, or the identifier's own Persian error on the field."""
    try:
        return normalize_national_code(value)
    except ValidationError as error:
        first = error.error_list[0]  # its lazy message: rendered in Persian and in English
        raise InvalidInput(
            first.message,
            code=AppointmentsErrorCode.QUEUE_BAD_NATIONAL_CODE,
            field="national_code",
            params=first.params,
        ) from None


def _issue(*, office, kind: str, now: datetime.datetime, **fields) -> Ticket:
    """Insert the day's next number for `office` and `kind`; a number another counter took
    in the meantime fails the unique constraint and is tried again (in a savepoint)."""
    day = queue_day(now)
    for _attempt in range(NUMBER_ATTEMPTS):
        last = Ticket.objects.filter(office=office, day=day, kind=kind).aggregate(
            last=Max("number")
        )["last"]
        try:
            with transaction.atomic():
                return Ticket.objects.create(
                    office=office,
                    day=day,
                    kind=kind,
                    number=(last or 0) + 1,
                    issued_at=now,
                    **fields,
                )
        except IntegrityError:
            if (
                kind == TicketKind.APPOINTMENT
                and Ticket.objects.filter(appointment=fields.get("appointment")).exists()
            ):
                raise Conflict(
                    AppointmentsErrorCode.QUEUE_ALREADY_CHECKED_IN.description,
                    code=AppointmentsErrorCode.QUEUE_ALREADY_CHECKED_IN,
                ) from None
            continue
    raise Conflict(
        AppointmentsErrorCode.QUEUE_NUMBERING_BUSY.description,
        code=AppointmentsErrorCode.QUEUE_NUMBERING_BUSY,
    )


@audited
def ticket_check_in(
    *,
    actor: Actor,
    office,
    code: str = "",
    national_code: str = "",
    now: datetime.datetime | None = None,
) -> Ticket:
    """Check in today's appointment found by its booking code (or QR code) or the citizen's
    national code, and give it an appointment ticket (A-…). A second check-in is refused."""
    _require_staff(actor, office)
    now = now or timezone.now()
    code = (code or "").strip()
    if not code and not (national_code or "").strip():
        raise InvalidInput(
            AppointmentsErrorCode.QUEUE_CHECK_IN_NEEDS_CODE.description,
            code=AppointmentsErrorCode.QUEUE_CHECK_IN_NEEDS_CODE,
            field="code",
        )
    if not code:
        national_code = _national_code(national_code)
    appointment = appointment_check_in(
        actor=actor,
        office=office,
        code=_booking_code(code) if code else None,
        national_code=national_code or None,
        now=now,
    )
    ticket = _issue(
        office=office,
        kind=TicketKind.APPOINTMENT,
        now=now,
        appointment=appointment,
        service_id=appointment.service_id,
        national_code=appointment.national_code,
        due_at=appointment.starts_at,
        issued_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="queue.check_in",
        stream=_stream(office),
        obj=ticket,
        summary=f"{ticket.label} for appointment {appointment.code} "
        f"({mask_national_code(appointment.national_code)})",
        after={"ticket": ticket.label, "appointment": appointment.code},
    )
    return ticket


@audited
def ticket_walk_in(
    *,
    actor: Actor,
    office,
    service,
    national_code: str = "",
    now: datetime.datetime | None = None,
) -> Ticket:
    """A ticket for a visitor without an appointment (W-…), for the service they came for."""
    _require_staff(actor, office)
    now = now or timezone.now()
    if service is None or not service.active or not service.channel_office:
        raise InvalidInput(
            AppointmentsErrorCode.QUEUE_SERVICE_NOT_AT_OFFICE.description,
            code=AppointmentsErrorCode.QUEUE_SERVICE_NOT_AT_OFFICE,
            field="service",
        )
    national_code = _national_code(national_code) if (national_code or "").strip() else ""
    ticket = _issue(
        office=office,
        kind=TicketKind.WALK_IN,
        now=now,
        service=service,
        national_code=national_code or "",
        issued_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="queue.walk_in",
        stream=_stream(office),
        obj=ticket,
        summary=f"{ticket.label} for {service.code}",
        after={"ticket": ticket.label, "service": service.code},
    )
    return ticket


def _candidates(office, day: datetime.date, now: datetime.datetime):
    waiting = Ticket.objects.filter(office=office, day=day, status=TicketStatus.WAITING)
    fields = ("pk", "kind", "issued_at", "due_at")

    def first(queryset):
        row = queryset.values_list(*fields).first()
        return Waiting(*row) if row else None

    appointments = waiting.filter(kind=TicketKind.APPOINTMENT).order_by("due_at", "pk")
    due = first(appointments.filter(due_at__lte=now + EARLY))
    walk_in = first(waiting.filter(kind=TicketKind.WALK_IN).order_by("issued_at", "pk"))
    early = None if due or walk_in else first(appointments)
    recent = list(
        Ticket.objects.filter(office=office, day=day, called_at__isnull=False)
        .order_by("-called_at", "-pk")
        .values_list("kind", flat=True)[:WALK_IN_EVERY]
    )
    return due, walk_in, early, appointment_streak(recent)


def _check_counter(office, counter: int) -> None:
    if not isinstance(counter, int) or not 1 <= counter <= office.counters:
        raise InvalidInput(
            AppointmentsErrorCode.QUEUE_COUNTER_OUT_OF_RANGE.description,
            code=AppointmentsErrorCode.QUEUE_COUNTER_OUT_OF_RANGE,
            field="counter",
        )


@audited
def ticket_call_next(
    *, actor: Actor, office, counter: int, now: datetime.datetime | None = None
) -> Ticket:
    """Call the next ticket (services/queue_rule.py) to `counter`. Exactly one counter gets a
    ticket: the call is `UPDATE … WHERE status = 'waiting'`; a counter that loses the race
    takes the next candidate. Refused while the counter still has a called ticket."""
    _require_staff(actor, office)
    _check_counter(office, counter)
    now = now or timezone.now()
    day = queue_day(now)
    if Ticket.objects.filter(
        office=office, day=day, counter=counter, status=TicketStatus.CALLED
    ).exists():
        raise Conflict(
            AppointmentsErrorCode.QUEUE_COUNTER_BUSY.description,
            code=AppointmentsErrorCode.QUEUE_COUNTER_BUSY,
            field="counter",
        )
    for _attempt in range(CALL_ATTEMPTS):
        due, walk_in, early, streak = _candidates(office, day, now)
        chosen = choose_next(
            due_appointment=due,
            oldest_walk_in=walk_in,
            early_appointment=early,
            streak=streak,
            now=now,
        )
        if chosen is None:
            raise NotFound(
                AppointmentsErrorCode.QUEUE_EMPTY.description,
                code=AppointmentsErrorCode.QUEUE_EMPTY,
            )
        won = Ticket.objects.filter(pk=chosen.pk, status=TicketStatus.WAITING).update(
            status=TicketStatus.CALLED,
            counter=counter,
            called_at=now,
            calls=1,
            called_by=actor.user,
        )
        if won:
            break
    else:
        raise NotFound(
            AppointmentsErrorCode.QUEUE_EMPTY.description,
            code=AppointmentsErrorCode.QUEUE_EMPTY,
        )
    ticket = Ticket.objects.get(pk=chosen.pk)
    audit_record(
        actor=actor,
        action="queue.call",
        stream=_stream(office),
        obj=ticket,
        summary=f"{ticket.label} to counter {counter}",
        after={"ticket": ticket.label, "counter": counter},
    )
    return ticket


def _called_ticket(office, ticket_id: int) -> Ticket:
    ticket = Ticket.objects.filter(office=office, pk=ticket_id).first()
    if ticket is None:
        raise NotFound()
    if ticket.status != TicketStatus.CALLED:
        raise Conflict(
            AppointmentsErrorCode.QUEUE_TICKET_NOT_CALLED.description,
            code=AppointmentsErrorCode.QUEUE_TICKET_NOT_CALLED,
        )
    return ticket


@audited
def ticket_recall(
    *, actor: Actor, office, ticket_id: int, now: datetime.datetime | None = None
) -> Ticket:
    """Call a called ticket once more (the citizen did not come up yet): the display shows it
    again. Once only; after that the operator marks it served or not come."""
    _require_staff(actor, office)
    now = now or timezone.now()
    ticket = _called_ticket(office, ticket_id)
    won = Ticket.objects.filter(pk=ticket.pk, status=TicketStatus.CALLED, calls=1).update(
        calls=2, recalled_at=now
    )
    if not won:
        raise Conflict(
            AppointmentsErrorCode.QUEUE_RECALLED_ONCE.description,
            code=AppointmentsErrorCode.QUEUE_RECALLED_ONCE,
        )
    ticket.refresh_from_db()
    audit_record(
        actor=actor,
        action="queue.recall",
        stream=_stream(office),
        obj=ticket,
        summary=f"{ticket.label} called again to counter {ticket.counter}",
    )
    return ticket


@audited
def ticket_finish(
    *, actor: Actor, office, ticket_id: int, served: bool, now: datetime.datetime | None = None
) -> Ticket:
    """Close a called ticket: served, or did not come."""
    _require_staff(actor, office)
    now = now or timezone.now()
    ticket = _called_ticket(office, ticket_id)
    status = TicketStatus.SERVED if served else TicketStatus.NO_SHOW
    won = Ticket.objects.filter(pk=ticket.pk, status=TicketStatus.CALLED).update(
        status=status, finished_at=now
    )
    if not won:
        raise Conflict(
            AppointmentsErrorCode.QUEUE_TICKET_NOT_CALLED.description,
            code=AppointmentsErrorCode.QUEUE_TICKET_NOT_CALLED,
        )
    ticket.refresh_from_db()
    audit_record(
        actor=actor,
        action="queue.served" if served else "queue.no_show",
        stream=_stream(office),
        obj=ticket,
        summary=f"{ticket.label} {status}",
    )
    return ticket
