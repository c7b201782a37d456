"""What the office registry puts on the role homes (daftar/core/homes.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, Tile, contributes
from daftar.offices.people.selectors import (
    certifications_expiring_count,
    proposals_pending_count,
    staff_count_active,
    staff_without_password_count,
)
from daftar.offices.permissions import managed_office
from daftar.offices.selectors import office_finder, office_of_user, offices_offline


@contributes(Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER, order=20)
def my_office(user) -> HomePart | None:
    if office_of_user(user) is None:
        return None  # not (or no longer) on any office's staff: no office page to show
    return HomePart(actions=[Action("my-office", _("My office"), reverse("offices:my_office"))])


@contributes(Role.INSPECTOR, order=10)
def offices_and_availability(user) -> HomePart:
    """After the inspector's inspections (supervision's home part): the offices, which are
    open now, and each office's page (hours, services, licence)."""
    finder = reverse("offices:finder")
    return HomePart(
        tiles=[
            Tile("offices-active", _("Active offices"), finder, office_finder().count()),
            Tile(
                "offices-open-now",
                _("Open now"),
                f"{finder}?{urlencode({'open_now': 'on'})}",
                office_finder(open_now=True).count(),
            ),
        ],
        actions=[Action("finder", _("Find an office"), finder)],
    )


@contributes(Role.SYSTEM_ADMIN, order=20)
def terminals(user) -> HomePart:
    return HomePart(
        tiles=[
            Tile(
                "offices-offline",
                _("Active offices without a heartbeat"),
                reverse("offices:terminals"),
                offices_offline().count(),
                urgent=True,
            )
        ],
        actions=[Action("terminals", _("Terminals and uptime"), reverse("offices:terminals"))],
    )


@contributes(Role.CATALOGUE_ADMIN, Role.SYSTEM_ADMIN, order=40)
def holiday_calendar(user) -> HomePart:
    """The official holidays they keep (docs/administration/calendar.md)."""
    return HomePart(
        actions=[Action("holidays", _("Official holidays"), reverse("offices:holidays"))]
    )


# --- people and roles (issue 17 item 5, docs/adr/0027) -----------------------------------------


@contributes(Role.SYSTEM_ADMIN, order=5)
def people(user) -> HomePart:
    people_url = reverse("people:list")
    return HomePart(
        tiles=[
            Tile("people", _("Active staff accounts"), people_url, staff_count_active()),
            Tile(
                "people-without-password",
                _("New staff without a password"),
                f"{people_url}?status=no_password",
                staff_without_password_count(),
                hint=_("Approved by the supervision unit: issue their first password"),
                urgent=True,
            ),
        ],
        actions=[
            Action("people", _("People: staff accounts and roles"), people_url),
            Action("person-create", _("Add a staff member"), reverse("people:create")),
        ],
    )


@contributes(Role.SUPERVISOR, order=40)
def training_unit(user) -> HomePart:
    proposals_url = reverse("people:proposals")
    certifications_url = reverse("people:certifications")
    return HomePart(
        tiles=[
            Tile(
                "staff-proposals",
                _("Staff proposals waiting"),
                proposals_url,
                proposals_pending_count(user),
                urgent=True,
            ),
            Tile(
                "certifications-expiring",
                _("Certifications expired or expiring within 30 days"),
                certifications_url,
                certifications_expiring_count(user),
            ),
        ],
        actions=[
            Action("certifications", _("Certifications of office staff"), certifications_url),
            Action(
                "certification-new",
                _("Record a certification"),
                reverse("people:certification_new"),
            ),
        ],
    )


@contributes(Role.OFFICE_MANAGER, order=30)
def staff_proposals(user) -> HomePart | None:
    if managed_office(user) is None:
        return None
    return HomePart(
        actions=[
            Action("proposal-new", _("Propose a staff member"), reverse("people:proposal_new")),
            Action("proposals", _("My staff proposals"), reverse("people:proposals")),
            Action("staff-leave", _("Staff leave"), reverse("people:leave")),
        ]
    )
