"""A partner app opens a file for a citizen only with the citizen's consent (issue 12, items 1
and 2; ADR 0007): a consent code sent to the registered mobile, or the scope the steering
committee grants by decision to apps whose users sign in with the city's own sign-in."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from daftar.accounts.choices import CodePurpose, OwnershipProof
from daftar.accounts.models import OneTimeCode, User
from daftar.accounts.tests.factories import CitizenFactory
from daftar.api.models import PartnerApp
from daftar.api.services import (
    SIGNED_IN_CITIZENS,
    partner_create,
    partner_scope_grant,
    partner_scope_withdraw,
)
from daftar.api.testing import SignedClient as Signed
from daftar.cases.models import File
from daftar.core.actors import Actor
from daftar.core.errors import InvalidInput
from daftar.governance.choices import DecisionKind
from daftar.governance.models import DecisionEffect

pytestmark = pytest.mark.django_db

HOLDER = {"national_code": "0012345679", "mobile": "09351234567"}  # in the development file
DATA = {"area_m2": "80", "zone": 2}


def _code(outbox) -> str:
    return re.search(r"\d{6}", outbox[-1]["body"]).group(0)


@pytest.fixture
def app(catalogue):
    """An app with the ordinary scopes: it needs a consent code for every file."""
    return partner_create(
        actor=Actor.system("test"), name="Tehran-e Man", scopes=["catalogue", "files"]
    )


@pytest.fixture
def registered(personas):
    return personas.citizen


def _file(citizen: dict, **extra) -> dict:
    return {"service": "bp-file-open", "citizen": citizen, "data": DATA, **extra}


def _person(user) -> dict:
    return {"national_code": user.national_code, "mobile": user.mobile}


def _consent(signed, citizen: dict, capture):
    with capture(execute=True):
        return signed.post("/api/v1/consent-codes", {"service": "bp-file-open", "citizen": citizen})


def test_a_partner_cannot_open_a_file_for_a_mismatched_mobile(app, registered, sms_outbox):
    """Issue 12, item 2: an existing citizen's national code with another mobile was accepted,
    the file attached to the citizen and its SMS sent to their real number."""
    other = {**_person(registered), "mobile": "09350000000"}
    response = Signed(app[1]).post("/api/v1/files", _file(other), key="mismatch")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "mobile_mismatch"
    assert error["message"]["fa"]
    assert error["message"]["en"]
    assert not File.objects.exists()
    assert sms_outbox == []


def test_a_partner_needs_the_citizens_consent_to_open_a_file(app, registered):
    response = Signed(app[1]).post("/api/v1/files", _file(_person(registered)), key="no-consent")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "consent_required"
    assert not File.objects.exists()


def test_a_consent_code_sent_to_the_registered_mobile_opens_one_file(
    app, registered, sms_outbox, django_capture_on_commit_callbacks
):
    signed = Signed(app[1])
    asked = _consent(signed, _person(registered), django_capture_on_commit_callbacks)
    assert asked.status_code == 202
    assert asked.json()["sent_to"].endswith(registered.mobile[-4:])
    sms = sms_outbox[-1]
    assert sms["to"] == registered.mobile
    assert "Tehran-e Man" in sms["body"]
    assert "تشکیل پرونده پروانه ساختمانی" in sms["body"]
    citizen = {**_person(registered), "consent_code": _code(sms_outbox)}
    created = signed.post("/api/v1/files", _file(citizen), key="with-consent")
    assert created.status_code == 201
    assert File.objects.get().citizen == registered
    again = signed.post("/api/v1/files", _file(citizen), key="second-file")
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "otp_missing"  # used up
    assert File.objects.count() == 1


def test_a_retried_request_with_its_consent_code_is_replayed(
    app, registered, sms_outbox, django_capture_on_commit_callbacks
):
    signed = Signed(app[1])
    _consent(signed, _person(registered), django_capture_on_commit_callbacks)
    body = _file({**_person(registered), "consent_code": _code(sms_outbox)})
    first = signed.post("/api/v1/files", body, key="retry")
    second = signed.post("/api/v1/files", body, key="retry")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert File.objects.count() == 1


def test_a_wrong_consent_code_is_refused_and_counted(
    app, registered, sms_outbox, django_capture_on_commit_callbacks, settings
):
    signed = Signed(app[1])
    _consent(signed, _person(registered), django_capture_on_commit_callbacks)
    right = _code(sms_outbox)
    wrong = "000000" if right != "000000" else "111111"
    for n in range(settings.CITIZEN_OTP_MAX_ATTEMPTS):
        response = signed.post(
            "/api/v1/files", _file({**_person(registered), "consent_code": wrong}), key=f"w{n}"
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "otp_wrong"
    locked = signed.post(
        "/api/v1/files", _file({**_person(registered), "consent_code": right}), key="right"
    )
    assert locked.json()["error"]["code"] == "otp_locked"
    assert not File.objects.exists()


def test_a_consent_code_is_for_the_app_that_asked_for_it(
    app, registered, catalogue, sms_outbox, django_capture_on_commit_callbacks
):
    _consent(Signed(app[1]), _person(registered), django_capture_on_commit_callbacks)
    _other, other_key = partner_create(actor=Actor.system("x"), name="Other", scopes=["files"])
    body = _file({**_person(registered), "consent_code": _code(sms_outbox)})
    response = Signed(other_key).post("/api/v1/files", body, key="other-app")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "otp_missing"


def test_a_sign_in_code_is_not_a_consent_code(
    app, registered, sms_outbox, django_capture_on_commit_callbacks
):
    from daftar.accounts.services import citizen_otp_request

    with django_capture_on_commit_callbacks(execute=True):
        citizen_otp_request(
            national_code=registered.national_code, mobile=registered.mobile, ip="10.1.1.1"
        )
    body = _file({**_person(registered), "consent_code": _code(sms_outbox)})
    response = Signed(app[1]).post("/api/v1/files", body, key="sign-in-code")
    assert response.json()["error"]["code"] == "otp_missing"


def test_a_consent_code_is_asked_only_for_the_registered_mobile(app, registered, sms_outbox):
    other = {**_person(registered), "mobile": "09350000000"}
    response = Signed(app[1]).post(
        "/api/v1/consent-codes", {"service": "bp-file-open", "citizen": other}
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "mobile_mismatch"
    assert sms_outbox == []


def test_consent_for_a_citizen_without_an_account_asks_the_ownership_inquiry(
    app, sms_outbox, django_capture_on_commit_callbacks
):
    signed = Signed(app[1])
    not_theirs = signed.post(
        "/api/v1/consent-codes",
        {"service": "bp-file-open", "citizen": {**HOLDER, "mobile": "09121117777"}},
    )
    assert not_theirs.status_code == 409
    assert not_theirs.json()["error"]["code"] == "mobile_not_owner"
    assert sms_outbox == []
    _consent(signed, HOLDER, django_capture_on_commit_callbacks)
    created = signed.post(
        "/api/v1/files", _file({**HOLDER, "consent_code": _code(sms_outbox)}), key="new"
    )
    assert created.status_code == 201
    citizen = User.objects.get(national_code=HOLDER["national_code"])
    assert citizen.mobile_owner_verified_by == OwnershipProof.INQUIRY


def test_no_consent_code_is_sent_while_the_inquiry_cannot_answer(app, sms_outbox, ownership_down):
    response = Signed(app[1]).post(
        "/api/v1/consent-codes", {"service": "bp-file-open", "citizen": HOLDER}
    )
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "ownership_unavailable"
    assert sms_outbox == []
    assert not OneTimeCode.objects.exists()


def test_a_national_code_taken_by_a_provisional_sign_in_goes_to_its_holder_not_the_taker(
    app, settings, client, sms_outbox, django_capture_on_commit_callbacks, ownership_down
):
    """Issue 12, item 1, end to end: the taker signs in while the inquiry is down (provisional),
    a partner opens a file for the national code with the holder's mobile."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:citizen_login"),
            {"national_code": HOLDER["national_code"], "mobile": "09121117777"},
        )
    client.post(reverse("accounts:citizen_login_verify"), {"code": _code(sms_outbox)})
    taker = User.objects.get(national_code=HOLDER["national_code"])
    assert taker.is_provisional
    signed = Signed(app[1])
    for_taker = signed.post(
        "/api/v1/files", _file({**HOLDER, "mobile": "09121117777"}), key="taker"
    )
    assert for_taker.status_code == 403  # no consent, and a provisional account gets no file
    settings.MOBILE_OWNERSHIP_INQUIRY = "daftar.accounts.ownership.FileMobileOwnershipInquiry"
    _consent(signed, HOLDER, django_capture_on_commit_callbacks)
    assert sms_outbox[-1]["to"] == "+989351234567"
    with django_capture_on_commit_callbacks(execute=True):
        created = signed.post(
            "/api/v1/files", _file({**HOLDER, "consent_code": _code(sms_outbox)}), key="holder"
        )
    assert created.status_code == 201
    holder = User.objects.get(national_code=HOLDER["national_code"])
    assert holder.mobile == "+989351234567"
    assert not holder.is_provisional
    assert File.objects.get().citizen_mobile == "+989351234567"
    assert client.get(reverse("cases:inbox")).status_code == 302  # the taker is signed out


