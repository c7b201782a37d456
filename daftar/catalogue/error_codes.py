"""The stable codes of the errors catalogue raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it. Each member carries the
meaning shown in docs/error-codes.md.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class CatalogueErrorCode(ErrorCode):
    DEPARTMENT_HEAD_TAKEN = (
        "department_head_taken",
        _("The department already has a head; remove their head flag first."),
    )
    DEPARTMENT_MEMBERS_NOT_ADMINISTERED = (
        "department_members_not_administered",
        _("Only a system administrator places reviewers in departments."),
    )
    FORM_INVALID = (
        "form_invalid",
        _("Some fields of the service's form are not valid; each is named."),
    )
    DEFINITION_INVALID = (
        "definition_invalid",
        _("A service draft's attribute, form field or document is not valid; it is named."),
    )
    DRAFT_NOT_OPEN = (
        "draft_not_open",
        _("The draft was published or discarded already; start a new draft."),
    )
    FIELD_READ_BY_TARIFF = (
        "field_read_by_tariff",
        _("The draft removes or changes a field a tariff in force or to come reads."),
    )
    FORMULA_INVALID = "formula_invalid", _("The tariff formula is not valid.")
    NO_TARIFF = "no_tariff", _("No tariff is in force for the service on that date.")
    SERVICE_CODE_TAKEN = "service_code_taken", _("Another service already has that code.")
    SPLIT_BENEFICIARY_REPEATED = "split_beneficiary_repeated", _("A beneficiary is listed twice.")
    SPLIT_SHARE_INVALID = (
        "split_share_invalid",
        _("A beneficiary's share is not a whole, non-negative number of basis points."),
    )
    SPLITS_EMPTY = "splits_empty", _("A tariff lists no beneficiary.")
    SPLITS_TOTAL = (
        "splits_total",
        _("The shares do not add up to 10,000 basis points (100 per cent)."),
    )
    SPLITS_WITHOUT_REVENUE_HEAD = (
        "splits_without_revenue_head",
        _("No municipal revenue head receives a share."),
    )
    TARIFF_DRAFT_STATE = (
        "tariff_draft_state",
        _("The tariff draft is not in the state this step needs (editable, sent, adopted)."),
    )
    TARIFF_RETROACTIVE = (
        "tariff_retroactive",
        _("A tariff is dated in the past, or today while another tariff is in force."),
    )
    TARIFF_OVERLAP = "tariff_overlap", _("The tariff's period overlaps another version's.")
    UNKNOWN_BENEFICIARY = (
        "unknown_beneficiary",
        _("A beneficiary is not a revenue head, the office fee or a named other."),
    )
