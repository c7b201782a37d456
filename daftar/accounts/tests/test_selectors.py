"""The staff lists' reads: who counts as staff (a staff role, or a superuser), never a citizen."""

from __future__ import annotations

import pytest

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.accounts.selectors import staff_accounts, staff_authenticator_list
from daftar.accounts.tests.factories import CitizenFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_are_the_staff_roles_members_and_the_superusers_never_a_citizen():
    reviewer = UserFactory(roles=[Role.DEPARTMENT_REVIEWER])
    both = UserFactory(roles=[Role.COUNCIL_MEMBER, Role.AUDITOR])  # listed once
    root = User.objects.create_superuser("root", password="a long enough password 1")
    gone = UserFactory(roles=[Role.OFFICE_OPERATOR], is_active=False)
    CitizenFactory(roles=[Role.CITIZEN])
    UserFactory()  # an account with no role yet

    assert list(staff_accounts(status="all").order_by("pk")) == [reviewer, both, root, gone]
    assert set(staff_accounts()) == {reviewer, both, root}
    assert set(staff_accounts(status="inactive")) == {gone}
    assert set(staff_accounts(role=Role.AUDITOR)) == {both}
    assert set(staff_authenticator_list()) == {reviewer, both, root}
    assert staff_authenticator_list().count() == 3
