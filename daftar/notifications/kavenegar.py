"""Kavenegar (کاوه‌نگار), a real Iranian SMS provider, behind `SmsGateway` (ADR 0028).

Its documented REST API (https://kavenegar.com/rest.html): `POST {base}/{API-KEY}/sms/send.json`
with form fields `receptor`, `message`, `sender` and `localid`; the answer is JSON,
`{"return": {"status": 200, "message": "…"}, "entries": [{"messageid": …, "status": …}]}`, and
the HTTP status equals `return.status`. We speak it with httpx rather than the PyPI client
(`kavenegar` 1.1.2, 2018), which has no timeout of its own and hides the status code in its
message text (the ADR says more).

What can go wrong, and what the outbox (`services.sms_deliver`) does with it:
- timeouts, connection failures, HTTP 5xx and Kavenegar's 409 ("server cannot answer now")
  are transient: retried here a bounded number of times, then `SmsDeliveryError` and the
  outbox tries again later with back-off. Each try carries the outbox row's id as `localid`,
  which Kavenegar uses to drop a duplicate, so a retry after a lost answer sends nothing twice;
- the account's problems (401 deactivated, 403 bad key, 416 IP not allowed, 418 no credit,
  451 too many requests) are not the message's fault: `SmsDeliveryError`, logged as an error,
  and the outbox retries once operations have fixed the account;
- the message's own problems (411 bad receptor, 412 bad sender, 413 empty or long text,
  414, 420 links not allowed, 422 bad characters, 501 a test account's foreign number, 400/406
  bad parameters) will never succeed: `SmsRejected`, and the outbox gives up at once.

The API key sits in the URL's path, so no URL is ever logged or put in an error message
(httpx's own request log is held at WARNING in the settings).
"""

from __future__ import annotations

import logging
import time

import httpx
from django.conf import settings

from daftar.notifications.gateways import SmsDeliveryError, SmsRejected

logger = logging.getLogger(__name__)

# Kavenegar's documented statuses (https://kavenegar.com/rest.html#result-codes).
TRANSIENT = {409}
ACCOUNT = {401, 403, 416, 418, 451}
REJECTED = {400, 406, 411, 412, 413, 414, 417, 420, 422, 501}


def national_receptor(mobile: str) -> str:
    """+989121234567 → 09121234567, the form Kavenegar's documentation uses."""
    if mobile.startswith("+98"):
        return "0" + mobile[3:]
    return mobile


class KavenegarSmsGateway:
    def __init__(self) -> None:
        self.api_key: str = settings.KAVENEGAR_API_KEY
        if not self.api_key:
            raise SmsDeliveryError("KAVENEGAR_API_KEY is not configured")
        self.base_url: str = settings.KAVENEGAR_BASE_URL.rstrip("/")
        self.sender: str = settings.KAVENEGAR_SENDER
        self.timeout = httpx.Timeout(settings.SMS_HTTP_TIMEOUT_SECONDS)
        self.tries: int = settings.SMS_HTTP_TRIES

    def send(self, *, to: str, body: str, key: str = "") -> str:
        data = {"receptor": national_receptor(to), "message": body}
        if self.sender:
            data["sender"] = self.sender
        if key.isdigit():
            data["localid"] = key
        url = f"{self.base_url}/{self.api_key}/sms/send.json"
        problem = ""
        for attempt in range(1, self.tries + 1):
            if attempt > 1:
                time.sleep(min(0.5 * 2 ** (attempt - 2), 4.0))
            try:
                response = httpx.post(url, data=data, timeout=self.timeout)
            except httpx.TimeoutException:
                problem = "Kavenegar did not answer in time"
                continue
            except httpx.TransportError as exc:
                problem = f"Kavenegar unreachable ({type(exc).__name__})"
                continue
            status, text, payload = self._read(response)
            if status == 200:
                entries = payload.get("entries") or []
                if not entries or "messageid" not in entries[0]:
                    raise SmsDeliveryError("Kavenegar answered 200 without a message id")
                return f"kavenegar-{entries[0]['messageid']}"
            if status in REJECTED:
                raise SmsRejected(f"Kavenegar refused the message: {status} {text}".strip())
            if status in ACCOUNT:
                logger.error("Kavenegar refused the account: %s %s", status, text)
                raise SmsDeliveryError(f"Kavenegar refused the account: {status} {text}".strip())
            if status in TRANSIENT or status >= 500:
                problem = f"Kavenegar is not answering now: {status} {text}".strip()
                continue
            raise SmsDeliveryError(f"Kavenegar answered {status} {text}".strip())
        raise SmsDeliveryError(f"{problem} (after {self.tries} tries)")

    @staticmethod
    def _read(response: httpx.Response) -> tuple[int, str, dict]:
        """The status Kavenegar reports (`return.status`, else the HTTP status) and its text."""
        try:
            payload = response.json()
        except ValueError:
            return response.status_code, "", {}
        if not isinstance(payload, dict):
            return response.status_code, "", {}
        answer = payload.get("return") or {}
        try:
            status = int(answer.get("status", response.status_code))
        except (TypeError, ValueError):
            status = response.status_code
        return status, str(answer.get("message", ""))[:200], payload
