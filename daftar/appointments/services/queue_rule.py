"""Which waiting ticket a counter calls next: the rule, as a pure function (ADR 0034).

1. A checked-in appointment is *due* when its slot has begun or begins within `EARLY`
   (five minutes). Due appointments go first, earliest slot first.
2. Walk-ins follow in the order their tickets were issued.
3. Walk-ins are never starved: while a walk-in waits, at most `WALK_IN_EVERY` (three)
   appointment calls follow each other; and once the oldest walk-in has waited `WALK_IN_WAIT`
   (twenty minutes) calls alternate (one walk-in after each appointment call).
   Appointments are not starved either: a walk-in is called ahead of a due appointment only
   right after an appointment call, so a due appointment waits for at most one walk-in.
4. An appointment checked in early (its slot more than five minutes away) waits for its slot,
   unless no one else waits: a counter is never left idle.

The streak is counted over the office's calls of the day at every counter, most recent first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from daftar.appointments.choices import TicketKind

EARLY = datetime.timedelta(minutes=5)
WALK_IN_EVERY = 3
WALK_IN_WAIT = datetime.timedelta(minutes=20)


@dataclass(frozen=True)
class Waiting:
    pk: int
    kind: str
    issued_at: datetime.datetime
    due_at: datetime.datetime | None = None


def is_due(ticket: Waiting, now: datetime.datetime) -> bool:
    return ticket.due_at is not None and ticket.due_at <= now + EARLY


def appointment_streak(recent_kinds: list[str]) -> int:
    """How many of the latest calls (most recent first) were appointments, in a row."""
    streak = 0
    for kind in recent_kinds:
        if kind != TicketKind.APPOINTMENT:
            break
        streak += 1
    return streak


def choose_next(
    *,
    due_appointment: Waiting | None,
    oldest_walk_in: Waiting | None,
    early_appointment: Waiting | None,
    streak: int,
    now: datetime.datetime,
) -> Waiting | None:
    """The ticket to call: the first due appointment, the oldest walk-in and the earliest
    appointment not yet due are the only candidates (each may be None)."""
    if oldest_walk_in is not None:
        if due_appointment is None:
            return oldest_walk_in
        if streak >= WALK_IN_EVERY:
            return oldest_walk_in
        if streak >= 1 and now - oldest_walk_in.issued_at >= WALK_IN_WAIT:
            return oldest_walk_in
    if due_appointment is not None:
        return due_appointment
    return early_appointment


def pick(waiting: list[Waiting], recent_kinds: list[str], now: datetime.datetime):
    """`choose_next` over a whole list of waiting tickets (tests and the simulation)."""
    due = sorted(
        (t for t in waiting if t.kind == TicketKind.APPOINTMENT and is_due(t, now)),
        key=lambda t: (t.due_at, t.pk),
    )
    walk_ins = sorted(
        (t for t in waiting if t.kind == TicketKind.WALK_IN), key=lambda t: (t.issued_at, t.pk)
    )
    early = sorted(
        (t for t in waiting if t.kind == TicketKind.APPOINTMENT and not is_due(t, now)),
        key=lambda t: (t.due_at, t.pk),
    )
    return choose_next(
        due_appointment=due[0] if due else None,
        oldest_walk_in=walk_ins[0] if walk_ins else None,
        early_appointment=early[0] if early else None,
        streak=appointment_streak(recent_kinds),
        now=now,
    )
