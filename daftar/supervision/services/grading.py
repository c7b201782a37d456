"""Periodic grading: periods, the formula (drafted by the supervision unit, adopted by a
committee POLICY decision, frozen once adopted), the grading run (indicators in SQL aggregates,
grades written in bulk, the input file published with its SHA-256), objections and rulings, and
the checks grades add to a licence renewal and a new service authorisation."""

from __future__ import annotations

import datetime
import itertools

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.calendar import add_working_days
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, InvalidInput
from daftar.core.jalali import TEHRAN, from_jalali, to_jalali
from daftar.governance.choices import DecisionKind
from daftar.governance.models import Decision
from daftar.governance.services import decision_record_effect, decision_require
from daftar.offices.selectors import offices_to_grade
from daftar.supervision.choices import Grade, ObjectionStatus, PeriodStatus, RuleStatus
from daftar.supervision.error_codes import SupervisionErrorCode
from daftar.supervision.models import GradeObjection, GradingFormula, GradingPeriod, OfficeGrade
from daftar.supervision.permissions import require_office_manager, require_supervisor
from daftar.supervision.selectors.grading import (
    GRADED,
    INDICATORS,
    effective_grade,
    formula_in_force,
    grade_below,
    grade_of,
    office_indicators,
    office_latest_grade,
    published_inputs,
    score_of,
    sha256_of,
)
from daftar.supervision.services.common import STREAM

DECLARE_WORKING_DAYS = 10
OBJECTION_WORKING_DAYS = 10
REASON_MAX_LENGTH = 2000
DEMO_WEIGHTS = {
    "inspections": 25,
    "sla": 20,
    "ratings": 15,
    "complaints": 10,
    "uptime": 10,
    "reconciliation": 5,
    "overcharging": 10,
    "declaration": 5,
    # the queue's median wait (daftar/appointments): computed and published for every office;
    # it counts once the committee adopts a formula that weighs it
    "waiting": 0,
}
DEMO_THRESHOLDS = {"A": 85, "B": 70, "C": 55, "D": 40}


# --- periods --------------------------------------------------------------------------------


def _add_jalali_months(day: datetime.date, months: int) -> datetime.date:
    jalali = to_jalali(day)
    index = jalali.year * 12 + (jalali.month - 1) + months
    year, month = divmod(index, 12)
    return from_jalali(year, month + 1, min(jalali.day, 29))


def period_code(starts_on: datetime.date, length_months: int) -> str:
    """'1405-H1' for a half-year starting in the first six Jalali months, 'H2' after; quarters
    'Q1'…'Q4'; a year '1405'; any other length its first month: '1405-M04-2m'."""
    jalali = to_jalali(starts_on)
    if length_months == 6 and jalali.month in (1, 7) and jalali.day == 1:
        return f"{jalali.year}-H{1 if jalali.month == 1 else 2}"
    if length_months == 3 and jalali.month in (1, 4, 7, 10) and jalali.day == 1:
        return f"{jalali.year}-Q{(jalali.month + 2) // 3}"
    if length_months == 12 and jalali.month == 1 and jalali.day == 1:
        return f"{jalali.year}"
    return f"{jalali.year}-M{jalali.month:02d}-{length_months}m"


