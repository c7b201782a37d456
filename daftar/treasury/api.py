"""Partner API for payments: start an online payment of a file's bill, fetch its receipt."""

import datetime

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status

from daftar.api.auth import PartnerKey
from daftar.api.services import idempotent
from daftar.cases.models import File
from daftar.cases.selectors import file_of_partner
from daftar.core.actors import Actor
from daftar.treasury.selectors import receipt_of_file
from daftar.treasury.services import payment_start_gateway

router = Router(tags=["partner: payments"], auth=PartnerKey("payments"))


class PaymentOut(Schema):
    reference: str
    amount: int
    status: str
    pay_url: str
    expires_at: datetime.datetime | None


class ReceiptOut(Schema):
    number: str
    verification_code: str
    verify_url: str
    amount: int
    issued_at: datetime.datetime
    channel: str


def _own_file(request, code: str) -> File:
    file = file_of_partner(code, request.partner)
    if file is None:
        raise Http404
    return file


@router.post(
    "/files/{code}/payments",
    response={201: PaymentOut, 200: PaymentOut},
    summary="Start the online payment of the file's bill (one per bill)",
)
def start_payment(request: HttpRequest, code: str):
    file = _own_file(request, code)

    def handler():
        payment, url = payment_start_gateway(
            actor=Actor.partner(request.partner),
            file=file,
            callback_url=request.build_absolute_uri(reverse("treasury:gateway_callback")),
        )
        return 201, {
            "reference": payment.reference,
            "amount": payment.amount,
            "status": payment.status,
            "pay_url": request.build_absolute_uri(url),
            "expires_at": payment.expires_at.isoformat() if payment.expires_at else None,
        }

    return Status(
        *idempotent(
            partner=request.partner,
            key=request.headers.get("Idempotency-Key"),
            endpoint=f"POST /files/{code}/payments",
            payload={},
            handler=handler,
        )
    )


@router.get("/files/{code}/receipt", response=ReceiptOut, summary="The receipt of the bill")
def get_receipt(request: HttpRequest, code: str):
    file = _own_file(request, code)
    receipt = receipt_of_file(Actor.partner(request.partner), file)
    if receipt is None:
        raise Http404
    return {
        "number": receipt.number,
        "verification_code": receipt.verification_code,
        "verify_url": request.build_absolute_uri(receipt.get_absolute_url()),
        "amount": receipt.payment.amount,
        "issued_at": receipt.issued_at,
        "channel": receipt.payment.channel,
    }