# --- the scope granted by decision ------------------------------------------------------------


@pytest.fixture
def service_decision(adopt_decision):
    return adopt_decision(
        DecisionKind.SERVICE_AUTHORISATION, "مجوز تهران من برای شهروندان وارد شده"
    )


def test_fava_cannot_grant_the_signed_in_scope_with_a_key(catalogue):
    with pytest.raises(InvalidInput) as caught:
        partner_create(actor=Actor.system("x"), name="App", scopes=["files", SIGNED_IN_CITIZENS])
    assert caught.value.code == "scope_needs_decision"


def test_the_signed_in_scope_takes_effect_only_through_a_committee_decision(
    app, adopt_decision, service_decision
):
    tariff_decision = adopt_decision(DecisionKind.TARIFF, "تعرفه")
    with pytest.raises(InvalidInput) as caught:
        partner_scope_grant(
            actor=Actor.system("x"),
            partner=app[0],
            scope=SIGNED_IN_CITIZENS,
            decision=tariff_decision,
        )
    assert caught.value.code == "decision_wrong_kind"
    granted = partner_scope_grant(
        actor=Actor.system("x"), partner=app[0], scope=SIGNED_IN_CITIZENS, decision=service_decision
    )
    assert SIGNED_IN_CITIZENS in granted.scopes
    assert DecisionEffect.objects.filter(decision=service_decision).count() == 1
    withdrawn = partner_scope_withdraw(
        actor=Actor.system("x"), partner=app[0], scope=SIGNED_IN_CITIZENS, decision=service_decision
    )
    assert SIGNED_IN_CITIZENS not in withdrawn.scopes


