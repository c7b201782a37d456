"""SMS outbox: sent after commit, never for a rolled-back change, retried, never twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from daftar.notifications.choices import SmsStatus
from daftar.notifications.gateways import MemorySmsGateway
from daftar.notifications.models import SmsMessage
from daftar.notifications.services import sms_deliver, sms_enqueue
from daftar.notifications.tasks import retry_due_sms

pytestmark = pytest.mark.django_db


def test_a_message_is_sent_only_after_the_transaction_commits(
    django_capture_on_commit_callbacks, sms_outbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = sms_enqueue(to="09121234567", body="سلام", purpose="test")
        assert sms_outbox == []
    for callback in callbacks:
        callback()
    assert sms_outbox == [{"to": "+989121234567", "body": "سلام"}]
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT


def _enqueue_then_fail() -> None:
    with transaction.atomic():
        sms_enqueue(to="09121234567", body="x", purpose="test")
        raise RuntimeError("rollback")


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks, sms_outbox):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        _enqueue_then_fail()
    assert sms_outbox == []
    assert not SmsMessage.objects.exists()


def test_a_failed_send_is_retried_later_until_it_goes(
    django_capture_on_commit_callbacks, sms_outbox
):
    MemorySmsGateway.fail_next = 1
    with django_capture_on_commit_callbacks(execute=True):
        message = sms_enqueue(to="09121234567", body="x", purpose="test")
    message.refresh_from_db()
    assert message.status == SmsStatus.QUEUED
    assert message.attempts == 1
    assert message.next_attempt_at > timezone.now()
    assert "outage" in message.last_error

    SmsMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    retry_due_sms.call_local()
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert len(sms_outbox) == 1


def test_delivery_gives_up_after_the_maximum_attempts(settings):
    settings.SMS_MAX_ATTEMPTS = 2
    MemorySmsGateway.fail_next = 5
    message = SmsMessage.objects.create(
        to="+989121234567", body="x", purpose="test", next_attempt_at=timezone.now()
    )
    assert sms_deliver(message_id=message.pk) == SmsStatus.QUEUED
    SmsMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert sms_deliver(message_id=message.pk) == SmsStatus.FAILED


def test_a_sent_message_is_never_sent_again(sms_outbox):
    message = SmsMessage.objects.create(
        to="+989121234567", body="x", purpose="test", next_attempt_at=timezone.now()
    )
    assert sms_deliver(message_id=message.pk) == SmsStatus.SENT
    assert sms_deliver(message_id=message.pk) is None
    assert len(sms_outbox) == 1


def test_a_message_not_yet_due_is_left_alone(sms_outbox):
    message = SmsMessage.objects.create(
        to="+989121234567",
        body="x",
        purpose="test",
        next_attempt_at=timezone.now() + timedelta(minutes=5),
    )
    assert sms_deliver(message_id=message.pk) is None
    assert sms_outbox == []


def test_file_gateway_appends_json_lines(tmp_path, settings):
    import json

    from daftar.notifications.gateways import FileSmsGateway

    settings.SMS_FILE_PATH = tmp_path / "sms.log"
    FileSmsGateway().send(to="+989121234567", body="کد: ۱۲۳")
    FileSmsGateway().send(to="+989121234567", body="دوم")
    lines = settings.SMS_FILE_PATH.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["body"] for line in lines] == ["کد: ۱۲۳", "دوم"]
