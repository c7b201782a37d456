"""Writes for the single treasury: payments, deposits and reconciliation, settlements, refunds."""

from daftar.treasury.services.payments import (
    payment_gateway_callback,
    payment_record_pos,
    payment_record_slip,
    payment_start_gateway,
)

__all__ = [
    "payment_gateway_callback",
    "payment_record_pos",
    "payment_record_slip",
    "payment_start_gateway",
]
