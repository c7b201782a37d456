"""Reads for self-declarations and periodic grading: the formula in force, the periods, each
office's indicators (SQL aggregates over every office at once), grades, objections, and the
published input file anyone can recompute the grades from (scripts/recompute_grades.py).

Indicators (each 0–100, higher is better; `None` when the office has no data for it, and then
the formula's other weights are scaled up to fill its place):

- inspections: mean score of the office's inspection reports submitted in the period;
- sla: share of the office's files due in the period that were closed by their deadline;
- ratings: citizens' mean rating (1–5) scaled to 0–100, less 20 points × the share of rated
  files that asked for a call-back;
- complaints: 100 − 20 × upheld complaints per 1,000 files opened at the office (floor 0);
- uptime: share of the opening-hours five-minute slots with a terminal heartbeat;
- reconciliation: 100 − 10 × bank lines that did not reconcile with its payments (floor 0);
- overcharging: 100 − 25 × (overcharging findings + upheld overcharging complaints) (floor 0);
- declaration: 100 when the office declared and no inspection found the declaration false,
  else 0 (not declaring counts as a false declaration);
- waiting: from the office's queue (daftar/appointments, docs/appointments.md): 100 when
  the median wait (ticket issued → called) over the period is at most 15 minutes (the promise
  Russia's MFCs make), less 4 points for each minute beyond (floor 0, so 40 minutes gives 0);
  left out below WAITING_MIN_CALLS calls, where a median says little.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.appointments.selectors.queue import median_wait_by_office
from daftar.cases.selectors import OfficeFileTotals, file_totals_by_office
from daftar.core.jalali import TEHRAN
from daftar.offices.selectors import office_of_user, office_uptime_by_office, offices_to_grade
from daftar.supervision.choices import (
    UPHELD_RULINGS,
    ComplaintCategory,
    FindingKind,
    Grade,
    InspectionStatus,
    ObjectionStatus,
    PeriodStatus,
    RuleStatus,
)
from daftar.supervision.models import (
    Complaint,
    Finding,
    GradeObjection,
    GradingFormula,
    GradingPeriod,
    Inspection,
    OfficeGrade,
    SelfDeclaration,
)
from daftar.supervision.permissions import can_read_all
from daftar.treasury.selectors import reconciliation_discrepancies_by_office

INDICATORS = (
    "inspections",
    "sla",
    "ratings",
    "complaints",
    "uptime",
    "reconciliation",
    "overcharging",
    "declaration",
    "waiting",
)
GRADED = ("A", "B", "C", "D")  # E is what is left below D's threshold
GRADE_ORDER = {grade: rank for rank, grade in enumerate(Grade.values)}  # A 0 … E 4
EQUIPMENT = ("queue_display", "card_reader", "scanner", "cctv")
ACCESSIBILITY = ("ramp", "accessible_counter", "seating", "accessible_toilet")
CSV_FORMAT = "daftar-grading-inputs/1"
TWO_PLACES = Decimal("0.01")
WAITING_PROMISE_MINUTES = 15
WAITING_POINTS_PER_MINUTE = 4
WAITING_MIN_CALLS = 20
HUNDRED = Decimal(100)


def _places(value) -> Decimal:
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _floor_zero(value: Decimal) -> Decimal:
    return _places(max(Decimal(0), min(HUNDRED, value)))


# --- the formula ----------------------------------------------------------------------------


def formula_in_force() -> GradingFormula | None:
    return GradingFormula.objects.filter(status=RuleStatus.ADOPTED).first()


def formulas() -> QuerySet[GradingFormula]:
    """Every formula, newest first, with its decision (the formula page lists them)."""
    return GradingFormula.objects.select_related("decision").order_by("-number")


def formula_get(number) -> GradingFormula | None:
    return formulas().filter(number=number).first() if str(number).isdigit() else None


def score_of(indicators: dict, weights: dict) -> Decimal:
    """Weighted mean of the indicators the office has (None is left out and the remaining
    weights renormalised), to 2 places, half up."""
    total = weight_sum = Decimal(0)
    for name in INDICATORS:
        value, weight = indicators.get(name), Decimal(weights.get(name, 0))
        if value is None or weight == 0:
            continue
        total += Decimal(value) * weight
        weight_sum += weight
    if weight_sum == 0:
        return Decimal("0.00")
    return _places(total / weight_sum)


def grade_of(score: Decimal, thresholds: dict) -> str:
    for grade in GRADED:
        if score >= Decimal(str(thresholds[grade])):
            return grade
    return Grade.E


def grade_below(grade: str, minimum: str) -> bool:
    """True when `grade` is worse than `minimum` (E is worse than A)."""
    return GRADE_ORDER[grade] > GRADE_ORDER[minimum]


# --- periods --------------------------------------------------------------------------------


def periods() -> QuerySet[GradingPeriod]:
    return GradingPeriod.objects.select_related("formula").order_by("-starts_on")


def period_get(code: str) -> GradingPeriod | None:
    return periods().filter(code=code).first()


def period_bounds(period: GradingPeriod) -> tuple[datetime.datetime, datetime.datetime]:
    """[start, end) of the period as aware times: its first day's midnight in Tehran to the
    midnight after its last day."""
    start = datetime.datetime.combine(period.starts_on, datetime.time(), tzinfo=TEHRAN)
    end = datetime.datetime.combine(
        period.ends_on + datetime.timedelta(days=1), datetime.time(), tzinfo=TEHRAN
    )
    return start, end


def period_declaring(today: datetime.date | None = None) -> GradingPeriod | None:
    """The period offices declare for now: the latest not yet graded that has started (or
    starts within a month, so managers can declare ahead)."""
    today = today or timezone.localdate()
    return (
        GradingPeriod.objects.exclude(status=PeriodStatus.GRADED)
        .filter(starts_on__lte=today + datetime.timedelta(days=31), ends_on__gte=today)
        .order_by("-starts_on")
        .first()
    )


def periods_to_grade(today: datetime.date | None = None) -> QuerySet[GradingPeriod]:
    """Periods that have ended and are not graded yet."""
    today = today or timezone.localdate()
    return GradingPeriod.objects.exclude(status=PeriodStatus.GRADED).filter(ends_on__lt=today)


# --- declarations ---------------------------------------------------------------------------


def declaration_of(office, period: GradingPeriod | None) -> SelfDeclaration | None:
    if office is None or period is None:
        return None
    return SelfDeclaration.objects.filter(office=office, period=period).first()


def declarations_of_period(period: GradingPeriod) -> QuerySet[SelfDeclaration]:
    return (
        SelfDeclaration.objects.filter(period=period)
        .select_related("office")
        .order_by("office__code")
    )


def offices_not_declared(period: GradingPeriod):
    """The offices to grade that have not declared for `period`, by code."""
    declared = SelfDeclaration.objects.filter(period=period).values("office_id")
    return offices_to_grade().exclude(pk__in=declared)


# --- indicators: SQL aggregates over every office at once -----------------------------------


@dataclass(frozen=True)
class SupervisionTotals:
    inspection_mean: Decimal | None = None
    upheld_complaints: int = 0
    overcharging: int = 0
    declared: bool = False
    found_false: bool = False


def _supervision_totals(period: GradingPeriod, start, end) -> dict[int, dict]:
    """Supervision's own totals per office id: four grouped queries."""
    totals: dict[int, dict] = {}
    inspections = (
        Inspection.objects.filter(
            status=InspectionStatus.SUBMITTED,
            submitted_at__gte=start,
            submitted_at__lt=end,
            score__isnull=False,
        )
        .values("office_id")
        .annotate(mean=Avg("score"))
        .values_list("office_id", "mean")
    )
    for office_id, mean in inspections:
        totals.setdefault(office_id, {})["inspection_mean"] = Decimal(mean)
    upheld = Q(ruling__in=UPHELD_RULINGS, ruled_at__gte=start, ruled_at__lt=end)
    complaints = (
        Complaint.objects.filter(upheld, office__isnull=False)
        .values("office_id")
        .annotate(
            upheld=Count("pk"),
            overcharging=Count("pk", filter=Q(category=ComplaintCategory.OVERCHARGING)),
        )
        .values_list("office_id", "upheld", "overcharging")
    )
    for office_id, count, overcharging in complaints:
        row = totals.setdefault(office_id, {})
        row["upheld_complaints"] = count
        row["overcharging"] = row.get("overcharging", 0) + overcharging
    findings = (
        Finding.objects.filter(
            kind=FindingKind.OVERCHARGING, created_at__gte=start, created_at__lt=end
        )
        .values("office_id")
        .annotate(count=Count("pk"))
        .values_list("office_id", "count")
    )
    for office_id, count in findings:
        row = totals.setdefault(office_id, {})
        row["overcharging"] = row.get("overcharging", 0) + count
    for office_id, found_false in SelfDeclaration.objects.filter(period=period).values_list(
        "office_id", "found_false"
    ):
        row = totals.setdefault(office_id, {})
        row["declared"], row["found_false"] = True, found_false
    return totals


