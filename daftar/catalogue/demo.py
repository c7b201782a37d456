"""Demo catalogue: departments, domains, 42 services with fields, documents and workflows,
and their tariffs — each set by one of the adopted 1404 tariff decisions of the governance
demo, through `tariff_set` like any real tariff. Reviewers and heads for each department."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from daftar.catalogue import formula as fee_formula
from daftar.catalogue.definition import DocumentSpec
from daftar.catalogue.demo_data import ServiceSpec, demo_organisation, demo_services
from daftar.catalogue.models import (
    Beneficiary,
    Department,
    DepartmentMember,
    FormField,
    RequiredDocument,
    Service,
    ServiceDomain,
    ServiceDraft,
    TariffDraft,
)
from daftar.catalogue.services import (
    service_draft_document_save,
    service_draft_start,
    tariff_draft_save,
    tariff_draft_send,
    tariff_set,
)
from daftar.core.actors import Actor
from daftar.core.text import search_key
from daftar.governance.choices import DecisionKind, DecisionStatus
from daftar.governance.models import Decision
from daftar.workflow.definitions import workflow_current

DEMO_ACTOR = Actor.system("demo")


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
    else:
        _seed_services(log, departments, domains)
    _seed_work_in_progress(log)


def _seed_services(log: Callable[[str], None], departments: dict, domains: dict) -> None:
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
            description_fa=spec.tariff.description_fa,
            description_en=spec.tariff.description_en,
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
    """Each department's head and reviewers (organisation.json), with their names."""
    User = get_user_model()
    group = Group.objects.get(name="department_reviewer")
    for reviewer in demo_organisation().reviewers:
        user = User.objects.filter(username=reviewer.username).first()
        if user is None:
            user = User.objects.create(
                username=reviewer.username,
                password=password_hash,
                first_name=reviewer.first_name,
                last_name=reviewer.last_name,
            )
        user.groups.add(group)
        DepartmentMember.objects.get_or_create(
            user=user,
            defaults={
                "department": departments[reviewer.department],
                "is_head": reviewer.is_head,
            },
        )


DEMO_CATALOGUE_ADMIN = "catalogue"  # the demo account of the catalogue team (demo/seed.py)
DRAFTED_SERVICE_INDEX = 0  # which demo service has a next version being drafted
TARIFF_CHANGE_INDEX = 1  # which one has a tariff change before the committee


def _sample(service: Service, names: frozenset[str]) -> dict[str, str]:
    """Plausible answers to the fields a formula reads: the first choice, or the least
    allowed number (at least 100, a typical area)."""
    answers = {}
    for field in service.fields.filter(name__in=names):
        if field.choices:
            answers[field.name] = str(field.choices[0]["value"])
        elif field.type == "year":
            answers[field.name] = "1400"
        else:
            answers[field.name] = str(max(int(field.min_value or 0), 100))
    return answers


def _seed_work_in_progress(log: Callable[[str], None]) -> None:
    """What the catalogue team is in the middle of, so that its home and /manage/ show real
    work: the next version of one service being drafted (a new optional document), and a
    tariff change of another (10 % more, from the first day of next month) sent to the
    steering committee as a draft decision. Done once, as the demo catalogue administrator."""
    user = get_user_model().objects.filter(username=DEMO_CATALOGUE_ADMIN).first()
    if user is None or ServiceDraft.objects.exists() or TariffDraft.objects.exists():
        log("catalogue: work in progress is there already (or no catalogue account)")
        return
    actor = Actor.for_user(user)
    services = list(Service.objects.order_by("domain__code", "code")[:2])
    if len(services) < 2:
        return
    drafted, repriced = services[DRAFTED_SERVICE_INDEX], services[TARIFF_CHANGE_INDEX]
    draft = service_draft_start(actor=actor, service=drafted)
    service_draft_document_save(
        actor=actor,
        draft=draft,
        spec=DocumentSpec(
            code="power-of-attorney",
            title_fa="وکالت‌نامهٔ رسمی (اگر درخواست‌دهنده مالک نیست)",
            title_en="Power of attorney (when the applicant is not the owner)",
            mandatory=False,
        ),
    )
    tariff = repriced.tariffs.order_by("-effective_from").first()
    today = timezone.localdate()
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    change = tariff_draft_save(
        actor=actor,
        service=repriced,
        formula=f"({tariff.formula}) * 11 // 10",
        description_fa=f"{tariff.description_fa} — ده درصد بیشتر از نرخ پیشین",
        description_en=f"{tariff.description_en} — 10% above the previous rate",
        splits=list(tariff.splits),
        samples=[_sample(repriced, fee_formula.names(tariff.formula))],
        effective_from=max(next_month, tariff.effective_from + datetime.timedelta(days=1)),
    )
    tariff_draft_send(actor=actor, draft=change)
    log(
        f"catalogue: a draft of {drafted.code} v2 being edited; a tariff change of "
        f"{repriced.code} sent to the steering committee"
    )
