"""Home parts: inspections — the inspector's day, the unit's plan and overdue responses, the
office manager's findings to answer and corrective actions due."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, Tile, contributes
from daftar.supervision.selectors import inspections as selectors


@contributes(Role.INSPECTOR, order=5)
def inspector_day(user) -> HomePart:
    counts = selectors.inspector_counts(user)
    mine = reverse("supervision:my_inspections")
    return HomePart(
        tiles=[
            Tile("inspections-today", _("Inspections today"), mine, counts["today"], urgent=True),
            Tile(
                "inspections-overdue",
                _("Overdue inspections"),
                mine,
                counts["overdue"],
                urgent=True,
            ),
            Tile(
                "inspections-in-progress", _("Checked in, to sign off"), mine, counts["in_progress"]
            ),
        ],
        actions=[
            Action("my-inspections", _("My inspections"), mine),
            Action(
                "inspection-reports", _("My reports"), reverse("supervision:inspection_reports")
            ),
            Action(
                "conflicts",
                _("Declare a conflict of interest"),
                reverse("supervision:inspection_conflicts"),
            ),
        ],
    )


@contributes(Role.SUPERVISOR, order=10)
def supervisor_inspections(user) -> HomePart:
    plan_url = reverse("supervision:inspection_plan")
    plan = selectors.plans().first()
    tiles = []
    if plan is not None:
        progress = selectors.plan_progress(plan)
        tiles.append(
            Tile("plan-submitted", _("Plan inspections submitted"), plan_url, progress["submitted"])
        )
        tiles.append(
            Tile(
                "plan-overdue",
                _("Plan inspections overdue"),
                plan_url,
                progress["overdue"],
                urgent=True,
            )
        )
    tiles.append(
        Tile(
            "findings-unanswered",
            _("Findings past their response deadline"),
            reverse("supervision:inspection_reports"),
            selectors.findings_overdue_for_response(),
        )
    )
    return HomePart(
        tiles=tiles,
        actions=[
            Action("inspection-plan", _("Inspection plan"), plan_url),
            Action(
                "inspection-new", _("Schedule an inspection"), reverse("supervision:inspection_new")
            ),
            Action("checklists", _("Checklists"), reverse("supervision:checklists")),
        ],
    )


@contributes(Role.OFFICE_MANAGER, order=15)
def office_findings(user) -> HomePart | None:
    if selectors.managed_office(user) is None:
        return None
    counts = selectors.office_findings_counts(user)
    url = reverse("supervision:office_inspections")
    return HomePart(
        tiles=[
            Tile(
                "findings-to-answer",
                _("Inspection findings to answer"),
                url,
                counts["to_answer"],
                urgent=True,
            ),
            Tile("actions-due", _("Corrective actions due soon"), url, counts["actions_due"]),
        ],
        actions=[Action("office-inspections", _("Inspections of my office"), url)],
    )
