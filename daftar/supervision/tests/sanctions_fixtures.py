"""What the sanction tests share: the demo-shaped ladder in force, upheld complaints and
findings made as rows (their own areas' services are other modules' concern), a decision."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind
from daftar.supervision.choices import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintRuling,
    FindingKind,
    FindingStatus,
    InspectionKind,
    InspectionStatus,
    SanctionKind,
    Severity,
)
from daftar.supervision.models import (
    ChecklistTemplate,
    ChecklistVersion,
    Complaint,
    Finding,
    Inspection,
)
from daftar.supervision.services import sanctions as services

_codes = itertools.count(1)


def demo_steps(article) -> list[services.StepSpec]:
    """The demo ladder: minor → warning; minor ×2 → fine 50m; major → fine 200m; major ×2 or
    critical → suspension 30 days; critical ×1 → revocation."""
    S = services.StepSpec
    return [
        S(SanctionKind.WARNING, Severity.MINOR, 0, article),
        S(SanctionKind.FINE, Severity.MINOR, 2, article, fine_amount=50_000_000),
        S(SanctionKind.FINE, Severity.MAJOR, 0, article, fine_amount=200_000_000),
        S(SanctionKind.SUSPENSION, Severity.MAJOR, 2, article, suspension_days=30),
        S(SanctionKind.SUSPENSION, Severity.CRITICAL, 0, article, suspension_days=30),
        S(SanctionKind.REVOCATION, Severity.CRITICAL, 1, article),
    ]


@pytest.fixture
def article(in_force):
    return in_force.articles.get(number=12)


@pytest.fixture
def ladder(personas, article, adopt_decision):
    draft = services.sanction_ladder_draft(
        actor=Actor.for_user(personas.supervisor),
        window_days=365,
        appeal_days=10,
        steps=demo_steps(article),
    )
    return services.sanction_ladder_adopt(
        actor=Actor.for_user(personas.supervisor),
        ladder=draft,
        decision=adopt_decision(DecisionKind.POLICY, "نردبان مجازات"),
    )


@pytest.fixture
def sanction_decision(adopt_decision):
    return adopt_decision(DecisionKind.SANCTION, "مصوبه مجازات")


def make_complaint(office, *, severity=Severity.MINOR, ruling=ComplaintRuling.UPHELD, **kw):
    now = timezone.now()
    return Complaint.objects.create(
        tracking_code=f"C{next(_codes):07d}",
        channel=ComplaintChannel.PORTAL,
        category=kw.pop("category", ComplaintCategory.OVERCHARGING),
        office=office,
        description="اضافه دریافت",
        filed_by="citizen",
        received_at=now,
        triage_due_at=now,
        due_at=now,
        ruling=ruling,
        severity=severity,
        ruled_at=now,
        **kw,
    )


def make_finding(office, inspector, *, severity=Severity.MAJOR, status=FindingStatus.OPEN):
    template, _ = ChecklistTemplate.objects.get_or_create(
        code="general", defaults={"name_fa": "بازرسی عمومی"}
    )
    version, _ = ChecklistVersion.objects.get_or_create(template=template, number=1)
    inspection = Inspection.objects.create(
        office=office,
        kind=InspectionKind.PLANNED,
        status=InspectionStatus.SUBMITTED,
        checklist=version,
        inspector=inspector,
        scheduled_on=timezone.localdate(),
        submitted_at=timezone.now(),
    )
    return Finding.objects.create(
        inspection=inspection,
        office=office,
        kind=FindingKind.NON_COMPLIANCE,
        severity=severity,
        description="تعرفه نصب نشده است",
        status=status,
        respond_by=timezone.localdate() + datetime.timedelta(days=7),
    )


def propose(personas, *, office=None, severity=Severity.MINOR, complaint=None, finding=None):
    if complaint is None and finding is None:
        complaint = make_complaint(office or personas.office_a, severity=severity)
    return services.sanction_propose(
        actor=Actor.for_user(personas.supervisor),
        complaint=complaint,
        finding=finding,
        reason="تخلف تکراری",
    )


def impose(personas, sanction, decision):
    return services.sanction_decide(
        actor=Actor.for_user(personas.committee),
        sanction=sanction,
        decision=decision,
        imposed=True,
    )
