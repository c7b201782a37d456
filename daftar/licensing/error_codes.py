"""The stable codes of the errors licensing raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it. Each member carries the
meaning shown in docs/error-codes.md.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class LicensingErrorCode(ErrorCode):
    AGE_RANGE = (
        "age_range",
        _("A call's age range is not within 18 to 100 with its minimum at most its maximum."),
    )
    AGREEMENT_LAPSED = "agreement_lapsed", _("The agreement in principle has lapsed.")
    AGREEMENT_TRANSITION = (
        "agreement_transition",
        _("The agreement in principle cannot move to that status."),
    )
    ALREADY_AWARDED = "already_awarded", _("The applicant has already been awarded.")
    ALREADY_RULED = "already_ruled", _("The objection has already been ruled on.")
    BIRTH_DATE_INVALID = "birth_date_invalid", _("A date of birth is not a date in the past.")
    CALL_CODE_FORMAT = "call_code_format", _("A call number looks like 1404-1.")
    CALL_TRANSITION = "call_transition", _("The call cannot move to that status.")
    CALL_WRONG_STATE = "call_wrong_state", _("The call is not in the stage this needs.")
    CORRECTION_WITHOUT_UPHOLDING = (
        "correction_without_upholding",
        _("A score is corrected only when the objection is upheld."),
    )
    DISTRICT_NOT_IN_CALL = "district_not_in_call", _("The district is not part of this call.")
    DISTRICT_WITHOUT_QUOTA = "district_without_quota", _("The district has no quota in this call.")
    DOCUMENT_KIND_REPEATED = (
        "document_kind_repeated",
        _("A document type is required more than once, or is unknown."),
    )
    DOCUMENT_NOT_REQUESTED = "document_not_requested", _("The call does not ask for this document.")
    DOCUMENT_REPLACED = "document_replaced", _("The document has been replaced by a newer upload.")
    DUPLICATE_APPLICATION = (
        "duplicate_application",
        _("The applicant has already applied to this call."),
    )
    DUPLICATE_DISTRICT = (
        "duplicate_district",
        _("A district is listed twice among the preferences."),
    )
    DUPLICATE_OBJECTION = "duplicate_objection", _("The applicant has already objected.")
    FILE_ENCODING = "file_encoding", _("The file is not CSV text in UTF-8.")
    LICENCE_BEFORE_AWARD = (
        "licence_before_award",
        _("A licence cannot be issued before the agreement in principle."),
    )
    NO_QUOTA = "no_quota", _("No district of the call has a quota.")
    NOT_ELIGIBLE = "not_eligible", _("The applicant is not eligible.")
    NOT_RANKED = "not_ranked", _("The applicant is not in the published ranking.")
    OBJECTION_WINDOW_CLOSED = "objection_window_closed", _("The period for objections has ended.")
    OBJECTIONS_PENDING = "objections_pending", _("Objections are still waiting for a ruling.")
    OBJECTIONS_STILL_OPEN = "objections_still_open", _("The period for objections is still open.")
    OUT_OF_RANK_ORDER = "out_of_rank_order", _("Awards must follow the ranking's order.")
    QUOTA_EXCEEDED = "quota_exceeded", _("The district's quota is already filled.")
    REGISTRATION_CLOSED = "registration_closed", _("Registration for the call has closed.")
    REGISTRATION_NOT_OPEN = "registration_not_open", _("Registration for the call has not opened.")
    REGISTRATION_STILL_OPEN = (
        "registration_still_open",
        _("Registration for the call is still open."),
    )
    REVIEWS_PENDING = "reviews_pending", _("Applications are still waiting for review.")
    SCORE_FORMAT = "score_format", _("A score is not a number with at most two decimal places.")
    SCORE_ROW_INVALID = (
        "score_row_invalid",
        _("A row of exam scores is not valid (the field says which part)."),
    )
    SCORES_MISSING = "scores_missing", _("Some eligible applicants have no score yet.")
    SETUP_DEADLINE_BEFORE_AWARD = (
        "setup_deadline_before_award",
        _("The deadline to set up the office is not after the decision."),
    )
    TIMETABLE_ORDER = "timetable_order", _("The call's dates are not in order.")
    TIMETABLE_PAST = "timetable_past", _("A date of the call's timetable is in the past.")
    TM_IS_APPLICANT = "tm_is_applicant", _("The technical manager cannot be the applicant.")
    TOO_MANY_DISTRICTS = "too_many_districts", _("More districts are listed than the call allows.")
    TOO_PRECISE = "too_precise", _("A number has more decimal places than allowed.")
    UNKNOWN_DEGREE = "unknown_degree", _("The degree is not one of the known levels.")
    UNKNOWN_DEGREE_FIELD = (
        "unknown_degree_field",
        _("The field of study is not one of the known fields."),
    )
    INELIGIBLE = (
        "ineligible",
        _("The application fails one or more eligibility rules; each reason is given."),
    )
    SCORE_IMPORT_REJECTED = (
        "score_import_rejected",
        _("The scores file has bad rows, each listed; nothing was imported."),
    )
