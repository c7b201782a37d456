"""The Django admin is read-only for every registered model, superusers included: no add,
change or delete permission, no actions, and a POST to any of its forms writes nothing.
Viewing still works for the system administrator (the demo's «مدیریت» link)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.tests.factories import UserFactory
from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.admin import ReadOnlyAdminMixin

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def _label(item) -> str:
    return item[0]._meta.label


def _superuser_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=[_label(i) for i in REGISTERED])
def test_no_registered_admin_lets_even_a_superuser_add_change_or_delete(
    model, model_admin, personas
):
    request = _superuser_request(personas.admin)
    assert personas.admin.is_superuser
    assert isinstance(model_admin, ReadOnlyAdminMixin)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.get_actions(request) == {}
    assert model_admin.has_view_permission(request)


# --- one row of every registered model, through the services where there are some ------------


def _licensing_rows(personas, committee, in_force):
    from daftar.governance.choices import DecisionKind
    from daftar.licensing import services
    from daftar.licensing.tests import factories

    factories.districts()
    decision = factories.adopted_decision(committee, in_force, kind=DecisionKind.LICENCE)
    call = factories.open_it(
        factories.draft_call(committee.secretary), committee.secretary, decision
    )
    people = [{"score": "90", "districts": [4]}, {"score": "80", "districts": [4]}]
    call, applications, _publication = factories.published_call(
        call, committee, personas.reviewer, people
    )
    objection = services.objection_file(
        actor=Actor.for_user(applications[1].applicant),
        application=applications[1],
        text="نمره آزمون من درست ثبت نشده است.",
        today=call.objections_until,
    )
    services.objection_rule(
        actor=Actor.for_user(committee.secretary),
        objection=objection,
        upheld=False,
        reason="نمره درست است.",
    )
    factories.close_objections(call, committee.secretary)
    call.refresh_from_db()
    services.agreements_award(
        actor=Actor.for_user(committee.secretary),
        call=call,
        decision=decision,
        awards=[services.Award(applications[0].code, 4)],
        setup_deadline=decision.decided_on + datetime.timedelta(days=180),
    )


@pytest.fixture
def a_row_of_every_model(personas, catalogue, committee, in_force, settings, tmp_path):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from daftar.accounts.models import OneTimeCode
    from daftar.audit.services import checkpoint_create
    from daftar.catalogue.models import Beneficiary
    from daftar.notifications.services import sms_enqueue
    from daftar.offices.tests.factories import SubDistrictFactory

    _licensing_rows(personas, committee, in_force)
    SubDistrictFactory(district=personas.office_a.district, number=1)
    Beneficiary.objects.update_or_create(  # the catalogue fixture may have it
        key="revenue:building-permit-duty",
        defaults={"name_fa": "درآمد عوارض پروانه", "name_en": "Permit duty"},
    )
    now = timezone.now()
    OneTimeCode.objects.create(
        national_code=personas.citizen.national_code,
        mobile=personas.citizen.mobile,
        salt="00" * 16,
        code_hash="00" * 32,
        created_at=now,
        expires_at=now + datetime.timedelta(minutes=3),
    )
    sms_enqueue(to=personas.citizen.mobile, body="کد ورود: 123456", purpose="otp", sensitive=True)
    TOTPDevice.objects.create(user=personas.treasury, name="phone", confirmed=True)
    seen = {"username": "treasury", "ip_address": "10.0.0.9", "user_agent": "x", "path_info": "/"}
    AccessAttempt.objects.create(**seen, failures_since_start=5, get_data="", post_data="")
    AccessLog.objects.create(**seen)
    AccessFailureLog.objects.create(**seen, locked_out=True)
    from daftar.catalogue import services as catalogue_admin
    from daftar.core.actors import Actor

    catalogue_admin.service_version_snapshot(actor=Actor.system("test"), service=catalogue.service)
    catalogue_admin.tariff_draft_save(
        actor=Actor.for_user(personas.catalogue_admin),
        service=catalogue.service,
        formula="1_000_000 + 12_000 * area_m2",
        description_fa="یک میلیون ریال و برای هر متر ۱۲ هزار ریال",
        description_en="",
        splits=[{"beneficiary": "revenue:building-permit-duty", "basis_points": 10_000}],
        samples=[{"area_m2": "100"}],
        effective_from=timezone.localdate() + datetime.timedelta(days=30),
    )
    _open311_rows(personas, catalogue)
    _staff_leave_row(personas)
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "published-checkpoints"
    checkpoint_create()
    missing = [
        model._meta.label for model, _admin in REGISTERED if not model._default_manager.exists()
    ]
    assert missing == [], f"give these models a row in this fixture: {missing}"
    return {model: model._default_manager.order_by("pk").first() for model, _a in REGISTERED}


def _snapshot() -> dict[str, list[dict]]:
    """Every row of every registered model, and of the two logs a write would leave."""
    models = [model for model, _a in REGISTERED] + [LogEntry, AuditEntry]
    return {
        model._meta.label: [
            {k: str(v) for k, v in row.items()}
            for row in model._default_manager.order_by("pk").values()
        ]
        for model in models
    }


def _posted(obj) -> dict:
    """The object's own values with every text field changed: what an edit would send."""
    data = {}
    for name, value in model_to_dict(obj).items():
        if value is None:
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, str):
            data[name] = value + "x" if value else "x"
        else:
            data[name] = getattr(value, "pk", value)
    return data


def _urls(model, pk) -> dict[str, str]:
    info = model._meta.app_label, model._meta.model_name
    return {
        "changelist": reverse("admin:{}_{}_changelist".format(*info)),
        "add": reverse("admin:{}_{}_add".format(*info)),
        "change": reverse("admin:{}_{}_change".format(*info), args=[pk]),
        "delete": reverse("admin:{}_{}_delete".format(*info), args=[pk]),
    }


