"""Shared test fixtures: the personas every endpoint is tested against."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from daftar.accounts.choices import Role
from daftar.notifications.gateways import MemorySmsGateway

pytest_plugins = [
    "daftar.governance.tests.fixtures",
    "daftar.cases.tests.fixtures",
    "daftar.accounts.tests.fixtures",
    "daftar.api.tests.fixtures",
]


@dataclass
class Personas:
    citizen: object
    other_citizen: object
    operator_a: object
    operator_b: object
    manager_a: object
    reviewer: object
    treasury: object
    inspector: object
    supervisor: object
    committee: object
    council: object
    auditor: object
    catalogue_admin: object
    admin: object
    office_a: object
    office_b: object

    def all(self) -> dict[str, object]:
        return {name: value for name, value in vars(self).items() if not name.startswith("office_")}


@pytest.fixture(autouse=True)
def _sms_outbox():
    MemorySmsGateway.outbox.clear()
    MemorySmsGateway.fail_next = 0
    yield MemorySmsGateway.outbox
    MemorySmsGateway.outbox.clear()
    MemorySmsGateway.fail_next = 0


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the tests' is in memory, kept by the process): an
    answer kept for minutes — the city's file counts on the council's home — must not carry
    one test's files into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sms_outbox(_sms_outbox):
    return _sms_outbox


@pytest.fixture
def personas(db) -> Personas:
    from daftar.accounts.tests.factories import CitizenFactory, UserFactory
    from daftar.offices.choices import StaffRole
    from daftar.offices.tests.factories import DistrictFactory, OfficeFactory, OfficeStaffFactory

    office_a = OfficeFactory(code="T0101", district=DistrictFactory(number=1))
    office_b = OfficeFactory(code="T0601", district=DistrictFactory(number=6))
    operator_a = UserFactory(username="operator_a", roles=[Role.OFFICE_OPERATOR])
    operator_b = UserFactory(username="operator_b", roles=[Role.OFFICE_OPERATOR])
    manager_a = UserFactory(username="manager_a", roles=[Role.OFFICE_MANAGER])
    OfficeStaffFactory(office=office_a, user=operator_a)
    OfficeStaffFactory(office=office_b, user=operator_b)
    OfficeStaffFactory(office=office_a, user=manager_a, role=StaffRole.MANAGER)
    return Personas(
        citizen=CitizenFactory(),
        other_citizen=CitizenFactory(),
        operator_a=operator_a,
        operator_b=operator_b,
        manager_a=manager_a,
        reviewer=UserFactory(username="reviewer", roles=[Role.DEPARTMENT_REVIEWER]),
        treasury=UserFactory(username="treasury", roles=[Role.TREASURY_OFFICER]),
        inspector=UserFactory(username="inspector", roles=[Role.INSPECTOR]),
        supervisor=UserFactory(username="supervisor", roles=[Role.SUPERVISOR]),
        committee=UserFactory(username="committee", roles=[Role.COMMITTEE_MEMBER]),
        council=UserFactory(username="council", roles=[Role.COUNCIL_MEMBER]),
        auditor=UserFactory(username="auditor", roles=[Role.AUDITOR]),
        catalogue_admin=UserFactory(username="catalogue_admin", roles=[Role.CATALOGUE_ADMIN]),
        admin=UserFactory(
            username="admin", roles=[Role.SYSTEM_ADMIN], is_staff=True, is_superuser=True
        ),
        office_a=office_a,
        office_b=office_b,
    )
