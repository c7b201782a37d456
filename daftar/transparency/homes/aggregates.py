"""What transparency puts on the role homes: the portal's daily aggregates: one row per day and
key, rebuilt by a job for the days that changed; the public portal reads only these.

The council's home links to the public transparency portal (the same figures the press and
citizens see), with the day the figures were last counted.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import HomePart, Tile, contributes
from daftar.transparency.selectors import aggregates as selectors


@contributes(Role.COUNCIL_MEMBER, order=70)
def council_portal(user) -> HomePart:
    fresh_until = selectors.aggregates_fresh_until()
    return HomePart(
        tiles=[
            Tile(
                "transparency-portal",
                _("Transparency portal: the offices' figures"),
                reverse("transparency:portal"),
                hint=_("Counted every night from the records; open to everyone.")
                if fresh_until
                else _("The daily figures have not been counted yet."),
            )
        ]
    )
