"""Enrolling a second factor needs a one-time code from a system administrator (ADR 0008)."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from daftar.accounts.enrolment import (
    COMMAND_LINE_ACTOR,
    authenticator_confirm,
    authenticator_reset,
    enrolment_code_issue,
    enrolment_code_redeem,
)
from daftar.accounts.models import AuthenticatorEnrolmentCode
from daftar.accounts.tests.factories import PASSWORD
from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput

pytestmark = pytest.mark.django_db

SETUP = "accounts:totp_setup"
ADMIN_PAGE = "accounts:staff_authenticators"


@pytest.fixture
def production(settings):
    settings.REQUIRE_TOTP_FOR_PRIVILEGED = True
    return settings


def _sign_in(username: str) -> Client:
    client = Client()
    response = client.post(
        reverse("accounts:staff_login"), {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302, username
    return client


def _admin_client(personas) -> Client:
    """The system administrator, signed in with their own (already enrolled) authenticator."""
    device = TOTPDevice.objects.create(user=personas.admin, name="app", confirmed=True)
    client = Client()
    client.force_login(personas.admin)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def _issue_on_the_page(admin: Client, staff) -> str:
    page = admin.post(reverse("accounts:staff_enrolment_code_issue", args=[staff.pk]))
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0")
    shown = re.search(r'data-testid="enrolment-code"><code>([^<]+)<', page.content.decode())
    return shown.group(1)


def _token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def _secret_shown(response) -> bool:
    content = response.content.decode()
    return "<svg" in content or "otpauth://" in content or "Key for manual entry" in content


# --- the defect: the password alone showed the secret ----------------------------------------


def test_the_password_alone_never_shows_an_authenticator_secret(personas, production):
    attacker = _sign_in("treasury")  # knows the password, has no enrolment code
    assert attacker.get(reverse("accounts:dashboard")).url == reverse(SETUP)

    page = attacker.get(reverse(SETUP))
    assert page.status_code == 200
    assert not _secret_shown(page)
    assert 'data-testid="enrolment-code-needed"' in page.content.decode()
    assert not TOTPDevice.objects.filter(user=personas.treasury).exists()
    # nothing the attacker can post enrols a device or lets them through
    for guess in ("000000", "123456"):
        attacker.post(reverse(SETUP), {"token": guess})
    assert not TOTPDevice.objects.filter(user=personas.treasury, confirmed=True).exists()
    assert attacker.get(reverse("accounts:dashboard")).status_code == 302


def test_a_staff_member_enrols_with_the_code_the_system_administrator_issued(personas, production):
    code = _issue_on_the_page(_admin_client(personas), personas.treasury)
    owner = _sign_in("treasury")
    given = owner.post(reverse(SETUP), {"code": code})  # Persian digits and dashes accepted
    assert given.status_code == 302

    page = owner.get(reverse(SETUP))
    assert _secret_shown(page)
    device = TOTPDevice.objects.get(user=personas.treasury)
    done = owner.post(reverse(SETUP), {"token": _token(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert owner.get(reverse("accounts:dashboard")).status_code == 200
    actions = list(
        AuditEntry.objects.filter(object_type="accounts.user", object_id=str(personas.treasury.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "user.enrolment_code_issued",
        "user.enrolment_code_used",
        "user.totp_enrolled",
    ]


def test_the_secret_is_shown_only_to_the_session_that_entered_the_code(personas, production):
    code = _issue_on_the_page(_admin_client(personas), personas.treasury)
    owner = _sign_in("treasury")
    owner.post(reverse(SETUP), {"code": code})

    other = _sign_in("treasury")  # someone else with the password, at the same time
    page = other.get(reverse(SETUP))
    assert not _secret_shown(page)
    again = other.post(reverse(SETUP), {"code": code})  # the code works once
    assert again.status_code == 400
    assert not _secret_shown(again)


def test_a_wrong_enrolment_code_is_refused_in_persian_and_counted(personas, production):
    _issue_on_the_page(_admin_client(personas), personas.treasury)
    client = _sign_in("treasury")
    wrong = client.post(reverse(SETUP), {"code": "1111-2222-3333"})
    assert wrong.status_code == 400
    assert "کد فعال‌سازی" in wrong.content.decode()
    assert not _secret_shown(wrong)
    badly_typed = client.post(reverse(SETUP), {"code": "12ab"})
    assert badly_typed.status_code == 400
    assert 'id="id_code_errors"' in badly_typed.content.decode()
    assert AuthenticatorEnrolmentCode.objects.get(user=personas.treasury).attempts == 1
    assert not TOTPDevice.objects.filter(user=personas.treasury).exists()


def test_a_user_with_an_authenticator_still_just_confirms_with_it(personas, production):
    device = TOTPDevice.objects.create(user=personas.treasury, name="app", confirmed=True)
    client = Client()
    client.force_login(personas.treasury)  # signed in without the second factor
    page = client.get(reverse(SETUP))
    assert not _secret_shown(page)
    assert client.post(reverse(SETUP), {"token": _token(device)}).status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200


# --- the rules of a code (services) -------------------------------------------------------------


def test_only_the_hash_of_an_enrolment_code_is_stored_and_audited(personas):
    code, plain = enrolment_code_issue(actor=Actor.for_user(personas.admin), user=personas.reviewer)
    assert len(plain) == 12
    assert plain.isdigit()
    stored = AuthenticatorEnrolmentCode.objects.filter(pk=code.pk).values().get()
    assert plain not in repr(stored)
    assert plain not in repr(list(AuditEntry.objects.values("summary", "before", "after")))
    entry = AuditEntry.objects.get(action="user.enrolment_code_issued")
    assert entry.actor_id == personas.admin.pk
    assert entry.stream == "identity"


def test_an_enrolment_code_is_for_one_person_and_one_use(personas):
    _code, plain = enrolment_code_issue(
        actor=Actor.for_user(personas.admin), user=personas.reviewer
    )
    with pytest.raises(InvalidInput) as caught:
        enrolment_code_redeem(actor=Actor.for_user(personas.treasury), code=plain)
    assert caught.value.code == "enrolment_code_missing"
    device = enrolment_code_redeem(actor=Actor.for_user(personas.reviewer), code=plain)
    assert not device.confirmed
    with pytest.raises(InvalidInput) as caught:
        enrolment_code_redeem(actor=Actor.for_user(personas.reviewer), code=plain)
    assert caught.value.code == "enrolment_code_missing"


def test_an_expired_enrolment_code_is_refused(personas):
    code, plain = enrolment_code_issue(actor=Actor.for_user(personas.admin), user=personas.reviewer)
    AuthenticatorEnrolmentCode.objects.filter(pk=code.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1),
        created_at=timezone.now() - timedelta(days=4),
    )
    with pytest.raises(InvalidInput) as caught:
        enrolment_code_redeem(actor=Actor.for_user(personas.reviewer), code=plain)
    assert caught.value.code == "enrolment_code_expired"


def test_too_many_wrong_codes_kill_the_code(personas, settings):
    _code, plain = enrolment_code_issue(
        actor=Actor.for_user(personas.admin), user=personas.reviewer
    )
    wrong = "000000000000" if plain != "000000000000" else "111111111111"
    for _attempt in range(settings.ENROLMENT_CODE_MAX_ATTEMPTS):
        with pytest.raises(InvalidInput) as caught:
            enrolment_code_redeem(actor=Actor.for_user(personas.reviewer), code=wrong)
        assert caught.value.code == "enrolment_code_wrong"
    with pytest.raises(InvalidInput) as caught:
        enrolment_code_redeem(
            actor=Actor.for_user(personas.reviewer), code=plain
        )  # even the right one now
    assert caught.value.code == "enrolment_code_locked"
    assert AuditEntry.objects.filter(action="user.enrolment_code_wrong").count() == 5


def test_a_new_code_replaces_the_open_one(personas):
    _first, old = enrolment_code_issue(actor=Actor.for_user(personas.admin), user=personas.reviewer)
    _second, new = enrolment_code_issue(
        actor=Actor.for_user(personas.admin), user=personas.reviewer
    )
    if old != new:
        with pytest.raises(InvalidInput):
            enrolment_code_redeem(actor=Actor.for_user(personas.reviewer), code=old)
    assert enrolment_code_redeem(actor=Actor.for_user(personas.reviewer), code=new)


def test_an_authenticator_not_created_from_an_enrolment_code_cannot_be_confirmed(personas):
    device = TOTPDevice.objects.create(user=personas.treasury, name="app", confirmed=False)
    with pytest.raises(Forbidden) as caught:
        authenticator_confirm(actor=Actor.for_user(personas.treasury), device=device)
    assert caught.value.code == "enrolment_code_required"
    device.refresh_from_db()
    assert not device.confirmed


def test_nobody_confirms_someone_elses_authenticator(personas):
    _code, plain = enrolment_code_issue(
        actor=Actor.for_user(personas.admin), user=personas.reviewer
    )
    device = enrolment_code_redeem(actor=Actor.for_user(personas.reviewer), code=plain)
    with pytest.raises(Forbidden):
        authenticator_confirm(actor=Actor.for_user(personas.treasury), device=device)


def test_a_redeemed_code_must_be_followed_up_within_the_enrolment_window(personas):
    code, plain = enrolment_code_issue(actor=Actor.for_user(personas.admin), user=personas.reviewer)
    device = enrolment_code_redeem(actor=Actor.for_user(personas.reviewer), code=plain)
    AuthenticatorEnrolmentCode.objects.filter(pk=code.pk).update(
        used_at=timezone.now() - timedelta(hours=1)
    )
    with pytest.raises(Forbidden):
        authenticator_confirm(actor=Actor.for_user(personas.reviewer), device=device)


def test_a_code_is_not_issued_for_an_account_that_has_an_authenticator(personas):
    TOTPDevice.objects.create(user=personas.reviewer, name="app", confirmed=True)
    with pytest.raises(Conflict) as caught:
        enrolment_code_issue(actor=Actor.for_user(personas.admin), user=personas.reviewer)
    assert caught.value.code == "already_enrolled"


def test_codes_are_for_staff_and_issued_by_system_administrators_only(personas):
    for name, actor in personas.all().items():
        if actor is personas.admin:
            continue
        with pytest.raises(Forbidden) as caught:
            enrolment_code_issue(actor=Actor.for_user(actor), user=personas.reviewer)
        assert caught.value.code == "not_system_admin", name
    with pytest.raises(InvalidInput) as caught:
        enrolment_code_issue(actor=Actor.for_user(personas.admin), user=personas.citizen)
    assert caught.value.code == "not_staff"
    with pytest.raises(Forbidden) as caught:
        enrolment_code_issue(actor=Actor.for_user(personas.admin), user=personas.admin)
    assert caught.value.code == "own_account"
    assert not AuthenticatorEnrolmentCode.objects.exists()


# --- the system administrator's page ---------------------------------------------------------


def test_only_the_system_administrator_reaches_the_staff_authenticator_page(client, personas):
    urls = [
        ("get", reverse(ADMIN_PAGE)),
        ("post", reverse("accounts:staff_enrolment_code_issue", args=[personas.reviewer.pk])),
        ("get", reverse("accounts:staff_authenticator_reset", args=[personas.reviewer.pk])),
    ]
    for name, user in personas.all().items():
        client.force_login(user)
        for method, url in urls:
            status = getattr(client, method)(url).status_code
            assert status == (404 if user is not personas.admin else 200), (name, url)
        client.logout()
    assert AuthenticatorEnrolmentCode.objects.filter(issued_by=personas.admin).count() == 1


def test_the_staff_authenticator_page_lists_staff_and_their_state(
    personas, django_assert_max_num_queries
):
    admin = _admin_client(personas)
    TOTPDevice.objects.create(user=personas.treasury, name="app", confirmed=True)
    enrolment_code_issue(actor=Actor.for_user(personas.admin), user=personas.reviewer)
    admin.get(reverse(ADMIN_PAGE))  # warm: session, roles
    with django_assert_max_num_queries(12):
        page = admin.get(reverse(ADMIN_PAGE))
    content = page.content.decode()
    listed = set(re.findall(r'data-staff="([^"]+)"', content))
    assert listed == {
        "operator_a",
        "operator_b",
        "manager_a",
        "reviewer",
        "treasury",
        "inspector",
        "supervisor",
        "committee",
        "council",
        "auditor",
        "catalogue_admin",
        "admin",
    }
    rows = {
        name: row.split("</tr>")[0]
        for name, row in re.findall(
            r'data-staff="([^"]+)"(.*?)(?=data-staff=|</tbody>)', content, re.S
        )
    }
    reset = reverse("accounts:staff_authenticator_reset", args=[personas.treasury.pk])
    assert reset in rows["treasury"]
    issue = reverse("accounts:staff_enrolment_code_issue", args=[personas.reviewer.pk])
    assert issue in rows["reviewer"]
    assert "staff_enrolment_code_issue" not in rows["admin"]
    assert "/enrolment-code/" not in rows["admin"]  # never for one's own account
    searched = admin.get(reverse(ADMIN_PAGE), {"q": "revie"})
    assert set(re.findall(r'data-staff="([^"]+)"', searched.content.decode())) == {"reviewer"}


def test_the_list_page_does_not_grow_in_queries_with_more_staff(personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from daftar.accounts.choices import Role
    from daftar.accounts.tests.factories import UserFactory

    admin = _admin_client(personas)
    admin.get(reverse(ADMIN_PAGE))
    with CaptureQueriesContext(connection) as before:
        admin.get(reverse(ADMIN_PAGE))
    for number in range(5):
        UserFactory(username=f"extra{number}", roles=[Role.OFFICE_OPERATOR])
    with CaptureQueriesContext(connection) as after:
        admin.get(reverse(ADMIN_PAGE))
    assert len(after.captured_queries) == len(before.captured_queries)


def test_a_lost_authenticator_is_reset_with_a_reason_and_a_new_code_enrols_another(
    personas, production
):
    old = TOTPDevice.objects.create(user=personas.treasury, name="app", confirmed=True)
    admin = _admin_client(personas)
    url = reverse("accounts:staff_authenticator_reset", args=[personas.treasury.pk])
    refused = admin.post(url, {"reason": "  "})
    assert refused.status_code == 200
    assert TOTPDevice.objects.filter(pk=old.pk).exists()

    done = admin.post(url, {"reason": "phone lost; identity checked in person"})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=personas.treasury).exists()
    entry = AuditEntry.objects.get(action="user.authenticator_reset")
    assert entry.after == {"devices_removed": 1, "reason": "phone lost; identity checked in person"}
    assert entry.actor_id == personas.admin.pk

    # the password alone still shows no secret; the new code does
    owner = _sign_in("treasury")
    assert not _secret_shown(owner.get(reverse(SETUP)))
    code = _issue_on_the_page(admin, personas.treasury)
    owner.post(reverse(SETUP), {"code": code})
    assert _secret_shown(owner.get(reverse(SETUP)))


def test_an_administrator_cannot_reset_their_own_authenticator_on_the_web(personas):
    with pytest.raises(Forbidden) as caught:
        authenticator_reset(
            actor=Actor.for_user(personas.admin), user=personas.admin, reason="lost"
        )
    assert caught.value.code == "own_account"


# --- the command line (the first administrator) -------------------------------------------------


def test_the_command_line_issues_a_code_for_the_first_administrator(personas, production):
    out = StringIO()
    call_command("staff_enrolment_code", "admin", stdout=out)
    code = re.search(r"(\d{4}-\d{4}-\d{4})", out.getvalue()).group(1)
    entry = AuditEntry.objects.get(action="user.enrolment_code_issued")
    assert entry.actor_label == COMMAND_LINE_ACTOR.label == "system:command-line"
    assert code.replace("-", "") not in repr(entry.after)

    client = _sign_in("admin")
    client.post(reverse(SETUP), {"code": code})
    device = TOTPDevice.objects.get(user=personas.admin)
    assert client.post(reverse(SETUP), {"token": _token(device)}).status_code == 302
    assert client.get(reverse(ADMIN_PAGE)).status_code == 200


def test_the_first_superuser_without_a_role_gets_a_code_on_the_command_line(production):
    from daftar.accounts.models import User

    User.objects.create_superuser("root", password=PASSWORD)
    out = StringIO()
    call_command("staff_enrolment_code", "root", stdout=out)
    code = re.search(r"(\d{4}-\d{4}-\d{4})", out.getvalue()).group(1)
    client = _sign_in("root")
    assert client.get("/admin/").url == reverse(SETUP)  # no second factor yet: enrol first
    assert client.post(reverse(SETUP), {"code": code}).status_code == 302
    assert _secret_shown(client.get(reverse(SETUP)))


def test_the_command_line_resets_and_refuses_unknown_accounts(personas):
    TOTPDevice.objects.create(user=personas.admin, name="app", confirmed=True)
    with pytest.raises(CommandError, match="already has an authenticator"):
        call_command("staff_enrolment_code", "admin", stdout=StringIO())
    out = StringIO()
    call_command("staff_enrolment_code", "admin", "--reset", "phone replaced", stdout=out)
    assert "Removed 1 authenticator" in out.getvalue()
    with pytest.raises(CommandError, match="no account named"):
        call_command("staff_enrolment_code", "nobody", stdout=StringIO())
