"""What transparency puts on the role homes: documents citizens receive: outcome documents of
approved files and receipts, numbered, verifiable by QR, revocable.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, contributes


@contributes(Role.TREASURY_OFFICER, order=70)
def receipts(user) -> HomePart:
    return HomePart(
        actions=[Action("receipts", _("Receipts issued"), reverse("transparency:receipts"))]
    )


@contributes(Role.CATALOGUE_ADMIN, order=30)
def outcome_templates(user) -> HomePart:
    return HomePart(
        actions=[
            Action(
                "outcome-templates",
                _("Documents the services issue"),
                reverse("transparency:templates"),
            )
        ]
    )