def waiting_indicator(median_seconds: float | None, calls: int) -> Decimal | None:
    """The waiting-time indicator from the period's median wait and its number of calls."""
    if median_seconds is None or calls < WAITING_MIN_CALLS:
        return None
    minutes = Decimal(str(median_seconds)) / 60
    late = max(Decimal(0), minutes - WAITING_PROMISE_MINUTES)
    return _floor_zero(HUNDRED - WAITING_POINTS_PER_MINUTE * late)


def indicators_from(
    files: OfficeFileTotals,
    supervision: SupervisionTotals,
    uptime: tuple[int, int],
    lines: int,
    waiting: tuple[float | None, int] = (None, 0),
) -> dict[str, Decimal | None]:
    """One office's indicators from its totals (pure arithmetic; see the module docstring)."""
    values: dict[str, Decimal | None] = dict.fromkeys(INDICATORS)
    if supervision.inspection_mean is not None:
        values["inspections"] = _floor_zero(supervision.inspection_mean)
    if files.due:
        values["sla"] = _floor_zero(HUNDRED * files.closed_in_time / files.due)
    if files.ratings:
        mean = Decimal(files.rating_sum) / files.ratings
        values["ratings"] = _floor_zero(
            (mean - 1) * 25 - Decimal(20) * files.callbacks / files.ratings
        )
    if files.submitted:
        per_thousand = Decimal(1000) * supervision.upheld_complaints / files.submitted
        values["complaints"] = _floor_zero(HUNDRED - 20 * per_thousand)
    slots_open, slots_up = uptime
    if slots_open:
        values["uptime"] = _floor_zero(HUNDRED * slots_up / slots_open)
    values["reconciliation"] = _floor_zero(HUNDRED - 10 * lines)
    values["overcharging"] = _floor_zero(HUNDRED - 25 * supervision.overcharging)
    ok = supervision.declared and not supervision.found_false
    values["declaration"] = _places(HUNDRED if ok else 0)
    values["waiting"] = waiting_indicator(*waiting)
    return values


