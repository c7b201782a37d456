"""Treasury pages, by concern: paying a file and receipts (`payments`), the daily
reconciliation (`reconciliation`), settlements and penalties (`settlements`), refunds
(`refunds`), and the overviews (`summary`)."""

from daftar.treasury.views.payments import (
    gateway_callback,
    gateway_redirect,
    gateway_sim,
    pay_at_counter,
    pay_online,
    payment_receipt,
    receipt_verify,
    slip,
)
from daftar.treasury.views.psp import psp_transaction, psp_transactions
from daftar.treasury.views.reconciliation import close_day, day, reconciliation, resolve
from daftar.treasury.views.refunds import refund_preview, refunds
from daftar.treasury.views.settlements import (
    penalties,
    settlement,
    settlement_preview,
    settlements,
)
from daftar.treasury.views.summary import dashboard, office_statement, summary

__all__ = [
    "close_day",
    "dashboard",
    "day",
    "gateway_callback",
    "gateway_redirect",
    "gateway_sim",
    "office_statement",
    "pay_at_counter",
    "pay_online",
    "payment_receipt",
    "penalties",
    "psp_transaction",
    "psp_transactions",
    "receipt_verify",
    "reconciliation",
    "refund_preview",
    "refunds",
    "resolve",
    "settlement",
    "settlement_preview",
    "settlements",
    "slip",
    "summary",
]
