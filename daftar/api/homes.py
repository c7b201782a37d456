"""What partner apps put on the role homes (daftar/core/homes.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, contributes
from daftar.governance.permissions import is_committee_secretary


@contributes(Role.SYSTEM_ADMIN, order=30)
def partner_apps(user) -> HomePart:
    return HomePart(actions=[Action("partners", _("Partner apps"), reverse("partners"))])


@contributes(Role.COMMITTEE_MEMBER, order=30)
def partner_authorisations(user) -> HomePart | None:
    if not is_committee_secretary(user):
        return None  # the secretary records these decisions' effect; other members read them
    return HomePart(
        actions=[
            Action(
                "partner-authorisations",
                _("Partner apps and signed-in citizens"),
                reverse("partner_authorisations"),
            )
        ]
    )
