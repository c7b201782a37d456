"""The stable codes of the errors supervision raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it. Each member carries the
meaning shown in docs/error-codes.md. Grouped by area (checklists and inspections,
declarations and grading, complaints, sanctions); keep each group alphabetical.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class SupervisionErrorCode(ErrorCode):
    # --- shared --------------------------------------------------------------------------
    NOT_SUPERVISOR = (
        "not_supervisor",
        _("Only an officer of the supervision unit may do this."),
    )
    RULES_FROZEN = (
        "rules_frozen",
        _("Adopted rules (a checklist, formula, ladder or complaint rule) cannot be edited."),
    )
    # --- checklists and inspections ------------------------------------------------------
    # --- declarations and grading --------------------------------------------------------
    CERTIFIED_ABOVE_STAFF = (
        "certified_above_staff",
        _("More certified staff are declared than staff working at the office."),
    )
    COUNT_INVALID = (
        "count_invalid",
        _("A count or a length must be a whole number."),
    )
    DECLARATION_CLOSED = (
        "declaration_closed",
        _("Self-declarations for the period closed on its declaration deadline."),
    )
    FORMULA_THRESHOLDS_INVALID = (
        "formula_thresholds_invalid",
        _("The grade thresholds must be numbers from 0 to 100, descending from A to D."),
    )
    FORMULA_WEIGHTS_INVALID = (
        "formula_weights_invalid",
        _("The weights must be non-negative, name only known indicators and add up to 100."),
    )
    MINIMUM_GRADE_INVALID = (
        "minimum_grade_invalid",
        _("The lowest grade that may renew a licence is not one of the grades."),
    )
    NEW_GRADE_INVALID = (
        "new_grade_invalid",
        _("An upheld objection needs a grade other than the one the office had."),
    )
    NO_FORMULA_IN_FORCE = (
        "no_formula_in_force",
        _("No grading formula has been adopted by decision yet."),
    )
    NOT_OFFICE_MANAGER = (
        "not_office_manager",
        _("Only the office's manager may do this."),
    )
    OBJECTION_ALREADY_FILED = (
        "objection_already_filed",
        _("An objection to this grade has already been filed; a grade is objected to once."),
    )
    OBJECTION_ALREADY_RULED = (
        "objection_already_ruled",
        _("The objection has already been ruled on."),
    )
    OBJECTION_LATE = (
        "objection_late",
        _("The time to object to the grade has passed."),
    )
    PERIOD_ALREADY_GRADED = (
        "period_already_graded",
        _("The period has already been graded."),
    )
    PERIOD_NOT_ENDED = (
        "period_not_ended",
        _("The period has not ended yet; it is graded after its last day."),
    )
    PERIOD_TRANSITION = (
        "period_transition",
        _("The grading period cannot move to that status."),
    )
    PERIODS_OVERLAP = (
        "periods_overlap",
        _("The period overlaps another grading period."),
    )
    # --- complaints ----------------------------------------------------------------------
    # --- sanctions -----------------------------------------------------------------------