@audited
def grading_period_open(
    *, actor: Actor, starts_on: datetime.date, length_months: int = 6
) -> GradingPeriod:
    """Open a grading period of `length_months` Jalali months from `starts_on`; offices declare
    within its first ten working days. Periods may not overlap."""
    require_supervisor(actor)
    if not isinstance(starts_on, datetime.date):
        raise InvalidInput(
            _("Choose the first day."), code=CoreErrorCode.REQUIRED, field="starts_on"
        )
    if isinstance(length_months, bool) or not isinstance(length_months, int):
        raise InvalidInput(
            _("Enter a whole number."),
            code=SupervisionErrorCode.COUNT_INVALID,
            field="length_months",
        )
    if not 1 <= length_months <= 12:
        raise InvalidInput(
            _("A period is from 1 to 12 months long."),
            code=CoreErrorCode.OUT_OF_RANGE,
            field="length_months",
        )
    ends_on = _add_jalali_months(starts_on, length_months) - datetime.timedelta(days=1)
    # Lock the table's rows so that two officers opening periods at once cannot both pass.
    list(GradingPeriod.objects.select_for_update().values_list("pk", flat=True))
    overlapping = GradingPeriod.objects.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
    if overlapping.exists():
        raise Conflict(
            _("The period overlaps period %(code)s."),
            code=SupervisionErrorCode.PERIODS_OVERLAP,
            field="starts_on",
            params={"code": overlapping.first().code},
        )
    code = period_code(starts_on, length_months)
    start = datetime.datetime.combine(starts_on, datetime.time(), tzinfo=TEHRAN)
    period = GradingPeriod.objects.create(
        code=code,
        starts_on=starts_on,
        ends_on=ends_on,
        declare_by=add_working_days(start, DECLARE_WORKING_DAYS).astimezone(TEHRAN).date(),
    )
    audit_record(
        actor=actor,
        action="grading.period_opened",
        stream=STREAM,
        obj=period,
        summary=f"grading period {code} opened",
        after={"starts_on": starts_on, "ends_on": ends_on, "declare_by": period.declare_by},
    )
    return period


# --- the formula ----------------------------------------------------------------------------


