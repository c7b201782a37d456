"""Online payment gateways. Production plugs in a PSP adapter implementing `PaymentGateway`;
development and tests use `SimulatedGateway`, a small fake bank with its own book, a payment
page, a signed redirect back to Daftar and a verification call — the same three steps as
Iran's Shaparak PSPs (request token → redirect → callback → verify)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string

from daftar.treasury.models import GatewayTransaction


@dataclass(frozen=True)
class Verification:
    ok: bool
    amount: int
    bank_reference: str


class PaymentGateway(Protocol):
    def start(self, *, token: str, amount: int, callback_url: str) -> str:
        """Register the transaction with the PSP; return the URL to send the citizen to."""

    def verify(self, *, token: str) -> Verification:
        """Ask the PSP (server to server) whether the transaction was paid, and how much."""


def callback_signature(token: str, status: str, amount: int, bank_reference: str) -> str:
    if not settings.GATEWAY_SECRET:
        raise RuntimeError("GATEWAY_SECRET is not configured")
    message = f"{token}|{status}|{amount}|{bank_reference}".encode()
    return hmac.new(settings.GATEWAY_SECRET.encode(), message, hashlib.sha256).hexdigest()


class SimulatedGateway:
    def start(self, *, token: str, amount: int, callback_url: str) -> str:
        GatewayTransaction.objects.create(token=token, amount=amount, callback_url=callback_url)
        return reverse("treasury:gateway_sim", kwargs={"token": token})

    def verify(self, *, token: str) -> Verification:
        record = GatewayTransaction.objects.filter(token=token).first()
        if record is None or record.status != "paid":
            return Verification(False, 0, "")
        return Verification(True, record.amount, record.bank_reference)

    @staticmethod
    def decide(token: str, *, pay: bool) -> str:
        """The citizen pays (or cancels) on the simulated bank page: returns the redirect."""
        record = GatewayTransaction.objects.get(token=token)
        if record.status == "new":
            record.status = "paid" if pay else "cancelled"
            record.bank_reference = str(secrets.randbelow(10**9)).zfill(9) if pay else ""
            record.save(update_fields=["status", "bank_reference"])
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
