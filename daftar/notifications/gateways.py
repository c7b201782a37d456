"""SMS gateways. Production plugs in a provider's HTTP adapter implementing `SmsGateway`
(Kavenegar: `daftar.notifications.kavenegar`, ADR 0028), chosen by name (`SMS_PROVIDER`).

Development writes messages to the console and to var/sms.log so the demo's one-time
codes can be read; tests keep them in memory (`MemorySmsGateway.outbox`).
"""

from __future__ import annotations

import json
import sys
import threading
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsDeliveryError(Exception):
    """The gateway could not take the message; the outbox will retry."""


class SmsRejected(SmsDeliveryError):
    """The provider refused this message for good (a bad number, a text it will never take):
    the outbox gives up at once instead of retrying."""


class SmsGateway(Protocol):
    def send(self, *, to: str, body: str, key: str = "") -> str:
        """Hand one message to the provider; return the provider's reference. `key` names the
        outbox row, so a provider that drops duplicates (Kavenegar's `localid`) never sends a
        retried message twice."""


class MemorySmsGateway:
    outbox: list[dict[str, str]] = []
    fail_next: int = 0  # tests set this to simulate provider outages
    _lock = threading.Lock()

    def send(self, *, to: str, body: str, key: str = "") -> str:
        with self._lock:
            if MemorySmsGateway.fail_next > 0:
                MemorySmsGateway.fail_next -= 1
                raise SmsDeliveryError("simulated provider outage")
            MemorySmsGateway.outbox.append({"to": to, "body": body})
            return f"mem-{len(MemorySmsGateway.outbox)}"


class FileSmsGateway:
    """Appends one JSON line per message to settings.SMS_FILE_PATH."""

    def send(self, *, to: str, body: str, key: str = "") -> str:
        path = settings.SMS_FILE_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"at": timezone.now().isoformat(), "to": to, "body": body}
        with path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        return f"file-{timezone.now().timestamp():.6f}"


class ConsoleAndFileSmsGateway(FileSmsGateway):
    def send(self, *, to: str, body: str, key: str = "") -> str:
        print(f"[SMS to {to}] {body}", file=sys.stdout, flush=True)
        return super().send(to=to, body=body, key=key)


@cache
def _gateway_class(path: str):
    return import_string(path)


def get_gateway() -> SmsGateway:
    return _gateway_class(settings.SMS_GATEWAY)()
