"""The stable codes of the errors the workflow engine raises (ADR 0014).

A value never changes once published: partner apps branch on it. Each member carries the
meaning shown in docs/error-codes.md.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class WorkflowErrorCode(ErrorCode):
    ACTION_NOT_ALLOWED = (
        "action_not_allowed",
        _("The action is not available in the file's current state."),
    )
    NOT_YOUR_FILE = "not_your_file", _("The file is not yours to act on.")
    REASON_REQUIRED = "reason_required", _("This action needs a reason.")
