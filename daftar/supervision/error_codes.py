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
