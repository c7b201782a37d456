"""The council's overview of supervision: one half-year (Solar Hijri) at a glance — inspections
planned and done, findings by severity, complaints received and upheld by category, sanctions
by kind and status, and the grades of the latest graded period. Every number is one aggregate
query, so the page reads the same few queries however much there is."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from daftar.core.jalali import from_jalali, to_jalali
from daftar.supervision.choices import (
    UPHELD_RULINGS,
    ComplaintCategory,
    Grade,
    InspectionStatus,
    PeriodStatus,
    SanctionKind,
    SanctionStatus,
    Severity,
)
from daftar.supervision.models import (
    Complaint,
    Finding,
    GradingPeriod,
    Inspection,
    OfficeGrade,
    Sanction,
)


@dataclass(frozen=True)
class HalfYear:
    year: int
    half: int  # 1: Farvardin–Shahrivar, 2: Mehr–Esfand
    starts_on: datetime.date
    ends_on: datetime.date  # inclusive

    @property
    def code(self) -> str:
        return f"{self.year}-H{self.half}"


def half_year_of(day: datetime.date | None = None) -> HalfYear:
    jday = to_jalali(day or timezone.localdate())
    half = 1 if jday.month <= 6 else 2
    starts = from_jalali(jday.year, 1 if half == 1 else 7, 1)
    ends = (
        from_jalali(jday.year, 7, 1) if half == 1 else from_jalali(jday.year + 1, 1, 1)
    ) - datetime.timedelta(days=1)
    return HalfYear(jday.year, half, starts, ends)


def half_year_parse(code: str) -> HalfYear | None:
    """'1405-H1' → that half-year; None for anything else."""
    try:
        year_text, half_text = code.split("-H")
        year, half = int(year_text), int(half_text)
        if half not in (1, 2) or not 1300 <= year <= 1500:
            return None
        return half_year_of(from_jalali(year, 1 if half == 1 else 7, 1))
    except ValueError:
        return None


@dataclass
class Overview:
    period: HalfYear
    inspections: dict = field(default_factory=dict)  # planned, done, cancelled
    findings: list = field(default_factory=list)  # [(Severity, count)]
    complaints: list = field(default_factory=list)  # [(Category, received, upheld)]
    complaints_total: dict = field(default_factory=dict)
    sanctions: list = field(default_factory=list)  # [(Kind, {status: count}, total)]
    sanction_statuses: list = field(default_factory=list)
    grade_period: GradingPeriod | None = None
    grades: list = field(default_factory=list)  # [(Grade, count)]


def _day_range(period: HalfYear, field_name: str, *, is_datetime: bool) -> Q:
    if not is_datetime:
        return Q(**{f"{field_name}__gte": period.starts_on, f"{field_name}__lte": period.ends_on})
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.starts_on, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(
        period.ends_on + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})


def supervision_overview(period: HalfYear | None = None) -> Overview:
    period = period or half_year_of()
    overview = Overview(period=period)

    overview.inspections = Inspection.objects.filter(
        _day_range(period, "scheduled_on", is_datetime=False)
    ).aggregate(
        planned=Count("pk", filter=~Q(status=InspectionStatus.CANCELLED)),
        done=Count("pk", filter=Q(status=InspectionStatus.SUBMITTED)),
        cancelled=Count("pk", filter=Q(status=InspectionStatus.CANCELLED)),
    )

    by_severity = dict(
        Finding.objects.filter(_day_range(period, "created_at", is_datetime=True))
        .values_list("severity")
        .annotate(n=Count("pk"))
        .values_list("severity", "n")
    )
    overview.findings = [(s, by_severity.get(s.value, 0)) for s in Severity]

    rows = {
        row["category"]: row
        for row in Complaint.objects.filter(_day_range(period, "received_at", is_datetime=True))
        .values("category")
        .annotate(received=Count("pk"), upheld=Count("pk", filter=Q(ruling__in=UPHELD_RULINGS)))
    }
    overview.complaints = [
        (c, rows.get(c.value, {}).get("received", 0), rows.get(c.value, {}).get("upheld", 0))
        for c in ComplaintCategory
        if c.value in rows
    ]
    overview.complaints_total = {
        "received": sum(r["received"] for r in rows.values()),
        "upheld": sum(r["upheld"] for r in rows.values()),
    }

    counts: dict[tuple[str, str], int] = {
        (kind, status): n
        for kind, status, n in Sanction.objects.filter(
            _day_range(period, "proposed_at", is_datetime=True)
        )
        .values_list("kind", "status")
        .annotate(n=Count("pk"))
        .values_list("kind", "status", "n")
    }
    overview.sanction_statuses = list(SanctionStatus)
    overview.sanctions = [
        (
            kind,
            [(status, counts.get((kind.value, status.value), 0)) for status in SanctionStatus],
            sum(counts.get((kind.value, status.value), 0) for status in SanctionStatus),
        )
        for kind in SanctionKind
    ]

    overview.grade_period = (
        GradingPeriod.objects.filter(status=PeriodStatus.GRADED).order_by("-ends_on").first()
    )
    if overview.grade_period is not None:
        by_grade = dict(
            OfficeGrade.objects.filter(period=overview.grade_period)
            .values_list("grade")
            .annotate(n=Count("pk"))
            .values_list("grade", "n")
        )
        overview.grades = [(g, by_grade.get(g.value, 0)) for g in Grade]
    return overview
