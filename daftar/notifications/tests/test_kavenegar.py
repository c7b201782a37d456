"""The Kavenegar adapter against a local fake server that speaks Kavenegar's documented REST
API (tests/fakes.py): sent through the outbox, retried when the provider is slow or down,
never sent twice, given up at once when the message itself is refused; the key never logged."""

from __future__ import annotations

import logging
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from daftar.core.startup import refuse_provider_without_credentials
from daftar.notifications.choices import SmsStatus
from daftar.notifications.gateways import SmsDeliveryError, SmsRejected, get_gateway
from daftar.notifications.kavenegar import KavenegarSmsGateway, national_receptor
from daftar.notifications.models import SmsMessage
from daftar.notifications.services import sms_deliver, sms_enqueue
from daftar.notifications.tests.fakes import FakeKavenegar

pytestmark = pytest.mark.django_db

KAVENEGAR = "daftar.notifications.kavenegar.KavenegarSmsGateway"


@pytest.fixture
def kavenegar(settings):
    fake = FakeKavenegar().start()
    settings.SMS_GATEWAY = KAVENEGAR
    settings.KAVENEGAR_API_KEY = fake.api_key
    settings.KAVENEGAR_BASE_URL = f"{fake.url}/v1"
    settings.KAVENEGAR_SENDER = "10004346"
    settings.SMS_HTTP_TIMEOUT_SECONDS = 0.5
    settings.SMS_HTTP_TRIES = 2
    yield fake
    fake.stop()


def _send(django_capture_on_commit_callbacks, body="کد ورود: ۱۲۳۴", to="09121234567", **kw):
    with django_capture_on_commit_callbacks(execute=True):
        message = sms_enqueue(to=to, body=body, purpose="test", **kw)
    message.refresh_from_db()
    return message


def _wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_message_goes_to_kavenegar_with_its_outbox_id_and_keeps_its_message_id(
    kavenegar, django_capture_on_commit_callbacks
):
    message = _send(django_capture_on_commit_callbacks, sensitive=True)
    assert message.status == SmsStatus.SENT
    assert message.provider_reference == "kavenegar-8792343"
    assert message.body == "[redacted]"
    assert kavenegar.sent == [
        {"receptor": "09121234567", "message": "کد ورود: ۱۲۳۴", "localid": str(message.pk)}
    ]


def test_mobiles_go_to_kavenegar_in_its_national_form():
    assert national_receptor("+989121234567") == "09121234567"


def test_an_outage_answered_by_a_5xx_is_retried_within_the_same_attempt(
    kavenegar, django_capture_on_commit_callbacks
):
    kavenegar.fail_next = 1
    message = _send(django_capture_on_commit_callbacks)
    assert message.status == SmsStatus.SENT
    assert message.attempts == 1
    assert kavenegar.requests == 2


def test_a_slow_provider_times_out_and_the_outbox_retries_later_without_sending_twice(
    kavenegar, django_capture_on_commit_callbacks
):
    kavenegar.delay = 0.8  # longer than the 0.5 s timeout: each try gives up
    message = _send(django_capture_on_commit_callbacks)
    assert message.status == SmsStatus.QUEUED
    assert message.attempts == 1
    assert "did not answer in time" in message.last_error
    assert kavenegar.api_key not in message.last_error
    assert message.next_attempt_at > timezone.now()

    # Both slow tries reached Kavenegar in the end; the second carried the same localid.
    _wait_for(lambda: kavenegar.requests == 2 and len(kavenegar.sent) == 1)
    kavenegar.delay = 0
    SmsMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert sms_deliver(message_id=message.pk) == SmsStatus.SENT
    time.sleep(0.9)  # let the slow threads finish
    assert len(kavenegar.sent) == 1  # the citizen got one message, not three


def test_kavenegar_busy_is_retried_and_the_outbox_tries_again_after_the_bounded_tries(
    kavenegar, django_capture_on_commit_callbacks
):
    kavenegar.busy_next = 2  # Kavenegar's 409 on both tries of the first attempt
    message = _send(django_capture_on_commit_callbacks)
    assert message.status == SmsStatus.QUEUED
    assert "409" in message.last_error
    SmsMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert sms_deliver(message_id=message.pk) == SmsStatus.SENT


def test_a_receptor_kavenegar_refuses_fails_at_once_instead_of_being_retried(
    kavenegar, django_capture_on_commit_callbacks
):
    kavenegar.invalid_receptors = {"09121234567"}
    message = _send(django_capture_on_commit_callbacks)
    assert message.status == SmsStatus.FAILED
    assert message.attempts == 1
    assert "411" in message.last_error
    assert kavenegar.requests == 1


def test_the_adapter_says_which_errors_are_permanent(kavenegar):
    gateway = get_gateway()
    assert isinstance(gateway, KavenegarSmsGateway)
    with pytest.raises(SmsRejected, match="413"):
        gateway.send(to="+989121234567", body="")
    kavenegar.credit = False
    with pytest.raises(SmsDeliveryError, match="418") as refused:
        gateway.send(to="+989121234567", body="x")
    assert not isinstance(refused.value, SmsRejected)  # the account's problem: retried later


def test_an_account_without_credit_is_retried_and_logged_for_operations(
    kavenegar, django_capture_on_commit_callbacks, caplog
):
    kavenegar.credit = False
    with caplog.at_level(logging.ERROR, logger="daftar.notifications.kavenegar"):
        message = _send(django_capture_on_commit_callbacks)
    assert message.status == SmsStatus.QUEUED
    assert "418" in caplog.text


def test_a_wrong_api_key_is_refused_and_never_written_to_the_logs(
    kavenegar, settings, django_capture_on_commit_callbacks, caplog
):
    settings.KAVENEGAR_API_KEY = "wrong-key-" + "w" * 40
    caplog.set_level(logging.DEBUG)
    message = _send(django_capture_on_commit_callbacks)
    assert message.status == SmsStatus.QUEUED
    assert "403" in message.last_error
    assert settings.KAVENEGAR_API_KEY not in caplog.text
    assert settings.KAVENEGAR_API_KEY not in message.last_error
    settings.KAVENEGAR_API_KEY = kavenegar.api_key
    caplog.clear()
    SmsMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert sms_deliver(message_id=message.pk) == SmsStatus.SENT
    assert kavenegar.api_key not in caplog.text  # httpx's request log is held at WARNING


def test_kavenegar_without_its_api_key_is_refused_at_start_up(settings):
    settings.SMS_GATEWAY = KAVENEGAR
    settings.KAVENEGAR_API_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="KAVENEGAR_API_KEY"):
        refuse_provider_without_credentials()


def test_production_refuses_kavenegar_over_plain_http(settings):
    settings.SMS_GATEWAY = KAVENEGAR
    settings.KAVENEGAR_API_KEY = "k" * 40
    settings.KAVENEGAR_BASE_URL = "http://api.kavenegar.com/v1"
    settings.SIMULATED_GATEWAY_ALLOWED = False
    settings.PAYMENT_GATEWAY = "psp.shaparak.Gateway"
    with pytest.raises(ImproperlyConfigured, match="KAVENEGAR_BASE_URL"):
        refuse_provider_without_credentials()
