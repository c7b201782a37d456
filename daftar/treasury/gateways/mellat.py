"""Behpardakht Mellat's internet payment gateway (IPG) behind `PaymentGateway` (ADR 0028).

The protocol is Behpardakht's "راهنمای پیاده‌سازی درگاه پرداخت اینترنتی" (the merchant's
web-service guide): a SOAP service at `MELLAT_SERVICE_URL` (namespace
`http://interfaces.core.sw.bps.com/`) whose operations each answer one string in `<return>`:

1. `bpPayRequest(terminalId, userName, userPassword, orderId, amount, localDate, localTime,
   additionalData, callBackUrl, payerId)` → `"0,<RefId>"`, or an error code;
2. the citizen's browser POSTs `RefId` to `MELLAT_STARTPAY_URL` (startpay.mellat) and pays;
3. the bank POSTs the citizen back to `callBackUrl` with `RefId`, `ResCode`, `SaleOrderId`,
   `SaleReferenceId` (and `CardHolderPan`, `FinalAmount`); ResCode 0 is a sale, 17 a cancel;
4. `bpVerifyRequest(terminalId, userName, userPassword, orderId, saleOrderId, saleReferenceId)`
   → `"0"` (43: already verified); when it gets no answer, `bpInquiryRequest` (same fields)
   says whether the verification went through;
5. `bpSettleRequest` (same fields) → `"0"` (45: already settled) pays the sale into the
   merchant's account; `bpReversalRequest` (same fields) → `"0"` (48: already reversed)
   returns it to the card. A sale never verified is returned to the card by the bank after
   its window (`MELLAT_VERIFY_WINDOW_MINUTES`).

Our `orderId` is the `PspTransaction` row's id; its `RefId` and the sale's reference are kept
there too. A callback is accepted only for an order Daftar started whose RefId matches
(compared in constant time): the RefId went only to the paying citizen's browser, so a forged
callback can name no order. Replays change nothing (the payment is no longer pending).

Every call has a timeout (`PAYMENT_HTTP_TIMEOUT_SECONDS`). Verify, inquiry, settle and reversal
are idempotent at the bank (43/45/48) and are retried up to `PAYMENT_HTTP_TRIES` times on a
transport failure or 5xx; the token request is retried only when it cannot have reached the
bank (connection refused), since a second `orderId` would be refused as a duplicate (41).
Settlements and reversals are recorded in the booking's transaction and sent after commit; what
fails is retried by the re-check job (`follow_up`).
"""

from __future__ import annotations

import datetime
import hmac
import logging
import time
from collections.abc import Mapping
from xml.etree.ElementTree import Element, SubElement, tostring

import httpx
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse as url_reverse
from django.utils import timezone

from daftar.treasury.choices import PspFollowUp, PspState
from daftar.treasury.gateways import (
    CallbackAnswer,
    CallbackRejected,
    GatewayState,
    GatewayStatus,
    GatewayUnavailable,
    RedirectForm,
    Verification,
)
from daftar.treasury.models import PspTransaction

logger = logging.getLogger(__name__)

NAMESPACE = "http://interfaces.core.sw.bps.com/"
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
PROVIDER = "mellat"
OK = "0"
CANCELLED = "17"  # the citizen cancelled at the bank's page
ALREADY_VERIFIED = "43"
ALREADY_SETTLED = "45"
ALREADY_REVERSED = "48"
# Follow-ups are given up (and logged as errors for the treasury) after this many tries.
MAX_FOLLOW_UP_ATTEMPTS = 10


class MellatError(GatewayUnavailable):
    """Mellat answered a call with an error code (e.g. 21 bad merchant, 25 bad amount, 41 a
    duplicate order): the transaction could not be started."""

    def __init__(self, operation: str, code: str) -> None:
        super().__init__(f"Mellat {operation} answered {code}")
        self.code = code


