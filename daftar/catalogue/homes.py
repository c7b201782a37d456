"""What the catalogue puts on the role homes (daftar/core/homes.py): the catalogue team's work
in progress, each count linking to the list on its administration page that shows it."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.catalogue.selectors import catalogue_work_counts
from daftar.core.homes import Action, HomePart, Tile, contributes


@contributes(Role.CATALOGUE_ADMIN, order=10)
def catalogue(user) -> HomePart:
    manage = reverse("catalogue:manage")
    counts = catalogue_work_counts(timezone.localdate())
    return HomePart(
        tiles=[
            Tile(
                "service-drafts",
                _("Service drafts being edited"),
                f"{manage}#drafts",
                counts["drafts"],
                hint=_("Preview and publish them, or discard them"),
            ),
            Tile(
                "tariffs-awaiting-decision",
                _("Tariff changes awaiting the committee's decision"),
                f"{manage}?tariffs=awaiting#tariffs",
                counts["awaiting"],
                hint=_("The steering committee votes on them"),
            ),
            Tile(
                "tariffs-adopted",
                _("Adopted tariff changes to put in force"),
                f"{manage}?tariffs=adopted#tariffs",
                counts["adopted"],
                hint=_(
                    "Put them in force from their page, or the job does it within a quarter of "
                    "an hour"
                ),
                urgent=True,
            ),
            Tile(
                "tariffs-coming",
                _("Tariffs waiting for their first day"),
                f"{manage}#coming",
                counts["coming"],
                hint=_("In the tariff book; they price files from their first day"),
            ),
        ],
        actions=[
            Action(
                "manage",
                _("Catalogue administration: services and tariffs"),
                manage,
            ),
            Action("services", _("The catalogue of services"), reverse("catalogue:services")),
        ],
    )
