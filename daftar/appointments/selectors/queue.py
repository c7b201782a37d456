"""Reads of the office's queue: the counter screen, the waiting-room display (ticket and
counter numbers only) and the measured waiting and service times (docs/appointments.md)."""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from daftar.appointments.choices import TICKET_LETTERS, TicketKind, TicketStatus
from daftar.appointments.models import Ticket
from daftar.appointments.models.queue import SHOWN_LETTERS
from daftar.appointments.services.queue_rule import EARLY
from daftar.core.jalali import TEHRAN

DISPLAY_RECENT = 6


def _today(now: datetime.datetime | None) -> datetime.date:
    return (now or timezone.now()).astimezone(TEHRAN).date()


def ticket_label(kind: str, number: int) -> str:
    return f"{TICKET_LETTERS[TicketKind(kind)]}-{number:03d}"


@dataclass
class CounterBoard:
    """What the counter screen shows: the counter's called ticket, the queue in the order it
    will be called, and the day's counts."""

    current: Ticket | None
    waiting: list[Ticket]
    counts: dict[str, int]
    busy_counters: dict[int, str] = field(default_factory=dict)


def counter_board(
    office, counter: int | None, now: datetime.datetime | None = None
) -> CounterBoard:
    """Two queries: today's open tickets (waiting or called) and today's counts by status."""
    now = now or timezone.now()
    day = _today(now)
    open_tickets = list(
        Ticket.objects.filter(
            office=office, day=day, status__in=[TicketStatus.WAITING, TicketStatus.CALLED]
        )
        .select_related("service")
        .order_by("issued_at", "pk")
    )
    due_limit = now + EARLY
    waiting = sorted(
        (t for t in open_tickets if t.status == TicketStatus.WAITING),
        key=lambda t: (
            0 if t.due_at and t.due_at <= due_limit else (2 if t.due_at else 1),
            t.due_at or t.issued_at,
            t.pk,
        ),
    )
    called = [t for t in open_tickets if t.status == TicketStatus.CALLED]
    counts = dict(
        Ticket.objects.filter(office=office, day=day)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return CounterBoard(
        current=next((t for t in called if t.counter == counter), None),
        waiting=waiting,
        counts={status: counts.get(status, 0) for status in TicketStatus.values},
        busy_counters={t.counter: t.shown for t in called},
    )


def ticket_of_office(office, pk: int) -> Ticket | None:
    return Ticket.objects.filter(office=office, pk=pk).first()


@dataclass(frozen=True)
class Call:
    label: str
    counter: int
    again: bool
    shown: str = ""  # the number in the page's language (models.queue.SHOWN_LETTERS)


@dataclass(frozen=True)
class DisplayBoard:
    now_calling: Call | None
    recent: list[Call]
    waiting: int


def display_board(office, now: datetime.datetime | None = None) -> DisplayBoard:
    """The waiting-room display: the latest call, the few before it, how many wait. Ticket
    and counter numbers only — no name, no national code, no service. Two queries."""
    day = _today(now)
    rows = list(
        Ticket.objects.filter(office=office, day=day, called_at__isnull=False)
        .annotate(shown_at=Coalesce(F("recalled_at"), F("called_at")))
        .order_by("-shown_at", "-pk")
        .values_list("kind", "number", "counter", "calls")[:DISPLAY_RECENT]
    )
    calls = [
        Call(
            ticket_label(kind, number),
            counter,
            calls > 1,
            f"{SHOWN_LETTERS[TicketKind(kind)]}-{number:03d}",
        )
        for kind, number, counter, calls in rows
    ]
    waiting = Ticket.objects.filter(office=office, day=day, status=TicketStatus.WAITING).count()
    return DisplayBoard(now_calling=calls[0] if calls else None, recent=calls[1:], waiting=waiting)


# --- waiting time measured (issue 18, item 4) ---------------------------------------------------


def _percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (the median is share 0.5); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class QueueTimes:
    """One office's queue on one day. Times in seconds; None where nothing was measured.
    `wait` is issued → called, `service` is called → served."""

    office_id: int
    day: datetime.date
    issued: int
    called: int
    served: int
    no_show: int
    wait_median: float | None
    wait_p90: float | None
    service_median: float | None
    service_p90: float | None
    waits: tuple[float, ...] = ()


def queue_times(first: datetime.date, last: datetime.date, *, office_ids=None) -> list[QueueTimes]:
    """Per office and day from `first` to `last` (inclusive): counts, median and 90th
    percentile of the wait and of the service time. One query over the days' tickets (by the
    (day, office) index); the percentiles are computed here, the same on SQLite and PostgreSQL."""
    tickets = Ticket.objects.filter(day__gte=first, day__lte=last)
    if office_ids is not None:
        tickets = tickets.filter(office_id__in=list(office_ids))
    rows = tickets.values_list(
        "office_id", "day", "status", "issued_at", "called_at", "finished_at"
    )
    grouped: dict[tuple[int, datetime.date], list] = defaultdict(list)
    for row in rows.iterator(chunk_size=5000):
        grouped[(row[0], row[1])].append(row[2:])
    result = []
    for (office_id, day), items in sorted(grouped.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        waits = [(c - i).total_seconds() for _s, i, c, _f in items if c is not None]
        services = [
            (f - c).total_seconds()
            for s, _i, c, f in items
            if s == TicketStatus.SERVED and c is not None and f is not None
        ]
        result.append(
            QueueTimes(
                office_id=office_id,
                day=day,
                issued=len(items),
                called=len(waits),
                served=sum(1 for s, *_ in items if s == TicketStatus.SERVED),
                no_show=sum(1 for s, *_ in items if s == TicketStatus.NO_SHOW),
                wait_median=_percentile(waits, 0.5),
                wait_p90=_percentile(waits, 0.9),
                service_median=_percentile(services, 0.5),
                service_p90=_percentile(services, 0.9),
                waits=tuple(waits),
            )
        )
    return result


def median_wait_by_office(
    first: datetime.date, last: datetime.date
) -> dict[int, tuple[float, int]]:
    """Each office's median wait (seconds, issued → called) over the days from `first` to
    `last` and how many calls it is taken from: the grading's waiting-time input
    (daftar/supervision). One query reading two times per called ticket."""
    waits: dict[int, list[float]] = defaultdict(list)
    rows = (
        Ticket.objects.filter(day__gte=first, day__lte=last, called_at__isnull=False)
        .values_list("office_id", "issued_at", "called_at")
        .iterator(chunk_size=10_000)
    )
    for office_id, issued_at, called_at in rows:
        waits[office_id].append((called_at - issued_at).total_seconds())
    return {
        office_id: (_percentile(values, 0.5), len(values)) for office_id, values in waits.items()
    }


# --- for the transparency aggregates (daftar/transparency/services/aggregates.py) ----------------


def tickets_first_day() -> datetime.date | None:
    """The day of the first queue ticket (None without one)."""
    return Ticket.objects.aggregate(first=Min("day"))["first"]


def ticket_days_changed_since(since: datetime.datetime) -> set[datetime.date]:
    """The days of tickets issued, called, called again or finished after `since` (one query),
    for the aggregates' incremental build."""
    changed = (
        Q(issued_at__gt=since)
        | Q(called_at__gt=since)
        | Q(recalled_at__gt=since)
        | Q(finished_at__gt=since)
    )
    return set(Ticket.objects.filter(changed).values_list("day", flat=True).distinct())


def tickets_for_aggregates(first: datetime.date, last: datetime.date):
    """Every ticket of the days from `first` to `last` (inclusive) as (day, office id, district
    id, status, issued_at, called_at, finished_at), read in chunks by the (day, office) index:
    times only, nothing of who held the ticket."""
    return (
        Ticket.objects.filter(day__gte=first, day__lte=last)
        .order_by()
        .values_list(
            "day",
            "office_id",
            "office__district_id",
            "status",
            "issued_at",
            "called_at",
            "finished_at",
        )
        .iterator(chunk_size=5000)
    )


def tickets_waiting_count(office, now: datetime.datetime | None = None) -> int:
    return Ticket.objects.filter(
        office=office, day=_today(now), status=TicketStatus.WAITING
    ).count()


__all__ = [
    "counter_board",
    "display_board",
    "median_wait_by_office",
    "queue_times",
    "ticket_of_office",
    "tickets_waiting_count",
]