def envelope(operation: str, fields: list[tuple[str, str | int]]) -> bytes:
    """A SOAP 1.1 request for `operation` with its fields in the documented order."""
    root = Element(f"{{{SOAP_ENV}}}Envelope")
    body = SubElement(root, f"{{{SOAP_ENV}}}Body")
    call = SubElement(body, f"{{{NAMESPACE}}}{operation}")
    for name, value in fields:
        SubElement(call, name).text = str(value)
    return tostring(root, encoding="utf-8", xml_declaration=True)


def returned(xml: bytes) -> str:
    """The `<return>` string of a SOAP answer."""
    try:
        root = fromstring(xml)
    except Exception as exc:  # defusedxml's refusals and plain parse errors alike
        raise GatewayUnavailable(f"Mellat answered something that is not SOAP ({exc})") from None
    for element in root.iter():
        if element.tag == "return" or element.tag.endswith("}return"):
            return (element.text or "").strip()
    raise GatewayUnavailable("Mellat's answer has no <return>")


class MellatGateway:
    def __init__(self) -> None:
        self.terminal_id: int = settings.MELLAT_TERMINAL_ID
        self.username: str = settings.MELLAT_USERNAME
        self.password: str = settings.MELLAT_PASSWORD
        self.service_url: str = settings.MELLAT_SERVICE_URL
        self.timeout = httpx.Timeout(settings.PAYMENT_HTTP_TIMEOUT_SECONDS)
        self.tries: int = settings.PAYMENT_HTTP_TRIES

    # --- the SOAP calls ----------------------------------------------------------------------

    def _credentials(self) -> list[tuple[str, str | int]]:
        return [
            ("terminalId", self.terminal_id),
            ("userName", self.username),
            ("userPassword", self.password),
        ]

    def _call(self, operation: str, fields: list[tuple[str, str | int]], *, safe: bool) -> str:
        """POST one SOAP call and return its `<return>`; `safe` calls (idempotent at the bank)
        are retried on any transport failure or 5xx, the others only when refused outright."""
        payload = envelope(operation, self._credentials() + fields)
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'}
        problem = ""
        for attempt in range(1, self.tries + 1):
            if attempt > 1:
                time.sleep(min(0.25 * 2 ** (attempt - 2), 2.0))
            try:
                response = httpx.post(
                    self.service_url, content=payload, headers=headers, timeout=self.timeout
                )
            except httpx.ConnectError:
                problem = "Mellat refused the connection"
                continue
            except httpx.TimeoutException as exc:
                problem = f"Mellat did not answer {operation} in time"
                if safe or isinstance(exc, httpx.ConnectTimeout):
                    continue
                break
            except httpx.TransportError as exc:
                problem = f"Mellat's answer to {operation} was lost ({type(exc).__name__})"
                if safe:
                    continue
                break
            if response.status_code >= 500 and not _is_soap(response):
                problem = f"Mellat answered {operation} with HTTP {response.status_code}"
                if safe:
                    continue
                break
            return returned(response.content)
        raise GatewayUnavailable(f"{problem} (after {attempt} tries)")

    def _order_fields(self, row: PspTransaction) -> list[tuple[str, str | int]]:
        return [
            ("orderId", row.pk),
            ("saleOrderId", row.pk),
            ("saleReferenceId", row.sale_reference),
        ]

    # --- PaymentGateway ----------------------------------------------------------------------

    def start(self, *, token: str, amount: int, callback_url: str) -> str:
        row = PspTransaction.objects.create(provider=PROVIDER, token=token, amount=amount)
        now = timezone.localtime()
        answer = self._call(
            "bpPayRequest",
            [
                ("orderId", row.pk),
                ("amount", amount),
                ("localDate", now.strftime("%Y%m%d")),
                ("localTime", now.strftime("%H%M%S")),
                ("additionalData", ""),
                ("callBackUrl", callback_url),
                ("payerId", 0),
            ],
            safe=False,
        )
        code, _sep, ref_id = answer.partition(",")
        if code != OK or not ref_id:
            raise MellatError("bpPayRequest", code or "nothing")
        row.ref_id = ref_id.strip()
        row.last_answer = OK
        row.save(update_fields=["ref_id", "last_answer", "updated_at"])
        return self.resume(token=token)

    def resume(self, *, token: str) -> str:
        return url_reverse("treasury:gateway_redirect", kwargs={"token": token})

    def redirect_form(self, *, token: str) -> RedirectForm | None:
        row = PspTransaction.objects.filter(provider=PROVIDER, token=token).first()
        if row is None or not row.ref_id:
            return None
        return RedirectForm(action=settings.MELLAT_STARTPAY_URL, fields={"RefId": row.ref_id})

    def read_callback(self, data: Mapping[str, str]) -> CallbackAnswer:
        order = (data.get("SaleOrderId") or "").strip()
        ref_id = (data.get("RefId") or "").strip()
        code = (data.get("ResCode") or "").strip()
        if not order.isdigit() or not ref_id or not code.isdigit():
            raise CallbackRejected("a Mellat callback needs SaleOrderId, RefId and ResCode")
        row = PspTransaction.objects.filter(provider=PROVIDER, pk=int(order)).first()
        if row is None or not hmac.compare_digest(row.ref_id.encode(), ref_id.encode()):
            raise CallbackRejected("no order of ours has this RefId")
        if code != OK:
            return CallbackAnswer(
                token=row.token, paid=False, cancelled=code == CANCELLED, detail=f"ResCode {code}"
            )
        sale_reference = (data.get("SaleReferenceId") or "").strip()
        if not sale_reference.isdigit():
            raise CallbackRejected("a paid Mellat callback needs its SaleReferenceId")
        final = (data.get("FinalAmount") or "").strip()
        amount = int(final) if final.isdigit() else row.amount
        return CallbackAnswer(
            token=row.token,
            paid=True,
            amount=amount,
            bank_reference=sale_reference,
            detail=f"ResCode {code}",
        )

    def _row(self, token: str, *, lock: bool = False) -> PspTransaction | None:
        rows = PspTransaction.objects.filter(provider=PROVIDER, token=token)
        return (rows.select_for_update() if lock else rows).first()

    def verify(self, *, token: str, bank_reference: str = "") -> Verification:
        row = self._row(token, lock=True)
        if row is None:
            return Verification(False, 0, "")
        if bank_reference and not row.sale_reference:
            # Kept (with the caller's transaction) so that the re-check can ask about the sale
            # when this verification gets no answer.
            row.sale_reference = bank_reference[:40]
            row.save(update_fields=["sale_reference", "updated_at"])
        if not row.sale_reference:
            return Verification(False, 0, "")
        if row.state in {PspState.VERIFIED, PspState.SETTLED}:
            return Verification(True, row.amount, row.sale_reference)
        if row.state != PspState.STARTED:
            return Verification(False, 0, row.sale_reference)
        try:
            code = self._call("bpVerifyRequest", self._order_fields(row), safe=True)
        except GatewayUnavailable:
            # Behpardakht's guide: no answer to the verification → ask with the inquiry.
            code = self._call("bpInquiryRequest", self._order_fields(row), safe=True)
        row.last_answer = f"verify {code}"
        if code in {OK, ALREADY_VERIFIED}:
            row.state = PspState.VERIFIED
        row.save(update_fields=["state", "last_answer", "updated_at"])
        if row.state != PspState.VERIFIED:
            return Verification(False, 0, row.sale_reference)
        return Verification(True, row.amount, row.sale_reference)

    def inquire(self, *, token: str) -> GatewayStatus:
        row = self._row(token)
        if row is None:
            return GatewayStatus(GatewayState.UNKNOWN)
        if row.state in {PspState.VERIFIED, PspState.SETTLED}:
            return GatewayStatus(GatewayState.PAID, row.amount, row.sale_reference)
        if row.state != PspState.STARTED:
            return GatewayStatus(GatewayState.FAILED)
        window = datetime.timedelta(minutes=settings.MELLAT_VERIFY_WINDOW_MINUTES)
        past_window = timezone.now() - row.created_at > window
        if not row.sale_reference:
            # No callback reached us, so no sale reference to ask about: Mellat's inquiry needs
            # one. A sale nobody verifies goes back to the card once the bank's window is over.
            return GatewayStatus(GatewayState.EXPIRED if past_window else GatewayState.PENDING)
        code = self._call("bpInquiryRequest", self._order_fields(row), safe=True)
        if code == OK or not past_window:
            # Verified already (the answer to our verification was lost), or paid and still
            # within the window: Daftar verifies it now.
            return GatewayStatus(GatewayState.PAID, row.amount, row.sale_reference)
        return GatewayStatus(GatewayState.EXPIRED)

    def settle(self, *, token: str) -> None:
        self._schedule(token, PspFollowUp.SETTLE)

    def reverse(self, *, token: str, bank_reference: str = "") -> None:
        self._schedule(token, PspFollowUp.REVERSE, bank_reference=bank_reference)

    def _schedule(self, token: str, action: PspFollowUp, *, bank_reference: str = "") -> None:
        row = self._row(token, lock=True)
        if row is None:
            return
        fields = {"follow_up": action, "follow_up_attempts": 0}
        if bank_reference and not row.sale_reference:
            fields["sale_reference"] = bank_reference[:40]
        PspTransaction.objects.filter(pk=row.pk).update(**fields, updated_at=timezone.now())
        transaction.on_commit(lambda: self._send_follow_up(row.pk))

    def follow_up(self) -> int:
        due = PspTransaction.objects.filter(provider=PROVIDER).exclude(follow_up="")
        done = 0
        for pk in due.order_by("updated_at").values_list("pk", flat=True)[:200]:
            done += self._send_follow_up(pk)
        return done

    def _send_follow_up(self, pk: int) -> int:
        """Send one settlement or reversal still due; 1 if the bank took it."""
        with transaction.atomic():
            row = PspTransaction.objects.select_for_update().filter(pk=pk).first()
            if row is None or not row.follow_up:
                return 0
            action = row.follow_up
            operation = "bpSettleRequest" if action == PspFollowUp.SETTLE else "bpReversalRequest"
            done_codes = {OK, ALREADY_SETTLED if action == PspFollowUp.SETTLE else ALREADY_REVERSED}
            PspTransaction.objects.filter(pk=pk).update(
                follow_up_attempts=F("follow_up_attempts") + 1
            )
            row.refresh_from_db()
            try:
                code = self._call(operation, self._order_fields(row), safe=True)
            except GatewayUnavailable as exc:
                logger.warning("Mellat %s for order %s: %s", operation, pk, exc)
                if row.follow_up_attempts >= MAX_FOLLOW_UP_ATTEMPTS:
                    logger.error("Mellat %s for order %s given up", operation, pk)
                    row.follow_up = PspFollowUp.NONE
                    row.state = PspState.FAILED
                row.last_answer = str(exc)[:200]
                row.save(update_fields=["follow_up", "state", "last_answer", "updated_at"])
                return 0
            row.last_answer = f"{action} {code}"
            row.follow_up = PspFollowUp.NONE
            if code in done_codes:
                row.state = PspState.SETTLED if action == PspFollowUp.SETTLE else PspState.REVERSED
            else:
                # The treasury must look: reconciliation will show the difference too.
                logger.error("Mellat refused %s for order %s: %s", operation, pk, code)
                row.state = PspState.FAILED
            row.save(update_fields=["follow_up", "state", "last_answer", "updated_at"])
            return int(code in done_codes)


def _is_soap(response: httpx.Response) -> bool:
    return b"Envelope" in response.content[:500]
