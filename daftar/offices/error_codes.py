"""The stable codes of the errors offices raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it. Each member carries the
meaning shown in docs/error-codes.md.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class OfficesErrorCode(ErrorCode):
    ALREADY_AUTHORISED = (
        "already_authorised",
        _("The office is already authorised for this service domain."),
    )
    ALREADY_EMPLOYED = "already_employed", _("The person already works at an office.")
    ALREADY_LEFT = "already_left", _("The person has already left the office.")
    ALREADY_LICENSED = (
        "already_licensed",
        _("An active licence already exists (for the office, or for the applicant's agreement)."),
    )
    CERTIFICATE_EXPIRY_BEFORE_ISSUE = (
        "certificate_expiry_before_issue",
        _("The certificate expires on or before its issue date."),
    )
    COUNTERS_OUT_OF_RANGE = "counters_out_of_range", _("An office has at least one counter.")
    DISTRICT_REQUIRED = "district_required", _("The district is required.")
    HOURS_CLOSING_BEFORE_OPENING = (
        "hours_closing_before_opening",
        _("A closing time is not after its opening time."),
    )
    LEFT_BEFORE_HIRED = "left_before_hired", _("The leaving date is before the hiring date.")
    LICENCE_NOT_ACTIVE = "licence_not_active", _("The licence is not active.")
    LICENCE_TERM_OUT_OF_RANGE = (
        "licence_term_out_of_range",
        _("A licence term is not between 1 and 10 years."),
    )
    MULTI_LICENCE_NOT_ALLOWED = (
        "multi_licence_not_allowed",
        _("The licensee may not hold another licence."),
    )
    NO_LICENCE = "no_licence", _("The office holds no active licence.")
    NOT_AUTHORISABLE = (
        "not_authorisable",
        _("The office may not be authorised for a new service domain now (its grade is too low)."),
    )
    NOT_CURRENT = "not_current", _("The person no longer works at the office.")
    NOT_ELIGIBLE_FOR_DOMAIN = (
        "not_eligible_for_domain",
        _("The office may not deliver services of this domain."),
    )
    OFFICE_TERMINATED = "office_terminated", _("The office is revoked or closed.")
    OFFICE_TRANSITION = "office_transition", _("The office cannot move to that status.")
    ONE_LICENCE_PER_PERSON = "one_licence_per_person", _("A person may hold one licence only.")
    RENEWAL_TERM_OUT_OF_RANGE = (
        "renewal_term_out_of_range",
        _("A renewal is not between 1 and 10 years."),
    )
    RENEWAL_BLOCKED = (
        "renewal_blocked",
        _("The office may not renew its licence now (its latest grade is too low)."),
    )
    REPLAYED = "replayed", _("The terminal's heartbeat was already received.")
    STALE_TIMESTAMP = "stale_timestamp", _("The terminal's clock is too far from the server's.")
    SUB_DISTRICT_NOT_IN_DISTRICT = (
        "sub_district_not_in_district",
        _("The sub-district is not in the chosen district."),
    )
    TIMESTAMP_FORMAT = (
        "timestamp_format",
        _("The X-Timestamp header is not Unix time in milliseconds."),
    )
    TRANSFER_TO_SAME_LICENSEE = (
        "transfer_to_same_licensee",
        _("The licence already belongs to this licensee."),
    )
    UNKNOWN_TERMINAL = "unknown_terminal", _("The terminal is unknown or inactive.")
    UNKNOWN_WEEKDAY = "unknown_weekday", _("A weekday is not between 0 and 6.")
    WEEKDAY_REPEATED = "weekday_repeated", _("A weekday appears more than once in the hours.")
    WITHDRAWN = "withdrawn", _("The authorisation has been withdrawn.")
    # The working calendar: holidays, office hours and closures (issue 17, item 4)
    CALENDAR_KEEPERS_ONLY = (
        "calendar_keepers_only",
        _("Only the catalogue and system administrators keep the holiday calendar."),
    )
    HOLIDAY_EXISTS = "holiday_exists", _("The day is already a holiday.")
    HOLIDAY_IN_PAST = "holiday_in_past", _("The day has passed; past days stay as they were.")
    HOLIDAY_NOT_FOUND = "holiday_not_found", _("The day is not a holiday.")
    HOLIDAY_YEAR_UNKNOWN = (
        "holiday_year_unknown",
        _("The year has no official calendar of holidays yet."),
    )
    HOLIDAY_NAME_REQUIRED = "holiday_name_required", _("A holiday needs its Persian name.")
    HOURS_KEEPERS_ONLY = (
        "hours_keepers_only",
        _("Only the office's manager and the supervision unit change its hours and closures."),
    )
    CLOSURE_EXISTS = "closure_exists", _("The office is already closed that day.")
    CLOSURE_IN_PAST = "closure_in_past", _("The day has passed; a closure is for today or later.")
    CLOSURE_NOT_FOUND = "closure_not_found", _("The office has no closure that day.")
    CLOSURE_REASON_REQUIRED = "closure_reason_required", _("A closure needs its reason.")
    CERTIFICATE_COURSE_REQUIRED = (
        "certificate_course_required",
        _("The training course of the certificate is missing."),
    )
    DEPARTMENT_REQUIRED = (
        "department_required",
        _("A department reviewer needs a department."),
    )
    DEPARTMENT_WITHOUT_REVIEWER_ROLE = (
        "department_without_reviewer_role",
        _("A department is given to someone who is not a department reviewer."),
    )
    EXAM_SCORE_BELOW_PASS = (
        "exam_score_below_pass",
        _("The exam score is below the pass mark: no certificate is granted."),
    )
    EXAM_SCORE_OUT_OF_RANGE = "exam_score_out_of_range", _("An exam score is between 0 and 100.")
    PROPOSER_NOT_MANAGER = (
        "proposer_not_manager",
        _("Only the manager of an office proposes its staff."),
    )
    NOT_STAFF_ADMINISTRATOR = (
        "not_staff_administrator",
        _("Only a system administrator administers staff accounts."),
    )
    NOT_TRAINING_UNIT = (
        "not_training_unit",
        _(
            "Only the supervision unit (the training unit) records certifications and decides "
            "staff proposals."
        ),
    )
    STAFF_OFFICE_REQUIRED = (
        "staff_office_required",
        _("An office role needs an office and a staff role."),
    )
    OFFICE_WITHOUT_OFFICE_ROLE = (
        "office_without_office_role",
        _("An office is given to someone without an office role."),
    )
    PROPOSAL_DECIDED = "proposal_decided", _("The staff proposal has already been decided.")
    PROPOSAL_PENDING_EXISTS = (
        "proposal_pending_exists",
        _("A proposal for this national code is already waiting for a decision."),
    )
    STAFF_ROLE_MISMATCH = (
        "staff_role_mismatch",
        _("The staff role at the office does not match the person's roles."),
    )
    # Staff leave: who is not on duty, which bookable capacity respects (ADR 0036)
    LEAVE_NOT_MANAGER = (
        "leave_not_manager",
        _("Only the manager of the office records and cancels its staff's leave."),
    )
    LEAVE_STAFF_LEFT = (
        "leave_staff_left",
        _("The person has left the office; leave is recorded for current staff only."),
    )
    LEAVE_LAST_BEFORE_FIRST = (
        "leave_last_before_first",
        _("The last day of a leave is before its first day."),
    )
    LEAVE_IN_PAST = (
        "leave_in_past",
        _("A leave starts today or later; past days stay as they were."),
    )
    LEAVE_TOO_LONG = "leave_too_long", _("A leave is recorded for at most a year at a time.")
    LEAVE_OVERLAPS = (
        "leave_overlaps",
        _("The person already has a leave on some of these days."),
    )
    LEAVE_REASON_UNKNOWN = (
        "leave_reason_unknown",
        _("The reason of a leave is not one of the list."),
    )
    LEAVE_CANCELLED = "leave_cancelled", _("The leave has already been cancelled.")
    LEAVE_OVER = "leave_over", _("The leave is over; past leave stays as it was recorded.")