def office_indicators(period: GradingPeriod, offices) -> dict[int, dict[str, Decimal | None]]:
    """Every office's indicators for `period`, by office id: a constant number of grouped
    queries (files, ratings, uptime, reconciliation, inspections, complaints, findings,
    declarations) whatever the number of offices."""
    start, end = period_bounds(period)
    files = file_totals_by_office(start, end)
    uptime = office_uptime_by_office(period.starts_on, period.ends_on)
    lines = reconciliation_discrepancies_by_office(period.starts_on, period.ends_on)
    supervision = _supervision_totals(period, start, end)
    waits = median_wait_by_office(period.starts_on, period.ends_on)
    empty_files = OfficeFileTotals()
    return {
        office.pk: indicators_from(
            files.get(office.pk, empty_files),
            SupervisionTotals(**supervision.get(office.pk, {})),
            uptime.get(office.pk, (0, 0)),
            lines.get(office.pk, 0),
            waits.get(office.pk, (None, 0)),
        )
        for office in offices
    }


# --- grades ---------------------------------------------------------------------------------


def grades_visible_to(user) -> QuerySet[OfficeGrade]:
    """The supervision unit and the read-only roles see every grade; an office's manager sees
    their office's; nobody else any."""
    grades = OfficeGrade.objects.select_related("office", "period", "period__formula")
    if can_read_all(user):
        return grades
    if user_has_role(user, Role.OFFICE_MANAGER):
        office = office_of_user(user)
        if office is not None:
            return grades.filter(office=office)
    return grades.none()


def effective_grade(grade: OfficeGrade) -> str:
    """The grade as it stands: the computed one, or the one an upheld objection gave."""
    objection = getattr(grade, "objection", None)
    if objection is not None and objection.status == ObjectionStatus.UPHELD and objection.new_grade:
        return objection.new_grade
    return grade.grade


