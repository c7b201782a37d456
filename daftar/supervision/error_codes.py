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
    ACTION_DUE_NOT_FUTURE = (
        "action_due_not_future",
        _("A corrective action's deadline must be after today."),
    )
    CHECKLIST_CITES_DRAFT = (
        "checklist_cites_draft",
        _("A checklist item may only cite adopted bylaw text."),
    )
    CHECKLIST_EMPTY = (
        "checklist_empty",
        _("A checklist version without items cannot be adopted."),
    )
    CHECKLIST_WRONG_KIND = (
        "checklist_wrong_kind",
        _("The checklist does not fit the kind of inspection (mystery shopper or not)."),
    )
    CHECKLIST_ITEM_INVALID = (
        "checklist_item_invalid",
        _("A checklist item's evidence, severity or declaration field is not allowed."),
    )
    CONFLICT_OF_INTEREST = (
        "conflict_of_interest",
        _("The inspector has declared a conflict of interest with the office."),
    )
    FINDING_NOT_OPEN = (
        "finding_not_open",
        _("The finding has already been answered or closed."),
    )
    INSPECTION_CLOSED = (
        "inspection_closed",
        _("The inspection has already been submitted or cancelled."),
    )
    INSPECTION_KIND_INVALID = (
        "inspection_kind_invalid",
        _("Only unannounced, mystery-shopper and follow-up inspections are scheduled one by one."),
    )
    INSPECTION_INCOMPLETE = (
        "inspection_incomplete",
        _("Some checklist items are not answered yet."),
    )
    ITEM_NOT_IN_CHECKLIST = (
        "item_not_in_checklist",
        _("The item is not in the inspection's checklist version."),
    )
    LOCATION_INVALID = (
        "location_invalid",
        _("The check-in location is not a valid latitude and longitude."),
    )
    MYSTERY_FILE_NOT_AT_OFFICE = (
        "mystery_file_not_at_office",
        _("No file with that tracking code was filed at the inspected office."),
    )
    NO_ADOPTED_CHECKLIST = (
        "no_adopted_checklist",
        _("No checklist version of the needed kind is adopted yet."),
    )
    NO_INSPECTOR_AVAILABLE = (
        "no_inspector_available",
        _("No inspector may be assigned (rotation and declared conflicts rule them all out)."),
    )
    NOT_AN_INSPECTOR = (
        "not_an_inspector",
        _("The person chosen is not an inspector."),
    )
    NOT_CHECKED_IN = (
        "not_checked_in",
        _("The inspector must check in at the office first."),
    )
    NOT_FOLLOW_UP = (
        "not_follow_up",
        _("Only a follow-up inspection checks corrective actions."),
    )
    NOT_THE_INSPECTOR = (
        "not_the_inspector",
        _("Only the inspector assigned to the inspection may do this."),
    )
    PHOTO_TOO_LARGE = (
        "photo_too_large",
        _("The photo is larger than allowed."),
    )
    PHOTO_UNREADABLE = (
        "photo_unreadable",
        _("The photo is not a JPEG or PNG image."),
    )
    PLAN_EXISTS = (
        "plan_exists",
        _("The quarter already has an inspection plan."),
    )
    REPORT_NOT_SUBMITTED = (
        "report_not_submitted",
        _("The inspection has no submitted report to correct."),
    )
    SCHEDULED_IN_PAST = (
        "scheduled_in_past",
        _("An inspection cannot be scheduled for a day that has passed."),
    )
    RESPONSE_DEADLINE_PASSED = (
        "response_deadline_passed",
        _("The office's window to respond to the finding has closed."),
    )
    # --- declarations and grading --------------------------------------------------------
    # --- complaints ----------------------------------------------------------------------
    # --- sanctions -----------------------------------------------------------------------
