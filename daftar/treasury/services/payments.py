"""Collecting a file's fee: card at the office, online gateway, bank slip.

Every collection books, in one balanced entry, the full amount to the channel's clearing account
and the tariff's split to the revenue heads, the office's fee share and other beneficiaries; it
issues exactly one receipt and moves the file on ("pay"). Gateway callbacks are verified
(the adapter checks they belong to a transaction we started — a signature, a matching token —
then a server-to-server check) and are safe to replay. A sale the PSP took but Daftar does not
accept (wrong amount, expired, the bill paid meanwhile, the booking failed) is reversed at the
PSP; an accepted one is settled (ADR 0028).
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections import Counter
from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_nothing_changed, audit_record, audited
from daftar.cases.models import File
from daftar.cases.services import file_apply_action, file_hold_for_payment
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput, NotFound, ServiceUnavailable
from daftar.offices.selectors import office_of_user
from daftar.treasury.choices import COLLECTED, EntryKind, PaymentChannel, PaymentStatus
from daftar.treasury.error_codes import TreasuryErrorCode
from daftar.treasury.gateways import (
    CallbackRejected,
    GatewayState,
    GatewayUnavailable,
    get_gateway,
)
from daftar.treasury.models import Payment, Receipt
from daftar.treasury.permissions import Operation, require_operation
from daftar.treasury.services.ledger import CLEARING, account, beneficiary_account, post_entry

STREAM = "treasury"
logger = logging.getLogger(__name__)
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

_MOVES = {
    PaymentStatus.PENDING: {PaymentStatus.CONFIRMED, PaymentStatus.FAILED, PaymentStatus.CANCELLED},
    PaymentStatus.CONFIRMED: {PaymentStatus.DEPOSITED, PaymentStatus.DISHONOURED},
    PaymentStatus.DEPOSITED: {PaymentStatus.RECONCILED, PaymentStatus.DISHONOURED},
    PaymentStatus.RECONCILED: set(),
    PaymentStatus.FAILED: set(),
    PaymentStatus.CANCELLED: set(),
    PaymentStatus.DISHONOURED: set(),
}


def _code(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def payment_move(payment: Payment, to: PaymentStatus, *, reason: str = "", **fields) -> None:
    """The one place a payment's status changes."""
    if to not in _MOVES[PaymentStatus(payment.status)]:
        raise Conflict(
            _("A payment that is %(status)s cannot become %(to)s."),
            code=TreasuryErrorCode.PAYMENT_TRANSITION,
            params={"status": payment.get_status_display(), "to": to.label},
        )
    payment.status = to
    if reason:
        payment.reason = reason[:300]
    stamp = {
        PaymentStatus.CONFIRMED: "confirmed_at",
        PaymentStatus.DEPOSITED: "deposited_at",
        PaymentStatus.RECONCILED: "reconciled_at",
    }.get(to)
    if stamp:
        fields[stamp] = timezone.now()
    for name, value in fields.items():
        setattr(payment, name, value)
    payment.save(update_fields=["status", "reason", *fields])


def _payable(file: File) -> File:
    """The file, locked, if its bill can be paid now; otherwise a clear refusal."""
    file = file_hold_for_payment(file=file)
    if file.payments.filter(status__in=COLLECTED).exists():
        raise Conflict(_("This bill has already been paid."), code=TreasuryErrorCode.ALREADY_PAID)
    if not file.state.awaiting_payment:
        raise Conflict(
            _("This file is not awaiting payment (it is «%(state)s»)."),
            code=TreasuryErrorCode.NOT_PAYABLE,
            params={"state": file.state.name},
        )
    if file.amount <= 0:
        raise Conflict(_("This file has nothing to pay."), code=TreasuryErrorCode.NOT_PAYABLE)
    return file


def _check_amount(file: File, amount) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise InvalidInput(
            _("The amount must be a positive whole number of rials."),
            code=TreasuryErrorCode.INVALID_AMOUNT,
            field="amount",
        )
    if amount != file.amount:
        raise InvalidInput(
            _("The amount must equal the bill: %(bill)d rials."),
            code=TreasuryErrorCode.AMOUNT_MISMATCH,
            field="amount",
            params={"bill": file.amount},
        )


def _new_payment(file: File, channel: PaymentChannel, actor: Actor, **fields) -> Payment:
    return Payment.objects.create(
        reference=f"PAY-{_code(10)}",
        file=file,
        channel=channel,
        amount=file.amount,
        parts=file.price_parts,
        created_by=actor.label,
        **fields,
    )


