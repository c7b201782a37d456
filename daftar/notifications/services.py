"""Queueing and delivering SMS through the outbox.

`sms_enqueue` writes the message row in the caller's transaction and schedules delivery
after commit; `sms_deliver` sends one due message with its row locked so two workers
never send it twice; failures are retried with back-off until SMS_MAX_ATTEMPTS, except a
message the provider refuses for good (`SmsRejected`: a bad number), which fails at once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from daftar.core.identifiers import normalize_mobile
from daftar.notifications.choices import SmsStatus
from daftar.notifications.gateways import SmsRejected, get_gateway
from daftar.notifications.models import REDACTED, SmsMessage

logger = logging.getLogger(__name__)


def retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def sms_enqueue(*, to: str, body: str, purpose: str, sensitive: bool = False) -> SmsMessage:
    from daftar.notifications.tasks import deliver_sms

    message = SmsMessage.objects.create(
        # The shape only: a number already on record stays reachable even if the list of
        # allocated prefixes (checked when numbers are entered) no longer has its range.
        to=normalize_mobile(to, check_prefix=False),
        body=body,
        purpose=purpose,
        sensitive=sensitive,
        next_attempt_at=timezone.now(),
    )
    # The task backend enqueues on commit: nothing is sent for a transaction that rolls back.
    deliver_sms.enqueue(message.pk)
    return message


def sms_deliver(*, message_id: int) -> SmsStatus | None:
    """Try to send one queued message. Returns its new status, or None if not due/queued."""
    with transaction.atomic():
        message = (
            SmsMessage.objects.select_for_update()
            .filter(pk=message_id, status=SmsStatus.QUEUED, next_attempt_at__lte=timezone.now())
            .first()
        )
        if message is None:
            return None
        message.attempts += 1
        try:
            reference = get_gateway().send(to=message.to, body=message.body, key=str(message.pk))
        except Exception as exc:  # any provider failure is retried, never lost
            logger.warning("SMS %s attempt %s failed: %s", message.pk, message.attempts, exc)
            message.last_error = str(exc)[:500]
            if isinstance(exc, SmsRejected) or message.attempts >= settings.SMS_MAX_ATTEMPTS:
                message.status = SmsStatus.FAILED
            else:
                message.next_attempt_at = timezone.now() + retry_delay(message.attempts)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return SmsStatus(message.status)
        message.status = SmsStatus.SENT
        message.sent_at = timezone.now()
        message.provider_reference = reference[:100]
        if message.sensitive:
            message.body = REDACTED
        message.save(update_fields=["attempts", "status", "sent_at", "provider_reference", "body"])
        return SmsStatus.SENT


def sms_due_ids(limit: int = 500) -> list[int]:
    return list(
        SmsMessage.objects.filter(status=SmsStatus.QUEUED, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
