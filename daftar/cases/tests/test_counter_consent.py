"""The counter's consent code (issue 12, item 3): its own purpose, message and limit, never the
sign-in code; the national card checked by the operator; the service chosen first."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from daftar.accounts.choices import CodePurpose, OwnershipProof
from daftar.accounts.models import OneTimeCode, User
from daftar.accounts.services import (
    citizen_otp_request,
    citizen_otp_verify,
    counter_consent_request,
    counter_consent_verify,
)
from daftar.accounts.tests.factories import CitizenFactory
from daftar.core.actors import Actor
from daftar.core.errors import InvalidInput

pytestmark = pytest.mark.django_db

NATIONAL_CODE = "0499370899"
MOBILE = "09121234567"
START = {
    "national_code": NATIONAL_CODE,
    "mobile": MOBILE,
    "service": "bp-file-open",
    "identity_checked": "on",
}


def _code(outbox) -> str:
    return re.search(r"\d{6}", outbox[-1]["body"]).group(0)


@pytest.fixture
def operator(client, personas, counter_ready):
    client.force_login(personas.operator_a)
    return client


def _start(client, capture, **changes):
    with capture(execute=True):
        return client.post(reverse("cases:counter"), {**START, **changes})


def test_the_consent_sms_names_the_office_and_the_service_and_is_not_the_sign_in_text(
    operator, sms_outbox, django_capture_on_commit_callbacks
):
    _start(operator, django_capture_on_commit_callbacks)
    body = sms_outbox[-1]["body"]
    assert "T0101" in body
    assert "تشکیل پرونده پروانه ساختمانی" in body  # the service's title
    assert "کد رضایت" in body
    assert "ورود" not in body  # not the sign-in message ("sign-in code, share with no one")
    assert "هیچ" not in body
    assert OneTimeCode.objects.get().purpose == CodePurpose.CONSENT


def test_consent_codes_do_not_count_against_the_citizens_sign_in_limit(
    operator, settings, sms_outbox, django_capture_on_commit_callbacks
):
    """The fourth consent request used to answer 429 and lock the citizen's own sign-in."""
    limit, _window = settings.OTP_SEND_LIMIT_PER_NATIONAL_CODE
    for _ in range(limit + 1):
        response = _start(operator, django_capture_on_commit_callbacks)
        assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        citizen_otp_request(national_code=NATIONAL_CODE, mobile=MOBILE, ip="10.9.9.9")
    assert citizen_otp_verify(national_code=NATIONAL_CODE, code=_code(sms_outbox))