def office_latest_grade(office) -> OfficeGrade | None:
    """The office's grade in the latest graded period (None: never graded)."""
    return (
        OfficeGrade.objects.filter(office=office, period__status=PeriodStatus.GRADED)
        .select_related("period", "objection")
        .order_by("-period__starts_on")
        .first()
    )


def grade_distribution(period: GradingPeriod) -> list[tuple[str, str, int, int]]:
    """(grade, label, offices, percent) for A…E in one grouped query."""
    counts = dict(
        OfficeGrade.objects.filter(period=period)
        .values("grade")
        .annotate(n=Count("pk"))
        .values_list("grade", "n")
    )
    total = sum(counts.values()) or 1
    return [
        (grade, label, counts.get(grade, 0), round(100 * counts.get(grade, 0) / total))
        for grade, label in Grade.choices
    ]


def indicator_medians(period: GradingPeriod) -> dict[str, Decimal | None]:
    """The city median of each indicator over the offices that have it (one query)."""
    columns: dict[str, list[Decimal]] = {name: [] for name in INDICATORS}
    for indicators in OfficeGrade.objects.filter(period=period).values_list(
        "indicators", flat=True
    ):
        for name in INDICATORS:
            if indicators.get(name) is not None:
                columns[name].append(Decimal(indicators[name]))
    return {
        name: _places(statistics.median(values)) if values else None
        for name, values in columns.items()
    }


def objections_to_rule() -> QuerySet[GradeObjection]:
    return (
        GradeObjection.objects.filter(status=ObjectionStatus.FILED)
        .select_related("grade__office", "grade__period")
        .order_by("filed_at", "pk")
    )


def objections_ruled(limit: int = 50) -> QuerySet[GradeObjection]:
    return (
        GradeObjection.objects.exclude(status=ObjectionStatus.FILED)
        .select_related("grade__office", "grade__period")
        .order_by("-ruled_at", "-pk")[:limit]
    )


def objection_to_rule_get(pk) -> GradeObjection | None:
    return objections_to_rule().filter(pk=pk).first() if str(pk).isdigit() else None


# --- the published input file ---------------------------------------------------------------


def _number(value) -> str:
    return "" if value is None else str(_places(value))


def published_inputs(period: GradingPeriod) -> bytes:
    """The period's published input file: comment lines with the format, the period and the
    formula (JSON), then one row per office — its code (offices are businesses, not persons:
    their codes are public), each indicator (empty when left out), the score and the grade
    computed. The same rows always give the same bytes (rows by office code), so its SHA-256
    recorded at grading identifies it."""
    formula = period.formula
    out = io.StringIO(newline="")
    out.write(f"# {CSV_FORMAT}\n")
    out.write(f"# period: {period.code} {period.starts_on} {period.ends_on}\n")
    formula_json = json.dumps(
        {
            "number": formula.number,
            "weights": formula.weights,
            "thresholds": formula.thresholds,
            "minimum_renewal_grade": formula.minimum_renewal_grade,
        },
        sort_keys=True,
        ensure_ascii=True,
    )
    out.write(f"# formula: {formula_json}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["office", *INDICATORS, "score", "grade"])
    for code, indicators, score, grade in (
        OfficeGrade.objects.filter(period=period)
        .order_by("office__code")
        .values_list("office__code", "indicators", "score", "grade")
    ):
        writer.writerow(
            [code, *(_number(indicators.get(name)) for name in INDICATORS), _number(score), grade]
        )
    return out.getvalue().encode("ascii")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def latest_graded_period() -> GradingPeriod | None:
    """The latest period whose grades are published (graded), or None: the public portal
    shows its grade distribution (`grade_distribution`)."""
    return periods().filter(status=PeriodStatus.GRADED).first()


def grades_public_rows() -> list[dict]:
    """Every grade of every graded period as the open data publishes it (offices are
    businesses: their grades are public): the period's code and dates, the office's code, the
    grade as it stands (an upheld objection's grade in place of the computed one) and the
    score. One query, ordered by period start and office code."""
    grades = (
        OfficeGrade.objects.filter(period__status=PeriodStatus.GRADED)
        .select_related("period", "office", "objection")
        .order_by("period__starts_on", "period__code", "office__code")
    )
    return [
        {
            "period": grade.period.code,
            "period_starts_on": grade.period.starts_on,
            "period_ends_on": grade.period.ends_on,
            "office": grade.office.code,
            "grade": effective_grade(grade),
            "score": grade.score,
        }
        for grade in grades
    ]
