"""The calling rule as a property (services/queue_rule.py): whatever the arrivals and calls,
walk-ins are never starved, due appointments go first, each kind keeps its order."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from daftar.appointments.choices import TicketKind
from daftar.appointments.services.queue_rule import (
    WALK_IN_EVERY,
    WALK_IN_WAIT,
    Waiting,
    is_due,
    pick,
)

START = datetime.datetime(2026, 12, 5, 5, 0, tzinfo=datetime.UTC)

# An event: ("appointment", slot offset in minutes from now), ("walk_in", 0) or ("call", 0);
# each event moves the clock on by `gap` minutes.
events = st.lists(
    st.tuples(
        st.sampled_from(["appointment", "walk_in", "call", "call"]),
        st.integers(min_value=-20, max_value=40),
        st.sampled_from([0, 0, 0, 0, 1, 2, 6]),
    ),
    max_size=120,
)


def reversed_kinds(kinds):
    return list(reversed(kinds))


def simulate(script):
    """Run the script; return the calls as (ticket, now, waiting snapshot before the call)."""
    now, waiting, calls, recent = START, [], [], []
    for n, (what, offset, gap) in enumerate(script):
        now += datetime.timedelta(minutes=gap)
        if what == "appointment":
            due = now + datetime.timedelta(minutes=offset)
            waiting.append(Waiting(n, TicketKind.APPOINTMENT, now, due))
        elif what == "walk_in":
            waiting.append(Waiting(n, TicketKind.WALK_IN, now))
        else:
            chosen = pick(waiting, recent, now)
            if chosen is None:
                assert not waiting  # a counter is never left idle while someone waits
                continue
            calls.append((chosen, now, list(waiting)))
            waiting.remove(chosen)
            recent.insert(0, chosen.kind)
    return calls


@settings(max_examples=300, deadline=None)
@given(events)
def test_walk_ins_are_never_starved(script):
    """While a walk-in waits, at most WALK_IN_EVERY appointment calls follow each other."""
    streak = 0
    for ticket, _now, before in simulate(script):
        walk_in_waiting = any(t.kind == TicketKind.WALK_IN for t in before)
        if ticket.kind == TicketKind.WALK_IN:
            streak = 0
            continue
        streak = streak + 1 if walk_in_waiting else 0
        assert streak <= WALK_IN_EVERY


@settings(max_examples=300, deadline=None)
@given(events)
def test_a_walk_in_goes_ahead_of_a_due_appointment_only_after_an_appointment_call(script):
    previous = None
    previous_calls: list = []
    for ticket, now, before in simulate(script):
        due_waiting = [t for t in before if t.kind == TicketKind.APPOINTMENT and is_due(t, now)]
        if ticket.kind == TicketKind.WALK_IN and due_waiting:
            assert previous is not None
            assert previous.kind == TicketKind.APPOINTMENT
            walk_ins = [t for t in before if t.kind == TicketKind.WALK_IN]
            oldest = min(walk_ins, key=lambda t: (t.issued_at, t.pk))
            appointments_in_a_row = 0
            for kind in reversed_kinds(previous_calls):
                if kind != TicketKind.APPOINTMENT:
                    break
                appointments_in_a_row += 1
            # the streak reached the limit, or the oldest walk-in waited long enough
            assert appointments_in_a_row >= WALK_IN_EVERY or now - oldest.issued_at >= WALK_IN_WAIT
        if ticket.kind == TicketKind.APPOINTMENT and not is_due(ticket, now):
            # an early appointment is called only when nobody else waits
            assert all(t.kind == TicketKind.APPOINTMENT and not is_due(t, now) for t in before)
        previous = ticket
        previous_calls.append(ticket.kind)


@settings(max_examples=300, deadline=None)
@given(events)
def test_walk_ins_keep_their_order_and_due_appointments_theirs(script):
    walk_ins = [t for t, _n, _b in simulate(script) if t.kind == TicketKind.WALK_IN]
    assert walk_ins == sorted(walk_ins, key=lambda t: (t.issued_at, t.pk))
    for ticket, now, before in simulate(script):
        if ticket.kind == TicketKind.APPOINTMENT and is_due(ticket, now):
            earlier_due = [
                t
                for t in before
                if t.kind == TicketKind.APPOINTMENT and is_due(t, now) and t.due_at < ticket.due_at
            ]
            assert not earlier_due


@settings(max_examples=200, deadline=None)
@given(events)
def test_every_waiting_walk_in_is_called_within_a_bounded_number_of_calls(script):
    """A walk-in with k walk-ins ahead of it is called within (k + 1) × (WALK_IN_EVERY + 1)
    calls of its arrival, however many appointments keep arriving."""
    calls = simulate(script)
    for index, (_ticket, _now, before) in enumerate(calls):
        for waiting in before:
            if waiting.kind != TicketKind.WALK_IN:
                continue
            ahead = sum(
                1
                for t in before
                if t.kind == TicketKind.WALK_IN
                and (t.issued_at, t.pk) < (waiting.issued_at, waiting.pk)
            )
            bound = (ahead + 1) * (WALK_IN_EVERY + 1)
            later = [t.pk for t, _n, _b in calls[index : index + bound]]
            if len(calls) - index >= bound:
                assert waiting.pk in later


def _w(pk, minutes_ago, due_in=None):
    issued = START - datetime.timedelta(minutes=minutes_ago)
    if due_in is None:
        return Waiting(pk, TicketKind.WALK_IN, issued)
    return Waiting(pk, TicketKind.APPOINTMENT, issued, START + datetime.timedelta(minutes=due_in))


def test_the_rule_case_by_case():
    walk_in, long_walk_in = _w(1, 5), _w(2, 30)
    due, early = _w(3, 1, due_in=2), _w(4, 1, due_in=30)
    A = TicketKind.APPOINTMENT
    # due appointments first, then walk-ins, then early appointments
    assert pick([walk_in, due, early], [], START) == due
    assert pick([walk_in, early], [], START) == walk_in
    assert pick([early], [], START) == early
    # after WALK_IN_EVERY appointment calls in a row, a walk-in
    assert pick([walk_in, due], [A] * (WALK_IN_EVERY - 1), START) == due
    assert pick([walk_in, due], [A] * WALK_IN_EVERY, START) == walk_in
    # a walk-in waiting WALK_IN_WAIT or more: calls alternate, but never two walk-ins in a row
    # while a due appointment waits
    assert pick([long_walk_in, due], [A], START) == long_walk_in
    assert pick([long_walk_in, due], [A, TicketKind.WALK_IN], START) == long_walk_in  # latest first
    assert pick([long_walk_in, due], [TicketKind.WALK_IN], START) == due
    assert pick([long_walk_in, due], [], START) == due
    assert pick([], [A], START) is None
