"""People and roles (issue 17 item 5): the services behind the system administrator's people
pages, the training unit's certifications and the office managers' staff proposals."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.backends import ModelBackend

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.accounts.selectors import user_roles
from daftar.accounts.tests.factories import PASSWORD
from daftar.audit.models import AuditEntry
from daftar.catalogue.models import DepartmentMember
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, DaftarError, Forbidden, InvalidInput
from daftar.offices import services
from daftar.offices.choices import ProposalStatus, StaffRole
from daftar.offices.models import Certification, CertificationReminder, OfficeStaff, StaffProposal
from daftar.offices.services import Placement

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)
MOBILE = "09121234567"
NATIONAL_CODE = "0013542419"


def _admin(personas) -> Actor:
    return Actor.for_user(personas.admin)


def _operator_at(office) -> Placement:
    return Placement(roles=(Role.OFFICE_OPERATOR,), office=office, staff_role=StaffRole.OPERATOR)


def _create(personas, *, username="s.karimi", placement=None, mobile=MOBILE):
    return services.staff_member_create(
        actor=_admin(personas),
        username=username,
        first_name="سارا",
        last_name="کریمی",
        mobile=mobile,
        placement=placement or _operator_at(personas.office_a),
        today=TODAY,
    )


def test_the_system_admin_creates_an_operator_with_a_post_and_a_first_password(personas):
    created = _create(personas)
    user = created.user
    assert user_roles(user) == {Role.OFFICE_OPERATOR.value}
    assert user.mobile == "+989121234567"
    post = OfficeStaff.objects.get(user=user, left_on__isnull=True)
    assert (post.office, post.role, post.hired_on) == (personas.office_a, "operator", TODAY)
    assert ModelBackend().authenticate(None, username="s.karimi", password=created.password) == user
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"user.created", "office.staff_added"} <= actions


def test_a_reviewer_is_placed_in_their_department(personas, catalogue):
    created = _create(
        personas,
        placement=Placement(
            roles=(Role.DEPARTMENT_REVIEWER,), department=catalogue.other_department
        ),
    )
    member = DepartmentMember.objects.get(user=created.user)
    assert member.department == catalogue.other_department
    assert not member.is_head
    assert AuditEntry.objects.filter(action="department.member_set").exists()


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"username": "operator_a"}, "username_taken"),
        ({"username": "OPERATOR_A"}, "username_taken"),
        ({"username": "نام کاربری"}, "username_invalid"),
        ({"mobile": "12345"}, "mobile_invalid"),
        ({"placement": Placement(roles=(Role.OFFICE_OPERATOR,))}, "staff_office_required"),
        ({"placement": Placement(roles=(Role.DEPARTMENT_REVIEWER,))}, "department_required"),
        ({"placement": Placement(roles=())}, "roles_required"),
        ({"placement": Placement(roles=("citizen",))}, "roles_required"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(personas, kwargs, code):
    users, posts, entries = (
        User.objects.count(),
        OfficeStaff.objects.count(),
        AuditEntry.objects.count(),
    )
    with pytest.raises(DaftarError) as refused:
        _create(personas, **kwargs)
    assert refused.value.code == code
    assert str(refused.value.render("fa")) != str(refused.value.render("en"))  # translated
    assert (User.objects.count(), OfficeStaff.objects.count(), AuditEntry.objects.count()) == (
        users,
        posts,
        entries,
    )


def test_a_manager_post_needs_the_manager_role(personas):
    with pytest.raises(InvalidInput) as refused:
        _create(
            personas,
            placement=Placement(
                roles=(Role.OFFICE_OPERATOR,), office=personas.office_a, staff_role="manager"
            ),
        )
    assert refused.value.code == "staff_role_mismatch"


def test_a_department_head_is_refused_while_the_department_has_one(personas, catalogue):
    with pytest.raises(Conflict) as refused:
        _create(
            personas,
            placement=Placement(
                roles=(Role.DEPARTMENT_REVIEWER,), department=catalogue.department, is_head=True
            ),
        )
    assert refused.value.code == "department_head_taken"
    assert not User.objects.filter(username="s.karimi").exists()


def test_only_the_system_admin_administers_staff(personas):
    with pytest.raises(Forbidden):
        services.staff_member_create(
            actor=Actor.for_user(personas.supervisor),
            username="x.y",
            first_name="a",
            last_name="b",
            mobile="",
            placement=_operator_at(personas.office_a),
        )


def test_changing_roles_moves_the_post_and_the_department_place(personas, catalogue):
    user = _create(personas).user
    services.staff_member_update(
        actor=_admin(personas),
        user=user,
        first_name="سارا",
        last_name="کریمی",
        mobile=MOBILE,
        placement=Placement(
            roles=(Role.DEPARTMENT_REVIEWER,), department=catalogue.other_department
        ),
        today=TODAY,
    )
    assert user_roles(User.objects.get(pk=user.pk)) == {Role.DEPARTMENT_REVIEWER.value}
    assert not OfficeStaff.objects.filter(user=user, left_on__isnull=True).exists()
    assert OfficeStaff.objects.get(user=user).left_on == TODAY
    assert DepartmentMember.objects.get(user=user).department == catalogue.other_department


def test_an_operator_moves_to_another_office(personas):
    user = _create(personas).user
    services.staff_member_update(
        actor=_admin(personas),
        user=user,
        first_name="سارا",
        last_name="کریمی",
        mobile=MOBILE,
        placement=_operator_at(personas.office_b),
        today=TODAY,
    )
    assert OfficeStaff.objects.get(user=user, left_on__isnull=True).office == personas.office_b


def test_the_admin_cannot_remove_their_own_admin_role_nor_deactivate_themselves(personas):
    admin = personas.admin
    with pytest.raises(InvalidInput) as refused:
        services.staff_member_update(
            actor=_admin(personas),
            user=admin,
            first_name="مدیر",
            last_name="سامانه",
            mobile="",
            placement=Placement(roles=(Role.AUDITOR,)),
        )
    assert refused.value.code == "own_system_admin_role"
    with pytest.raises(InvalidInput) as refused:
        services.staff_member_deactivate(actor=_admin(personas), user=admin, reason="test")
    assert refused.value.code == "own_account"
    admin.refresh_from_db()
    assert admin.is_active
    assert user_roles(User.objects.get(pk=admin.pk)) == {"system_admin"}


def test_a_deactivated_reviewer_cannot_sign_in_and_leaves_their_department(personas, catalogue):
    reviewer = personas.reviewer
    services.staff_member_deactivate(actor=_admin(personas), user=reviewer, reason="بازنشسته شد")
    reviewer.refresh_from_db()
    assert not reviewer.is_active
    assert ModelBackend().authenticate(None, username="reviewer", password=PASSWORD) is None
    assert not DepartmentMember.objects.filter(user=reviewer).exists()
    assert AuditEntry.objects.filter(action="user.deactivated").exists()
    services.staff_member_reactivate(actor=_admin(personas), user=reviewer)
    reviewer.refresh_from_db()
    assert reviewer.is_active


def test_a_deactivated_operator_leaves_the_office(personas):
    services.staff_member_deactivate(
        actor=_admin(personas), user=personas.operator_a, reason="left", today=TODAY
    )
    assert not OfficeStaff.objects.filter(user=personas.operator_a, left_on__isnull=True).exists()
    with pytest.raises(Conflict):
        services.staff_member_deactivate(
            actor=_admin(personas), user=personas.operator_a, reason="again"
        )


# --- certifications -----------------------------------------------------------------------


def _record(personas, catalogue, *, actor=None, score=85, number="C-100", expires=None):
    return services.certification_record(
        actor=actor or Actor.for_user(personas.supervisor),
        staff=personas.operator_a.office_posts.get(left_on__isnull=True),
        domain=catalogue.domain,
        number=number,
        course="دوره خدمات شهرسازی",
        exam_score=score,
        issued_on=TODAY,
        expires_on=expires or TODAY + datetime.timedelta(days=365),
    )


def test_the_training_unit_records_a_certification_with_course_and_score(personas, catalogue):
    certification = _record(personas, catalogue)
    assert (certification.course, certification.exam_score) == ("دوره خدمات شهرسازی", 85)
    assert AuditEntry.objects.filter(action="office.staff_certified").exists()


def test_a_failed_exam_earns_no_certificate(personas, catalogue):
    with pytest.raises(InvalidInput) as refused:
        _record(personas, catalogue, score=40)
    assert refused.value.code == "exam_score_below_pass"
    assert not Certification.objects.filter(number="C-100").exists()


def test_only_the_training_unit_records_certifications(personas, catalogue):
    with pytest.raises(Forbidden):
        _record(personas, catalogue, actor=Actor.for_user(personas.manager_a))


def test_reminders_go_once_per_threshold_to_the_member_and_the_manager(
    personas, catalogue, sms_outbox, settings, django_capture_on_commit_callbacks
):
    settings.CERTIFICATION_REMINDER_DAYS = [30, 7]
    personas.operator_a.mobile = "+989121111111"
    personas.operator_a.save()
    personas.manager_a.mobile = "+989122222222"
    personas.manager_a.save()
    certification = _record(personas, catalogue, expires=TODAY + datetime.timedelta(days=20))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.certification_reminders_send(today=TODAY) == 1
        assert services.certification_reminders_send(today=TODAY) == 0  # idempotent
        assert services.certification_reminders_send(today=TODAY + datetime.timedelta(days=5)) == 0
        assert services.certification_reminders_send(today=TODAY + datetime.timedelta(days=13)) == 1
    reminders = CertificationReminder.objects.filter(certification=certification)
    assert sorted(reminders.values_list("days_before", flat=True)) == [7, 30]
    assert sorted(message["to"] for message in sms_outbox) == [
        "+989121111111",
        "+989121111111",
        "+989122222222",
        "+989122222222",
    ]
    assert "C-100" in sms_outbox[0]["body"] or "C-۱۰۰" in sms_outbox[0]["body"]


# --- proposals --------------------------------------------------------------------------------


def _propose(personas, **overrides) -> StaffProposal:
    data = {
        "first_name": "رضا",
        "last_name": "محمدی",
        "national_code": NATIONAL_CODE,
        "mobile": MOBILE,
        "staff_role": StaffRole.OPERATOR,
        "certifications_held": "گواهی خدمات شهرسازی ۱۴۰۳",
    }
    data.update(overrides)
    return services.staff_proposal_submit(actor=Actor.for_user(personas.manager_a), **data)


def test_a_manager_proposes_and_the_supervisor_approves(personas, sms_outbox):
    proposal = _propose(personas)
    assert proposal.office == personas.office_a
    assert proposal.status == ProposalStatus.PENDING
    services.staff_proposal_approve(
        actor=Actor.for_user(personas.supervisor), proposal=proposal, username="r.mohammadi"
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    user = proposal.staff_user
    assert user.username == "r.mohammadi"
    assert not user.has_usable_password()
    assert user_roles(user) == {Role.OFFICE_OPERATOR.value}
    assert OfficeStaff.objects.get(user=user, left_on__isnull=True).office == personas.office_a
    assert AuditEntry.objects.filter(action="office.staff_proposal_approved").exists()


def test_the_supervisor_rejects_with_a_reason(personas):
    proposal = _propose(personas)
    with pytest.raises(InvalidInput):
        services.staff_proposal_reject(
            actor=Actor.for_user(personas.supervisor), proposal=proposal, reason=" "
        )
    services.staff_proposal_reject(
        actor=Actor.for_user(personas.supervisor), proposal=proposal, reason="سابقه کافی ندارد"
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_reason) == ("rejected", "سابقه کافی ندارد")
    with pytest.raises(Conflict):
        services.staff_proposal_approve(
            actor=Actor.for_user(personas.supervisor), proposal=proposal, username="r.m"
        )


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"national_code": "1234567890"}, "national_code_checksum"),
        ({"mobile": "0912"}, "mobile_invalid"),
        ({"first_name": " "}, "required"),
    ],
)
def test_a_bad_proposal_is_refused(personas, overrides, code):
    with pytest.raises(InvalidInput) as refused:
        _propose(personas, **overrides)
    assert refused.value.code.startswith(code.split("_")[0])
    assert not StaffProposal.objects.exists()


def test_only_an_office_manager_proposes_and_only_once_per_person(personas):
    with pytest.raises(Forbidden):
        services.staff_proposal_submit(
            actor=Actor.for_user(personas.operator_a),
            first_name="a",
            last_name="b",
            national_code=NATIONAL_CODE,
            mobile=MOBILE,
            staff_role=StaffRole.OPERATOR,
        )
    _propose(personas)
    with pytest.raises(Conflict):
        _propose(personas)


def test_an_approval_with_a_taken_username_changes_nothing(personas):
    proposal = _propose(personas)
    with pytest.raises(InvalidInput):
        services.staff_proposal_approve(
            actor=Actor.for_user(personas.supervisor), proposal=proposal, username="operator_a"
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    assert not User.objects.filter(first_name="رضا").exists()