def _collect(payment: Payment, *, actor: Actor) -> Receipt:
    """Book the collection, confirm the payment, issue the receipt, move the file on."""
    file = payment.file
    office = payment.office or file.office
    lines = [(account(CLEARING[payment.channel]), payment.amount)]
    lines += [
        (beneficiary_account(name, office=office), -amount)
        for name, amount in payment.parts.items()
        if amount
    ]
    entry = post_entry(
        kind=EntryKind.COLLECTION,
        day=timezone.localdate(),
        memo=f"{payment.reference} file {file.tracking_code}",
        actor_label=actor.label,
        lines=lines,
    )
    payment_move(payment, PaymentStatus.CONFIRMED, collection=entry)
    receipt = Receipt.objects.create(
        payment=payment,
        number=f"R-{payment.pk:09d}",
        verification_code=_code(12),
        issued_at=timezone.now(),
    )
    file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")
    audit_record(
        actor=actor,
        action="payment.confirmed",
        stream=STREAM,
        obj=payment,
        summary=f"{payment.reference} {payment.channel} {payment.amount} rials for "
        f"{file.tracking_code}",
        after={
            "amount": payment.amount,
            "parts": payment.parts,
            "entry": entry.pk,
            "receipt": receipt.number,
        },
    )
    return receipt


@audited
def payment_record_pos(
    *, actor: Actor, file: File, terminal, pos_reference: str, amount: int
) -> Receipt:
    """A card payment at the counter, approved by the office's POS terminal."""
    office = office_of_user(actor.user) if actor.user is not None else None
    if office is None or terminal.office_id != office.pk:
        raise Forbidden(
            _("Record card payments on your own office's terminals."),
            code=TreasuryErrorCode.NOT_YOUR_TERMINAL,
        )
    if not pos_reference.strip():
        raise InvalidInput(
            _("Enter the POS reference printed on the slip."),
            code=CoreErrorCode.REQUIRED,
            field="pos_reference",
        )
    if Payment.objects.filter(terminal=terminal, pos_reference=pos_reference.strip()).exists():
        raise Conflict(
            _("This POS reference is already recorded."),
            code=CoreErrorCode.DUPLICATE,
            field="pos_reference",
        )
    file = _payable(file)
    _check_amount(file, amount)
    payment = _new_payment(
        file,
        PaymentChannel.POS,
        actor,
        office=office,
        terminal=terminal,
        pos_reference=pos_reference.strip(),
    )
    return _collect(payment, actor=actor)


@audited
def payment_record_slip(*, actor: Actor, file: File, bank_reference: str, amount: int) -> Receipt:
    """A bank slip, entered by a treasury officer with the bank's reference."""
    require_operation(actor, Operation.SLIP_RECORD)
    if not bank_reference.strip():
        raise InvalidInput(
            _("Enter the bank reference of the slip."),
            code=CoreErrorCode.REQUIRED,
            field="bank_reference",
        )
    if Payment.objects.filter(
        channel=PaymentChannel.SLIP, bank_reference=bank_reference.strip()
    ).exists():
        raise Conflict(
            _("This slip is already recorded."),
            code=CoreErrorCode.DUPLICATE,
            field="bank_reference",
        )
    file = _payable(file)
    _check_amount(file, amount)
    payment = _new_payment(file, PaymentChannel.SLIP, actor, bank_reference=bank_reference.strip())
    return _collect(payment, actor=actor)


@audited
def payment_start_gateway(*, actor: Actor, file: File, callback_url: str) -> tuple[Payment, str]:
    """Open (or reuse) the one gateway transaction of a bill; returns the payment page URL."""
    file = _payable(file)
    now = timezone.now()
    live = file.payments.filter(
        channel=PaymentChannel.GATEWAY, status=PaymentStatus.PENDING, expires_at__gt=now
    ).first()
    if live is not None:
        audit_nothing_changed()
        return live, get_gateway().resume(token=live.gateway_token)
    token = secrets.token_urlsafe(24)
    payment = _new_payment(
        file,
        PaymentChannel.GATEWAY,
        actor,
        gateway_token=token,
        expires_at=now + datetime.timedelta(minutes=settings.GATEWAY_PAYMENT_TTL_MINUTES),
    )
    try:
        url = get_gateway().start(token=token, amount=payment.amount, callback_url=callback_url)
    except GatewayUnavailable as exc:
        logger.warning("starting gateway payment for %s failed: %s", file.tracking_code, exc)
        raise ServiceUnavailable(
            _(
                "The bank's payment gateway is not answering now; nothing was charged. Try again "
                "in a few minutes, or pay by card at an office."
            ),
            code=TreasuryErrorCode.GATEWAY_UNAVAILABLE,
        ) from None
    audit_record(
        actor=actor,
        action="payment.started",
        stream=STREAM,
        obj=payment,
        after={"channel": "gateway", "amount": payment.amount},
    )
    return payment, url


