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
    ANONYMOUS_NOT_ALLOWED = (
        "anonymous_not_allowed",
        _("Complaints of this category cannot be filed anonymously (the rule in force says so)."),
    )
    APPEAL_ALREADY_FILED = (
        "appeal_already_filed",
        _("A ruling may be appealed once; this complaint's ruling has been appealed already."),
    )
    APPEAL_DEADLINE_PASSED = (
        "appeal_deadline_passed",
        _("The time to appeal the ruling (working days after it) has passed."),
    )
    APPEAL_NOT_PENDING = (
        "appeal_not_pending",
        _("The complaint has no appeal awaiting the committee."),
    )
    CITATION_INVALID = (
        "citation_invalid",
        _("A cited note is not one of the cited article's notes."),
    )
    CITATION_REQUIRED = (
        "citation_required",
        _("An upheld ruling must cite at least one article of the bylaw in force."),
    )
    COMPLAINANT_UNKNOWN = (
        "complainant_unknown",
        _("No verified citizen account has the national code and mobile given."),
    )
    COMPLAINT_CHOICE_UNKNOWN = (
        "complaint_choice_unknown",
        _("A category, channel, severity or kind of evidence that does not exist was given."),
    )
    COMPLAINT_NOT_OPEN = (
        "complaint_not_open",
        _("The complaint is not at a step where this can be done."),
    )
    COMPLAINT_SUBJECT_REQUIRED = (
        "complaint_subject_required",
        _("A complaint names the office or the file it is about."),
    )
    EVIDENCE_NOT_FOUND = (
        "evidence_not_found",
        _("The entry chosen as evidence is not about the complaint's file or office."),
    )
    FILE_NOT_AT_OFFICE = (
        "file_not_at_office",
        _("The file named in a complaint was taken at another office than the one named."),
    )
    FILE_NOT_YOURS = (
        "file_not_yours",
        _("The file named in a complaint must be the complainant's own."),
    )
    NOT_COMPLAINANT = (
        "not_complainant",
        _("Only the complainant may do this."),
    )
    NO_COMPLAINT_RULE = (
        "no_complaint_rule",
        _("No complaint rule is in force for this category yet."),
    )
    OFFICE_NOT_OPERABLE = (
        "office_not_operable",
        _("The operator's office is not active with a licence in force."),
    )
    RATED_ALREADY = (
        "rated_already",
        _("The complainant's satisfaction has been recorded already."),
    )
    REOPEN_LIMIT = (
        "reopen_limit",
        _("A complaint may be reopened at most twice."),
    )
    REOPEN_WINDOW_PASSED = (
        "reopen_window_passed",
        _("A complaint may be reopened within 30 days of its closing; that time has passed."),
    )
    RULE_DAYS_INCONSISTENT = (
        "rule_days_inconsistent",
        _("A complaint rule gives more working days to triage than to rule."),
    )
    STAFF_NOT_ON_FILE = (
        "staff_not_on_file",
        _("The staff member complained about must be the operator who took the file."),
    )
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
