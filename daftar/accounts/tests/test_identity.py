"""Binding a national code to a mobile (ADR 0006): the ownership inquiry at a first sign-in,
provisional accounts, and an office giving a national code back to its holder."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from daftar.accounts.choices import CodePurpose, OwnershipProof
from daftar.accounts.models import OneTimeCode, User
from daftar.accounts.ownership import Ownership, mobile_ownership_check
from daftar.accounts.services import (
    citizen_otp_request,
    citizen_otp_verify,
    citizen_reclaim,
    citizen_reclaim_request,
)
from daftar.accounts.tests.factories import CitizenFactory
from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import InvalidInput, ServiceUnavailable
from daftar.notifications.models import SmsMessage

pytestmark = pytest.mark.django_db

# In the shipped development file (daftar/accounts/data/mobile_owners.csv): issue 12's citizen.
HOLDER_CODE = "0012345679"
HOLDERS_MOBILE = "09351234567"
TAKERS_MOBILE = "09121117777"
UNLISTED_CODE = "0499370902"  # the file knows nothing of it: the inquiry is "unavailable"


def _code(outbox) -> str:
    return re.search(r"\d{6}", outbox[-1]["body"]).group(0)


def _sign_in(client, outbox, capture, national_code, mobile):
    with capture(execute=True):
        start = client.post(
            reverse("accounts:citizen_login"), {"national_code": national_code, "mobile": mobile}
        )
    if start.status_code != 302:
        return start
    return client.post(reverse("accounts:citizen_login_verify"), {"code": _code(outbox)})


def _request_and_verify(capture, outbox, national_code, mobile) -> User:
    with capture(execute=True):
        citizen_otp_request(national_code=national_code, mobile=mobile, ip="10.0.0.9")
    with capture(execute=True):
        return citizen_otp_verify(national_code=national_code, code=_code(outbox))


# --- the inquiry -------------------------------------------------------------------------------


def test_the_development_inquiry_answers_match_no_match_and_unavailable_from_its_file():
    assert mobile_ownership_check(national_code=HOLDER_CODE, mobile="+989351234567") == "match"
    assert mobile_ownership_check(national_code=HOLDER_CODE, mobile="+989121117777") == "no_match"
    assert mobile_ownership_check(national_code=UNLISTED_CODE, mobile="+989121117777") == (
        Ownership.UNAVAILABLE
    )


def test_an_inquiry_that_fails_is_unavailable_and_never_a_match(ownership_down):
    answer = mobile_ownership_check(national_code=HOLDER_CODE, mobile="+989351234567")
    assert answer == Ownership.UNAVAILABLE


def test_a_malformed_answers_file_is_unavailable_not_a_match(settings, tmp_path):
    broken = tmp_path / "owners.csv"
    broken.write_text("0012345679,09351234567,extra\n", encoding="utf-8")
    settings.MOBILE_OWNERSHIP_FILE = broken
    answer = mobile_ownership_check(national_code=HOLDER_CODE, mobile="+989351234567")
    assert answer == Ownership.UNAVAILABLE


# --- first sign-in -----------------------------------------------------------------------------


def test_a_national_code_cannot_be_taken_by_signing_in_with_someone_elses_mobile(
    client, sms_outbox, django_capture_on_commit_callbacks
):
    """Issue 12, item 1: a first sign-in used to bind any unused national code to any mobile."""
    response = _sign_in(
        client, sms_outbox, django_capture_on_commit_callbacks, HOLDER_CODE, TAKERS_MOBILE
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "این شماره همراه به نام دارنده این کد ملی ثبت نشده است" in page
    assert sms_outbox == []
    assert not OneTimeCode.objects.exists()
    assert not User.objects.filter(national_code=HOLDER_CODE).exists()


def test_no_match_is_refused_with_a_stable_code_naming_the_mobile(
    django_capture_on_commit_callbacks,
):
    with pytest.raises(InvalidInput) as caught:
        citizen_otp_request(national_code=HOLDER_CODE, mobile=TAKERS_MOBILE, ip="10.0.0.9")
    assert (caught.value.code, caught.value.field) == ("mobile_not_owner", "mobile")
    assert "national card" in caught.value.render("en")


def test_a_first_sign_in_with_the_holders_mobile_creates_a_verified_account(
    client, sms_outbox, django_capture_on_commit_callbacks
):
    response = _sign_in(
        client, sms_outbox, django_capture_on_commit_callbacks, HOLDER_CODE, HOLDERS_MOBILE
    )
    assert response.url == reverse("accounts:dashboard")
    citizen = User.objects.get(national_code=HOLDER_CODE)
    assert citizen.mobile == "+989351234567"
    assert citizen.mobile_owner_verified_by == OwnershipProof.INQUIRY
    assert not citizen.is_provisional
    assert 'data-testid="provisional"' not in client.get(response.url).content.decode()


def test_when_the_inquiry_cannot_answer_the_first_sign_in_makes_a_provisional_account(
    client, sms_outbox, django_capture_on_commit_callbacks, ownership_down
):
    response = _sign_in(
        client, sms_outbox, django_capture_on_commit_callbacks, HOLDER_CODE, TAKERS_MOBILE
    )
    assert response.status_code == 302
    citizen = User.objects.get(national_code=HOLDER_CODE)
    assert citizen.is_provisional
    assert citizen.mobile_verified_at is not None
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'data-testid="provisional"' in dashboard
    assert "شماره همراه شما هنوز به نام شما تأیید نشده است" in dashboard
    created = AuditEntry.objects.get(action="citizen.account_created")
    assert "provisional" in created.summary
    assert HOLDER_CODE not in created.summary  # masked


def test_a_provisional_account_is_verified_at_a_later_sign_in_once_the_inquiry_answers(
    settings, sms_outbox, django_capture_on_commit_callbacks, ownership_down
):
    citizen = _request_and_verify(
        django_capture_on_commit_callbacks, sms_outbox, HOLDER_CODE, HOLDERS_MOBILE
    )
    assert citizen.is_provisional
    settings.MOBILE_OWNERSHIP_INQUIRY = "daftar.accounts.ownership.FileMobileOwnershipInquiry"
    again = _request_and_verify(
        django_capture_on_commit_callbacks, sms_outbox, HOLDER_CODE, HOLDERS_MOBILE
    )
    assert again.pk == citizen.pk
    assert again.mobile_owner_verified_by == OwnershipProof.INQUIRY
    assert AuditEntry.objects.filter(action="citizen.mobile_verified").count() == 1


def test_the_holder_takes_a_provisional_national_code_back_by_signing_in_with_their_mobile(
    client, settings, sms_outbox, django_capture_on_commit_callbacks, ownership_down
):
    taker = _request_and_verify(
        django_capture_on_commit_callbacks, sms_outbox, HOLDER_CODE, TAKERS_MOBILE
    )
    client.force_login(taker)
    settings.MOBILE_OWNERSHIP_INQUIRY = "daftar.accounts.ownership.FileMobileOwnershipInquiry"
    holder = _request_and_verify(
        django_capture_on_commit_callbacks, sms_outbox, HOLDER_CODE, HOLDERS_MOBILE
    )
    assert holder.pk == taker.pk
    assert holder.mobile == "+989351234567"
    assert not holder.is_provisional
    detached = [m for m in sms_outbox if m["to"] == "+989121117777"]
    assert "دیگر به کد ملی" in detached[-1]["body"]
    replaced = AuditEntry.objects.get(action="citizen.mobile_replaced")
    assert "7777" in replaced.summary
    assert "0912111" not in replaced.summary
    # the provisional holder's session has ended
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_a_provisional_holder_the_inquiry_rejects_cannot_sign_in_again(
    settings, sms_outbox, django_capture_on_commit_callbacks, ownership_down
):
    _request_and_verify(django_capture_on_commit_callbacks, sms_outbox, HOLDER_CODE, TAKERS_MOBILE)
    settings.MOBILE_OWNERSHIP_INQUIRY = "daftar.accounts.ownership.FileMobileOwnershipInquiry"
    with pytest.raises(InvalidInput) as caught:
        citizen_otp_request(national_code=HOLDER_CODE, mobile=TAKERS_MOBILE, ip="10.0.0.9")
    assert caught.value.code == "mobile_not_owner"


def test_a_provisional_binding_is_not_replaced_while_the_inquiry_cannot_answer(
    sms_outbox, django_capture_on_commit_callbacks, ownership_down
):
    _request_and_verify(django_capture_on_commit_callbacks, sms_outbox, HOLDER_CODE, TAKERS_MOBILE)
    sent = len(sms_outbox)
    with pytest.raises(ServiceUnavailable) as caught:
        citizen_otp_request(national_code=HOLDER_CODE, mobile=HOLDERS_MOBILE, ip="10.0.0.9")
    assert (caught.value.code, caught.value.http_status) == ("ownership_unavailable", 503)
    assert len(sms_outbox) == sent
    assert User.objects.get(national_code=HOLDER_CODE).mobile == "+989121117777"


def test_a_verified_citizen_signs_in_without_asking_the_inquiry(
    personas, sms_outbox, django_capture_on_commit_callbacks, ownership_down
):
    citizen = _request_and_verify(
        django_capture_on_commit_callbacks,
        sms_outbox,
        personas.citizen.national_code,
        personas.citizen.mobile,
    )
    assert citizen.pk == personas.citizen.pk
    assert not citizen.is_provisional


# --- giving a national code back at an office ---------------------------------------------------


RECLAIM = {
    "national_code": None,
    "mobile": HOLDERS_MOBILE,
    "identity_checked": "on",
    "reason": "شماره قبلی متعلق به شخص دیگری است",
}


@pytest.fixture
def taken(personas):
    """A national code bound and verified to a mobile that is not its holder's."""
    return CitizenFactory(national_code=HOLDER_CODE, mobile="+989121117777")


