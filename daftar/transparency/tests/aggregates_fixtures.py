"""A varied world for the aggregates' tests: three services in three domains and two
departments, three offices in three districts plus remote channels, files over several Jalali
months (one submitted a second before Tehran's midnight at a month's end, one at midnight),
closed as approved, rejected or cancelled, in time or late; ratings, call-backs, payments on
three channels, a refund, complaints, inspections and uptime days.

`recount` helpers in the tests read these raw tables directly; the aggregates must agree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from daftar.cases.models import CallbackTask, File, Rating
from daftar.cases.tests.fixtures import open_file
from daftar.catalogue.choices import Channel
from daftar.catalogue.models import Service, ServiceDomain
from daftar.core.jalali import TEHRAN, from_jalali
from daftar.offices.models import District, OfficeUptimeDay
from daftar.offices.tests.factories import DistrictFactory, OfficeFactory
from daftar.supervision.choices import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintRuling,
    ComplaintStatus,
    InspectionKind,
    InspectionStatus,
)
from daftar.supervision.models import ChecklistTemplate, ChecklistVersion, Complaint, Inspection
from daftar.treasury.choices import PaymentChannel, PaymentStatus, RefundStatus
from daftar.treasury.models import Payment, Refund
from daftar.workflow.definitions import workflow_install
from daftar.workflow.models import WorkflowState

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def tehran(day: datetime.date, hour: int = 10, minute: int = 0, second: int = 0):
    return datetime.datetime.combine(day, datetime.time(hour, minute, second), tzinfo=TEHRAN)


# Days across three Jalali months (Shahrivar has 31 days; Mehr starts on 2026-09-23).
DAYS = [
    from_jalali(1405, 6, 5),
    from_jalali(1405, 6, 20),
    from_jalali(1405, 6, 31),
    from_jalali(1405, 7, 1),
    from_jalali(1405, 7, 9),
    from_jalali(1405, 7, 28),
    from_jalali(1405, 8, 3),
]


@dataclass
class World:
    services: list
    offices: list
    files: list
    midnight_before: File
    midnight_after: File


def _clone(base: File, n: int, **changes) -> File:
    copy = File.objects.get(pk=base.pk)
    copy.pk = None
    copy.tracking_code = f"AG{n:06d}"
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def _state(service: Service, code: str) -> WorkflowState:
    return WorkflowState.objects.get(version=service.workflow, code=code)


def file_like(
    base: File,
    n: int,
    *,
    service,
    office,
    channel,
    submitted_at,
    outcome=None,
    closed_after=None,
    due_after=datetime.timedelta(days=5),
) -> File:
    """A file of `service` at `office` (None: remote), submitted at `submitted_at`; closed
    `closed_after` later in state `outcome` ("closed", "rejected", "cancelled") or open."""
    closed_at = submitted_at + closed_after if outcome else None
    return _clone(
        base,
        n,
        service=service,
        department=service.department,
        workflow_version=service.workflow,
        state=_state(service, outcome or "in_review"),
        office=office,
        operator=base.operator if office is not None else None,
        channel=channel,
        submitted_at=submitted_at,
        state_entered_at=closed_at or submitted_at,
        due_at=submitted_at + due_after,
        closed_at=closed_at,
    )


@pytest.fixture
def world(personas, catalogue, counter_ready) -> World:
    transport = ServiceDomain.objects.create(
        code="parking",
        name_fa="پارکینگ",
        name_en="Parking",
        department=catalogue.other_department,
    )
    certificates = ServiceDomain.objects.create(
        code="certificates",
        name_fa="گواهی‌ها",
        name_en="Certificates",
        department=catalogue.department,
    )
    workflow = workflow_install("permit")
    parking = Service.objects.create(
        code="parking-permit",
        title_fa="مجوز پارک حاشیه‌ای",
        title_en="Kerbside parking permit",
        domain=transport,
        department=catalogue.other_department,
        channel_web=True,
        channel_partner=True,
        sla_days=5,
        workflow=workflow,
    )
    certificate = Service.objects.create(
        code="end-of-works",
        title_fa="گواهی پایان کار",
        title_en="End-of-works certificate",
        domain=certificates,
        department=catalogue.department,
        channel_web=True,
        sla_days=7,
        workflow=workflow,
    )
    services = [catalogue.service, parking, certificate]
    office_c = OfficeFactory(code="T1201", district=DistrictFactory(number=12))
    offices = [personas.office_a, personas.office_b, office_c]
    District.objects.filter(number=1).update(population=300_000)
    District.objects.filter(number=6).update(population=250_000)

    base = open_file(personas, catalogue, office=personas.office_a)
    files = [base]
    outcomes = [None, "closed", "rejected", "closed", "cancelled", "closed"]
    for i in range(60):
        office = [offices[0], offices[1], offices[2], None, None][i % 5]
        channel = Channel.OFFICE if office else [Channel.WEB, Channel.PARTNER][i % 2]
        submitted = tehran(DAYS[i % len(DAYS)], hour=(i * 7) % 24, minute=i % 60)
        outcome = outcomes[i % len(outcomes)]
        files.append(
            file_like(
                base,
                i + 1,
                service=services[i % 3],
                office=office,
                channel=channel,
                submitted_at=submitted,
                outcome=outcome,
                closed_after=datetime.timedelta(days=(i * 5) % 13, hours=i % 17),
            )
        )
    # A second before and exactly at Tehran's midnight between two Jalali months, both closed
    # three days later to the second (one day apart in submission, the same whole days).
    before = file_like(
        base,
        900,
        service=services[1],
        office=offices[1],
        channel=Channel.OFFICE,
        submitted_at=tehran(from_jalali(1405, 6, 31), 23, 59, 59),
        outcome="closed",
        closed_after=datetime.timedelta(days=3),
    )
    after = file_like(
        base,
        901,
        service=services[1],
        office=offices[1],
        channel=Channel.OFFICE,
        submitted_at=tehran(from_jalali(1405, 7, 1), 0, 0, 0),
        outcome="rejected",
        closed_after=datetime.timedelta(days=3),
    )
    files += [before, after]
    File.objects.filter(pk=base.pk).update(submitted_at=tehran(DAYS[0], 9))
    base.refresh_from_db()

    closed = [f for f in files if f.closed_at is not None and f.state.code != "cancelled"]
    for k, file in enumerate(closed[::2]):
        score = k % 5 + 1
        rating = Rating.objects.create(file=file, score=score)
        Rating.objects.filter(pk=rating.pk).update(created_at=file.closed_at + HOUR)
        if score < 4:
            task = CallbackTask.objects.create(file=file, office=file.office)
            CallbackTask.objects.filter(pk=task.pk).update(created_at=file.closed_at + 2 * HOUR)
    channels = [PaymentChannel.POS, PaymentChannel.GATEWAY, PaymentChannel.SLIP]
    for k, file in enumerate(files[1:40:3]):
        status = PaymentStatus.FAILED if k == 4 else PaymentStatus.CONFIRMED
        payment = Payment.objects.create(
            reference=f"PAY{k:05d}",
            file=file,
            channel=channels[k % 3] if file.office else PaymentChannel.GATEWAY,
            amount=1_000_000 + 10_000 * k,
            status=status,
            office=file.office,
            created_by="test",
            confirmed_at=file.submitted_at + 20 * HOUR,
        )
        if k == 2:
            Refund.objects.create(
                payment=payment,
                amount=400_000,
                status=RefundStatus.PAID,
                reason="دو بار پرداخت",
                requested_by="test",
                paid_at=file.submitted_at + 5 * DAY,
            )
    rulings = [ComplaintRuling.UPHELD, ComplaintRuling.REJECTED, ComplaintRuling.PARTLY_UPHELD]
    for k in range(9):
        received = tehran(DAYS[k % len(DAYS)], 11)
        Complaint.objects.create(
            tracking_code=f"CA{k:06d}",
            channel=ComplaintChannel.PORTAL,
            category=ComplaintCategory.DELAY,
            office=offices[k % 3] if k != 8 else None,
            description="شرح",
            filed_by="test",
            received_at=received,
            status=ComplaintStatus.RULED,
            triage_due_at=received,
            due_at=received,
            ruling=rulings[k % 3],
            ruled_at=received + (k + 2) * DAY,
        )
    template, _created = ChecklistTemplate.objects.get_or_create(
        code="general", defaults={"name_fa": "بازرسی عمومی"}
    )
    version, _created = ChecklistVersion.objects.get_or_create(template=template, number=1)
    for k in range(4):
        Inspection.objects.create(
            office=offices[k % 3],
            kind=InspectionKind.PLANNED,
            status=InspectionStatus.SUBMITTED,
            checklist=version,
            inspector=personas.inspector,
            scheduled_on=DAYS[k * 2],
            submitted_at=tehran(DAYS[k * 2], 15),
        )
    for k, day in enumerate(DAYS):
        for j, office in enumerate(offices[:2]):
            OfficeUptimeDay.objects.create(
                office=office, day=day, slots_open=96, slots_up=96 - 7 * k - 11 * j
            )
    for file in files:
        file.refresh_from_db()
    return World(services, offices, files, before, after)
