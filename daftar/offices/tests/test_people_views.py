"""The people pages: who reaches them (object level: a manager sees only their office's
proposals), bad input shown in Persian with nothing changed, audit entries, constant query
counts of the lists."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.accounts.tests.factories import PASSWORD, UserFactory
from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.offices import services
from daftar.offices.choices import ProposalStatus, StaffRole
from daftar.offices.models import OfficeStaff, StaffProposal
from daftar.offices.tests.factories import OfficeStaffFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _create_post(personas, **overrides):
    data = {
        "username": "s.karimi",
        "first_name": "سارا",
        "last_name": "کریمی",
        "mobile": "۰۹۱۲۱۲۳۴۵۶۷",
        "roles": ["office_operator"],
        "office": personas.office_a.pk,
        "staff_role": "operator",
    }
    data.update(overrides)
    return _client(personas.admin).post(reverse("people:create"), data)


def test_the_admin_creates_a_staff_member_and_sees_the_password_once(personas):
    response = _create_post(personas)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    password = response.context["password"]
    user = User.objects.get(username="s.karimi")
    assert user.check_password(password)
    assert user.mobile == "+989121234567"
    assert OfficeStaff.objects.get(user=user, left_on__isnull=True).office == personas.office_a
    signed_in = Client().post(
        reverse("accounts:staff_login"), {"username": "s.karimi", "password": password}
    )
    assert signed_in.status_code == 302


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"username": "operator_a"}, "username", "قبلاً گرفته شده"),
        ({"office": ""}, "office", "دفتر و سمت را انتخاب کنید"),
        (
            {"roles": ["department_reviewer"], "office": "", "staff_role": ""},
            "department",
            "معاونت",
        ),
        ({"mobile": "12345"}, "mobile", "شماره همراه ایرانی"),
    ],
)
def test_bad_input_on_the_create_page_is_shown_in_persian_and_changes_nothing(
    personas, overrides, field, message
):
    users, entries = User.objects.count(), AuditEntry.objects.count()
    response = _create_post(personas, **overrides)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field]) or message in response.content.decode()
    assert (User.objects.count(), AuditEntry.objects.count()) == (users, entries)


def test_the_admin_changes_roles_and_the_reviewer_gets_a_department(personas, catalogue):
    client = _client(personas.admin)
    response = client.post(
        reverse("people:person", args=[personas.operator_a.pk]),
        {
            "first_name": "علی",
            "last_name": "رضایی",
            "mobile": "",
            "roles": ["department_reviewer"],
            "department": catalogue.other_department.pk,
        },
    )
    assert response.status_code == 302
    assert not OfficeStaff.objects.filter(user=personas.operator_a, left_on__isnull=True).exists()
    assert AuditEntry.objects.filter(action="user.roles_changed").exists()
    assert AuditEntry.objects.filter(action="department.member_set").exists()


def test_the_admin_cannot_deactivate_themselves_from_the_page(personas):
    client = _client(personas.admin)
    response = client.post(
        reverse("people:deactivate", args=[personas.admin.pk]), {"reason": "x"}, follow=True
    )
    assert "حساب خودتان" in response.content.decode()
    personas.admin.refresh_from_db()
    assert personas.admin.is_active


def test_a_deactivated_operator_is_signed_out_and_cannot_sign_in(personas):
    operator = _client(personas.operator_a)
    assert operator.get(reverse("offices:my_office")).status_code == 200
    _client(personas.admin).post(
        reverse("people:deactivate", args=[personas.operator_a.pk]), {"reason": "ترک کار"}
    )
    assert operator.get(reverse("offices:my_office")).status_code == 302  # signed out
    response = Client().post(
        reverse("accounts:staff_login"), {"username": "operator_a", "password": PASSWORD}
    )
    assert response.status_code == 200  # the form again, with an error


def test_the_second_factor_reset_shows_a_new_enrolment_code(personas):
    response = _client(personas.admin).post(
        reverse("people:second_factor", args=[personas.operator_a.pk]), {"reason": "گم شدن تلفن"}
    )
    assert response.status_code == 200
    assert len(response.context["code"].replace("-", "")) == 12
    assert AuditEntry.objects.filter(action="user.enrolment_code_issued").exists()


def test_the_people_list_masks_national_codes_and_filters_by_role(personas):
    personas.auditor.national_code = "0013542419"
    personas.auditor.save()
    response = _client(personas.admin).get(reverse("people:list"), {"role": "auditor"})
    body = response.content.decode()
    assert "0013542419" not in body
    assert "۰۰۱****۴۱۹" in body
    assert [row["member"].username for row in response.context["rows"]] == ["auditor"]


def test_the_people_list_has_a_constant_query_count(personas):
    client = _client(personas.admin)
    url = reverse("people:list")
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(5):
        OfficeStaffFactory(
            office=personas.office_b,
            user=UserFactory(username=f"extra{n}", roles=[Role.OFFICE_OPERATOR]),
        )
    with CaptureQueriesContext(connection) as second:
        response = client.get(url)
    assert len(second) == len(first)
    assert "extra4" in response.content.decode()


# --- certifications ---------------------------------------------------------------------------


def test_the_supervisor_records_a_certification_and_a_failed_exam_is_refused(personas, catalogue):
    client = _client(personas.supervisor)
    post = personas.operator_a.office_posts.get(left_on__isnull=True)
    data = {
        "staff": post.pk,
        "domain": catalogue.domain.pk,
        "course": "دوره شهرسازی",
        "exam_score": "۴۰",
        "number": "C-77",
        "issued_on": "1405/01/10",
        "expires_on": "1407/01/10",
    }
    response = client.post(reverse("people:certification_new"), data)
    assert response.status_code == 400
    assert "حد قبولی" in " ".join(response.context["form"].errors["exam_score"])
    response = client.post(reverse("people:certification_new"), {**data, "exam_score": "85"})
    assert response.status_code == 302
    assert post.certifications.get(number="C-77").exam_score == 85


def test_the_certification_list_has_a_constant_query_count(personas, catalogue):
    client = _client(personas.supervisor)
    url = reverse("people:certifications") + "?within="
    today = timezone.localdate()

    def certify(n):
        staff = OfficeStaffFactory(office=personas.office_b, user=UserFactory(username=f"cert{n}"))
        services.certification_grant(
            actor=Actor.system("test"),
            staff=staff,
            domain=catalogue.domain,
            number=f"N-{n}",
            issued_on=today,
            expires_on=today + datetime.timedelta(days=10),
        )

    certify(0)
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(1, 5):
        certify(n)
    with CaptureQueriesContext(connection) as second:
        response = client.get(url)
    assert len(second) == len(first)
    assert len(response.context["page"]) == 5


# --- proposals --------------------------------------------------------------------------------


PROPOSAL = {
    "first_name": "رضا",
    "last_name": "محمدی",
    "national_code": "۰۰۱۳۵۴۲۴۱۹",
    "mobile": "09121234567",
    "staff_role": "operator",
    "certifications_held": "",
}


def test_a_manager_proposes_the_supervisor_approves_and_the_manager_sees_it(personas):
    manager = _client(personas.manager_a)
    response = manager.post(reverse("people:proposal_new"), PROPOSAL)
    assert response.status_code == 302
    proposal = StaffProposal.objects.get()
    supervisor = _client(personas.supervisor)
    response = supervisor.post(
        reverse("people:proposal_approve", args=[proposal.pk]), {"username": "operator_a"}
    )
    assert response.status_code == 400  # taken: nothing changed
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    response = supervisor.post(
        reverse("people:proposal_approve", args=[proposal.pk]), {"username": "r.mohammadi"}
    )
    assert response.status_code == 302
    page = manager.get(reverse("people:proposal", args=[proposal.pk]))
    assert page.context["proposal"].status == ProposalStatus.APPROVED
    assert "۰۰۱****۴۱۹" in page.content.decode()
    assert OfficeStaff.objects.filter(
        user__username="r.mohammadi", office=personas.office_a, role=StaffRole.OPERATOR
    ).exists()


def test_a_manager_sees_only_their_own_offices_proposals(personas):
    other_manager = UserFactory(username="manager_b", roles=[Role.OFFICE_MANAGER])
    OfficeStaffFactory(office=personas.office_b, user=other_manager, role=StaffRole.MANAGER)
    proposal = services.staff_proposal_submit(
        actor=Actor.for_user(other_manager),
        first_name="a",
        last_name="b",
        national_code="0013542419",
        mobile="09121234567",
        staff_role=StaffRole.OPERATOR,
    )
    client = _client(personas.manager_a)
    assert client.get(reverse("people:proposal", args=[proposal.pk])).status_code == 404
    assert list(client.get(reverse("people:proposals")).context["page"]) == []
    assert _client(personas.operator_a).get(reverse("people:proposal_new")).status_code == 404


def test_a_bad_proposal_is_shown_in_persian_and_saves_nothing(personas):
    response = _client(personas.manager_a).post(
        reverse("people:proposal_new"), {**PROPOSAL, "national_code": "1234567890"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["national_code"]
    assert not StaffProposal.objects.exists()


def test_a_rejection_needs_a_reason(personas):
    proposal = services.staff_proposal_submit(
        actor=Actor.for_user(personas.manager_a),
        first_name="a",
        last_name="b",
        national_code="0013542419",
        mobile="09121234567",
        staff_role=StaffRole.OPERATOR,
    )
    client = _client(personas.supervisor)
    assert client.post(reverse("people:proposal_reject", args=[proposal.pk]), {}).status_code == 400
    response = client.post(
        reverse("people:proposal_reject", args=[proposal.pk]), {"reason": "مدرک ناقص"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED


def test_the_proposal_lists_have_a_constant_query_count(personas):
    client = _client(personas.supervisor)
    url = reverse("people:proposals") + "?status="

    def propose(code, n):
        StaffProposal.objects.create(
            office=personas.office_a,
            proposed_by=personas.manager_a,
            proposed_at=datetime.datetime.now(datetime.UTC),
            first_name=f"n{n}",
            last_name="x",
            national_code=code,
            mobile="+989121234567",
            staff_role="operator",
        )

    codes = ["0013542419", "0084575948", "0067749828", "0499370899", "0790419904"]
    propose(codes[0], 0)
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(1, 5):
        propose(codes[n], n)
    with CaptureQueriesContext(connection) as second:
        response = client.get(url)
    assert len(second) == len(first)
    assert len(response.context["page"]) == 5


def test_an_approved_account_waits_on_the_admins_list_until_it_has_a_password(personas):
    proposal = services.staff_proposal_submit(
        actor=Actor.for_user(personas.manager_a),
        first_name="رضا",
        last_name="محمدی",
        national_code="0013542419",
        mobile="09121234567",
        staff_role=StaffRole.OPERATOR,
    )
    services.staff_proposal_approve(
        actor=Actor.for_user(personas.supervisor), proposal=proposal, username="r.mohammadi"
    )
    admin = _client(personas.admin)
    url = reverse("people:list")
    waiting = admin.get(url, {"status": "no_password"}).context["rows"]
    assert [row["member"].username for row in waiting] == ["r.mohammadi"]
    user = User.objects.get(username="r.mohammadi")
    response = admin.post(reverse("people:password", args=[user.pk]))
    assert User.objects.get(pk=user.pk).check_password(response.context["password"])
    assert admin.get(url, {"status": "no_password"}).context["rows"] == []
