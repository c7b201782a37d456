"""What the office registry puts on the role homes (daftar/core/homes.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, Tile, contributes
from daftar.offices.selectors import office_finder, office_of_user, offices_offline


@contributes(Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER, order=20)
def my_office(user) -> HomePart | None:
    if office_of_user(user) is None:
        return None  # not (or no longer) on any office's staff: no office page to show
    return HomePart(actions=[Action("my-office", _("My office"), reverse("offices:my_office"))])


@contributes(Role.INSPECTOR, order=10)
def offices_and_availability(user) -> HomePart:
    """After the inspector's inspections (supervision's home part): the offices, which are
    open now, and each office's page (hours, services, licence)."""
    finder = reverse("offices:finder")
    return HomePart(
        tiles=[
            Tile("offices-active", _("Active offices"), finder, office_finder().count()),
            Tile(
                "offices-open-now",
                _("Open now"),
                f"{finder}?{urlencode({'open_now': 'on'})}",
                office_finder(open_now=True).count(),
            ),
        ],
        actions=[Action("finder", _("Find an office"), finder)],
    )


@contributes(Role.SYSTEM_ADMIN, order=20)
def terminals(user) -> HomePart:
    return HomePart(
        tiles=[
            Tile(
                "offices-offline",
                _("Active offices without a heartbeat"),
                reverse("offices:terminals"),
                offices_offline().count(),
                urgent=True,
            )
        ],
        actions=[Action("terminals", _("Terminals and uptime"), reverse("offices:terminals"))],
    )


@contributes(Role.CATALOGUE_ADMIN, Role.SYSTEM_ADMIN, order=40)
def holiday_calendar(user) -> HomePart:
    """The official holidays they keep (docs/administration/calendar.md)."""
    return HomePart(
        actions=[Action("holidays", _("Official holidays"), reverse("offices:holidays"))]
    )
