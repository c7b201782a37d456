"""Demo catalogue: departments, domains, 42 services with fields, documents and workflows,
and their tariffs — each set by one of the adopted 1404 tariff decisions of the governance
demo, through `tariff_set` like any real tariff. Reviewers and heads for each department."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from daftar.catalogue.demo_data import ServiceSpec, demo_organisation, demo_services
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
from daftar.core.text import search_key
from daftar.governance.choices import DecisionKind, DecisionStatus
from daftar.governance.models import Decision
from daftar.workflow.definitions import workflow_current

DEMO_ACTOR = Actor.system("demo")
REVIEWERS = {  # department: (head username, reviewer usernames)
    "urban-planning": ("head_urban", ["reviewer", "reviewer_urban2"]),
    "transport": ("head_transport", ["reviewer_transport"]),
    "finance": ("head_finance", ["reviewer_finance"]),
    "services": ("head_services", ["reviewer_services"]),
}


def _service(spec: ServiceSpec, departments: dict, domains: dict) -> Service:
    service = Service.objects.create(
        code=spec.code,
        title_fa=spec.title_fa,
        title_en=spec.title_en,
        description_fa=spec.description_fa,
        description_en=spec.description_en,
        domain=domains[spec.domain],
        department=departments[spec.department],
        channel_office="office" in spec.channels,
        channel_web="web" in spec.channels,
        channel_partner="partner" in spec.channels,
        sla_days=spec.sla_days,
        workflow=workflow_current(spec.workflow),
        refundable_basis_points=spec.refundable_basis_points,
        search_key=search_key(f"{spec.title_fa} {spec.title_en} {spec.code}"),
    )
    for order, field in enumerate(spec.fields, start=1):
        FormField.objects.create(
            service=service,
            name=field.name,
            label_fa=field.label_fa,
            label_en=field.label_en,
            type=field.type,
            required=field.required,
            min_value=field.min,
            max_value=field.max,
            max_length=field.max_length,
            choices=[choice.model_dump() for choice in field.choices],
            order=order,
        )
    for document in spec.documents:
        RequiredDocument.objects.create(
            service=service,
            code=document.code,
            title_fa=document.title_fa,
            title_en=document.title_en,
            mandatory=document.mandatory,
        )
    return service


def seed_catalogue(log: Callable[[str], None], password_hash: str = "") -> None:
    organisation = demo_organisation()
    departments = {}
    for unit in organisation.departments:
        departments[unit.code], _ = Department.objects.get_or_create(
            code=unit.code, defaults={"name_fa": unit.name_fa, "name_en": unit.name_en}
        )
    domains = {}
    for domain in organisation.domains:
        domains[domain.code], _ = ServiceDomain.objects.get_or_create(
            code=domain.code,
            defaults={
                "name_fa": domain.name_fa,
                "name_en": domain.name_en,
                "department": departments[domain.department],
            },
        )
    _seed_beneficiaries(organisation)
    _seed_reviewers(departments, password_hash)
    if Service.objects.exists():
        log("catalogue: services are there already")
        return
    tariff_decisions = list(
        Decision.objects.filter(kind=DecisionKind.TARIFF, status=DecisionStatus.ADOPTED).order_by(
            "decided_on", "seq"
        )
    )
    if not tariff_decisions:
        raise RuntimeError("the governance demo must run first: no adopted tariff decision")
    services = demo_services()
    for index, spec in enumerate(services):
        service = _service(spec, departments, domains)
        decision = tariff_decisions[index % len(tariff_decisions)]
        tariff_set(
            actor=DEMO_ACTOR,
            service=service,
            decision=decision,
            effective_from=decision.decided_on,
            formula=spec.tariff.formula,
            splits=[split.model_dump() for split in spec.tariff.splits],
        )
    log(
        f"catalogue: {len(services)} services with tariffs from "
        f"{len(tariff_decisions)} tariff decisions"
    )


def _seed_beneficiaries(organisation) -> None:
    """The revenue heads and other beneficiaries tariffs split fees among, with their names
    (what fee quotes and the ledger show instead of `revenue:<head>`)."""
    for prefix, units in (
        ("revenue", organisation.revenue_heads),
        ("other", organisation.other_beneficiaries),
    ):
        for unit in units:
            Beneficiary.objects.update_or_create(
                key=f"{prefix}:{unit.code}",
                defaults={"name_fa": unit.name_fa, "name_en": unit.name_en},
            )


def _seed_reviewers(departments: dict, password_hash: str) -> None:
    User = get_user_model()
    group = Group.objects.get(name="department_reviewer")
    for code, (head, reviewers) in REVIEWERS.items():
        for username in [head, *reviewers]:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create(
                    username=username, password=password_hash, first_name="کارشناس", last_name=code
                )
            user.groups.add(group)
            DepartmentMember.objects.get_or_create(
                user=user, defaults={"department": departments[code], "is_head": username == head}
            )
