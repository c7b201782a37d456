"""What appointments shows on other apps' pages (core/panels.py): on the office manager's staff
leave page (offices), the coming days whose booked appointments exceed the staff on duty
(ADR 0036) — offices may not read appointments, so the warning comes from here."""

from __future__ import annotations

from daftar.appointments.selectors.capacity import days_over_capacity
from daftar.core.panels import Panel, panel


@panel("people:leave", order=10)
def appointments_over_capacity(request, *, office) -> Panel | None:
    days = days_over_capacity(office)
    if not days:
        return None
    return Panel("over-capacity", "appointments/_over_capacity.html", {"days": days})
