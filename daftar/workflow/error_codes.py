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
    WORKFLOW_NOT_CATALOGUE_ADMIN = (
        "workflow_not_catalogue_admin",
        _("Only the catalogue team edits and publishes workflows."),
    )
    WORKFLOW_NOT_A_DRAFT = (
        "workflow_not_a_draft",
        _("A published workflow version cannot be changed; edit a new draft of it."),
    )
    WORKFLOW_DRAFT_EXISTS = (
        "workflow_draft_exists",
        _("The workflow already has a draft; edit that draft or publish it first."),
    )
    WORKFLOW_INVALID = (
        "workflow_invalid",
        _("The workflow draft has problems (listed) and cannot be published yet."),
    )
    WORKFLOW_STATE_IN_USE = (
        "workflow_state_in_use",
        _("The state still has actions leading to or from it; remove those first."),
    )
    WORKFLOW_DUPLICATE_CODE = (
        "workflow_duplicate_code",
        _("The code is already used in this workflow (or, for a workflow, by another one)."),
    )
    WORKFLOW_UNKNOWN_DEPARTMENT = "workflow_unknown_department", _("No department has this code.")
