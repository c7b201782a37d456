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
    # --- sanctions -----------------------------------------------------------------------
