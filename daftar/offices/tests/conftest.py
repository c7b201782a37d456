from __future__ import annotations

import datetime

import pytest

from daftar.catalogue.models import Department, ServiceDomain
from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind
from daftar.offices import services
from daftar.offices.choices import StaffRole
from daftar.offices.models import Office
from daftar.offices.tests.factories import DistrictFactory

TODAY = datetime.date(2026, 11, 29)


@pytest.fixture
def domain():
    department, _ = Department.objects.get_or_create(
        code="urban-planning", defaults={"name_fa": "شهرسازی", "name_en": "Urban planning"}
    )
    return ServiceDomain.objects.get_or_create(
        code="building-permits",
        defaults={
            "name_fa": "پروانه ساختمانی",
            "name_en": "Building permits",
            "department": department,
        },
    )[0]


@pytest.fixture
def licensed_office(adopt_decision, personas) -> Office:
    """A pending office with a licensee and an active five-year licence, then activated."""
    office = services.office_register(
        actor=Actor.system("test"),
        code="T2201",
        name="دفتر چیتگر",
        district=DistrictFactory(number=22),
        address="تهران، چیتگر، خیابان ایران‌زمین",
        postal_code="۱۴۹۵۷-۸۳۶۱۱",
    )
    person = services.person_upsert(
        actor=Actor.system("test"), national_code="0499370899", first_name="رضا", last_name="کریمی"
    )
    licensee = services.licensee_for_person(actor=Actor.system("test"), person=person)
    services.licence_issue(
        actor=Actor.system("test"),
        office=office,
        licensee=licensee,
        decision=adopt_decision(DecisionKind.LICENCE),
        issued_on=datetime.date(2025, 1, 1),
        term_years=5,
    )
    return services.office_activate(actor=Actor.system("test"), office=office)


@pytest.fixture
def certified(licensed_office, personas, domain):
    """An operator of the licensed office, certified for the domain."""
    post = services.office_staff_add(
        actor=Actor.system("test"),
        office=licensed_office,
        user=personas.other_citizen,
        role=StaffRole.OPERATOR,
        hired_on=datetime.date(2025, 1, 10),
    )
    services.certification_grant(
        actor=Actor.system("test"),
        staff=post,
        domain=domain,
        number="C-1",
        issued_on=datetime.date(2025, 2, 1),
        expires_on=datetime.date(2027, 2, 1),
    )
    return post
