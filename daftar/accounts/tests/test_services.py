"""Citizen sign-in by one-time code: issue, verify, limits, first sign-in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.models import OneTimeCode, User
from daftar.accounts.selectors import user_roles
from daftar.accounts.services import citizen_otp_request, citizen_otp_verify
from daftar.audit.models import AuditEntry
from daftar.core.errors import InvalidInput, RateLimited

pytestmark = pytest.mark.django_db

NATIONAL_CODE = "0499370899"
MOBILE = "09121234567"


def _code_from(outbox) -> str:
    return re.search(r"\d{6}", outbox[-1]["body"]).group(0)


def _request(
    django_capture_on_commit_callbacks, national_code=NATIONAL_CODE, mobile=MOBILE, ip="10.0.0.1"
):
    with django_capture_on_commit_callbacks(execute=True):
        return citizen_otp_request(national_code=national_code, mobile=mobile, ip=ip)


def test_a_code_is_sent_by_sms_after_commit_and_only_its_hash_is_stored(
    django_capture_on_commit_callbacks, sms_outbox
):
    issued = _request(django_capture_on_commit_callbacks)
    assert len(sms_outbox) == 1
    assert sms_outbox[0]["to"] == "+989121234567"
    code = _code_from(sms_outbox)
    otp = OneTimeCode.objects.get(pk=issued.otp.pk)
    assert code not in otp.code_hash
    assert issued.masked_mobile == "0912 *** 4567"


def test_the_sms_outbox_erases_the_code_once_sent(django_capture_on_commit_callbacks):
    from daftar.notifications.models import REDACTED, SmsMessage

    _request(django_capture_on_commit_callbacks)
    assert SmsMessage.objects.get().body == REDACTED


def test_first_sign_in_creates_a_citizen_keyed_by_national_code_with_verified_mobile(
    django_capture_on_commit_callbacks, sms_outbox
):
    _request(django_capture_on_commit_callbacks, national_code="۰۴۹۹۳۷۰۸۹۹", mobile="۰۹۱۲-۱۲۳-۴۵۶۷")
    citizen = citizen_otp_verify(national_code=NATIONAL_CODE, code=_code_from(sms_outbox))
    assert citizen.national_code == NATIONAL_CODE
    assert citizen.mobile == "+989121234567"
    assert citizen.mobile_verified_at is not None
    assert not citizen.has_usable_password()
    assert user_roles(citizen) == {Role.CITIZEN}
    assert AuditEntry.objects.filter(action="citizen.account_created").count() == 1


def test_signing_in_again_reuses_the_account(django_capture_on_commit_callbacks, sms_outbox):
    _request(django_capture_on_commit_callbacks)
    first = citizen_otp_verify(national_code=NATIONAL_CODE, code=_code_from(sms_outbox))
    _request(django_capture_on_commit_callbacks)
    second = citizen_otp_verify(national_code=NATIONAL_CODE, code=_code_from(sms_outbox))
    assert first.pk == second.pk
    assert User.objects.filter(national_code=NATIONAL_CODE).count() == 1


def test_persian_digits_in_the_typed_code_are_accepted(
    django_capture_on_commit_callbacks, sms_outbox
):
    _request(django_capture_on_commit_callbacks)
    persian = _code_from(sms_outbox).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert (
        citizen_otp_verify(national_code=NATIONAL_CODE, code=persian).national_code == NATIONAL_CODE
    )


def test_a_wrong_code_is_refused_counted_and_creates_no_account(
    django_capture_on_commit_callbacks, sms_outbox
):
    _request(django_capture_on_commit_callbacks)
    wrong = "000000" if _code_from(sms_outbox) != "000000" else "111111"
    with pytest.raises(InvalidInput) as caught:
        citizen_otp_verify(national_code=NATIONAL_CODE, code=wrong)
    assert caught.value.code == "otp_wrong"
    assert caught.value.field == "code"
    assert OneTimeCode.objects.get().attempts == 1
    assert not User.objects.filter(national_code=NATIONAL_CODE).exists()


def test_too_many_wrong_attempts_lock_the_code_even_for_the_right_one(
    django_capture_on_commit_callbacks, sms_outbox, settings
):
    _request(django_capture_on_commit_callbacks)
    right = _code_from(sms_outbox)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(settings.CITIZEN_OTP_MAX_ATTEMPTS):
        with pytest.raises(InvalidInput):
            citizen_otp_verify(national_code=NATIONAL_CODE, code=wrong)
    with pytest.raises(InvalidInput) as caught:
        citizen_otp_verify(national_code=NATIONAL_CODE, code=right)
    assert caught.value.code == "otp_locked"


def test_an_expired_code_is_refused(django_capture_on_commit_callbacks, sms_outbox):
    _request(django_capture_on_commit_callbacks)
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(InvalidInput) as caught:
        citizen_otp_verify(national_code=NATIONAL_CODE, code=_code_from(sms_outbox))
    assert caught.value.code == "otp_expired"


def test_a_used_code_cannot_be_used_twice(django_capture_on_commit_callbacks, sms_outbox):
    _request(django_capture_on_commit_callbacks)
    code = _code_from(sms_outbox)
    citizen_otp_verify(national_code=NATIONAL_CODE, code=code)
    with pytest.raises(InvalidInput) as caught:
        citizen_otp_verify(national_code=NATIONAL_CODE, code=code)
    assert caught.value.code == "otp_missing"


def test_a_new_code_replaces_the_previous_one(django_capture_on_commit_callbacks, sms_outbox):
    _request(django_capture_on_commit_callbacks)
    old = _code_from(sms_outbox)
    _request(django_capture_on_commit_callbacks)
    new = _code_from(sms_outbox)
    if old != new:
        with pytest.raises(InvalidInput):
            citizen_otp_verify(national_code=NATIONAL_CODE, code=old)
    assert citizen_otp_verify(national_code=NATIONAL_CODE, code=new)


@pytest.mark.parametrize(
    ("national_code", "code"),
    [
        ("1111111111", "national_code_repeated"),
        ("0499370898", "national_code_checksum"),
        ("049937089", "national_code_length"),
        ("04993708990", "national_code_length"),
    ],
)
def test_a_bad_national_code_is_refused_naming_the_field_and_nothing_is_sent(
    django_capture_on_commit_callbacks, sms_outbox, national_code, code
):
    with pytest.raises(InvalidInput) as caught:
        _request(django_capture_on_commit_callbacks, national_code=national_code)
    assert caught.value.code == code
    assert caught.value.field == "national_code"
    assert sms_outbox == []
    assert not OneTimeCode.objects.exists()


def test_a_bad_mobile_is_refused_naming_the_field(django_capture_on_commit_callbacks, sms_outbox):
    with pytest.raises(InvalidInput) as caught:
        _request(django_capture_on_commit_callbacks, mobile="02112345678")
    assert caught.value.field == "mobile"
    assert sms_outbox == []


def test_a_registered_citizen_gets_codes_only_on_the_registered_mobile(
    django_capture_on_commit_callbacks, sms_outbox, personas
):
    citizen = personas.citizen
    with pytest.raises(InvalidInput) as caught:
        _request(
            django_capture_on_commit_callbacks,
            national_code=citizen.national_code,
            mobile="09350000000",
        )
    assert caught.value.code == "mobile_mismatch"
    assert sms_outbox == []


def test_sending_is_rate_limited_per_national_code(django_capture_on_commit_callbacks, settings):
    limit, _window = settings.OTP_SEND_LIMIT_PER_NATIONAL_CODE
    for _ in range(limit):
        _request(django_capture_on_commit_callbacks)
    with pytest.raises(RateLimited):
        _request(django_capture_on_commit_callbacks)
    assert OneTimeCode.objects.count() == limit


def test_sending_is_rate_limited_per_ip(django_capture_on_commit_callbacks, settings):
    from daftar.core import generators

    settings.OTP_SEND_LIMIT_PER_IP = (2, 3600)
    import random

    rng = random.Random(7)
    for _ in range(2):
        _request(django_capture_on_commit_callbacks, national_code=generators.national_code(rng))
    with pytest.raises(RateLimited):
        _request(django_capture_on_commit_callbacks, national_code=generators.national_code(rng))
