"""Demo data of the office's queue: today's tickets at the flagship office (the demo operator's),
so that the counter screen and the waiting-room display show something when the demo opens.

Issued through the services as the demo operator, at times spread over the last two hours, in
the order they happened: walk-ins («ح-…»), and appointment tickets («ن-…») — a few generated
citizens book the office's slots of earlier today (booked at the day's start, through
`appointment_book`) and are checked in at the counter shortly before their time
(`ticket_check_in`, which calls `appointment_check_in`), with one more checked in for a slot of
the coming hour when there is one. The counters call the queue's rule every eleven minutes; most
tickets are served (one did not come), one is at a counter now, a few are still waiting — so
today's waiting times exist. Idempotent per day: a day that already has tickets at the office
gets none. When the office had no slot in the last two hours (the demo started before opening
time, or on a day it is closed), the queue has walk-ins only, and the log says so.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.appointments.models import Appointment, Ticket
from daftar.appointments.selectors.booking import bookable_services, free_slots
from daftar.appointments.services.booking import appointment_book
from daftar.appointments.services.queue import (
    queue_day,
    ticket_call_next,
    ticket_check_in,
    ticket_finish,
    ticket_walk_in,
)
from daftar.catalogue.choices import Channel
from daftar.catalogue.selectors import service_list
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.jalali import TEHRAN
from daftar.offices.demo import FLAGSHIP_OFFICE
from daftar.offices.selectors import office_public_get

WALK_INS = 12
SERVED = 8
APPOINTMENTS = 4  # booked for earlier today and checked in (fewer when the office had no slots)
WINDOW = datetime.timedelta(hours=2)
CALL_EVERY = datetime.timedelta(minutes=11)


@dataclass(frozen=True)
class _Arrival:
    at: datetime.datetime
    service: object = None  # a walk-in's service
    appointment: Appointment | None = None  # an appointment checked in


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=TEHRAN)


def _booking_citizens(ctx, office, day):
    """Generated citizens with no appointment at `office` on `day`, from the last registered:
    the first ones (and the named demo citizen) are booking's demo's (appointments/demo.py)."""
    taken = Appointment.objects.filter(office=office, day=day).values("citizen_id")
    return list(
        get_user_model()
        .objects.filter(groups__name=Role.CITIZEN)
        .exclude(national_code="")
        .exclude(national_code=ctx.demo_national_code)
        .exclude(pk__in=taken)
        .order_by("-pk")[: APPOINTMENTS + 1]
    )


def _appointments(ctx, rng, office, *, start, now) -> list[_Arrival]:
    """Book earlier-today slots (and one of the coming hour) at `office` for generated
    citizens, each arriving a few minutes before its time (within the check-in window)."""
    day = queue_day(now)
    services = list(bookable_services(office, day)[:2])
    citizens = _booking_citizens(ctx, office, day)
    if not services or not citizens:
        return []
    booked_at = _day_start(day)
    slots = free_slots(office, services[0], day, now=booked_at)
    past = [s for s in slots if start + datetime.timedelta(minutes=15) <= s.starts_at <= now]
    coming = [s for s in slots if now < s.starts_at <= now + datetime.timedelta(minutes=50)]
    # spread over the window, chosen before any is booked (a booking may fill a slot)
    spread = sorted({len(past) * n // APPOINTMENTS for n in range(APPOINTMENTS)}) if past else []
    chosen = [past[i] for i in spread]
    arrivals: list[_Arrival] = []
    for n, citizen in enumerate(citizens):
        service = services[n % len(services)]
        if n < len(chosen):
            slot = chosen[n]
            arrive = slot.starts_at - datetime.timedelta(minutes=rng.randint(3, 12))
        elif n == APPOINTMENTS and coming:
            slot = coming[0]  # checked in now, still waiting for its time
            arrive = now - datetime.timedelta(minutes=1)
        else:
            continue
        try:
            appointment = appointment_book(
                actor=Actor.for_user(citizen),
                citizen=citizen,
                office=office,
                service=service,
                starts_at=slot.starts_at,
                now=booked_at,
            )
        except DaftarError as error:
            ctx.log(f"queue: an appointment for {citizen.pk} not booked ({error.code})")
            continue
        arrivals.append(_Arrival(at=max(arrive, start), appointment=appointment))
    return arrivals


def seed_queue(ctx, *, now: datetime.datetime | None = None) -> None:
    office = office_public_get(FLAGSHIP_OFFICE)
    operator = get_user_model().objects.filter(username="operator").first()
    services = list(service_list(channel=Channel.OFFICE)[:5])
    now = now or timezone.now()
    if office is None or operator is None or not services:
        ctx.log("queue: no demo office, operator or service; skipped")
        return
    if Ticket.objects.filter(office=office, day=queue_day(now)).exists():
        ctx.log("queue: today's tickets already there")
        return
    rng = random.Random(ctx.seed)  # noqa: S311 (demo data, not secrets)
    actor = Actor.for_user(operator)
    start = now - WINDOW
    arrivals = [
        _Arrival(
            at=start + datetime.timedelta(minutes=9 * n + rng.randint(0, 4)),
            service=rng.choice(services),
        )
        for n in range(WALK_INS)
    ]
    appointments = _appointments(ctx, rng, office, start=start, now=now)
    arrivals += appointments
    calls = [start + CALL_EVERY * n + datetime.timedelta(minutes=6) for n in range(SERVED + 1)]
    # Everything in the order it happened: the rule calls only tickets issued by then.
    events = sorted(
        [(a.at, 0, n, a) for n, a in enumerate(arrivals)]
        + [(at, 1, n, None) for n, at in enumerate(calls)]
    )
    closed = at_counter = 0
    for at, kind, n, arrival in events:
        if kind == 0 and arrival.appointment is not None:
            ticket_check_in(actor=actor, office=office, code=arrival.appointment.code, now=at)
        elif kind == 0:
            ticket_walk_in(actor=actor, office=office, service=arrival.service, now=at)
        else:
            try:
                ticket = ticket_call_next(
                    actor=actor, office=office, counter=(n % office.counters) + 1, now=at
                )
            except DaftarError:  # no one waiting yet, or the counter still busy
                continue
            if n < SERVED:
                ticket_finish(
                    actor=actor,
                    office=office,
                    ticket_id=ticket.pk,
                    served=n != 3,  # one did not come
                    now=at + datetime.timedelta(minutes=rng.randint(4, 9)),
                )
                closed += 1
            else:
                at_counter += 1
    ctx.log(
        f"queue: {WALK_INS} walk-in and {len(appointments)} appointment tickets at {office.code}, "
        f"{closed} closed, {at_counter} at a counter"
        + ("" if appointments else " (no slot at the office in the last two hours)")
    )
