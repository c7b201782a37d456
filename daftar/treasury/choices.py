from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    BANK = "bank", _("Bank account")
    CLEARING = "clearing", _("Clearing (money on its way to the bank)")
    REVENUE = "revenue", _("Municipal revenue head")
    OFFICE_PAYABLE = "office_payable", _("Fee share owed to an office")
    OTHER_PAYABLE = "other_payable", _("Owed to another beneficiary")
    REFUNDS_PAYABLE = "refunds_payable", _("Refunds owed to citizens")
    SUSPENSE = "suspense", _("Suspense (unexplained bank lines)")


class EntryKind(models.TextChoices):
    COLLECTION = "collection", _("Collection")
    DEPOSIT = "deposit", _("Deposit to the treasury account")
    SUSPENSE = "suspense", _("Unexplained bank line")
    SETTLEMENT = "settlement", _("Settlement to offices")
    REFUND = "refund", _("Refund")
    REVERSAL = "reversal", _("Reversal")
    ADJUSTMENT = "adjustment", _("Adjustment")


class PaymentChannel(models.TextChoices):
    POS = "pos", _("Card at the office (POS)")
    GATEWAY = "gateway", _("Online gateway")
    SLIP = "slip", _("Bank slip")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    DEPOSITED = "deposited", _("Deposited")
    RECONCILED = "reconciled", _("Reconciled")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")
    DISHONOURED = "dishonoured", _("Dishonoured")


COLLECTED = (PaymentStatus.CONFIRMED, PaymentStatus.DEPOSITED, PaymentStatus.RECONCILED)


class MatchStatus(models.TextChoices):
    MATCHED = "matched", _("Matched")
    BANK_ONLY = "bank_only", _("In the bank, not in the ledger")
    AMOUNT_MISMATCH = "amount_mismatch", _("Amounts differ")
    DUPLICATE = "duplicate", _("Duplicate line")


class RefundStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid out")
    REJECTED = "rejected", _("Rejected")


class PspState(models.TextChoices):
    """Where a transaction stands at a real PSP, as Daftar knows it (gateways.mellat)."""

    STARTED = "started", _("Started (token issued)")
    VERIFIED = "verified", _("Verified")
    SETTLED = "settled", _("Settled")
    REVERSED = "reversed", _("Reversed (returned to the card)")
    FAILED = "failed", _("Settlement or reversal refused")


class PspFollowUp(models.TextChoices):
    NONE = "", _("Nothing due")
    SETTLE = "settle", _("Settlement due")
    REVERSE = "reverse", _("Reversal due")
