"""The stable codes of the errors cases raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it. Each member carries the
meaning shown in docs/error-codes.md.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class CasesErrorCode(ErrorCode):
    ALREADY_DONE = "already_done", _("The call-back has already been done.")
    ALREADY_RATED = "already_rated", _("The file has already been rated.")
    ALREADY_SUBMITTED = "already_submitted", _("The file has already been submitted.")
    CHANNEL_NOT_ALLOWED = (
        "channel_not_allowed",
        _("The service is not offered through this channel."),
    )
    DOCUMENT_MISSING = "document_missing", _("A required document is missing.")
    FILE_NOT_EDITABLE = "file_not_editable", _("The file can no longer be changed.")
    NOT_CLOSED = "not_closed", _("The file is not closed yet.")
    NOT_YOUR_OFFICE = "not_your_office", _("The file belongs to another office.")
    OFFICE_NOT_AUTHORISED = (
        "office_not_authorised",
        _("The office is not authorised to deliver this service."),
    )
    OFFICE_REQUIRED = "office_required", _("An office is required for a counter file.")
    PARTNER_REQUIRED = "partner_required", _("A partner app is required for this channel.")
    SCORE_OUT_OF_RANGE = "score_out_of_range", _("A rating is a whole number from 1 to 5.")
    SERVICE_INACTIVE = "service_inactive", _("The service is not active.")
    UNKNOWN_DOCUMENT = "unknown_document", _("The service does not ask for this document.")
    NOT_DEPARTMENT_HEAD = (
        "not_department_head",
        _("Only the head of the department handling the file assigns it."),
    )
    NOT_A_REVIEWER_HERE = (
        "not_a_reviewer_here",
        _("The person is not a reviewer of the department handling the file."),
    )
    FILE_NOT_IN_DEPARTMENT = (
        "file_not_in_department",
        _("The file is not waiting in a department, so it cannot be assigned."),
    )
    SIGN_OFF_PENDING = (
        "sign_off_pending",
        _("The file waits for other departments' sign-off before it can move on."),
    )
