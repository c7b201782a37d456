"""What appointments put on the role homes (daftar/core/homes.py): a citizen's coming
appointments and the way to book one (booking); the office staff's queue (the queue)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.appointments.permissions import can_run_queue
from daftar.appointments.selectors.booking import appointments_upcoming
from daftar.appointments.selectors.queue import tickets_waiting_count
from daftar.core.homes import Action, HomePart, Tile, contributes
from daftar.offices.selectors import office_of_user


@contributes(Role.CITIZEN, order=30)
def citizen_appointments(user) -> HomePart:
    return HomePart(
        tiles=[
            Tile(
                "appointments",
                _("My coming appointments"),
                reverse("appointments:mine"),
                appointments_upcoming(user).count(),
                hint=_("Show the QR code at the office"),
            )
        ],
        actions=[Action("book", _("Book a visit to an office"), reverse("appointments:book"))],
    )


@contributes(Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER, order=15)
def office_queue(user) -> HomePart | None:
    """Who waits now at the user's office, and the counter screen that calls them."""
    office = office_of_user(user)
    if office is None or not can_run_queue(user, office):
        return None
    url = reverse("appointments:queue")
    return HomePart(
        tiles=[
            Tile("queue-waiting", _("Waiting in the queue now"), url, tickets_waiting_count(office))
        ],
        actions=[Action("queue", _("Queue and counter"), url)],
    )