def test_an_operator_gives_a_national_code_back_to_its_holder_after_checking_the_card(
    client, personas, taken, sms_outbox, django_capture_on_commit_callbacks
):
    from django.test import Client

    takers_browser = Client()
    takers_browser.force_login(taken)
    client.force_login(personas.operator_a)
    page = client.get(reverse("cases:counter_reclaim"))
    assert "تغییر شماره همراه ثبت‌شده" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            reverse("cases:counter_reclaim"), {**RECLAIM, "national_code": HOLDER_CODE}
        )
    assert sent.url == reverse("cases:counter_reclaim_code")
    assert sms_outbox[-1]["to"] == "+989351234567"
    assert "T0101" in sms_outbox[-1]["body"]
    code_page = client.get(sent.url).content.decode()
    assert "۰۹۳۵" in code_page  # the masked new mobile, in Persian digits
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(sent.url, {"code": _code(sms_outbox)})
    assert done.status_code == 200
    assert 'data-testid="reclaim-done"' in done.content.decode()
    taken.refresh_from_db()
    assert taken.mobile == "+989351234567"
    assert taken.mobile_owner_verified_by == OwnershipProof.OFFICE
    assert "دیگر به کد ملی" in [m for m in sms_outbox if m["to"] == "+989121117777"][-1]["body"]
    entry = AuditEntry.objects.get(action="citizen.mobile_reclaimed")
    assert entry.actor_label == personas.operator_a.username
    assert "T0101" in entry.summary
    assert HOLDER_CODE not in entry.summary
    assert "9121117777" not in entry.summary
    assert takers_browser.get(reverse("accounts:dashboard")).status_code == 302  # signed out


