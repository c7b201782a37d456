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
from collections import defaultdict, deque
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.audit.bulk import AuditBulk
from daftar.cases.choices import EventKind
from daftar.cases.models import Attachment, CallbackTask, File, FileEvent, Rating
from daftar.catalogue.choices import Channel, FieldType
from daftar.catalogue.models import DepartmentMember, Service
from daftar.catalogue.selectors import quote_with
from daftar.core import generators
from daftar.core.bulk import BulkInsert, parallel, reserve_ids
from daftar.core.calendar import REST_WEEKDAYS, TEHRAN, WORKDAY_END
from daftar.core.jalali import current_jalali_year
from daftar.core.models import Holiday
from daftar.core.tracking import verhoeff_check_digit
from daftar.core.uploads import content_name
from daftar.offices.choices import StaffRole
from daftar.offices.models import Office
from daftar.offices.selectors import office_delivery_problems
from daftar.workflow.models import WorkflowAction, WorkflowState

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
        self._due: dict[tuple[datetime.date, int], datetime.datetime] = {}

    def add(self, start: datetime.datetime, days: int) -> datetime.datetime:
        first = start.astimezone(TEHRAN).date()
        due = self._due.get((first, days))  # a few hundred days, a million files
        if due is None:
            day, counted = first, 0
            while counted < days:
                day += datetime.timedelta(days=1)
                if day.weekday() not in REST_WEEKDAYS and day not in self.holidays:
                    counted += 1
            due = datetime.datetime.combine(day, WORKDAY_END, tzinfo=TEHRAN)
            due = self._due[(first, days)] = due.astimezone(datetime.UTC)
        return due


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


def _form_data(rng: random.Random, fields: list) -> dict:
    data = {}
    for field in fields:
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
        elif kind == FieldType.YEAR:
            latest = current_jalali_year()
            if field.max_value is not None:
                latest = min(latest, int(field.max_value))
            data[field.name] = rng.randint(min(int(low), latest), latest)
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


def _tracking_code(rng: random.Random, taken: set[str], space: int) -> str:
    """A fresh code whose last three body digits are the batch's `space`: batches written in
    parallel can never draw the same code."""
    while True:
        body = str(rng.randint(10**7, 10**8 - 1) * 1000 + space % 1000)
        code = body + verhoeff_check_digit(body)
        if code not in taken:
            taken.add(code)
            return code


@dataclass(frozen=True)
class _ServicePlan:
    """What the generator reads of a service for every file, looked up once per batch."""

    targets: list[str]
    target_weights: list[int]
    channels: list[str]
    channel_weights: list[int]
    fields: list
    tariffs: list
    mandatory: list[str]
    department_stream: str

    @classmethod
    def of(cls, service: Service) -> _ServicePlan:
        targets = TARGETS[service.workflow.workflow.code]
        channels = [c for c in CHANNEL_WEIGHTS if service.allows(c)]
        return cls(
            targets=list(targets),
            target_weights=list(targets.values()),
            channels=channels,
            channel_weights=[CHANNEL_WEIGHTS[c] for c in channels],
            fields=list(service.fields.all()),
            tariffs=list(service.tariffs.all()),
            mandatory=[d.code for d in service.documents.all() if d.mandatory],
            department_stream=f"department:{service.department.code}",
        )


@dataclass
class _Setup:
    """What every batch reads: services with their workflows and tariffs, offices allowed per
    domain with their operators, citizens, department heads."""

    now: datetime.datetime
    calendar: _Calendar
    services: list
    paths: dict
    states: dict
    offices_for: dict
    operators: dict
    citizens: list
    heads: dict
    names: dict  # operator id → full name, for the timeline
    reviewers: dict  # department id → its reviewers' full names
    sample: str


_setup_cache: dict[datetime.datetime, _Setup] = {}


def _reviewer_names() -> dict:
    names: dict = {}
    for department_id, first, last, username in (
        DepartmentMember.objects.filter(is_head=False)
        .order_by("pk")
        .values_list("department_id", "user__first_name", "user__last_name", "user__username")
    ):
        names.setdefault(department_id, []).append(f"{first} {last}".strip() or username)
    return names


