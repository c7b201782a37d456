"""Online payment gateways. Production plugs in a PSP adapter implementing `PaymentGateway`;
development and tests use `SimulatedGateway`, a small fake bank with its own book, a payment
page, a signed redirect back to Daftar and a verification call — the same three steps as
Iran's Shaparak PSPs (request token → redirect → callback → verify) — and the status inquiry
PSPs answer for a transaction whose callback never came (the citizen closed the window after
paying, the redirect was lost): `inquire`, used by the re-check of payments left pending
(`services.payments.payments_recheck_pending`).

A real PSP sits behind the same protocol: Behpardakht Mellat (`gateways.mellat`, ADR 0028),
whose bank page takes a POSTed form (`redirect_form`), whose callback is a POST the adapter reads
and checks (`read_callback`), and whose verified sales are then settled or reversed
(`settle`, `reverse`; the adapter retries them after commit and from the re-check job,
`follow_up`). Production chooses the adapter by name (`PAYMENT_PROVIDER`)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Protocol

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from daftar.treasury.models import GatewayTransaction


class GatewayUnavailable(Exception):
    """The PSP did not answer (timeout, connection refused, 5xx) after the adapter's retries."""


class CallbackRejected(Exception):
    """A callback that is not the PSP's answer for a transaction Daftar started: a bad
    signature, an unknown order, a token that does not match (forged or garbled)."""


@dataclass(frozen=True)
class CallbackAnswer:
    """What the PSP's callback says, once the adapter has checked it belongs to `token`."""

    token: str
    paid: bool
    cancelled: bool = False  # the citizen cancelled (not paid, not declined)
    amount: int = 0  # what the PSP says it took, when paid
    bank_reference: str = ""
    detail: str = ""  # the PSP's own code, for the payment's reason


@dataclass(frozen=True)
class RedirectForm:
    """The form the citizen's browser posts to the PSP's payment page."""

    action: str
    fields: dict[str, str]


@dataclass(frozen=True)
class Verification:
    ok: bool
    amount: int
    bank_reference: str


class GatewayState(StrEnum):
    """What the PSP says of a transaction when asked (`PaymentGateway.inquire`)."""

    PENDING = "pending"  # the citizen has not finished at the PSP yet
    PAID = "paid"  # paid at the PSP, waiting for Daftar's verification
    CANCELLED = "cancelled"  # the citizen cancelled at the PSP
    FAILED = "failed"  # the PSP declined it (card refused, insufficient funds…)
    EXPIRED = "expired"  # the PSP's own time for the transaction ran out unpaid
    UNKNOWN = "unknown"  # the PSP has no such transaction


@dataclass(frozen=True)
class GatewayStatus:
    state: GatewayState
    amount: int = 0  # what the PSP took, when PAID
    bank_reference: str = ""


class PaymentGateway(Protocol):
    def start(self, *, token: str, amount: int, callback_url: str) -> str:
        """Register the transaction with the PSP; return the URL to send the citizen to."""

    def resume(self, *, token: str) -> str:
        """The URL to send the citizen to for a transaction already started."""

    def redirect_form(self, *, token: str) -> RedirectForm | None:
        """The form to post to the PSP's page, for a PSP whose page takes a POST; None when
        the URL `start` returned is the PSP's page itself."""

    def read_callback(self, data: Mapping[str, str]) -> CallbackAnswer:
        """Read the PSP's callback (query or form fields); raise `CallbackRejected` when it
        does not belong to a transaction Daftar started."""

    def verify(self, *, token: str, bank_reference: str = "") -> Verification:
        """Ask the PSP (server to server) whether the transaction was paid, and how much.
        Raises `GatewayUnavailable` when the PSP does not answer."""

    def settle(self, *, token: str) -> None:
        """Ask the PSP to pay a verified transaction into the treasury's account. Called inside
        the booking's transaction: the adapter records the request and sends it after commit
        (retried by `follow_up`)."""

    def reverse(self, *, token: str, bank_reference: str = "") -> None:
        """Ask the PSP to return a paid transaction Daftar will not accept to the card; sent
        after commit and retried like `settle`."""

    def follow_up(self) -> int:
        """Send the settlements and reversals still due; return how many went through."""

    def inquire(self, *, token: str) -> GatewayStatus:
        """Ask the PSP (server to server) where the transaction stands, without settling it:
        Daftar still calls `verify` before it books a payment the PSP reports PAID. Raises
        on a transport failure (the re-check logs it and asks again on its next run)."""


