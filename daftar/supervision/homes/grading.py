"""Home parts: self-declaration and grading — the manager's declaration and grade, the
supervision unit's objections and periods to grade, the council's and auditors' reading."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, Tile, contributes
from daftar.core.jalali import format_date
from daftar.offices.selectors import office_of_user
from daftar.supervision.choices import grade_name
from daftar.supervision.selectors import grading as selectors


@contributes(Role.OFFICE_MANAGER, order=40)
def manager_grading(user) -> HomePart | None:
    office = office_of_user(user)
    if office is None:
        return None
    my_grade = reverse("supervision:grading_my")
    tiles = []
    period = selectors.period_declaring()
    if period is not None and timezone.localdate() <= period.declare_by:
        declared = selectors.declaration_of(office, period) is not None
        tiles.append(
            Tile(
                "grading-declare",
                _("Self-declaration to make for period %(code)s") % {"code": period.label},
                reverse("supervision:grading_declare"),
                0 if declared else 1,
                hint=_("Declare by %(date)s")
                % {"date": format_date(period.declare_by, language=get_language())}
                if not declared
                else _("Declared; you may change it until the deadline"),
                urgent=True,
            )
        )
    grade = selectors.office_latest_grade(office)
    if grade is not None:
        tiles.append(
            Tile(
                "grading-grade",
                _("Your office's grade (period %(code)s): %(grade)s")
                % {
                    "code": grade.period.label,
                    "grade": grade_name(selectors.effective_grade(grade)),
                },
                my_grade,
            )
        )
    return HomePart(tiles=tiles, actions=[Action("grading-my", _("My office's grade"), my_grade)])


@contributes(Role.SUPERVISOR, order=40)
def supervisor_grading(user) -> HomePart:
    periods = reverse("supervision:grading_periods")
    return HomePart(
        tiles=[
            Tile(
                "grading-objections",
                _("Objections to grades to rule"),
                reverse("supervision:grading_objections"),
                selectors.objections_to_rule().count(),
                urgent=True,
            ),
            Tile(
                "grading-to-grade",
                _("Grading periods ended and not graded"),
                periods,
                selectors.periods_to_grade().count(),
                urgent=True,
            ),
        ],
        actions=[
            Action("grading-periods", _("Grading periods"), periods),
            Action(
                "grading-formula",
                _("The grading formula"),
                reverse("supervision:grading_formula_manage"),
            ),
        ],
    )


@contributes(Role.COUNCIL_MEMBER, Role.AUDITOR, order=60)
def readers_grading(user) -> HomePart:
    return HomePart(
        actions=[
            Action(
                "grading-periods",
                _("Office grades by period"),
                reverse("supervision:grading_periods"),
            ),
            Action(
                "grading-public",
                _("How offices are graded"),
                reverse("supervision:grading_formula"),
            ),
        ]
    )
