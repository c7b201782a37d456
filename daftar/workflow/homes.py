"""What the workflow editor puts on the catalogue team's home (daftar/core/homes.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, contributes


@contributes(Role.CATALOGUE_ADMIN, order=20)
def workflows(user) -> HomePart:
    return HomePart(actions=[Action("workflows", _("Workflows"), reverse("workflow:list"))])
