"""Sign-in pages, dashboards and the default of login-required."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from daftar.accounts.choices import STAFF_ROLES, Role
from daftar.accounts.selectors import user_has_role
from daftar.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, username, password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:staff_login"), {"username": username, "password": password, **extra}
    )


def test_staff_sign_in_with_password_reaches_the_dashboard(client, personas):
    response = _login(client, "reviewer")
    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")
    page = client.get(response.url)
    assert 'data-role="department_reviewer"' in page.content.decode()


def test_a_wrong_password_is_refused_with_a_persian_message(client, personas):
    response = _login(client, "reviewer", "wrong-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert 'data-testid="form-errors"' in response.content.decode()


def test_repeated_failures_lock_the_account_out(client, personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "reviewer", "wrong-password")
    response = _login(client, "reviewer")  # even the right password is refused now
    assert response.status_code == 429
    assert 'data-testid="locked-out"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_pages_send_a_signed_out_visit_to_the_staff_sign_in(client):
    response = client.get(reverse("treasury:dashboard"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:staff_login") + "?next=/treasury/"


@pytest.mark.parametrize(
    "path", ["/files/", "/files/123456789012/", "/services/x/apply/", "/accounts/dashboard/"]
)
def test_citizens_pages_send_a_signed_out_visit_to_the_citizen_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == reverse("accounts:citizen_login") + "?next=" + quote(path)


def test_the_citizen_sign_in_returns_to_the_page_asked_for_and_links_to_the_staff_one(
    client, sms_outbox, django_capture_on_commit_callbacks
):
    start_url = reverse("accounts:citizen_login") + "?next=/files/"
    page = client.get(start_url).content.decode()
    assert reverse("accounts:staff_login") + "?next=/files/" in page  # staff go on from here
    with django_capture_on_commit_callbacks(execute=True):
        start = client.post(start_url, {"national_code": "0499370899", "mobile": "09121234567"})
    code = re.search(r"\d{6}", sms_outbox[-1]["body"]).group(0)
    done = client.post(start.url, {"code": code})
    assert done.status_code == 302
    assert done.url == "/files/"


def test_the_citizen_sign_in_ignores_a_next_page_on_another_site(
    client, sms_outbox, django_capture_on_commit_callbacks
):
    start_url = reverse("accounts:citizen_login") + "?next=https://evil.example/files/"
    with django_capture_on_commit_callbacks(execute=True):
        start = client.post(start_url, {"national_code": "0499370899", "mobile": "09121234567"})
    code = re.search(r"\d{6}", sms_outbox[-1]["body"]).group(0)
    done = client.post(start.url, {"code": code})
    assert done.url == reverse("accounts:dashboard")


def test_citizens_have_no_authenticator_page(client, personas):
    client.force_login(personas.citizen)
    assert client.get(reverse("accounts:totp_setup")).status_code == 404
    client.force_login(personas.reviewer)
    assert client.get(reverse("accounts:totp_setup")).status_code == 200


@pytest.mark.parametrize("name", ["core:home", "accounts:staff_login", "accounts:citizen_login"])
def test_public_pages_are_open(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_each_role_sees_only_its_own_dashboard_panel(client, personas):
    for name, user in personas.all().items():
        client.force_login(user)
        content = client.get(reverse("accounts:dashboard")).content.decode()
        roles = set(re.findall(r'data-role="([a-z_]+)"', content))
        expected = set(user.groups.values_list("name", flat=True))
        assert roles == expected, name
        client.logout()


def test_a_user_with_an_authenticator_must_give_its_code(client, personas):
    device = TOTPDevice.objects.create(user=personas.treasury, name="app", confirmed=True)
    refused = _login(client, "treasury")
    assert "_auth_user_id" not in client.session
    assert refused.status_code == 200
    assert 'data-testid="form-errors"' in refused.content.decode()

    wrong = _login(client, "treasury", otp_token="000000")
    assert "_auth_user_id" not in client.session
    assert wrong.status_code == 200

    device.refresh_from_db()
    device.throttle_reset()  # django-otp delays the next try after a failure; skip the wait
    token = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    accepted = _login(client, "treasury", otp_token=token)
    assert accepted.status_code == 302
    assert client.session.get("otp_device_id")


def test_every_staff_role_must_use_a_second_factor_in_production(client, personas, settings):
    """Every staff role changes something (or, for the auditor, reads everything): each one is
    privileged, so the password alone reaches nothing but the enrolment page (ADR 0008)."""
    assert set(settings.PRIVILEGED_ROLES) == {str(role) for role in STAFF_ROLES}
    settings.REQUIRE_TOTP_FOR_PRIVILEGED = True
    for name, user in personas.all().items():
        if user_has_role(user, Role.CITIZEN):
            continue
        assert _login(client, user.username).status_code == 302, name
        response = client.get(reverse("accounts:dashboard"))
        assert response.status_code == 302, name
        assert response.url == reverse("accounts:totp_setup"), name
        client.logout()


def test_citizens_are_not_asked_for_an_authenticator(client, personas, settings):
    settings.REQUIRE_TOTP_FOR_PRIVILEGED = True
    client.force_login(personas.citizen)
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_citizen_signs_in_with_national_code_and_sms_code(
    client, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start = client.post(
            reverse("accounts:citizen_login"),
            {"national_code": "۰۴۹۹۳۷۰۸۹۹", "mobile": "0912 123 4567"},
        )
    assert start.status_code == 302
    code = re.search(r"\d{6}", sms_outbox[-1]["body"]).group(0)
    page = client.get(start.url)
    assert "۰۹۱۲ *** ۴۵۶۷" in page.content.decode()
    done = client.post(start.url, {"code": code})
    assert done.status_code == 302
    assert done.url == reverse("accounts:dashboard")
    assert 'data-role="citizen"' in client.get(done.url).content.decode()


def test_citizen_start_form_shows_the_field_error_for_a_bad_national_code(client, sms_outbox):
    response = client.post(
        reverse("accounts:citizen_login"), {"national_code": "1111111111", "mobile": "09121234567"}
    )
    assert response.status_code == 200
    assert 'id="id_national_code_errors"' in response.content.decode()
    assert sms_outbox == []


def test_citizen_code_page_without_a_pending_sign_in_goes_back_to_the_start(client):
    response = client.get(reverse("accounts:citizen_login_verify"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:citizen_login")


def test_admin_is_for_system_administrators_only(client, personas):
    client.force_login(personas.admin)
    assert client.get("/admin/").status_code == 200
    client.force_login(personas.operator_a)
    response = client.get("/admin/")
    assert response.status_code == 302


def test_the_admin_login_goes_through_the_staff_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:staff_login"))


def test_a_user_without_a_role_is_told_so(client):
    user = UserFactory(username="nobody")
    client.force_login(user)
    assert 'data-testid="no-role"' in client.get(reverse("accounts:dashboard")).content.decode()


def test_roles_exist_as_groups():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {str(role) for role in Role}


# --- lock-out by client address (behind the proxy, or not) ----------------------------------

PROXY = "10.0.0.2"  # the reverse proxy: every request reaches the app from this address
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


def _login_from(client, address, password, *, hops, spoofed=""):
    """A sign-in POST as the app sees it: behind `hops` trusted proxies the nearest one
    connects from PROXY and appends the address it saw to X-Forwarded-For."""
    if hops:
        forwarded = f"{spoofed}, {address}" if spoofed else address
        meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}
    else:
        meta = {"REMOTE_ADDR": address}
        if spoofed:
            meta["HTTP_X_FORWARDED_FOR"] = spoofed
    return client.post(
        reverse("accounts:staff_login"), {"username": "reviewer", "password": password}, **meta
    )


@pytest.mark.parametrize("hops", [1, 0])
def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out_from_another(
    client, personas, settings, hops
):
    settings.TRUSTED_PROXY_COUNT = hops
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login_from(client, ATTACKER, "wrong-password", hops=hops, spoofed=f"192.0.2.{attempt}")

    owner = _login_from(Client(), OWNER, PASSWORD, hops=hops)
    assert owner.status_code == 302
    assert owner.url == reverse("accounts:dashboard")


@pytest.mark.parametrize("hops", [1, 0])
def test_a_forged_forwarded_for_header_does_not_spread_the_guesses_over_addresses(
    client, personas, settings, hops
):
    settings.TRUSTED_PROXY_COUNT = hops
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login_from(client, ATTACKER, "wrong-password", hops=hops, spoofed=f"192.0.2.{attempt}")

    again = _login_from(Client(), ATTACKER, PASSWORD, hops=hops, spoofed="192.0.2.250")
    assert again.status_code == 429
    assert 'data-testid="locked-out"' in again.content.decode()
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_a_fresh_citizen_sign_in_forgets_the_page_of_an_abandoned_one(
    client, sms_outbox, django_capture_on_commit_callbacks
):
    client.get(reverse("accounts:citizen_login") + "?next=/files/")  # abandoned
    client.get(reverse("accounts:citizen_login"))
    with django_capture_on_commit_callbacks(execute=True):
        start = client.post(
            reverse("accounts:citizen_login"),
            {"national_code": "0499370899", "mobile": "09121234567"},
        )
    code = re.search(r"\d{6}", sms_outbox[-1]["body"]).group(0)
    assert client.post(start.url, {"code": code}).url == reverse("accounts:dashboard")
