"""Demo data of the office's queue: today's tickets at the flagship office (the demo operator's),
so that the counter screen and the waiting-room display show something when the demo opens.

Issued through the services as the demo operator, at times spread over the last two hours:
walk-ins, most of them served, one at a counter now, a few still waiting. Idempotent per day:
a day that already has tickets at the office gets none.
(Appointment tickets come with booking's demo appointments, checked in at the counter.)
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from daftar.appointments.models import Ticket
from daftar.appointments.services.queue import (
    queue_day,
    ticket_call_next,
    ticket_finish,
    ticket_walk_in,
)
from daftar.catalogue.choices import Channel
from daftar.catalogue.selectors import service_list
from daftar.core.actors import Actor
from daftar.offices.demo import FLAGSHIP_OFFICE
from daftar.offices.selectors import office_public_get

WALK_INS = 12
SERVED = 8


def seed_queue(ctx) -> None:
    office = office_public_get(FLAGSHIP_OFFICE)
    operator = get_user_model().objects.filter(username="operator").first()
    services = list(service_list(channel=Channel.OFFICE)[:5])
    now = timezone.now()
    if office is None or operator is None or not services:
        ctx.log("queue: no demo office, operator or service; skipped")
        return
    if Ticket.objects.filter(office=office, day=queue_day(now)).exists():
        ctx.log("queue: today's tickets already there")
        return
    rng = random.Random(ctx.seed)  # noqa: S311 (demo data, not secrets)
    actor = Actor.for_user(operator)
    start = now - datetime.timedelta(hours=2)
    for n in range(WALK_INS):
        ticket_walk_in(
            actor=actor,
            office=office,
            service=rng.choice(services),
            now=start + datetime.timedelta(minutes=9 * n + rng.randint(0, 4)),
        )
    for n in range(SERVED + 1):
        called_at = start + datetime.timedelta(minutes=12 * n + 6)
        ticket = ticket_call_next(
            actor=actor, office=office, counter=(n % office.counters) + 1, now=called_at
        )
        if n < SERVED:
            ticket_finish(
                actor=actor,
                office=office,
                ticket_id=ticket.pk,
                served=n != 3,  # one did not come
                now=called_at + datetime.timedelta(minutes=rng.randint(4, 9)),
            )
    ctx.log(f"queue: {WALK_INS} walk-in tickets at {office.code}, {SERVED} closed, 1 at a counter")
