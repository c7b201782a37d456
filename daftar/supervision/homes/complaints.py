"""Home parts: complaints — the citizen's complaints, the supervision unit's queue (overdue
ones urgent), the committee's appeals, the office manager's complaints about the office and
the counter's "take a complaint"."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, Tile, contributes
from daftar.offices.selectors import office_of_user
from daftar.supervision.selectors.complaints import (
    appeals_pending,
    complaint_counts,
    complaints_about_office,
    complaints_of_citizen,
)


@contributes(Role.CITIZEN, order=40)
def citizen_complaints(user) -> HomePart:
    count = complaints_of_citizen(user).count()
    tiles = []
    if count:
        tiles.append(
            Tile("my-complaints", _("My complaints"), reverse("supervision:my_complaints"), count)
        )
    return HomePart(
        tiles=tiles,
        actions=[
            Action(
                "complaint-new",
                _("File a complaint about an office"),
                reverse("supervision:complaint_new"),
            ),
        ],
    )


@contributes(Role.SUPERVISOR, order=20)
def supervisor_complaints(user) -> HomePart:
    counts = complaint_counts()
    queue = reverse("supervision:complaint_queue")
    return HomePart(
        tiles=[
            Tile(
                "complaints-to-triage",
                _("Complaints to triage"),
                f"{queue}?status=received",
                counts["received"],
                urgent=True,
            ),
            Tile(
                "complaints-overdue",
                _("Complaints past their deadline"),
                queue,
                counts["overdue"],
                urgent=True,
                hint=_("Escalated: triage or ruling is late"),
            ),
            Tile(
                "complaints-investigating",
                _("Complaints under investigation"),
                f"{queue}?status=investigating",
                counts["investigating"],
            ),
        ],
        actions=[
            Action("complaints", _("Complaints queue"), queue),
            Action("complaint-rules", _("Complaint rules"), reverse("supervision:complaint_rules")),
        ],
    )


@contributes(Role.COMMITTEE_MEMBER, order=40)
def committee_appeals(user) -> HomePart | None:
    count = appeals_pending().count()
    return HomePart(
        tiles=[
            Tile(
                "complaint-appeals",
                _("Complaint appeals to decide"),
                reverse("supervision:complaint_appeals"),
                count,
                urgent=True,
            )
        ]
    )


@contributes(Role.OFFICE_MANAGER, order=40)
def office_complaints(user) -> HomePart | None:
    office = office_of_user(user)
    if office is None:
        return None
    return HomePart(
        tiles=[
            Tile(
                "office-complaints",
                _("Complaints about the office"),
                reverse("supervision:complaint_office"),
                complaints_about_office(office).count(),
            )
        ]
    )


@contributes(Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER, order=45)
def counter_complaint(user) -> HomePart | None:
    if office_of_user(user) is None:
        return None
    return HomePart(
        actions=[
            Action(
                "complaint-counter",
                _("Take a complaint at the counter"),
                reverse("supervision:complaint_counter"),
            )
        ]
    )


@contributes(Role.COUNCIL_MEMBER, Role.AUDITOR, order=45)
def complaints_read(user) -> HomePart:
    return HomePart(
        actions=[
            Action(
                "complaints", _("Complaints (read-only)"), reverse("supervision:complaint_queue")
            )
        ]
    )
