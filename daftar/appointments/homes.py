"""What appointments put on the role homes (daftar/core/homes.py): a citizen's coming
appointments and the way to book one (booking); the queue adds the office's parts."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.appointments.selectors.booking import appointments_upcoming
from daftar.core.homes import Action, HomePart, Tile, contributes


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
