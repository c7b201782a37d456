"""A local fake of Behpardakht Mellat's IPG that speaks its documented protocol (never the
internet): the SOAP web service (`POST /pgwchannel/services/pgw`: bpPayRequest,
bpVerifyRequest, bpInquiryRequest, bpSettleRequest, bpReversalRequest, each answering one
string in `<return>`), and the payment page (`POST /pgwchannel/startpay.mellat` with RefId),
which answers with a form the browser posts back to the merchant's callBackUrl with RefId,
ResCode, SaleOrderId, SaleReferenceId, CardHolderPan and FinalAmount.

Tests pay without a browser: `pay(ref_id)` does what the bank's page does and returns the
callback's fields. Switches: `delay` (seconds before answering an operation: timeouts),
`delay_after` (the bank acts, then its answer is late: a lost answer), `fail_next` (HTTP 500 for
the next calls of an operation), `outcome` of the payment page (paid, cancelled, declined),
`final_amount` (the bank reports another amount than the order's).
"""

from __future__ import annotations

import html
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml.ElementTree import fromstring

from daftar.notifications.tests.fakes import FakeServer

NAMESPACE = "http://interfaces.core.sw.bps.com/"
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"


@dataclass
class Sale:
    order_id: int
    amount: int
    callback_url: str
    ref_id: str
    state: str = "new"  # new → paid | cancelled | declined; paid → verified → settled | reversed
    sale_reference: str = ""
    history: list[str] = field(default_factory=list)


def soap_answer(operation: str, value: str) -> bytes:
    root = Element(f"{{{SOAP_ENV}}}Envelope")
    body = SubElement(root, f"{{{SOAP_ENV}}}Body")
    answer = SubElement(body, f"{{{NAMESPACE}}}{operation}Response")
    SubElement(answer, "return").text = value
    return tostring(root, encoding="utf-8", xml_declaration=True)


class FakeMellat(FakeServer):
    terminal_id = "1234567"
    username = "daftar"
    password = "fake-password-24680"

    def __init__(self, port: int = 0) -> None:
        super().__init__(port)
        self.sales: dict[int, Sale] = {}
        self.calls: list[str] = []
        self.delay: dict[str, float] = {}
        self.delay_after: dict[str, float] = {}
        self.fail_next: dict[str, int] = {}
        self.outcome = "paid"
        self.final_amount: int | None = None

    @property
    def service_url(self) -> str:
        return f"{self.url}/pgwchannel/services/pgw"

    @property
    def startpay_url(self) -> str:
        return f"{self.url}/pgwchannel/startpay.mellat"

    # --- the payment page ------------------------------------------------------------------

    def sale_by_ref(self, ref_id: str) -> Sale:
        return next(sale for sale in self.sales.values() if sale.ref_id == ref_id)

    def pay(self, ref_id: str, outcome: str | None = None) -> dict[str, str]:
        """What the bank's page does when the citizen pays (or cancels, or is declined):
        returns the fields it posts back to the merchant's callBackUrl."""
        outcome = outcome or self.outcome
        with self.lock:
            sale = self.sale_by_ref(ref_id)
            code = {"paid": "0", "cancelled": "17", "declined": "51"}[outcome]
            if sale.state == "new":
                sale.state = outcome
                if outcome == "paid":
                    sale.sale_reference = str(secrets.randbelow(10**11) + 10**11)
            amount = self.final_amount if self.final_amount is not None else sale.amount
            return {
                "RefId": sale.ref_id,
                "ResCode": code,
                "SaleOrderId": str(sale.order_id),
                "SaleReferenceId": sale.sale_reference,
                "CardHolderPan": "603799******1234",
                "CardHolderInfo": "",
                "FinalAmount": str(amount) if outcome == "paid" else "",
            }

    def _page(self, body: bytes) -> tuple[int, str, bytes]:
        fields = {key: values[0] for key, values in parse_qs(body.decode()).items()}
        try:
            sale = self.sale_by_ref(fields.get("RefId", ""))
        except StopIteration:
            return 200, "text/html; charset=utf-8", "تراکنش نامعتبر است".encode()
        answer = self.pay(sale.ref_id)
        inputs = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in answer.items()
        )
        page = (
            '<!doctype html><html lang="fa" dir="rtl"><meta charset="utf-8"><title>به‌پرداخت ملت'
            f'</title><body><p>مبلغ: {sale.amount} ریال</p><form method="post" '
            f'action="{html.escape(sale.callback_url)}">{inputs}'
            '<button type="submit" data-testid="bank-return">بازگشت به سایت پذیرنده</button>'
            "</form></body></html>"
        )
        return 200, "text/html; charset=utf-8", page.encode()

    # --- the SOAP service ------------------------------------------------------------------

    def handle(self, method: str, path: str, headers: dict, body: bytes):
        path = urlsplit(path).path
        if path == "/pgwchannel/startpay.mellat" and method == "POST":
            return self._page(body)
        if path != "/pgwchannel/services/pgw" or method != "POST":
            return 404, "text/plain", b"not found"
        call = fromstring(body).find(f"{{{SOAP_ENV}}}Body")[0]
        operation = call.tag.removeprefix(f"{{{NAMESPACE}}}")
        fields = {child.tag: (child.text or "") for child in call}
        with self.lock:
            self.calls.append(operation)
            failing = self.fail_next.get(operation, 0)
            if failing:
                self.fail_next[operation] = failing - 1
        if failing:
            return 500, "text/html", b"<html>500 Internal Server Error</html>"
        if self.delay.get(operation):
            time.sleep(self.delay[operation])
        with self.lock:
            value = self._operate(operation, fields)
        if self.delay_after.get(operation):
            time.sleep(self.delay_after[operation])
        return 200, "text/xml; charset=utf-8", soap_answer(operation, value)

    def _operate(self, operation: str, fields: dict[str, str]) -> str:
        if (fields.get("terminalId"), fields.get("userName"), fields.get("userPassword")) != (
            self.terminal_id,
            self.username,
            self.password,
        ):
            return "24"  # the merchant's user information is invalid
        if operation == "bpPayRequest":
            order_id, amount = int(fields["orderId"]), int(fields["amount"])
            if order_id in self.sales:
                return "41"  # duplicate order id
            if amount <= 0:
                return "25"
            ref_id = secrets.token_hex(10).upper()
            self.sales[order_id] = Sale(order_id, amount, fields["callBackUrl"], ref_id)
            return f"0,{ref_id}"
        sale = self.sales.get(int(fields.get("saleOrderId") or 0))
        if sale is None or sale.sale_reference != fields.get("saleReferenceId"):
            return "42"  # sale not found
        sale.history.append(operation)
        if operation == "bpVerifyRequest":
            if sale.state == "paid":
                sale.state = "verified"
                return "0"
            return {"verified": "43", "settled": "43", "reversed": "48"}.get(sale.state, "42")
        if operation == "bpInquiryRequest":
            return "0" if sale.state in {"verified", "settled"} else "44"
        if operation == "bpSettleRequest":
            if sale.state == "verified":
                sale.state = "settled"
                return "0"
            return {"settled": "45", "reversed": "48"}.get(sale.state, "44")
        if operation == "bpReversalRequest":
            if sale.state in {"paid", "verified"}:
                sale.state = "reversed"
                return "0"
            return {"reversed": "48", "settled": "45"}.get(sale.state, "42")
        return "31"
