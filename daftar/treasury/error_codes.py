"""The stable codes of the errors treasury raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it. Each member carries the
meaning shown in docs/error-codes.md.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class TreasuryErrorCode(ErrorCode):
    ACTOR_NOT_ALLOWED = (
        "actor_not_allowed",
        _("A system job or partner app may not do this treasury operation."),
    )
    ALREADY_PAID = "already_paid", _("The file has already been paid.")
    ALREADY_RESOLVED = "already_resolved", _("The bank line is already explained.")
    AMOUNT_MISMATCH = "amount_mismatch", _("The amount does not match the amount due.")
    AMOUNT_NOT_WHOLE_RIALS = (
        "amount_not_whole_rials",
        _("An amount is not a whole number of rials."),
    )
    DAY_CLOSED = "day_closed", _("The day's reconciliation is already closed.")
    ENTRY_TOO_SHORT = "entry_too_short", _("A journal entry needs at least two postings.")
    GATEWAY_UNAVAILABLE = (
        "gateway_unavailable",
        _("The bank's payment gateway did not answer or refused to start the payment."),
    )
    INVALID_AMOUNT = "invalid_amount", _("The amount is not a positive whole number of rials.")
    NO_SHEBA = "no_sheba", _("The office has no Sheba number to be paid to.")
    NO_STATEMENT = "no_statement", _("No bank statement has been imported for the day.")
    NOT_MATCHING = "not_matching", _("The payment named is not a confirmed payment of this amount.")
    NOT_PAYABLE = "not_payable", _("The file is not waiting for payment.")
    NOT_REFUNDABLE = "not_refundable", _("The payment cannot be refunded.")
    NOT_TREASURY = "not_treasury", _("Only a treasury officer may do this.")
    NOT_YOUR_TERMINAL = "not_your_terminal", _("The POS terminal belongs to another office.")
    OFFICE_FEE_WITHOUT_OFFICE = (
        "office_fee_without_office",
        _("An office fee share needs the office."),
    )
    OPENING_MISMATCH = (
        "opening_mismatch",
        _("The statement's opening balance does not follow the previous closing balance."),
    )
    OVERLAP = "overlap", _("Another settlement already covers part of the period.")
    PAYMENT_TRANSITION = "payment_transition", _("The payment cannot move to that status.")
    PAYMENTS_CHANGED = (
        "payments_changed",
        _("The payments changed while the statement was imported; import it again."),
    )
    PAYOUT_BEFORE_PERIOD_END = (
        "payout_before_period_end",
        _("The payout date is not after the period's end."),
    )
    PENALTY_ALREADY_CANCELLED = (
        "penalty_already_cancelled",
        _("The penalty has already been cancelled."),
    )
    PENALTY_NOT_POSITIVE = "penalty_not_positive", _("The penalty is not more than zero rials.")
    PENALTY_TOO_LARGE = (
        "penalty_too_large",
        _("The penalty is larger than any the treasury accepts."),
    )
    PERIOD_NOT_PAST = "period_not_past", _("The settlement period includes today or a later day.")
    PERIOD_REVERSED = "period_reversed", _("The period ends before it starts.")
    REFUND_STATE = "refund_state", _("The refund is not in a state that allows this.")
    UNBALANCED = (
        "unbalanced",
        _("The journal entry does not balance, or the books and the bank disagree."),
    )
    UNKNOWN_ACCOUNT = "unknown_account", _("The ledger account does not exist.")
    UNKNOWN_PAYMENT = "unknown_payment", _("The payment is not known.")
    UNRESOLVED = "unresolved", _("Bank lines of the day are still unexplained.")
    WRONG_ACCOUNT = "wrong_account", _("The statement is for another bank account.")
    STATEMENT_INVALID = (
        "statement_invalid",
        _("The bank statement has malformed lines, each listed; nothing was imported."),
    )
