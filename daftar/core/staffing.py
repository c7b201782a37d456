"""Who acts when a staff member leaves a department: a registry the apps that hold work fill.

The people services (offices, level 6) deactivate staff and change their roles and department
places; the files assigned to a reviewer belong to cases (level 7), which offices may not
import. So, as with the calendar's deadlines (`core.calendar.on_calendar_change`), cases
registers a listener here in its `AppConfig.ready()`, and the people services call
`staff_departed` inside their transaction: the work returns to the shared queue in the same
commit as the change that caused it, or neither happens (ADR 0031).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Departure:
    """`user` no longer works where they did: deactivated (`deactivated`), or their place
    changed so they now review only for `kept_department_id` (None: for no department)."""

    user: object
    kept_department_id: int | None
    deactivated: bool


DepartureListener = Callable[..., int]
_listeners: dict[str, DepartureListener] = {}


def on_staff_departure(func: DepartureListener) -> DepartureListener:
    """Register `func(*, actor, departure: Departure) -> int` (how many things it changed):
    called inside the transaction of every deactivation and change of a staff member's place."""
    _listeners[f"{func.__module__}.{func.__qualname__}"] = func
    return func


def staff_departed(*, actor, departure: Departure) -> dict[str, int]:
    """Run every listener; {listener name: what it changed}. A failure rolls back the change."""
    listeners = sorted(_listeners.items())
    return {name: func(actor=actor, departure=departure) for name, func in listeners}
