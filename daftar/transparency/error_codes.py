"""The stable codes of the errors transparency raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it. Grouped by area (portal and
aggregates, open data, council reports, issued documents); keep each group alphabetical.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class TransparencyErrorCode(ErrorCode):
    # --- portal and aggregates -----------------------------------------------------------
    DISTRICT_UNKNOWN = (
        "district_unknown",
        _("There is no such district: Tehran's districts are numbered 1 to 22."),
    )
    INDICATOR_UNKNOWN = (
        "indicator_unknown",
        _("There is no such indicator for the map."),
    )
    PERIOD_IN_FUTURE = (
        "period_in_future",
        _("The period ends after today: figures of the future do not exist yet."),
    )
    PERIOD_INVALID = (
        "period_invalid",
        _("The period is not valid: its start must not be after its end."),
    )
    PERIOD_TOO_LONG = (
        "period_too_long",
        _("The period is too long for the portal."),
    )
    # --- open data -----------------------------------------------------------------------
    OPEN_DATA_DAY_NOT_ENDED = (
        "open_data_day_not_ended",
        _("Open data is published for a day that has ended: the day must be before today."),
    )
    OPEN_DATA_NOT_ALLOWED = (
        "open_data_not_allowed",
        _("Only a system administrator or the nightly job may publish the open data."),
    )
    # --- council reports -----------------------------------------------------------------
    REPORT_NOT_ALLOWED = (
        "report_not_allowed",
        _(
            "Only council members, the steering committee, auditors and the supervision unit "
            "may request council reports."
        ),
    )
    REPORT_PERIOD_FUTURE = (
        "report_period_future",
        _("The period must end before today: a report covers days that are over."),
    )
    REPORT_PERIOD_REVERSED = (
        "report_period_reversed",
        _("The period's end is before its start."),
    )
    REPORT_PERIOD_TOO_LONG = (
        "report_period_too_long",
        _("A report covers at most a year (366 days); choose a shorter period."),
    )
    # --- issued documents ----------------------------------------------------------------
    DOCUMENT_ALREADY_REVOKED = (
        "document_already_revoked",
        _("The document was already revoked; a document is revoked once."),
    )
    DOCUMENT_FILE_NOT_APPROVED = (
        "document_file_not_approved",
        _("The file has not been approved, so it has no outcome document to issue."),
    )
    DOCUMENT_HASH_INVALID = (
        "document_hash_invalid",
        _("A SHA-256 fingerprint is 64 characters, the digits 0-9 and the letters a-f."),
    )
    DOCUMENT_NO_TEMPLATE = (
        "document_no_template",
        _("The service has no outcome document template in force."),
    )
    DOCUMENT_NOT_REVOKER = (
        "document_not_revoker",
        _("Only the file's department (or, for a receipt, the treasury) may revoke a document."),
    )
    DOCUMENT_REVOCATION_REASON_REQUIRED = (
        "document_revocation_reason_required",
        _("Write the reason for the revocation: the verification page shows it."),
    )
    DOCUMENT_TEMPLATE_INVALID = (
        "document_template_invalid",
        _("The outcome document template is not valid (the field says what is wrong)."),
    )