def _valid_weights(weights) -> dict[str, int]:
    def refuse():
        raise InvalidInput(
            _(
                "The weights must be whole numbers of 0 or more for the known indicators only, "
                "adding up to 100."
            ),
            code=SupervisionErrorCode.FORMULA_WEIGHTS_INVALID,
            field="weights",
        )

    if not isinstance(weights, dict) or set(weights) - set(INDICATORS):
        refuse()
    clean = {}
    for name in INDICATORS:
        value = weights.get(name, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            refuse()
        clean[name] = value
    if sum(clean.values()) != 100:
        raise InvalidInput(
            _("The weights add up to %(total)d; they must add up to 100."),
            code=SupervisionErrorCode.FORMULA_WEIGHTS_INVALID,
            field="weights",
            params={"total": sum(clean.values())},
        )
    return clean


def _valid_thresholds(thresholds) -> dict[str, int]:
    error = InvalidInput(
        _(
            "Each grade's minimum score is from 0 to 100, and A's is above B's, B's above "
            "C's and C's above D's."
        ),
        code=SupervisionErrorCode.FORMULA_THRESHOLDS_INVALID,
        field="thresholds",
    )
    if not isinstance(thresholds, dict) or set(thresholds) != set(GRADED):
        raise error
    clean = {}
    for grade in GRADED:
        value = thresholds[grade]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise error
        clean[grade] = value
    ordered = [clean[grade] for grade in GRADED]
    if any(higher <= lower for higher, lower in itertools.pairwise(ordered)):
        raise error
    return clean


def _valid_minimum(grade) -> str:
    if grade not in Grade.values:
        raise InvalidInput(
            _("Choose the lowest grade that may renew a licence."),
            code=SupervisionErrorCode.MINIMUM_GRADE_INVALID,
            field="minimum_renewal_grade",
        )
    return grade


@audited
def grading_formula_draft(
    *, actor: Actor, weights: dict, thresholds: dict, minimum_renewal_grade: str = Grade.C
) -> GradingFormula:
    """A new draft formula (the next version number), checked before it is saved."""
    require_supervisor(actor)
    weights = _valid_weights(weights)
    thresholds = _valid_thresholds(thresholds)
    minimum = _valid_minimum(minimum_renewal_grade)
    number = (GradingFormula.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    formula = GradingFormula.objects.create(
        number=number, weights=weights, thresholds=thresholds, minimum_renewal_grade=minimum
    )
    audit_record(
        actor=actor,
        action="grading.formula_drafted",
        stream=STREAM,
        obj=formula,
        summary=f"grading formula v{number} drafted",
        after={"weights": weights, "thresholds": thresholds, "minimum": minimum},
    )
    return formula


def _draft_locked(formula: GradingFormula) -> GradingFormula:
    formula = GradingFormula.objects.select_for_update().get(pk=formula.pk)
    if formula.status != RuleStatus.DRAFT:
        raise Conflict(
            _("An adopted formula cannot be changed; draft a new version instead."),
            code=SupervisionErrorCode.RULES_FROZEN,
        )
    return formula


@audited
def grading_formula_update(
    *,
    actor: Actor,
    formula: GradingFormula,
    weights: dict,
    thresholds: dict,
    minimum_renewal_grade: str,
) -> GradingFormula:
    """Change a draft's weights and thresholds (an adopted formula is frozen)."""
    require_supervisor(actor)
    formula = _draft_locked(formula)
    before = {"weights": formula.weights, "thresholds": formula.thresholds}
    formula.weights = _valid_weights(weights)
    formula.thresholds = _valid_thresholds(thresholds)
    formula.minimum_renewal_grade = _valid_minimum(minimum_renewal_grade)
    formula.save(update_fields=["weights", "thresholds", "minimum_renewal_grade"])
    audit_record(
        actor=actor,
        action="grading.formula_amended",
        stream=STREAM,
        obj=formula,
        before=before,
        after={"weights": formula.weights, "thresholds": formula.thresholds},
    )
    return formula


@audited
def grading_formula_adopt(
    *, actor: Actor, formula: GradingFormula, decision: Decision | None
) -> GradingFormula:
    """Put a draft formula in force on the authority of an adopted POLICY decision; the one in
    force before is superseded."""
    require_supervisor(actor)
    decision = decision_require(decision=decision, kind=DecisionKind.POLICY)
    formula = _draft_locked(formula)
    _valid_weights(formula.weights)
    _valid_thresholds(formula.thresholds)
    previous = GradingFormula.objects.select_for_update().filter(status=RuleStatus.ADOPTED)
    superseded = [f.number for f in previous]
    previous.update(status=RuleStatus.SUPERSEDED)
    formula.status = RuleStatus.ADOPTED
    formula.decision = decision
    formula.adopted_on = timezone.localdate()
    formula.save(update_fields=["status", "decision", "adopted_on"])
    decision_record_effect(
        decision=decision,
        obj=formula,
        message=gettext_noop("grading formula v%(number)s put in force"),
        params={"number": formula.number},
    )
    audit_record(
        actor=actor,
        action="grading.formula_adopted",
        stream=STREAM,
        obj=formula,
        summary=f"grading formula v{formula.number} adopted by decision {decision.number}",
        after={"decision": decision.number, "superseded": superseded},
    )
    return formula


# --- the grading run ------------------------------------------------------------------------

_PERIOD_MOVES = {
    PeriodStatus.DECLARING: {PeriodStatus.OPEN, PeriodStatus.GRADED},
    PeriodStatus.OPEN: {PeriodStatus.GRADED},
}


def _period_move(period: GradingPeriod, status: str) -> None:
    """The one place a period's status changes (the caller saves)."""
    if status not in _PERIOD_MOVES.get(period.status, set()):
        raise Conflict(
            _("Period %(code)s cannot move to that status."),
            code=SupervisionErrorCode.PERIOD_TRANSITION,
            params={"code": period.code},
        )
    period.status = status


@audited
def grading_periods_advance(*, actor: Actor, today: datetime.date | None = None) -> list[str]:
    """The nightly job: a period whose declaration deadline has passed stops taking
    declarations (DECLARING → OPEN); an ended period is graded by the formula in force."""
    today = today or timezone.localdate()
    moved = []
    for period in GradingPeriod.objects.select_for_update().filter(
        status=PeriodStatus.DECLARING, declare_by__lt=today
    ):
        _period_move(period, PeriodStatus.OPEN)
        period.save(update_fields=["status"])
        moved.append(period.code)
    audit_record(
        actor=actor,
        action="grading.periods_advanced",
        stream=STREAM,
        summary=f"periods closed for declarations: {', '.join(moved) or 'none'}",
        after={"closed_for_declarations": moved},
    )
    graded = []
    if formula_in_force() is not None:
        for period in GradingPeriod.objects.exclude(status=PeriodStatus.GRADED).filter(
            ends_on__lt=today
        ):
            grading_run(actor=actor, period=period, today=today)
            graded.append(period.code)
    return moved + graded


@audited
def grading_run(
    *, actor: Actor, period: GradingPeriod, today: datetime.date | None = None
) -> GradingPeriod:
    """Grade every office for `period` (ended, not graded yet) by the formula in force:
    indicators in grouped SQL aggregates, grades inserted in bulk, the input file published
    and its SHA-256 recorded on the period and in the audit entry. The supervision unit or a
    system job (at the period's end) runs it."""
    if not actor.is_system:
        require_supervisor(actor)
    today = today or timezone.localdate()
    period = GradingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.status == PeriodStatus.GRADED:
        raise Conflict(
            _("Period %(code)s has already been graded."),
            code=SupervisionErrorCode.PERIOD_ALREADY_GRADED,
            params={"code": period.code},
        )
    if today <= period.ends_on:
        raise Conflict(
            _("Period %(code)s has not ended yet; it is graded after its last day."),
            code=SupervisionErrorCode.PERIOD_NOT_ENDED,
            params={"code": period.code},
        )
    formula = formula_in_force()
    if formula is None:
        raise Conflict(
            _("No grading formula has been adopted by decision yet."),
            code=SupervisionErrorCode.NO_FORMULA_IN_FORCE,
        )
    offices = list(offices_to_grade())
    indicators = office_indicators(period, offices)
    now = timezone.now()
    grades = []
    for office in offices:
        values = indicators[office.pk]
        score = score_of(values, formula.weights)
        grades.append(
            OfficeGrade(
                period=period,
                office=office,
                indicators={k: (None if v is None else str(v)) for k, v in values.items()},
                score=score,
                grade=grade_of(score, formula.thresholds),
                computed_at=now,
            )
        )
    OfficeGrade.objects.bulk_create(grades, batch_size=1000)
    period.formula = formula
    _period_move(period, PeriodStatus.GRADED)
    period.graded_at = now
    period.inputs_sha256 = sha256_of(published_inputs(period))
    period.save(update_fields=["formula", "status", "graded_at", "inputs_sha256"])
    audit_record(
        actor=actor,
        action="grading.period_graded",
        stream=STREAM,
        obj=period,
        summary=f"period {period.code}: {len(grades)} offices graded by formula v{formula.number}",
        after={
            "offices": len(grades),
            "formula": formula.number,
            "inputs_sha256": period.inputs_sha256,
        },
    )
    return period


# --- objections -----------------------------------------------------------------------------


def objection_deadline(period: GradingPeriod) -> datetime.datetime:
    """Ten working days after the grades were published."""
    return add_working_days(period.graded_at, OBJECTION_WORKING_DAYS)


def _reason(reason, field: str = "reason") -> str:
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise InvalidInput(_("Give the reason."), code=CoreErrorCode.REQUIRED, field=field)
    if len(reason) > REASON_MAX_LENGTH:
        raise InvalidInput(
            _("The text is longer than %(limit)d characters."),
            code=CoreErrorCode.TOO_LONG,
            field=field,
            params={"limit": REASON_MAX_LENGTH},
        )
    return reason


@audited
def grade_objection_file(*, actor: Actor, grade: OfficeGrade, reason: str) -> GradeObjection:
    """The office's manager objects to its grade, once, within ten working days."""
    grade = (
        OfficeGrade.objects.select_for_update().select_related("period", "office").get(pk=grade.pk)
    )
    require_office_manager(actor, grade.office)
    if GradeObjection.objects.filter(grade=grade).exists():
        raise Conflict(
            _("An objection to this grade has already been filed; a grade is objected to once."),
            code=SupervisionErrorCode.OBJECTION_ALREADY_FILED,
        )
    if timezone.now() > objection_deadline(grade.period):
        raise Conflict(
            _("The time to object to this grade has passed."),
            code=SupervisionErrorCode.OBJECTION_LATE,
        )
    reason = _reason(reason)
    objection = GradeObjection.objects.create(
        grade=grade, reason=reason, filed_by=actor.user, filed_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action="grading.objection_filed",
        stream=STREAM,
        obj=objection,
        summary=f"office {grade.office.code} objects to grade {grade.grade} of {grade.period.code}",
        after={"grade": grade.grade, "reason": reason},
    )
    return objection


@audited
def grade_objection_rule(
    *,
    actor: Actor,
    objection: GradeObjection,
    upheld: bool,
    ruling: str,
    new_grade: str = "",
) -> GradeObjection:
    """The supervision unit rules: upheld with the new grade, or rejected (the grade stands),
    with its reasons either way."""
    require_supervisor(actor)
    objection = (
        GradeObjection.objects.select_for_update()
        .select_related("grade__office", "grade__period")
        .get(pk=objection.pk)
    )
    if objection.status != ObjectionStatus.FILED:
        raise Conflict(
            _("The objection has already been ruled on."),
            code=SupervisionErrorCode.OBJECTION_ALREADY_RULED,
        )
    ruling = _reason(ruling, field="ruling")
    if upheld:
        if new_grade not in Grade.values or new_grade == objection.grade.grade:
            raise InvalidInput(
                _("Choose the grade the office gets instead (not the one it had)."),
                code=SupervisionErrorCode.NEW_GRADE_INVALID,
                field="new_grade",
            )
        objection.new_grade = new_grade
        objection.status = ObjectionStatus.UPHELD
    else:
        objection.new_grade = ""
        objection.status = ObjectionStatus.REJECTED
    objection.ruling = ruling
    objection.ruled_by = actor.user
    objection.ruled_at = timezone.now()
    objection.save(update_fields=["status", "new_grade", "ruling", "ruled_by", "ruled_at"])
    audit_record(
        actor=actor,
        action="grading.objection_ruled",
        stream=STREAM,
        obj=objection,
        summary=(
            f"objection of office {objection.grade.office.code} "
            f"({objection.grade.period.code}): {objection.status}"
        ),
        after={"status": objection.status, "new_grade": objection.new_grade, "ruling": ruling},
    )
    return objection


# --- what a grade changes elsewhere (registered with offices in SupervisionConfig.ready) ----

QUOTA_BLOCKING_GRADES = (Grade.D, Grade.E)


def grade_blocks_renewal(office):
    """Why `office` may not renew its licence: its latest grade is below the formula's minimum
    (None: never graded, or graded high enough)."""
    latest = office_latest_grade(office)
    formula = formula_in_force()
    if latest is None or formula is None:
        return None
    grade = effective_grade(latest)
    if grade_below(grade, formula.minimum_renewal_grade):
        return _(
            "its latest grade (%(grade)s, period %(period)s) is below grade %(minimum)s, the "
            "lowest that may renew"
        ) % {"grade": grade, "period": latest.period.code, "minimum": formula.minimum_renewal_grade}
    return None


def grade_blocks_authorisation(office):
    """Why `office` may not be authorised for a new service domain: graded D or E."""
    latest = office_latest_grade(office)
    if latest is None:
        return None
    grade = effective_grade(latest)
    if grade in QUOTA_BLOCKING_GRADES:
        return _(
            "its latest grade (%(grade)s, period %(period)s) is D or E; an office so graded takes "
            "on no new service domain"
        ) % {"grade": grade, "period": latest.period.code}
    return None
