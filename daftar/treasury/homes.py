"""What the treasury puts on the role homes (daftar/core/homes.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, Tile, contributes
from daftar.treasury.selectors import treasury_worklist


@contributes(Role.TREASURY_OFFICER, order=10)
def treasury_work(user) -> HomePart:
    work = treasury_worklist()
    refunds = reverse("treasury:refunds")
    return HomePart(
        tiles=[
            Tile(
                "open-days",
                _("Bank days to reconcile and close"),
                reverse("treasury:reconciliation"),
                work["open_days"],
                urgent=True,
            ),
            Tile(
                "refunds-requested",
                _("Refunds to decide"),
                refunds,
                work["requested"],
                urgent=True,
            ),
            Tile(
                "refunds-approved", _("Refunds to pay out"), refunds, work["approved"], urgent=True
            ),
            Tile(
                "penalties",
                _("Penalties still to deduct"),
                reverse("treasury:penalties"),
                work["penalties_outstanding"],
                hint=_("Deducted from the next settlements"),
            ),
        ],
        actions=[
            Action("treasury", _("Treasury overview"), reverse("treasury:dashboard")),
            Action(
                "reconciliation", _("Import a bank statement"), reverse("treasury:reconciliation")
            ),
            Action("slip", _("Record a bank slip"), reverse("treasury:slip")),
            Action("settlements", _("Settlements to offices"), reverse("treasury:settlements")),
            Action("summary", _("Monthly summary"), reverse("treasury:summary")),
            Action(
                "psp-book",
                _("The PSP's transaction book"),
                reverse("treasury:psp_transactions"),
            ),
        ],
    )


@contributes(Role.OFFICE_MANAGER, order=30)
def office_statement(user) -> HomePart:
    return HomePart(
        actions=[
            Action(
                "statement",
                _("The office's fee-share statement"),
                reverse("treasury:office_statement"),
            )
        ]
    )


@contributes(Role.COUNCIL_MEMBER, Role.AUDITOR, order=40)
def collections_summary(user) -> HomePart:
    return HomePart(
        actions=[
            Action("summary", _("Collections and refunds by month"), reverse("treasury:summary"))
        ]
    )


@contributes(Role.AUDITOR, order=45)
def psp_book(user) -> HomePart:
    return HomePart(
        actions=[
            Action(
                "psp-book",
                _("The PSP's transaction book"),
                reverse("treasury:psp_transactions"),
            )
        ]
    )