def _setup(now: datetime.datetime) -> _Setup:
    if now in _setup_cache:
        return _setup_cache[now]
    services = list(
        Service.objects.select_related(
            "workflow", "domain", "department", "workflow__workflow"
        ).prefetch_related("fields", "documents", "tariffs")
    )
    operators = {}
    for user_id, office_id in User.objects.filter(
        office_posts__left_on__isnull=True, office_posts__role=StaffRole.OPERATOR
    ).values_list("pk", "office_posts__office_id"):
        operators.setdefault(office_id, []).append(user_id)
    domains = {s.domain_id: s.domain for s in services}
    offices_for = {}  # offices that may take each domain's files and have an operator
    for office in Office.objects.filter(status="active"):
        for domain_id, domain in domains.items():
            if operators.get(office.pk) and not office_delivery_problems(office, domain):
                offices_for.setdefault(domain_id, []).append(office)
    sample = content_name("application/pdf", hashlib.sha256(SAMPLE_PDF).hexdigest(), folder="files")
    if not default_storage.exists(sample):
        default_storage.save(sample, ContentFile(SAMPLE_PDF))
    _setup_cache.clear()
    _setup_cache[now] = _Setup(
        now=now,
        calendar=_Calendar(),
        services=services,
        paths={s.workflow_id: _paths(s.workflow) for s in services},
        states={(st.version_id, st.code): st for st in WorkflowState.objects.all()},
        offices_for=offices_for,
        operators=operators,
        citizens=list(
            User.objects.filter(groups__name=Role.CITIZEN)
            .order_by("pk")
            .values_list("pk", "national_code", "first_name", "last_name", "mobile")
        ),
        heads=dict(
            DepartmentMember.objects.filter(is_head=True).values_list("department_id", "user_id")
        ),
        names={
            pk: f"{first} {last}".strip()
            for pk, first, last in User.objects.filter(
                pk__in=[pk for ids in operators.values() for pk in ids]
            ).values_list("pk", "first_name", "last_name")
        },
        reviewers=_reviewer_names(),
        sample=sample,
    )
    return _setup_cache[now]


def seed_files(ctx, *, count: int | None = None, batch: int = 20_000) -> None:
    """`count` files in batches of `batch`; on PostgreSQL the batches are written by parallel
    worker processes. Each batch has its own random stream, so the data is the same whatever
    the number of workers."""
    if File.objects.exists():
        ctx.log("files: already there")
        return
    if count is None:
        count = ctx.files if ctx.files is not None else max(200, min(ctx.size * 10, 3000))
    now = timezone.now()
    featured = getattr(ctx, "demo_national_code", None)
    jobs = [
        (ctx.seed, index, min(batch, count - start), now, featured)
        for index, start in enumerate(range(0, count, batch))
    ]
    made = sum(parallel(_write_batch, jobs))
    ctx.log(f"files: {made} generated")


FILE_COLUMNS = (
    "id", "tracking_code", "service_id", "workflow_version_id", "state_id", "citizen_id",
    "national_code", "citizen_name", "citizen_mobile", "channel", "office_id", "operator_id",
    "department_id", "assignee_id", "form_data", "tariff_id", "amount", "price_parts",
    "submitted_at", "state_entered_at", "in_department", "state_due_at", "due_at", "breached_at",
    "escalated_at", "closed_at", "created_at", "updated_at",
)  # fmt: skip
EVENT_COLUMNS = (
    "file_id", "at", "kind", "action", "from_state", "to_state", "actor_label", "reason",
)  # fmt: skip
FEATURED_FILES = 8  # files of the demo's named citizen, whatever the size
REVIEWER_STEPS = {"approve", "reject", "request_correction", "schedule_visit", "record_visit"}
# Steps the platform takes, labelled as the services label them (cases/services).
SYSTEM_STEPS = {
    "issue_bill": "system:intake",
    "start_review": "system:intake",
    "pay": "system:treasury",
}


