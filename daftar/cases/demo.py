"""Demo files: several thousand files in every status, across services, offices and channels,
with their timelines, documents, ratings and call-backs, generated in bulk.

Histories are imported, not replayed through the services (that would take minutes for the
volumes the benchmarks ask for): each file gets one audit entry "file.imported" recording
its whole history, chained in its office's or department's stream. Prices come from the same
pure pricing function the services use, with the tariff in force on the submission date.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections import deque
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.audit.bulk import AuditBulk
from daftar.cases.choices import EventKind
from daftar.cases.models import (
    Attachment,
    CallbackTask,
    File,
    FileEvent,
    Rating,
    WorkflowAction,
    WorkflowState,
)
from daftar.catalogue.choices import Channel, FieldType
from daftar.catalogue.models import DepartmentMember, Service
from daftar.catalogue.selectors import quote_with
from daftar.core import generators
from daftar.core.calendar import REST_WEEKDAYS, TEHRAN, WORKDAY_END
from daftar.core.models import Holiday
from daftar.core.tracking import verhoeff_check_digit
from daftar.core.uploads import content_name
from daftar.offices.choices import StaffRole
from daftar.offices.models import Office
from daftar.offices.selectors import office_delivery_problems

SAMPLE_PDF = b"%PDF-1.4\n% Daftar demo document\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
TARGETS = {  # share of files ending in each status, by workflow
    "permit": {
        "draft": 3,
        "cancelled": 3,
        "awaiting_payment": 10,
        "in_review": 20,
        "correction_requested": 7,
        "field_visit": 8,
        "approved": 8,
        "delivered": 6,
        "rejected": 5,
        "closed": 30,
    },
    "certificate": {
        "draft": 3,
        "cancelled": 3,
        "awaiting_payment": 10,
        "in_review": 24,
        "correction_requested": 8,
        "approved": 9,
        "delivered": 6,
        "rejected": 6,
        "closed": 31,
    },
    "bill": {"draft": 5, "cancelled": 5, "awaiting_payment": 25, "closed": 65},
}
CHANNEL_WEIGHTS = {Channel.OFFICE: 60, Channel.WEB: 30, Channel.PARTNER: 10}


class _Calendar:
    """add_working_days without a query per file."""

    def __init__(self):
        self.holidays = set(Holiday.objects.values_list("date", flat=True))

    def add(self, start: datetime.datetime, days: int) -> datetime.datetime:
        day, counted = start.astimezone(TEHRAN).date(), 0
        while counted < days:
            day += datetime.timedelta(days=1)
            if day.weekday() not in REST_WEEKDAYS and day not in self.holidays:
                counted += 1
        return datetime.datetime.combine(day, WORKDAY_END, tzinfo=TEHRAN).astimezone(datetime.UTC)


def _paths(version) -> dict[str, list[WorkflowAction]]:
    """Shortest action path from the start state to every state (actions by the platform or
    the front desk for the steps before review, reviewers after)."""
    # Every demo service has a fee, so files reach review by paying, never by "start_review".
    actions = list(
        WorkflowAction.objects.filter(version=version)
        .exclude(code="start_review")
        .select_related("from_state", "to_state")
    )
    start = WorkflowState.objects.get(version=version, is_start=True)
    paths = {start.code: []}
    queue = deque([start.code])
    preferred = [
        "submit",
        "issue_bill",
        "pay",
        "start_review",
        "request_correction",
        "schedule_visit",
        "approve",
        "deliver",
        "close",
        "reject",
        "cancel",
    ]
    actions.sort(key=lambda a: preferred.index(a.code) if a.code in preferred else 99)
    while queue:
        state = queue.popleft()
        for action in actions:
            if action.from_state.code == state and action.to_state.code not in paths:
                paths[action.to_state.code] = [*paths[state], action]
                queue.append(action.to_state.code)
    return paths


def _form_data(rng: random.Random, service: Service) -> dict:
    data = {}
    for field in service.fields.all():
        kind = field.type
        if kind == FieldType.FILE or (not field.required and rng.random() < 0.4):
            continue
        low = field.min_value if field.min_value is not None else Decimal(1)
        high = field.max_value if field.max_value is not None else low + 1000
        if kind in (FieldType.AREA, FieldType.DECIMAL):
            span = float(high - low)
            data[field.name] = str(
                (low + Decimal(str(round(span * rng.random() ** 3, 2)))).quantize(Decimal("0.01"))
            )
        elif kind == FieldType.INTEGER:
            data[field.name] = rng.randint(int(low), max(int(low), min(int(high), int(low) + 40)))
        elif kind == FieldType.CHOICE:
            data[field.name] = rng.choice(field.choices)["value"]
        elif kind == FieldType.NATIONAL_CODE:
            data[field.name] = generators.national_code(rng)
        elif kind == FieldType.POSTAL_CODE:
            data[field.name] = generators.postal_code(rng)
        elif kind == FieldType.DATE:
            data[field.name] = (
                timezone.localdate() - datetime.timedelta(days=rng.randint(1, 900))
            ).isoformat()
        else:
            data[field.name] = rng.choice(
                ["پلاک ۱۲ فرعی از ۳۴۵۶ اصلی", "واحد ۳", "ایران ۱۲ ج ۳۴۵", "بدون توضیح"]
            )[: field.max_length or 200]
    return data


def _tracking_code(rng: random.Random, taken: set[str]) -> str:
    while True:
        body = str(rng.randint(10**10, 10**11 - 1))
        code = body + verhoeff_check_digit(body)
        if code not in taken:
            taken.add(code)
            return code


def seed_files(ctx, *, count: int | None = None, batch: int = 2000) -> None:
    if File.objects.exists():
        ctx.log("files: already there")
        return
    if count is None:
        count = ctx.files if ctx.files is not None else max(200, min(ctx.size * 10, 3000))
    rng = random.Random(f"{ctx.seed}:files")
    now = timezone.now()
    calendar = _Calendar()
    services = list(
        Service.objects.select_related(
            "workflow", "domain", "department", "workflow__workflow"
        ).prefetch_related("fields", "documents", "tariffs")
    )
    paths = {s.workflow_id: _paths(s.workflow) for s in services}
    states = {(st.version_id, st.code): st for st in WorkflowState.objects.all()}
    offices_for = {}
    for office in Office.objects.filter(status="active"):
        for domain_id in {s.domain_id for s in services}:
            domain = next(s.domain for s in services if s.domain_id == domain_id)
            if not office_delivery_problems(office, domain):
                offices_for.setdefault(domain_id, []).append(office)
    operators = {}
    for post in User.objects.filter(
        office_posts__left_on__isnull=True, office_posts__role=StaffRole.OPERATOR
    ).values_list("pk", "office_posts__office_id"):
        operators.setdefault(post[1], []).append(post[0])
    citizens = list(
        User.objects.filter(groups__name=Role.CITIZEN).values_list(
            "pk", "national_code", "first_name", "last_name", "mobile"
        )
    )
    heads = dict(
        DepartmentMember.objects.filter(is_head=True).values_list("department_id", "user_id")
    )
    sample = content_name("application/pdf", hashlib.sha256(SAMPLE_PDF).hexdigest(), folder="files")
    if not default_storage.exists(sample):
        default_storage.save(sample, ContentFile(SAMPLE_PDF))
    taken = set(File.objects.values_list("tracking_code", flat=True))
    made = 0
    while made < count:
        size = min(batch, count - made)
        _write_batch(
            rng,
            size,
            now,
            calendar,
            services,
            paths,
            states,
            offices_for,
            operators,
            citizens,
            heads,
            sample,
            taken,
        )
        made += size
    ctx.log(f"files: {made} generated across {len(services)} services")


@transaction.atomic
def _write_batch(
    rng,
    size,
    now,
    calendar,
    services,
    paths,
    states,
    offices_for,
    operators,
    citizens,
    heads,
    sample,
    taken,
) -> None:
    files, histories = [], []
    for _ in range(size):
        service = rng.choice(services)
        workflow_code = service.workflow.workflow.code
        targets = TARGETS[workflow_code]
        target = rng.choices(list(targets), weights=list(targets.values()))[0]
        channels = [c for c in CHANNEL_WEIGHTS if service.allows(c)]
        channel = rng.choices(channels, weights=[CHANNEL_WEIGHTS[c] for c in channels])[0]
        office = operator = None
        if channel == Channel.OFFICE:
            candidates = [o for o in offices_for.get(service.domain_id, []) if operators.get(o.pk)]
            if not candidates:
                channel = Channel.WEB if service.channel_web else Channel.PARTNER
                if not service.allows(channel):
                    continue
            else:
                office = rng.choice(candidates)
                operator = rng.choice(operators[office.pk])
        citizen_id, national_code, first, last, mobile = rng.choice(citizens)
        created = now - datetime.timedelta(days=rng.uniform(0.5, 150))
        data = _form_data(rng, service)
        tariff = next(
            (
                t
                for t in service.tariffs.all()
                if t.effective_from <= created.date()
                and (t.effective_to is None or t.effective_to > created.date())
            ),
            None,
        )
        if tariff is None:
            continue
        quote = quote_with(tariff, data, channel=channel)
        path = paths[service.workflow_id][target]
        moment, events = created, [("create", "", "draft", created)]
        for action in path:
            moment += datetime.timedelta(hours=rng.uniform(0.2, 60))
            if moment > now:
                moment = now - datetime.timedelta(minutes=rng.randint(1, 600))
            events.append((action.code, action.from_state.code, action.to_state.code, moment))
        state = states[(service.workflow_id, target)]
        entered = events[-1][3]
        state_due = calendar.add(entered, state.sla_days) if state.sla_days else None
        submitted = events[1][3] if len(events) > 1 else created
        breached = state_due if state_due and state_due < now and not state.is_terminal else None
        file = File(
            tracking_code=_tracking_code(rng, taken),
            service=service,
            workflow_version_id=service.workflow_id,
            state=state,
            citizen_id=citizen_id,
            national_code=national_code,
            citizen_name=f"{first} {last}".strip(),
            citizen_mobile=mobile,
            channel=channel,
            office=office,
            operator_id=operator,
            department_id=service.department_id,
            form_data=data,
            tariff=tariff if target != "draft" else None,
            amount=quote.amount if target != "draft" else 0,
            price_parts=quote.parts if target != "draft" else {},
            submitted_at=submitted,
            state_entered_at=entered,
            state_due_at=state_due,
            due_at=calendar.add(submitted, service.sla_days) if target != "draft" else None,
            breached_at=breached,
            escalated_at=breached if breached and state.in_department else None,
            assignee_id=heads.get(service.department_id)
            if breached and state.in_department
            else None,
            closed_at=entered if state.is_terminal else None,
        )
        files.append(file)
        histories.append((file, events, service))
    File.objects.bulk_create(files, batch_size=1000)
    if not all(f.pk for f in files):  # SQLite without RETURNING: read the ids back
        ids = dict(
            File.objects.filter(tracking_code__in=[f.tracking_code for f in files]).values_list(
                "tracking_code", "pk"
            )
        )
        for f in files:
            f.pk = f.id = ids[f.tracking_code]
    events, attachments, ratings, callbacks = [], [], [], []
    audit = AuditBulk(actor_label="system:demo-import")
    for file, history, service in histories:
        actor = "operator" if file.office_id else ("partner" if file.partner_id else "citizen")
        for action, source, target, at in history:
            reviewer_step = action in {
                "approve",
                "reject",
                "request_correction",
                "schedule_visit",
                "record_visit",
            }
            events.append(
                FileEvent(
                    file=file,
                    at=at,
                    kind=EventKind.ACTION,
                    action=action,
                    from_state=source,
                    to_state=target,
                    actor_label="reviewer" if reviewer_step else actor,
                    reason="مدارک ناقص است" if action in {"request_correction", "reject"} else "",
                )
            )
        if len(history) > 1:
            for document in service.documents.all():
                if document.mandatory:
                    attachments.append(
                        Attachment(
                            file=file,
                            document=document.code,
                            stored_as=sample,
                            content_type="application/pdf",
                            size=len(SAMPLE_PDF),
                            sha256=sample.rsplit("/", 1)[-1].split(".")[0],
                        )
                    )
        if file.state.is_terminal and file.state.code == "closed" and rng.random() < 0.6:
            score = rng.choices([5, 4, 3, 2, 1], weights=[45, 30, 12, 8, 5])[0]
            ratings.append(Rating(file=file, score=score))
            if score < 4:
                callbacks.append(CallbackTask(file=file, office_id=file.office_id))
        stream = (
            f"office:{file.office.code}"
            if file.office_id
            else f"department:{service.department.code}"
        )
        audit.add(
            stream=stream,
            action="file.imported",
            object_type="cases.file",
            object_id=file.pk,
            summary=f"{file.tracking_code} imported ({service.code})",
            after={
                "state": file.state.code,
                "amount": file.amount,
                "events": len(history),
                "channel": str(file.channel),
            },
        )
    FileEvent.objects.bulk_create(events, batch_size=5000)
    Attachment.objects.bulk_create(attachments, batch_size=5000)
    Rating.objects.bulk_create(ratings, batch_size=5000)
    CallbackTask.objects.bulk_create(callbacks, batch_size=5000)
    audit.flush()
