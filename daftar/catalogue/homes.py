"""What the catalogue puts on the role homes (daftar/core/homes.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, contributes


@contributes(Role.CATALOGUE_ADMIN, order=10)
def catalogue(user) -> HomePart:
    return HomePart(
        actions=[
            Action(
                "manage",
                _("Catalogue administration: services and tariffs"),
                reverse("catalogue:manage"),
            ),
            Action("services", _("The catalogue of services"), reverse("catalogue:services")),
        ]
    )
