"""Demo files routed between departments (issue 17, ADR 0025/0031), made through the services
a catalogue administrator and reviewers use, so every page shows them as it would real work.

The catalogue team drafts the next version of the permit workflow: after urban planning's
review, the traffic department reviews the file (in sequence), then traffic and finance sign it
off together (in parallel); the building-permit service is published on that version. Two
files of the named demo citizen then move through it: one passed on by urban planning and
waiting for traffic (urban planning finds it under "Handled by us and passed on"), one signed
off by traffic and waiting for finance's sign-off.
"""

from __future__ import annotations

import random

from django.core.files.uploadedfile import SimpleUploadedFile

from daftar.accounts.models import User
from daftar.cases import services as cases
from daftar.cases.demo import SAMPLE_PDF, _form_data
from daftar.cases.models import File
from daftar.catalogue import services as catalogue
from daftar.catalogue.choices import Channel
from daftar.catalogue.definition import ServiceDefinition
from daftar.catalogue.models import DepartmentMember, Service
from daftar.core.actors import Actor
from daftar.workflow import services as workflows
from daftar.workflow.models import WorkflowAction, WorkflowState

ROUTED_SERVICE = "bp-permit-issue"
FIRST, SEQUENCE, PARALLEL = "urban-planning", "transport", "finance"
SEQUENCE_STATE, PARALLEL_STATE = "traffic_review", "joint_review"


def _routed_version(editor: Actor, published):
    """The permit workflow's next version, with the traffic review in sequence and the joint
    sign-off by traffic and finance in parallel; published."""
    draft = workflows.workflow_draft_create(
        actor=editor, workflow=published.workflow, source=published
    )
    traffic = workflows.workflow_state_save(
        actor=editor,
        version=draft,
        code=SEQUENCE_STATE,
        name_fa="بررسی ترافیکی",
        name_en="Traffic review",
        sla_days=5,
        in_department=True,
        department=SEQUENCE,
    )
    joint = workflows.workflow_state_save(
        actor=editor,
        version=draft,
        code=PARALLEL_STATE,
        name_fa="تأیید هم‌زمان ترافیک و مالی",
        name_en="Joint sign-off by traffic and finance",
        sla_days=5,
        in_department=True,
        parallel_departments=[SEQUENCE, PARALLEL],
    )
    approve = WorkflowAction.objects.get(
        version=draft, from_state__code="in_review", code="approve"
    )
    workflows.workflow_action_save(
        actor=editor, version=draft, action=approve, from_state=approve.from_state, to_state=traffic
    )
    states = {s.code: s for s in WorkflowState.objects.filter(version=draft)}
    for source, target in ((traffic, joint), (joint, states["approved"])):
        for code, fa, to, reason in (
            ("approve", "تأیید", target, False),
            ("reject", "رد", states["rejected"], True),
        ):
            workflows.workflow_action_save(
                actor=editor,
                version=draft,
                from_state=source,
                to_state=to,
                code=code,
                name_fa=fa,
                name_en=code.title(),
                roles=["department_reviewer"],
                requires_reason=reason,
            )
    return workflows.workflow_version_publish(actor=editor, version=draft)


def _publish_on(editor: Actor, service: Service, version) -> None:
    """A new version of `service` on the workflow `version`, as the catalogue team publishes
    it (files already open keep theirs)."""
    draft = catalogue.service_draft_start(actor=editor, service=service)
    definition = ServiceDefinition.from_json(draft.definition)
    catalogue.service_draft_update(
        actor=editor,
        draft=draft,
        title_fa=definition.title_fa,
        title_en=definition.title_en,
        description_fa=definition.description_fa,
        description_en=definition.description_en,
        domain=service.domain,
        department=service.department,
        channels=definition.channels,
        sla_days=definition.sla_days,
        refundable_basis_points=definition.refundable_basis_points,
        workflow_id=version.pk,
    )
    catalogue.service_draft_publish(actor=editor, draft=draft)


def _reviewer(code: str) -> Actor:
    member = (
        DepartmentMember.objects.filter(department__code=code, is_head=False)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return Actor.for_user(member.user)


def seed_routing(ctx) -> None:
    service = Service.objects.filter(code=ROUTED_SERVICE).select_related("workflow").first()
    if service is None:
        ctx.log(f"routed files: no service {ROUTED_SERVICE}, skipped")
        return
    if File.objects.filter(
        service=service, state__code__in=[SEQUENCE_STATE, PARALLEL_STATE]
    ).exists():
        ctx.log("routed files: already there")
        return
    editor = Actor.for_user(User.objects.get(username="catalogue"))
    if not service.workflow.states.filter(code=SEQUENCE_STATE).exists():
        _publish_on(editor, service, _routed_version(editor, service.workflow))
        service.refresh_from_db()
    citizen = User.objects.get(national_code=ctx.demo_national_code)
    rng = random.Random(f"{ctx.seed}:routing")  # noqa: S311 - demo data, not secrets
    first, sequence = _reviewer(FIRST), _reviewer(SEQUENCE)
    fields = list(service.fields.all())
    mandatory = [d.code for d in service.documents.all() if d.mandatory]
    opened = []
    for _n in range(2):
        file = cases.file_open(
            actor=Actor.for_user(citizen),
            service=service,
            channel=Channel.WEB,
            citizen=citizen,
            form_data=_form_data(rng, fields),
            documents={
                code: SimpleUploadedFile(f"{code}.pdf", SAMPLE_PDF, content_type="application/pdf")
                for code in mandatory
            },
        )
        file = cases.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")
        file = cases.file_apply_action(actor=first, file=file, action="approve")
        opened.append(file)
    # the second goes on: traffic approves, then signs off the joint review; finance is awaited
    second = cases.file_apply_action(actor=sequence, file=opened[1], action="approve")
    cases.file_apply_action(actor=sequence, file=second, action="approve")
    ctx.log(
        f"routed files: {opened[0].tracking_code} passed on to traffic, "
        f"{second.tracking_code} waiting for finance's sign-off"
    )
