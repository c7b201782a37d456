from daftar.treasury.models.ledger import Account, JournalEntry, Posting
from daftar.treasury.models.payments import (
    GatewayTransaction,
    Payment,
    PspTransaction,
    Receipt,
    Refund,
)
from daftar.treasury.models.penalties import Penalty, PenaltyDeduction
from daftar.treasury.models.reconciliation import (
    ReconciliationDay,
    StatementImport,
    StatementLine,
)
from daftar.treasury.models.settlement import Settlement, SettlementLine

__all__ = [
    "Account",
    "GatewayTransaction",
    "JournalEntry",
    "Payment",
    "Penalty",
    "PenaltyDeduction",
    "Posting",
    "PspTransaction",
    "Receipt",
    "ReconciliationDay",
    "Refund",
    "Settlement",
    "SettlementLine",
    "StatementImport",
    "StatementLine",
]