@audited
def payment_gateway_callback(
    *, token: str, status: str, amount: str, bank_reference: str, signature: str
) -> Payment:
    """The simulated gateway's callback, by its fields (kept for its callers and tests)."""
    return payment_gateway_return(
        data={
            "token": token,
            "status": status,
            "amount": amount,
            "ref": bank_reference,
            "sig": signature,
        }
    )


@audited
def payment_gateway_return(*, data: Mapping[str, str]) -> Payment:
    """The gateway sends the citizen back with its answer (`data`: the callback's query or
    form fields). The adapter checks the answer is the PSP's for a transaction we started;
    then verify, and confirm once; replays change nothing. When the PSP does not answer the
    verification the payment stays pending and the re-check job settles it."""
    gateway = get_gateway()
    try:
        answer = gateway.read_callback(data)
    except CallbackRejected as exc:
        logger.warning("gateway callback refused: %s", exc)
        raise Forbidden(
            _("The gateway's answer is not signed correctly."), code=CoreErrorCode.BAD_SIGNATURE
        ) from None
    payment = Payment.objects.select_for_update().filter(gateway_token=answer.token).first()
    if payment is None:
        raise NotFound(_("Unknown payment."), code=TreasuryErrorCode.UNKNOWN_PAYMENT)
    actor = Actor.system("gateway")
    if payment.status != PaymentStatus.PENDING:
        audit_nothing_changed()  # a replayed or late callback: the first answer stands
        return payment
    if not answer.paid:
        to = PaymentStatus.CANCELLED if answer.cancelled else PaymentStatus.FAILED
        reason = "cancelled at the gateway" if answer.cancelled else "declined at the gateway"
        if answer.detail:
            reason = f"{reason} ({answer.detail})"
        payment_move(payment, to, reason=reason)
        audit_record(actor=actor, action=f"payment.{to}", stream=STREAM, obj=payment)
        return payment
    try:
        return _settle_paid_at_gateway(
            payment, amount=answer.amount, bank_reference=answer.bank_reference, actor=actor
        )
    except GatewayUnavailable as exc:
        # Nothing booked; what the adapter learnt (the PSP's reference) is kept with this
        # audit entry so that the re-check can ask the PSP about the sale.
        logger.warning("verifying gateway payment %s failed: %s", payment.reference, exc)
        audit_record(
            actor=actor,
            action="payment.verify_deferred",
            stream=STREAM,
            obj=payment,
            after={"reason": str(exc)[:200], "bank_reference": answer.bank_reference[:40]},
        )
        return payment


def _settle_paid_at_gateway(
    payment: Payment, *, amount: int, bank_reference: str, actor: Actor, via: str = "callback"
) -> Payment:
    """The gateway says `payment` (locked, pending) was paid: confirm it if the amount is the
    bill's, the payment has not expired, the bill is still payable and the PSP verifies it,
    and have the PSP settle it; otherwise fail it with the reason and have the PSP reverse the
    sale (return it to the card). The callback and the re-check both come here. Raises
    `GatewayUnavailable` when the PSP does not answer the verification (nothing changed)."""
    gateway = get_gateway()
    problem = None
    if amount != payment.amount:
        problem = f"amount mismatch: gateway {amount}, bill {payment.amount}"
    elif payment.expires_at and timezone.now() > payment.expires_at:
        problem = "expired before the gateway confirmed"
    else:
        # Serialise with a card payment of the same bill.
        file = file_hold_for_payment(file=payment.file_id)
        if (
            file.payments.filter(status__in=COLLECTED).exclude(pk=payment.pk).exists()
            or not file.state.awaiting_payment
        ):
            problem = "the bill was no longer payable"
        else:
            verified = gateway.verify(token=payment.gateway_token, bank_reference=bank_reference)
            if not verified.ok:
                problem = "the gateway did not verify the payment"
            elif verified.amount != payment.amount:
                problem = f"amount mismatch: verified {verified.amount}, bill {payment.amount}"
    if problem is None:
        payment.bank_reference = bank_reference[:40]
        payment.save(update_fields=["bank_reference"])
        try:
            with transaction.atomic():
                _collect(payment, actor=actor)
        except Exception as exc:  # the sale is the citizen's money: never keep it unbooked
            logger.exception("booking gateway payment %s failed", payment.reference)
            payment.refresh_from_db()
            problem = f"could not be booked: {type(exc).__name__}"
        else:
            gateway.settle(token=payment.gateway_token)
            return payment
    # The PSP returns the money of a sale Daftar does not accept: asked to by the reversal.
    payment_move(payment, PaymentStatus.FAILED, reason=problem, bank_reference=bank_reference[:40])
    gateway.reverse(token=payment.gateway_token, bank_reference=bank_reference)
    audit_record(
        actor=actor,
        action="payment.failed",
        stream=STREAM,
        obj=payment,
        after={"reason": problem, "via": via},
    )
    return payment


