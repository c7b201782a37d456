"""What files put on the role homes (daftar/core/homes.py): each count is the inbox under the
filter its link opens. A department's queue is counted up to core.homes.COUNT_CAP ("more than
999" beyond); the council's and the auditors' counts are the whole city's, exact, and kept for
five minutes (`city_file_counts`): the tile says when they were counted."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.cases.selectors import (
    STATE_AWAITING_PAYMENT,
    STATE_CORRECTION,
    callbacks_open_for_office,
    city_file_counts,
    department_queue_counts,
    inbox_counts,
)
from daftar.core.homes import COUNT_CAP, Action, HomePart, Tile, contributes
from daftar.offices.selectors import office_of_user


def _inbox(**query) -> str:
    url = reverse("cases:inbox")
    return f"{url}?{urlencode(query)}" if query else url


@contributes(Role.CITIZEN, order=10)
def citizen_files(user) -> HomePart:
    counts = inbox_counts(user)
    return HomePart(
        tiles=[
            Tile(
                "files-open",
                _("My files in progress"),
                _inbox(),
                counts["open"],
                hint=_("The list shows closed files too"),
            ),
            Tile(
                "payments-due",
                _("Payments due"),
                _inbox(state=STATE_AWAITING_PAYMENT),
                counts["awaiting_payment"],
                hint=_("Pay online from the file's page"),
                urgent=True,
            ),
            Tile(
                "corrections",
                _("Corrections asked of me"),
                _inbox(state=STATE_CORRECTION),
                counts["correction"],
                hint=_("Correct and send the file again from its page"),
                urgent=True,
            ),
        ],
        actions=[
            Action("apply", _("Apply for a service"), reverse("catalogue:services")),
            Action("track", _("Track a file"), reverse("cases:track")),
            Action("find-office", _("Find an office"), reverse("offices:finder")),
        ],
    )


@contributes(Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER, order=10)
def office_files(user) -> HomePart:
    counts = inbox_counts(user)
    return HomePart(
        tiles=[
            Tile("files-open", _("Office files in progress"), _inbox(), counts["open"]),
            Tile(
                "payments-due",
                _("Waiting for payment"),
                _inbox(state=STATE_AWAITING_PAYMENT),
                counts["awaiting_payment"],
                hint=_("Take a card payment when the citizen is at the counter"),
                urgent=True,
            ),
            Tile(
                "corrections",
                _("Sent back for a correction"),
                _inbox(state=STATE_CORRECTION),
                counts["correction"],
                urgent=True,
            ),
        ],
        actions=[
            Action("counter", _("New file at the counter"), reverse("cases:counter")),
            Action("office-files", _("Office files"), _inbox()),
            Action("reclaim", _("Change a registered mobile"), reverse("cases:counter_reclaim")),
        ],
    )


@contributes(Role.OFFICE_MANAGER, order=20)
def office_callbacks(user) -> HomePart | None:
    """The citizens who rated an office file below 4 and wait for the manager's call."""
    office = office_of_user(user)
    if office is None:
        return None
    return HomePart(
        tiles=[
            Tile(
                "callbacks",
                _("Citizens to call back"),
                reverse("offices:my_office") + "#callbacks",
                callbacks_open_for_office(office).count(),
                hint=_("They rated a file below 4"),
                urgent=True,
            )
        ]
    )


@contributes(Role.DEPARTMENT_REVIEWER, order=10)
def department_queue(user) -> HomePart:
    counts = department_queue_counts(user, at_most=COUNT_CAP)
    return HomePart(
        tiles=[
            Tile(
                "queue",
                _("Files waiting in my department"),
                _inbox(),
                counts["total"],
                at_most=COUNT_CAP,
                hint=_("Sorted by the time left"),
            ),
            Tile(
                "due-today",
                _("Due by the end of today"),
                _inbox(),
                counts["due_today"],
                at_most=COUNT_CAP,
                hint=_("At the top of the queue"),
                urgent=True,
            ),
            Tile(
                "overdue",
                _("Past their deadline"),
                _inbox(breached=1),
                counts["breached"],
                at_most=COUNT_CAP,
                urgent=True,
            ),
        ],
        actions=[Action("queue", _("Department queue"), _inbox())],
    )


@contributes(Role.COUNCIL_MEMBER, Role.AUDITOR, order=30)
def files_oversight(user) -> HomePart:
    counts = city_file_counts()
    counted = _("Counted at %(time)s; the list is live") % {
        "time": timezone.localtime(counts.counted_at).strftime("%H:%M")
    }
    return HomePart(
        tiles=[
            Tile(
                "files-open",
                _("Files in progress in the city"),
                _inbox(),
                counts.open,
                hint=counted,
            ),
            Tile(
                "overdue",
                _("Files that missed a deadline"),
                _inbox(breached=1),
                counts.breached,
                hint=counted,
            ),
        ],
    )
