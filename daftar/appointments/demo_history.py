"""Demo data: the queue's past. Walk-in tickets at the demo's active offices on their opening
days of the last five months, called and served (a few did not come), so that the
transparency portal's waiting figures — per month, per district, on the map and on each
office's page — and grading's waiting indicator have something to show.

Like the terminals' heartbeat history (daftar/offices/demo.py), this past is written directly
in bulk: it stands for days before the demo began, not for activity the audit log should
record. Today's queue is made through the services (demo_queue.py). Each office keeps its own
pace (a typical wait between 4 and 22 minutes), so the offices and districts differ. Idempotent:
a database with any ticket before today gets none.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from daftar.appointments.choices import TicketKind, TicketStatus
from daftar.appointments.models import Ticket
from daftar.catalogue.choices import Channel
from daftar.catalogue.selectors import service_list
from daftar.core.jalali import TEHRAN, tehran_date
from daftar.offices.choices import OfficeStatus
from daftar.offices.models import Office, OfficeStaff

DAYS_BACK = 150
MAX_OFFICES = 24
PACES = (4, 6, 9, 12, 16, 22)  # a typical wait at an office, in minutes
NO_SHOW_SHARE = 0.05


def _minutes(value: float) -> datetime.timedelta:
    return datetime.timedelta(seconds=round(value * 60))


def seed_queue_history(ctx) -> None:
    today = tehran_date(timezone.now())
    if Ticket.objects.filter(day__lt=today).exists():
        ctx.log("queue history: already there")
        return
    services = list(service_list(channel=Channel.OFFICE)[:5])
    staff = dict(
        OfficeStaff.objects.filter(left_on__isnull=True, user__isnull=False)
        .order_by("office_id", "pk")
        .values_list("office_id", "user_id")
    )
    offices = [
        office
        for office in Office.objects.filter(status=OfficeStatus.ACTIVE)
        .prefetch_related("hours")
        .order_by("code")[:MAX_OFFICES]
        if office.pk in staff
    ]
    if not services or not offices:
        ctx.log("queue history: no active office with staff, or no counter service; skipped")
        return
    rng = random.Random(ctx.seed + 18)  # noqa: S311 (demo data, not secrets)
    tickets: list[Ticket] = []
    for office in offices:
        pace = rng.choice(PACES)
        hours = {row.weekday: row for row in office.hours.all()}
        for back in range(1, DAYS_BACK + 1):
            day = today - datetime.timedelta(days=back)
            opening = hours.get(day.weekday())
            if opening is None:
                continue
            tickets += _day(rng, office, staff[office.pk], day, opening, pace, services)
    Ticket.objects.bulk_create(tickets, batch_size=5000)
    ctx.log(f"queue history: {len(tickets)} tickets at {len(offices)} offices, {DAYS_BACK} days")


def _day(rng, office, user_id, day, opening, pace, services) -> list[Ticket]:
    opens = datetime.datetime.combine(day, opening.opens, tzinfo=TEHRAN)
    closes = datetime.datetime.combine(day, opening.closes, tzinfo=TEHRAN)
    issued = opens + _minutes(rng.uniform(2, 15))
    counters = max(office.counters, 1)
    tickets = []
    for number in range(1, rng.randint(6, 18) + 1):
        if issued >= closes - datetime.timedelta(minutes=30):
            break
        called = issued + _minutes(min(rng.expovariate(1 / pace), 90))
        came = rng.random() >= NO_SHOW_SHARE
        finished = called + _minutes(rng.uniform(3, 14) if came else 2)
        tickets.append(
            Ticket(
                office=office,
                day=day,
                kind=TicketKind.WALK_IN,
                number=number,
                service=rng.choice(services),
                status=TicketStatus.SERVED if came else TicketStatus.NO_SHOW,
                counter=number % counters + 1,
                calls=1,
                issued_at=issued,
                called_at=called,
                finished_at=finished,
                issued_by_id=user_id,
                called_by_id=user_id,
            )
        )
        issued += _minutes(rng.uniform(4, 25))
    return tickets
