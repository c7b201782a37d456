"""The stable codes of the errors transparency raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it. Grouped by area (portal and
aggregates, open data, council reports, issued documents); keep each group alphabetical.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class TransparencyErrorCode(ErrorCode):
    # --- portal and aggregates -----------------------------------------------------------
    PERIOD_INVALID = (
        "period_invalid",
        _("The period is not valid: its start must not be after its end."),
    )
    # --- open data -----------------------------------------------------------------------
    # --- council reports -----------------------------------------------------------------
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