@transaction.atomic
def _write_batch(
    seed: int, index: int, size: int, now: datetime.datetime, featured: str | None = None
) -> int:
    """`size` files with their timelines, documents, ratings, call-backs and audit entries,
    written with COPY on PostgreSQL (ids reserved first, so children can point at them).

    The first FEATURED_FILES files of the first batch are the `featured` citizen's (the demo's
    named citizen, by national code): whoever signs in as them finds files in every kind of
    state, at any size of the demo."""
    setup = _setup(now)
    rng = random.Random(f"{seed}:files:{index}")
    services, offices_for, operators = setup.services, setup.offices_for, setup.operators
    calendar, citizens, heads, sample = setup.calendar, setup.citizens, setup.heads, setup.sample
    taken: set[str] = set()
    written = 0
    ids = iter(reserve_ids(File, size))
    files = BulkInsert(File, FILE_COLUMNS)
    events = BulkInsert(FileEvent, EVENT_COLUMNS)
    attachments = BulkInsert(
        Attachment, ("file_id", "document", "stored_as", "content_type", "size", "sha256")
    )
    ratings = BulkInsert(Rating, ("file_id", "score", "comment"))
    callbacks = BulkInsert(CallbackTask, ("file_id", "office_id"))
    imported: dict[str, list] = defaultdict(list)
    digest = sample.rsplit("/", 1)[-1].split(".")[0]
    plans = {s.pk: _ServicePlan.of(s) for s in services}  # what each file reads of its service
    featured_row = next((c for c in citizens if c[1] == featured), None) if index == 0 else None
    for position in range(size):
        file_id = next(ids)
        service = rng.choice(services)
        plan = plans[service.pk]
        target = rng.choices(plan.targets, weights=plan.target_weights)[0]
        channel = rng.choices(plan.channels, weights=plan.channel_weights)[0]
        office = operator = None
        if channel == Channel.OFFICE:
            candidates = offices_for.get(service.domain_id)
            if not candidates:
                channel = Channel.WEB if service.channel_web else Channel.PARTNER
                if not service.allows(channel):
                    continue
            else:
                office = rng.choice(candidates)
                operator = rng.choice(operators[office.pk])
        citizen_id, national_code, first, last, mobile = rng.choice(citizens)
        if featured_row is not None and position < FEATURED_FILES:
            citizen_id, national_code, first, last, mobile = featured_row
        path = setup.paths[service.workflow_id][target]
        state = setup.states[(service.workflow_id, target)]
        # The moves first, then the file's age: every step lands before `now`, in order. A
        # closed file may be months old; an open one moved along within a day or two and has
        # waited in its status a few days, one in ten of them longer: a live queue is mostly
        # within its SLA, with some files overdue — not nearly all of them.
        if state.is_terminal:
            gaps = [datetime.timedelta(hours=rng.uniform(0.2, 60)) for _ in path]
            waited = datetime.timedelta(days=rng.uniform(0.5, 150))
        else:
            gaps = [datetime.timedelta(hours=rng.uniform(0.2, 20)) for _ in path]
            late = rng.random() < 0.1
            waited = datetime.timedelta(days=rng.uniform(4, 20) if late else rng.uniform(0.02, 4))
        created = now - waited - sum(gaps, datetime.timedelta())
        data = _form_data(rng, plan.fields)
        tariff = next(
            (
                t
                for t in plan.tariffs
                if t.effective_from <= created.date()
                and (t.effective_to is None or t.effective_to > created.date())
            ),
            None,
        )
        if tariff is None:
            continue
        quote = quote_with(tariff, data, channel=channel)
        moment, history = created, [("create", "", "draft", created)]
        for action, gap in zip(path, gaps, strict=True):
            moment += gap
            history.append((action.code, action.from_state.code, action.to_state.code, moment))
        entered = history[-1][3]
        state_due = calendar.add(entered, state.sla_days) if state.sla_days else None
        submitted = history[1][3] if len(history) > 1 else created
        priced = target != "draft"
        due = calendar.add(submitted, service.sla_days) if priced else None
        # What the SLA sweep would have marked: the earlier of the missed deadlines.
        missed = [d for d in (state_due, due) if d is not None and d < now]
        breached = min(missed) if missed and not state.is_terminal else None
        escalated = breached if breached and state.in_department else None
        tracking_code = _tracking_code(rng, taken, index)
        written += 1
        files.add(
            file_id,
            tracking_code,
            service.pk,
            service.workflow_id,
            state.pk,
            citizen_id,
            national_code,
            f"{first} {last}".strip(),
            mobile,
            channel,
            office.pk if office else None,
            operator,
            service.department_id,
            heads.get(service.department_id) if escalated else None,
            data,
            tariff.pk if priced else None,
            quote.amount if priced else 0,
            quote.parts if priced else {},
            submitted,
            entered,
            state.in_department,
            state_due,
            due,
            breached,
            escalated,
            entered if state.is_terminal else None,
            created,
            entered,
        )
        front = setup.names.get(operator, "") if office else f"{first} {last}".strip()
        reviewers = setup.reviewers.get(service.department_id) or ["reviewer"]
        reviewer = reviewers[file_id % len(reviewers)]
        for action, source, to, at in history:
            events.add(
                file_id,
                at,
                EventKind.ACTION,
                action,
                source,
                to,
                reviewer
                if action in REVIEWER_STEPS
                else SYSTEM_STEPS.get(action, front or "citizen"),
                "مدارک ناقص است" if action in {"request_correction", "reject"} else "",
            )
        if len(history) > 1:
            for document in plan.mandatory:
                attachments.add(
                    file_id, document, sample, "application/pdf", len(SAMPLE_PDF), digest
                )
        if state.code == "closed" and rng.random() < 0.6:
            score = rng.choices([5, 4, 3, 2, 1], weights=[45, 30, 12, 8, 5])[0]
            ratings.add(file_id, score, "")
            if score < 4:
                callbacks.add(file_id, office.pk if office else None)
        stream = f"office:{office.code}" if office else plan.department_stream
        imported[stream].append(
            [file_id, tracking_code, service.code, state.code, quote.amount if priced else 0]
        )
    for writer in (files, events, attachments, ratings, callbacks):
        writer.flush()
    # One entry per stream and batch lists every file it imported (id, tracking code,
    # service, status, fee): the log holds each file's import without an entry per file.
    audit = AuditBulk(actor_label="system:demo-import")
    for stream, rows in imported.items():
        audit.add(
            stream=stream,
            action="files.imported",
            object_type="cases.file",
            object_id=f"{rows[0][0]}-{rows[-1][0]}",
            summary=f"{len(rows)} files imported",
            after={"columns": ["id", "tracking_code", "service", "status", "fee"], "files": rows},
        )
    audit.flush()
    return written
