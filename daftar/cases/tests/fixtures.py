"""Files fixtures shared by the cases, api and treasury tests (loaded from the root conftest)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from daftar.accounts.choices import Role
from daftar.accounts.tests.factories import UserFactory
from daftar.catalogue.choices import FieldType
from daftar.catalogue.models import (
    Beneficiary,
    Department,
    DepartmentMember,
    FormField,
    RequiredDocument,
    Service,
    ServiceDomain,
)
from daftar.catalogue.services import tariff_set
from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind
from daftar.offices import services as offices
from daftar.offices.choices import LicenceStatus
from daftar.workflow.definitions import workflow_install

PDF = b"%PDF-1.7\n%demo document\n" + b"0" * 200
TARIFF_FORMULA = "1_000_000 + {1: 10_000, 2: 5_000}[zone] * area_m2"
TARIFF_SPLITS = [
    {"beneficiary": "revenue:building-permit-duty", "basis_points": 8500},
    {"beneficiary": "office_fee", "basis_points": 1500},
]


FORM = {"area_m2": "120", "zone": "1"}  # 1,000,000 + 10,000 × 120 = 2,200,000 rials


def pdf(name: str = "deed.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def open_file(personas, catalogue, *, office=None, operator=None, form_data=FORM):
    """A submitted building-permit file with its deed: opened by the citizen on the web, or
    at `office`'s counter by `operator` (operator_a unless named)."""
    from daftar.cases import services as cases
    from daftar.catalogue.choices import Channel

    if office is None:
        return cases.file_open(
            actor=Actor.for_user(personas.citizen),
            service=catalogue.service,
            channel=Channel.WEB,
            citizen=personas.citizen,
            form_data=form_data,
            documents={"deed": pdf()},
        )
    operator = operator or personas.operator_a
    return cases.file_open(
        actor=Actor.for_user(operator),
        service=catalogue.service,
        channel=Channel.OFFICE,
        citizen=personas.citizen,
        form_data=form_data,
        documents={"deed": pdf()},
        office=office,
        operator=operator,
    )


@dataclass
class Catalogue:
    department: Department
    other_department: Department
    domain: ServiceDomain
    service: Service
    head: object


@pytest.fixture
def catalogue(personas, adopt_decision) -> Catalogue:
    department = Department.objects.create(
        code="urban-planning", name_fa="معاونت شهرسازی", name_en="Urban planning"
    )
    other = Department.objects.create(
        code="transport", name_fa="معاونت حمل‌ونقل", name_en="Transport"
    )
    domain = ServiceDomain.objects.create(
        code="building-permits",
        name_fa="پروانه ساختمانی",
        name_en="Building permits",
        department=department,
    )
    service = Service.objects.create(
        code="bp-file-open",
        title_fa="تشکیل پرونده پروانه ساختمانی",
        title_en="Open a building-permit file",
        domain=domain,
        department=department,
        channel_office=True,
        channel_web=True,
        channel_partner=True,
        sla_days=10,
        workflow=workflow_install("permit"),
    )
    FormField.objects.create(
        service=service,
        name="area_m2",
        label_fa="مساحت",
        label_en="Plot area",
        type=FieldType.AREA,
        min_value=1,
        max_value=100_000,
        order=1,
    )
    FormField.objects.create(
        service=service,
        name="zone",
        label_fa="پهنه",
        label_en="Zone",
        type=FieldType.CHOICE,
        order=2,
        choices=[
            {"value": 1, "label_fa": "یک", "label_en": "One"},
            {"value": 2, "label_fa": "دو", "label_en": "Two"},
        ],
    )
    FormField.objects.create(
        service=service,
        name="owner",
        label_fa="کد ملی مالک",
        label_en="Owner's national code",
        type=FieldType.NATIONAL_CODE,
        required=False,
        order=3,
    )
    RequiredDocument.objects.create(
        service=service, code="deed", title_fa="سند مالکیت", title_en="Title deed", mandatory=True
    )
    RequiredDocument.objects.create(
        service=service, code="map", title_fa="نقشه", title_en="Site map", mandatory=False
    )
    Beneficiary.objects.create(
        key="revenue:building-permit-duty",
        name_fa="درآمد عوارض صدور پروانه ساختمانی",
        name_en="Building-permit duty revenue",
    )
    tariff_set(
        actor=Actor.system("test"),
        service=service,
        decision=adopt_decision(DecisionKind.TARIFF, "تعرفه پروانه"),
        effective_from=datetime.date(2025, 3, 21),
        formula=TARIFF_FORMULA,
        splits=TARIFF_SPLITS,
    )
    DepartmentMember.objects.create(department=department, user=personas.reviewer)
    head = UserFactory(username="head_up", roles=[Role.DEPARTMENT_REVIEWER])
    DepartmentMember.objects.create(department=department, user=head, is_head=True)
    return Catalogue(department, other, domain, service, head)


@pytest.fixture
def counter_ready(personas, catalogue, adopt_decision):
    """office_a holds a licence, operator_a is certified, and the office is authorised."""
    office = personas.office_a
    if not office.licences.filter(status=LicenceStatus.ACTIVE).exists():
        person = offices.person_upsert(
            actor=Actor.system("test"),
            national_code="1234567891",
            first_name="حسن",
            last_name="صالحی",
        )
        offices.licence_issue(
            actor=Actor.system("test"),
            office=office,
            licensee=offices.licensee_for_person(actor=Actor.system("test"), person=person),
            decision=adopt_decision(DecisionKind.LICENCE),
            issued_on=datetime.date(2025, 1, 1),
            term_years=5,
        )
    post = personas.operator_a.office_posts.get(left_on__isnull=True)
    offices.certification_grant(
        actor=Actor.system("test"),
        staff=post,
        domain=catalogue.domain,
        number="C-OPA",
        issued_on=datetime.date(2025, 1, 1),
        expires_on=datetime.date(2028, 1, 1),
    )
    offices.authorisation_grant(
        actor=Actor.system("test"),
        office=office,
        domain=catalogue.domain,
        decision=adopt_decision(DecisionKind.SERVICE_AUTHORISATION),
    )
    return office
