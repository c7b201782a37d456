"""Writes for the single treasury: payments, deposits and reconciliation, settlements, refunds,
penalties."""

from daftar.treasury.services.payments import (
    payment_gateway_callback,
    payment_gateway_return,
    payment_recheck,
    payment_record_pos,
    payment_record_slip,
    payment_start_gateway,
    payments_recheck_pending,
)
from daftar.treasury.services.penalties import penalty_cancel, penalty_record
from daftar.treasury.services.reconciliation import (
    reconciliation_close,
    reconciliation_report,
    statement_import,
    statement_line_resolve,
)
from daftar.treasury.services.refunds import (
    refund_approve,
    refund_pay,
    refund_preview,
    refund_reject,
    refund_request,
    refunds_due,
)
from daftar.treasury.services.settlement import (
    settlement_bank_file,
    settlement_preview,
    settlement_run,
)

__all__ = [
    "payment_gateway_callback",
    "payment_gateway_return",
    "payment_recheck",
    "payment_record_pos",
    "payment_record_slip",
    "payment_start_gateway",
    "payments_recheck_pending",
    "penalty_cancel",
    "penalty_record",
    "reconciliation_close",
    "reconciliation_report",
    "refund_approve",
    "refund_pay",
    "refund_preview",
    "refund_reject",
    "refund_request",
    "refunds_due",
    "settlement_bank_file",
    "settlement_preview",
    "settlement_run",
    "statement_import",
    "statement_line_resolve",
]