def test_consent_codes_have_their_own_limit(
    operator, settings, sms_outbox, django_capture_on_commit_callbacks
):
    settings.CONSENT_CODE_SEND_LIMIT_PER_NATIONAL_CODE = (2, 600)
    statuses = [_start(operator, django_capture_on_commit_callbacks).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert len(sms_outbox) == 2


def test_a_sign_in_code_is_never_accepted_as_a_consent_code(
    operator, sms_outbox, django_capture_on_commit_callbacks
):
    _start(operator, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        citizen_otp_request(national_code=NATIONAL_CODE, mobile=MOBILE, ip="10.9.9.9")
    sign_in_code = _code(sms_outbox)
    response = operator.post(reverse("cases:counter_consent"), {"code": sign_in_code})
    assert response.status_code == 200
    assert 'id="id_code_errors"' in response.content.decode()
    assert operator.get(reverse("cases:counter_file", args=["bp-file-open"])).status_code == 404
    # ... and the sign-in code still signs in: the consent check did not use it up
    assert citizen_otp_verify(national_code=NATIONAL_CODE, code=sign_in_code)


def test_a_consent_code_is_never_accepted_to_sign_in(
    operator, sms_outbox, django_capture_on_commit_callbacks
):
    _start(operator, django_capture_on_commit_callbacks)
    with pytest.raises(InvalidInput) as caught:
        citizen_otp_verify(national_code=NATIONAL_CODE, code=_code(sms_outbox))
    assert caught.value.code == "otp_missing"


def test_a_consent_code_is_for_its_office_and_its_service_only(
    personas, counter_ready, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        counter_consent_request(
            actor=Actor.for_user(personas.operator_a),
            office_code="T0101",
            national_code=NATIONAL_CODE,
            mobile=MOBILE,
            service_code="bp-file-open",
            service_title="تشکیل پرونده",
            identity_checked=True,
        )
    code = _code(sms_outbox)
    with pytest.raises(InvalidInput) as other_office:
        counter_consent_verify(
            actor=Actor.for_user(personas.operator_b),
            office_code="T0601",
            national_code=NATIONAL_CODE,
            code=code,
            service_code="bp-file-open",
        )
    assert other_office.value.code == "otp_missing"
    with pytest.raises(InvalidInput) as other_service:
        counter_consent_verify(
            actor=Actor.for_user(personas.operator_a),
            office_code="T0101",
            national_code=NATIONAL_CODE,
            code=code,
            service_code="tr-parking-permit",
        )
    assert other_service.value.code == "consent_other_service"


def test_the_counter_asks_for_the_national_card_check_and_sends_nothing_without_it(
    operator, sms_outbox, django_capture_on_commit_callbacks
):
    response = _start(operator, django_capture_on_commit_callbacks, identity_checked="")
    assert response.status_code == 400
    assert 'id="id_identity_checked_errors"' in response.content.decode()
    assert sms_outbox == []
    assert not OneTimeCode.objects.exists()


def test_a_new_citizen_served_at_the_counter_is_verified_by_the_card_check(
    operator, sms_outbox, django_capture_on_commit_callbacks
):
    _start(operator, django_capture_on_commit_callbacks)
    operator.post(reverse("cases:counter_consent"), {"code": _code(sms_outbox)})
    citizen = User.objects.get(national_code=NATIONAL_CODE)
    assert citizen.mobile_owner_verified_by == OwnershipProof.OFFICE
    assert not citizen.is_provisional


def test_the_counter_refuses_another_mobile_than_the_registered_one_and_names_the_remedy(
    operator, personas, sms_outbox, django_capture_on_commit_callbacks
):
    response = _start(
        operator,
        django_capture_on_commit_callbacks,
        national_code=personas.citizen.national_code,
        mobile="09350000000",
    )
    assert response.status_code == 400
    assert "تغییر شماره همراه ثبت‌شده" in response.content.decode()
    assert sms_outbox == []


def test_a_provisional_citizen_is_verified_at_the_counter_on_the_same_mobile(
    operator, sms_outbox, django_capture_on_commit_callbacks
):
    provisional = CitizenFactory(national_code=NATIONAL_CODE, mobile=MOBILE, provisional=True)
    _start(operator, django_capture_on_commit_callbacks)
    operator.post(reverse("cases:counter_consent"), {"code": _code(sms_outbox)})
    provisional.refresh_from_db()
    assert provisional.mobile_owner_verified_by == OwnershipProof.OFFICE


def test_the_consent_page_shows_where_the_code_went_in_persian_digits(
    operator, sms_outbox, django_capture_on_commit_callbacks
):
    _start(operator, django_capture_on_commit_callbacks)
    page = operator.get(reverse("cases:counter_consent")).content.decode()
    assert "۰۹۱۲" in page
    assert "۴۵۶۷" in page
    assert "تشکیل پرونده پروانه ساختمانی" in page


def test_no_office_opens_a_file_for_a_provisional_citizen_but_they_may_apply_themselves(
    personas, catalogue, counter_ready
):
    from daftar.cases import services as cases
    from daftar.cases.models import File
    from daftar.cases.tests.fixtures import FORM, pdf
    from daftar.catalogue.choices import Channel
    from daftar.core.errors import Conflict

    provisional = CitizenFactory(provisional=True)
    with pytest.raises(Conflict) as caught:
        cases.file_open(
            actor=Actor.for_user(personas.operator_a),
            service=catalogue.service,
            channel=Channel.OFFICE,
            citizen=provisional,
            form_data=FORM,
            documents={"deed": pdf()},
            office=counter_ready,
            operator=personas.operator_a,
        )
    assert caught.value.code == "citizen_not_verified"
    assert not File.objects.exists()
    own = cases.file_open(
        actor=Actor.for_user(provisional),
        service=catalogue.service,
        channel=Channel.WEB,
        citizen=provisional,
        form_data=FORM,
        documents={"deed": pdf()},
    )
    assert own.citizen == provisional
