"""Home parts: sanctions — the committee's decisions to make, the unit's proposals waiting, the
manager's sanctions and appeal deadline, the treasury's fines to record, the council's
overview."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, Tile, contributes
from daftar.core.jalali import format_date
from daftar.supervision.selectors import sanctions as selectors


@contributes(Role.COMMITTEE_MEMBER, order=25)
def committee_sanctions(user) -> HomePart:
    return HomePart(
        tiles=[
            Tile(
                "sanctions-to-decide",
                _("Sanctions and appeals to decide"),
                reverse("supervision:sanctions_to_decide"),
                selectors.sanctions_awaiting_committee_count(),
                urgent=True,
            )
        ],
        actions=[
            Action(
                "supervision-overview", _("Supervision overview"), reverse("supervision:overview")
            )
        ],
    )


@contributes(Role.SUPERVISOR, order=40)
def supervisor_sanctions(user) -> HomePart:
    return HomePart(
        tiles=[
            Tile(
                "sanctions-proposed",
                _("Proposed sanctions awaiting the committee"),
                reverse("supervision:sanctions") + "?status=proposed",
                selectors.sanctions_proposed_count(),
            )
        ],
        actions=[
            Action("sanction-new", _("Propose a sanction"), reverse("supervision:sanction_new")),
            Action("ladder", _("The sanction ladder"), reverse("supervision:ladder")),
            Action(
                "supervision-overview", _("Supervision overview"), reverse("supervision:overview")
            ),
        ],
    )


@contributes(Role.COUNCIL_MEMBER, Role.AUDITOR, order=45)
def council_overview(user) -> HomePart:
    return HomePart(
        actions=[
            Action(
                "supervision-overview", _("Supervision overview"), reverse("supervision:overview")
            ),
            Action("sanctions", _("Sanctions on offices"), reverse("supervision:sanctions")),
        ]
    )


@contributes(Role.OFFICE_MANAGER, order=35)
def manager_sanctions(user) -> HomePart | None:
    sanctions = selectors.sanctions_of_my_office(user)
    if not sanctions.exists():
        return None
    appealable = selectors.sanctions_appealable(user)
    first = appealable.first()
    return HomePart(
        tiles=[
            Tile(
                "sanctions-appealable",
                _("Sanctions you may still appeal"),
                reverse("supervision:my_sanctions"),
                appealable.count(),
                hint=(_("Appeal by %(day)s") % {"day": _jalali(first.appeal_by)}) if first else "",
                urgent=True,
            )
        ],
        actions=[
            Action("my-sanctions", _("Sanctions on my office"), reverse("supervision:my_sanctions"))
        ],
    )


@contributes(Role.TREASURY_OFFICER, order=20)
def treasury_fines(user) -> HomePart | None:
    count = selectors.fines_to_record().count()
    if not count:
        return None
    return HomePart(
        tiles=[
            Tile(
                "fines-to-record",
                _("Fines imposed by the committee to record"),
                reverse("supervision:fines_to_record"),
                count,
                urgent=True,
            )
        ]
    )


def _jalali(day) -> str:
    return format_date(day, language=get_language() or "fa")