def test_after_a_reclaim_only_the_holders_mobile_signs_in(
    personas, taken, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        citizen_reclaim_request(
            actor=Actor.for_user(personas.operator_a),
            office_code="T0101",
            national_code=HOLDER_CODE,
            mobile=HOLDERS_MOBILE,
            identity_checked=True,
        )
    citizen_reclaim(
        actor=Actor.for_user(personas.operator_a),
        office_code="T0101",
        national_code=HOLDER_CODE,
        code=_code(sms_outbox),
        reason="شماره اشتباه",
    )
    with pytest.raises(InvalidInput) as caught:
        citizen_otp_request(national_code=HOLDER_CODE, mobile=TAKERS_MOBILE, ip="10.0.0.9")
    assert caught.value.code == "mobile_mismatch"
    holder = _request_and_verify(
        django_capture_on_commit_callbacks, sms_outbox, HOLDER_CODE, HOLDERS_MOBILE
    )
    assert holder.pk == taken.pk


def test_a_reclaim_needs_the_card_check_and_a_reason_and_changes_nothing_without_them(
    client, personas, taken, sms_outbox
):
    client.force_login(personas.operator_a)
    unchecked = client.post(
        reverse("cases:counter_reclaim"),
        {**RECLAIM, "national_code": HOLDER_CODE, "identity_checked": ""},
    )
    assert unchecked.status_code == 400
    assert "کارت ملی" in unchecked.content.decode()
    no_reason = client.post(
        reverse("cases:counter_reclaim"), {**RECLAIM, "national_code": HOLDER_CODE, "reason": ""}
    )
    assert no_reason.status_code == 200
    assert 'id="id_reason_errors"' in no_reason.content.decode()
    assert sms_outbox == []
    assert not OneTimeCode.objects.filter(purpose=CodePurpose.RECLAIM).exists()


def test_a_wrong_reclaim_code_is_counted_and_changes_nothing(
    client, personas, taken, sms_outbox, django_capture_on_commit_callbacks
):
    client.force_login(personas.operator_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cases:counter_reclaim"), {**RECLAIM, "national_code": HOLDER_CODE})
    wrong = "000000" if _code(sms_outbox) != "000000" else "111111"
    response = client.post(reverse("cases:counter_reclaim_code"), {"code": wrong})
    assert response.status_code == 200
    assert 'id="id_code_errors"' in response.content.decode()
    assert OneTimeCode.objects.get(purpose=CodePurpose.RECLAIM).attempts == 1
    taken.refresh_from_db()
    assert taken.mobile == "+989121117777"


def test_there_is_nothing_to_reclaim_for_a_national_code_without_an_account(personas):
    with pytest.raises(InvalidInput) as caught:
        citizen_reclaim_request(
            actor=Actor.for_user(personas.operator_a),
            office_code="T0101",
            national_code=UNLISTED_CODE,
            mobile=HOLDERS_MOBILE,
            identity_checked=True,
        )
    assert (caught.value.code, caught.value.field) == ("nothing_to_reclaim", "national_code")


def test_a_sign_in_code_cannot_complete_a_reclaim(
    personas, taken, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        citizen_otp_request(national_code=HOLDER_CODE, mobile=TAKERS_MOBILE, ip="10.0.0.9")
    with pytest.raises(InvalidInput) as caught:
        citizen_reclaim(
            actor=Actor.for_user(personas.operator_a),
            office_code="T0101",
            national_code=HOLDER_CODE,
            code=_code(sms_outbox),
            reason="x",
        )
    assert caught.value.code == "otp_missing"


@pytest.mark.parametrize("persona", ["citizen", "reviewer", "operator_b_without_office"])
def test_the_reclaim_pages_are_for_office_staff_only(client, personas, persona):
    if persona == "operator_b_without_office":
        from daftar.offices.models import OfficeStaff

        OfficeStaff.objects.filter(user=personas.operator_b).delete()
        user = personas.operator_b
    else:
        user = getattr(personas, persona)
    client.force_login(user)
    assert client.get(reverse("cases:counter_reclaim")).status_code == 404
    assert client.get(reverse("cases:counter_reclaim_code")).status_code == 404
    assert not SmsMessage.objects.exists()
