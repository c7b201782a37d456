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
    # --- complaints ----------------------------------------------------------------------
    # --- sanctions -----------------------------------------------------------------------
    LADDER_INVALID = (
        "ladder_invalid",
        _("The sanction ladder's steps do not make a ladder (the reasons say which step)."),
    )
    LADDER_MISSING = (
        "ladder_missing",
        _("No sanction ladder is in force, so no sanction can be proposed."),
    )
    LADDER_NO_STEP = (
        "ladder_no_step",
        _("No step of the ladder in force applies to this violation."),
    )
    LADDER_TERMS_INVALID = (
        "ladder_terms_invalid",
        _("The ladder's window or appeal time is not a whole number of days in range."),
    )
    NOT_COMMITTEE_SECRETARY = (
        "not_committee_secretary",
        _("Only the steering committee's secretary may record the committee's decision."),
    )
    NOT_OFFICE_MANAGER = (
        "not_office_manager",
        _("Only the manager of the sanctioned office may do this."),
    )
    SANCTION_APPEAL_CLOSED = (
        "sanction_appeal_closed",
        _("The time to appeal the sanction has passed."),
    )
    SANCTION_APPEAL_TAKEN = (
        "sanction_appeal_taken",
        _("The sanction has already been appealed; it can be appealed only once."),
    )
    SANCTION_OPEN = (
        "sanction_open",
        _("A sanction on this complaint or finding is already proposed or in force."),
    )
    SANCTION_SOURCE_INVALID = (
        "sanction_source_invalid",
        _("A sanction needs an upheld complaint about an office or an unresolved finding."),
    )
    SANCTION_STATE = (
        "sanction_state",
        _("The sanction is not in the state this action needs."),
    )