def callback_signature(token: str, status: str, amount: int, bank_reference: str) -> str:
    if not settings.GATEWAY_SECRET:
        raise RuntimeError("GATEWAY_SECRET is not configured")
    message = f"{token}|{status}|{amount}|{bank_reference}".encode()
    return hmac.new(settings.GATEWAY_SECRET.encode(), message, hashlib.sha256).hexdigest()


class SimulatedGateway:
    """A transaction in the simulated bank's book is "new" until the citizen pays, cancels or
    is declined ("paid", "cancelled", "failed"); a "new" one older than the payment's time to
    live (GATEWAY_PAYMENT_TTL_MINUTES) is reported expired, as a PSP drops unfinished ones."""

    def start(self, *, token: str, amount: int, callback_url: str) -> str:
        GatewayTransaction.objects.create(token=token, amount=amount, callback_url=callback_url)
        return reverse("treasury:gateway_sim", kwargs={"token": token})

    def resume(self, *, token: str) -> str:
        return reverse("treasury:gateway_sim", kwargs={"token": token})

    def redirect_form(self, *, token: str) -> RedirectForm | None:
        return None

    def read_callback(self, data: Mapping[str, str]) -> CallbackAnswer:
        """The simulated bank signs its redirect (`callback_signature`)."""
        token, status = data.get("token", ""), data.get("status", "")
        bank_reference = data.get("ref", "")
        try:
            amount = int(data.get("amount", ""))
        except (TypeError, ValueError):
            amount = -1
        expected = callback_signature(token, status, amount, bank_reference)
        if not hmac.compare_digest(expected, data.get("sig", "") or ""):
            raise CallbackRejected("the simulated bank's signature does not match")
        paid = status == "OK"
        return CallbackAnswer(
            token=token, paid=paid, cancelled=not paid, amount=amount, bank_reference=bank_reference
        )

    def verify(self, *, token: str, bank_reference: str = "") -> Verification:
        record = GatewayTransaction.objects.filter(token=token).first()
        if record is None or record.status != "paid":
            return Verification(False, 0, "")
        return Verification(True, record.amount, record.bank_reference)

    def inquire(self, *, token: str) -> GatewayStatus:
        record = GatewayTransaction.objects.filter(token=token).first()
        if record is None:
            return GatewayStatus(GatewayState.UNKNOWN)
        if record.status == "paid":
            return GatewayStatus(GatewayState.PAID, record.amount, record.bank_reference)
        if record.status in {GatewayState.CANCELLED, GatewayState.FAILED}:
            return GatewayStatus(GatewayState(record.status))
        if record.status == "reversed":
            return GatewayStatus(GatewayState.FAILED)
        ttl = datetime.timedelta(minutes=settings.GATEWAY_PAYMENT_TTL_MINUTES)
        if timezone.now() - record.created_at > ttl:
            return GatewayStatus(GatewayState.EXPIRED)
        return GatewayStatus(GatewayState.PENDING)

    def settle(self, *, token: str) -> None:
        """The simulated bank settles what it verified by itself."""

    def reverse(self, *, token: str, bank_reference: str = "") -> None:
        GatewayTransaction.objects.filter(token=token, status="paid").update(status="reversed")

    def follow_up(self) -> int:
        return 0

    @staticmethod
    def finish(token: str, *, outcome: str) -> GatewayTransaction:
        """The simulated bank ends a transaction still "new" as "paid", "cancelled" or
        "failed" (a declined card), without sending the citizen back to Daftar — what a lost
        redirect looks like from Daftar's side. An ended transaction keeps its outcome."""
        if outcome not in {"paid", "cancelled", "failed"}:
            raise ValueError(f"a simulated transaction ends paid, cancelled or failed: {outcome!r}")
        record = GatewayTransaction.objects.get(token=token)
        if record.status == "new":
            record.status = outcome
            record.bank_reference = (
                str(secrets.randbelow(10**9)).zfill(9) if outcome == "paid" else ""
            )
            record.save(update_fields=["status", "bank_reference"])
        return record

    @staticmethod
    def decide(token: str, *, pay: bool) -> str:
        """The citizen pays (or cancels) on the simulated bank page: returns the redirect."""
        record = SimulatedGateway.finish(token, outcome="paid" if pay else "cancelled")
        status = "OK" if record.status == "paid" else "NOK"
        sig = callback_signature(record.token, status, record.amount, record.bank_reference)
        return (
            f"{record.callback_url}?token={record.token}&status={status}"
            f"&amount={record.amount}&ref={record.bank_reference}&sig={sig}"
        )


@cache
def _gateway_class(path: str):
    return import_string(path)


def get_gateway() -> PaymentGateway:
    return _gateway_class(settings.PAYMENT_GATEWAY)()
