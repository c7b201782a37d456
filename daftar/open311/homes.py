"""What Open311 puts on the role homes (daftar/core/homes.py): the catalogue team and FAVA, who
map the Open311 services, get a tile linking to the page where they do it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, Tile, contributes
from daftar.open311.selectors import open311_services


@contributes(Role.CATALOGUE_ADMIN, Role.SYSTEM_ADMIN, order=60)
def open311_mappings(user) -> HomePart:
    url = reverse("open311_manage:mappings")
    return HomePart(
        tiles=[
            Tile(
                "open311-services",
                _("Open311 services listed for city apps"),
                url,
                open311_services().count(),
                hint=_("Map a service to the catalogue or a complaint category, or unlist it"),
            )
        ],
        actions=[Action("open311", _("Open311 services: what city apps' reports become"), url)],
    )
