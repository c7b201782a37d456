"""What the bylaw and the committee put on the role homes (daftar/core/homes.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, Tile, contributes
from daftar.governance.selectors import decision_drafts_awaiting_vote, versions_in_progress_count


@contributes(Role.COMMITTEE_MEMBER, order=10)
def committee_work(user) -> HomePart:
    committee = reverse("governance:committee")
    versions = versions_in_progress_count()
    return HomePart(
        tiles=[
            Tile(
                "awaiting-my-vote",
                _("Draft decisions awaiting my vote"),
                committee,
                decision_drafts_awaiting_vote(user),
                urgent=True,
            ),
            Tile(
                "bylaw-drafts",
                _("Bylaw drafts in progress"),
                reverse("governance:versions"),
                versions["drafts"],
            ),
        ],
        actions=[
            Action("committee", _("Committee work"), committee),
            Action("decisions", _("Numbered decisions"), reverse("governance:decisions")),
        ],
    )


@contributes(Role.COUNCIL_MEMBER, order=10)
def council_floor(user) -> HomePart:
    versions_url = reverse("governance:versions")
    versions = versions_in_progress_count()
    return HomePart(
        tiles=[
            Tile(
                "bylaw-under-review",
                _("Bylaw versions sent to the council floor"),
                versions_url,
                versions["under_review"],
                hint=_("A council member records the adoption"),
                urgent=True,
            ),
            Tile(
                "bylaw-drafts",
                _("Bylaw drafts in the commissions"),
                versions_url,
                versions["drafts"],
            ),
        ],
        actions=[
            Action("versions", _("Bylaw versions and drafts"), versions_url),
            Action("decisions", _("Committee decisions"), reverse("governance:decisions")),
        ],
    )