# --- payments left pending at the gateway ------------------------------------------------------

RECHECK_ACTOR = Actor.system("payment-recheck")
# What a PSP's answer makes of a payment it did not report paid.
_UNPAID = {
    GatewayState.CANCELLED: (PaymentStatus.CANCELLED, "cancelled at the gateway"),
    GatewayState.FAILED: (PaymentStatus.FAILED, "declined at the gateway"),
    GatewayState.EXPIRED: (PaymentStatus.FAILED, "expired unpaid at the gateway"),
    GatewayState.UNKNOWN: (PaymentStatus.FAILED, "unknown to the gateway"),
}


@audited
def payment_recheck(*, actor: Actor, payment: Payment) -> Payment:
    """Ask the gateway what became of a payment still pending (its callback never came) and
    settle it: paid → the callback's path (verified, then confirmed once, or failed with the
    reason); cancelled, declined, expired or unknown at the gateway → cancelled or failed, and
    the file's bill stays payable; still pending → left alone until the payment itself expires,
    then failed. The payment's row lock serialises this with a callback arriving meanwhile:
    whichever comes second finds the payment settled and changes nothing."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != PaymentStatus.PENDING or payment.channel != PaymentChannel.GATEWAY:
        audit_nothing_changed()  # settled meanwhile (a callback, an earlier run)
        return payment
    answer = get_gateway().inquire(token=payment.gateway_token)
    if answer.state == GatewayState.PAID:
        return _settle_paid_at_gateway(
            payment,
            amount=answer.amount,
            bank_reference=answer.bank_reference,
            actor=actor,
            via="recheck",
        )
    if answer.state in _UNPAID:
        to, reason = _UNPAID[answer.state]
    elif payment.expires_at and timezone.now() > payment.expires_at:
        to, reason = PaymentStatus.FAILED, "expired while still pending at the gateway"
    else:
        audit_nothing_changed()  # the citizen may still be paying: ask again next time
        return payment
    payment_move(payment, to, reason=reason)
    audit_record(
        actor=actor,
        action=f"payment.{to}",
        stream=STREAM,
        obj=payment,
        after={"reason": reason, "via": "recheck", "gateway": str(answer.state)},
    )
    return payment


def payments_recheck_pending() -> dict[str, int]:
    """The periodic re-check: every gateway payment pending for longer than
    GATEWAY_PENDING_RECHECK_MINUTES is asked about (`payment_recheck`), each in its own
    transaction; one that fails (the PSP unreachable, bad data) is logged and counted, and the
    sweep goes on with the next. Safe to run again, or alongside callbacks and another run.
    Returns how many payments ended in each status, and the errors."""
    cutoff = timezone.now() - datetime.timedelta(minutes=settings.GATEWAY_PENDING_RECHECK_MINUTES)
    due = list(
        Payment.objects.filter(
            channel=PaymentChannel.GATEWAY, status=PaymentStatus.PENDING, created_at__lte=cutoff
        )
        .order_by("created_at", "pk")
        .only("pk")
    )
    outcome: Counter[str] = Counter()
    for payment in due:
        try:
            settled = payment_recheck(actor=RECHECK_ACTOR, payment=payment)
        except Exception:
            logger.exception("re-checking pending payment %s at the gateway failed", payment.pk)
            outcome["errors"] += 1
        else:
            outcome[settled.status] += 1
    return dict(outcome)


def payments_gateway_follow_ups() -> int:
    """Send the PSP the settlements and reversals still due (their sending after commit failed);
    returns how many went through. Run with the re-check."""
    return get_gateway().follow_up()