def test_posting_to_any_admin_form_writes_nothing_for_a_superuser(
    client, personas, a_row_of_every_model
):
    client.force_login(personas.admin)
    before = _snapshot()
    for model, obj in a_row_of_every_model.items():
        urls = _urls(model, obj.pk)
        label = model._meta.label
        assert client.post(urls["change"], _posted(obj)).status_code == 403, label
        assert client.post(urls["add"], _posted(obj)).status_code == 403, label
        assert client.post(urls["delete"], {"post": "yes"}).status_code == 403, label
        # the changelist's "delete selected" (and any other action) is gone
        client.post(
            urls["changelist"],
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        )
    assert _snapshot() == before


def test_a_superuser_cannot_give_a_role_through_the_admin_user_form(client, personas):
    from django.contrib.auth.models import Group

    client.force_login(personas.admin)
    target = personas.operator_a
    url = reverse("admin:accounts_user_change", args=[target.pk])
    data = {
        "username": target.username,
        "groups": [Group.objects.get(name=Role.TREASURY_OFFICER).pk],
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "00:00:00",
    }
    audit_entries = AuditEntry.objects.count()
    assert client.post(url, data).status_code == 403
    password_url = reverse("admin:auth_user_password_change", args=[target.pk])
    new_password = {"password1": "x" * 20, "password2": "x" * 20}
    assert client.post(password_url, new_password).status_code == 403
    target.refresh_from_db()
    assert list(target.groups.values_list("name", flat=True)) == [Role.OFFICE_OPERATOR]
    assert not target.is_staff
    assert target.check_password("correct-horse-battery-staple")
    assert AuditEntry.objects.count() == audit_entries


def test_a_superuser_cannot_edit_an_office_payout_sheba_in_the_admin(client, personas):
    office = personas.office_a
    client.force_login(personas.admin)
    url = reverse("admin:offices_office_change", args=[office.pk])
    data = {**_posted(office), "sheba": "IR820540102680020817909002"}
    assert client.post(url, data).status_code == 403
    office.refresh_from_db()
    assert office.sheba != "IR820540102680020817909002"


@pytest.fixture
def system_admin(db):
    """The demo's system administrator: the role and staff status, not a superuser."""
    return UserFactory(username="fava", roles=[Role.SYSTEM_ADMIN], is_staff=True)


def test_the_system_administrator_can_still_view_every_admin_page(
    client, system_admin, a_row_of_every_model
):
    client.force_login(system_admin)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    for model, obj in a_row_of_every_model.items():
        urls = _urls(model, obj.pk)
        label = model._meta.label
        assert urls["changelist"] in index.content.decode(), label
        assert client.get(urls["changelist"]).status_code == 200, label
        page = client.get(urls["change"])
        assert page.status_code == 200, label
        assert 'name="_save"' not in page.content.decode(), label
        assert client.get(urls["add"]).status_code == 403, label


def test_the_admin_never_shows_a_second_factor_secret_or_a_queued_one_time_code(
    client, personas, a_row_of_every_model
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from daftar.notifications.models import SmsMessage

    client.force_login(personas.admin)
    device = TOTPDevice.objects.get(user=personas.treasury)
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200
    assert device.key not in page.content.decode()
    for suffix in ("config", "qrcode"):
        response = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/{suffix}/", follow=True)
        assert device.key not in response.content.decode()
        assert response.get("Content-Type", "").startswith("text/html")
    message = SmsMessage.objects.get(purpose="otp")
    page = client.get(reverse("admin:notifications_smsmessage_change", args=[message.pk]))
    assert page.status_code == 200
    assert "123456" not in page.content.decode()


def test_only_staff_accounts_reach_the_admin(client, personas):
    for name, user in personas.all().items():
        client.force_login(user)
        status = client.get(reverse("admin:index")).status_code
        assert status == (200 if user.is_staff else 302), name


def test_the_sign_in_libraries_are_named_for_a_persian_administrator(client, personas):
    client.force_login(personas.admin)
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    assert "تلاش‌های ورود و توقف‌ها" in page
    assert "برنامه‌های احراز هویت (عامل دوم)" in page
    assert ">Axes<" not in page
    assert ">Otp_Totp<" not in page


def _open311_rows(personas, catalogue) -> None:
    """An Open311 service and a report on it (pointing at a file opened for it)."""
    from daftar.api.models import PartnerApp
    from daftar.cases.models import File
    from daftar.cases.tests.fixtures import open_file
    from daftar.open311.models import Open311Request, Open311Service

    service = Open311Service.objects.create(
        service_code="office-bribe",
        name_fa="رشوه",
        name_en="Bribe",
        target="complaint",
        complaint_category="bribe",
    )
    partner = PartnerApp.objects.first() or PartnerApp.objects.create(
        name="Open311 app", key_prefix="o311", key_hash="0" * 64, scopes=["open311"]
    )
    file = File.objects.first() or open_file(personas, catalogue)
    Open311Request.objects.create(
        token="0" * 32,
        service=service,
        partner=partner,
        file=file,
        service_request_id=file.tracking_code,
        address_string="خیابان آزادی",
        requested_at=timezone.now(),
    )


def _staff_leave_row(personas):
    """Staff leave (ADR 0036): operator_a away tomorrow."""
    from daftar.offices.services import staff_leave_record

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    staff_leave_record(
        actor=Actor.for_user(personas.manager_a),
        post=personas.operator_a.office_posts.get(left_on__isnull=True),
        first_day=tomorrow,
        last_day=tomorrow,
        reason="annual",
    )