def test_with_the_scope_an_app_opens_files_for_verified_citizens_only(
    app, registered, service_decision
):
    partner_scope_grant(
        actor=Actor.system("x"), partner=app[0], scope=SIGNED_IN_CITIZENS, decision=service_decision
    )
    signed = Signed(app[1])
    assert signed.post("/api/v1/files", _file(_person(registered)), key="ok").status_code == 201
    mismatch = {**_person(registered), "mobile": "09350000000"}
    assert signed.post("/api/v1/files", _file(mismatch), key="mm").status_code == 409
    provisional = CitizenFactory(provisional=True)
    refused = signed.post("/api/v1/files", _file(_person(provisional)), key="prov")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "citizen_not_verified"
    unknown = signed.post("/api/v1/files", _file(HOLDER), key="unknown")
    assert unknown.json()["error"]["code"] == "citizen_not_verified"
    assert not User.objects.filter(national_code=HOLDER["national_code"]).exists()
    assert File.objects.count() == 1


def test_the_committee_secretary_records_the_decision_on_a_staff_page(
    client, personas, app, service_decision
):
    client.force_login(personas.committee)  # the secretary, in the committee fixture
    page = client.get(reverse("partner_authorisations"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "برنامه‌های همکار و شهروندان واردشده" in html
    assert "۱۴۰۴" in html  # the decision number, in Persian digits
    response = client.post(
        reverse("partner_authorisations"),
        {"partner": app[0].pk, "action": "grant", "decision": service_decision.pk},
    )
    assert response.status_code == 302
    assert SIGNED_IN_CITIZENS in PartnerApp.objects.get(pk=app[0].pk).scopes
    client.force_login(personas.admin)
    assert client.get(reverse("partner_authorisations")).status_code == 404
    client.force_login(personas.operator_a)
    assert client.get(reverse("partner_authorisations")).status_code == 404


def test_a_consent_code_request_is_rate_limited_apart_from_sign_in(
    app, registered, settings, sms_outbox, django_capture_on_commit_callbacks
):
    settings.CONSENT_CODE_SEND_LIMIT_PER_NATIONAL_CODE = (1, 600)
    signed = Signed(app[1])
    assert _consent(
        signed, _person(registered), django_capture_on_commit_callbacks
    ).status_code == (202)
    again = _consent(signed, _person(registered), django_capture_on_commit_callbacks)
    assert again.status_code == 429
    assert OneTimeCode.objects.filter(purpose=CodePurpose.CONSENT).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_consent_code_opens_one_file_even_for_requests_at_once(
    app, registered, sms_outbox, django_capture_on_commit_callbacks
):
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("tested on PostgreSQL")
    _consent(Signed(app[1]), _person(registered), django_capture_on_commit_callbacks)
    body = _file({**_person(registered), "consent_code": _code(sms_outbox)})
    barrier = threading.Barrier(3)
    statuses = []

    def send(n):
        try:
            barrier.wait()
            statuses.append(Signed(app[1]).post("/api/v1/files", body, key=f"race-{n}").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses.count(201) == 1
    assert set(statuses) - {201} <= {400, 409}  # used up (checked before, or inside the lock)
    assert File.objects.count() == 1
