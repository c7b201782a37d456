"""Periodic grading: periods, the formula as data, indicators from SQL aggregates against
hand-computed values, renormalisation, thresholds, the published file and its recompute
script, objections, and what a grade changes for a licence renewal."""

from __future__ import annotations

import datetime
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.cases.models import CallbackTask, File, Rating
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.governance.choices import DecisionKind
from daftar.offices import services as offices
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import OfficeUptimeDay
from daftar.offices.tests.factories import OfficeFactory
from daftar.supervision.choices import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintRuling,
    ComplaintStatus,
    Grade,
    ObjectionStatus,
    PeriodStatus,
    RuleStatus,
)
from daftar.supervision.error_codes import SupervisionErrorCode
from daftar.supervision.models import Complaint, OfficeGrade, SelfDeclaration
from daftar.supervision.selectors import grading as selectors
from daftar.supervision.services import grading
from daftar.supervision.tests.grading_fixtures import (
    THRESHOLDS,
    WEIGHTS,
    after,
    declare,
    formula_fixture,  # noqa: F401 - a fixture
    period_fixture,  # noqa: F401 - a fixture
    supervisor_actor,
)

pytestmark = pytest.mark.django_db
SCRIPT = Path(settings.BASE_DIR) / "scripts" / "recompute_grades.py"


# --- periods --------------------------------------------------------------------------------


def test_a_half_year_period_is_coded_from_the_jalali_calendar_and_declared_in_ten_working_days(
    personas,
):
    period = grading.grading_period_open(
        actor=supervisor_actor(personas), starts_on=datetime.date(2026, 3, 21)
    )
    assert period.code == "1405-H1"
    assert period.ends_on == datetime.date(2026, 9, 22)  # 31 Shahrivar 1405
    assert period.declare_by > period.starts_on + datetime.timedelta(days=10)
    assert period.status == PeriodStatus.DECLARING
    assert AuditEntry.objects.filter(action="grading.period_opened").count() == 1


def test_overlapping_periods_are_refused(personas):
    grading.grading_period_open(
        actor=supervisor_actor(personas), starts_on=datetime.date(2026, 3, 21)
    )
    with pytest.raises(Conflict) as refused:
        grading.grading_period_open(
            actor=supervisor_actor(personas), starts_on=datetime.date(2026, 6, 1), length_months=3
        )
    assert refused.value.code == SupervisionErrorCode.PERIODS_OVERLAP
    second = grading.grading_period_open(
        actor=supervisor_actor(personas), starts_on=datetime.date(2026, 9, 23), length_months=3
    )
    assert second.code == "1405-Q3"


def test_only_the_supervision_unit_opens_a_period(personas):
    with pytest.raises(Forbidden):
        grading.grading_period_open(
            actor=Actor.for_user(personas.manager_a), starts_on=datetime.date(2026, 3, 21)
        )


# --- the formula ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "thresholds"),
    [
        ({**WEIGHTS, "sla": 21}, THRESHOLDS),  # sums to 101
        ({**WEIGHTS, "sla": -5, "inspections": 50}, THRESHOLDS),  # negative
        ({**WEIGHTS, "charm": 0}, THRESHOLDS),  # unknown indicator
        (WEIGHTS, {"A": 85, "B": 90, "C": 55, "D": 40}),  # not descending
        (WEIGHTS, {"A": 85, "B": 70, "C": 55}),  # D missing
        (WEIGHTS, {"A": 185, "B": 70, "C": 55, "D": 40}),  # above 100
    ],
)
def test_a_bad_formula_is_refused_with_a_clear_error_and_nothing_saved(
    personas, weights, thresholds
):
    with pytest.raises(InvalidInput) as refused:
        grading.grading_formula_draft(
            actor=supervisor_actor(personas), weights=weights, thresholds=thresholds
        )
    assert refused.value.field in {"weights", "thresholds"}
    assert refused.value.code in {
        SupervisionErrorCode.FORMULA_WEIGHTS_INVALID,
        SupervisionErrorCode.FORMULA_THRESHOLDS_INVALID,
    }
    assert not selectors.formulas().exists()


def test_a_formula_needs_a_policy_decision_and_is_frozen_once_adopted(personas, adopt_decision):
    actor = supervisor_actor(personas)
    first = grading.grading_formula_draft(actor=actor, weights=WEIGHTS, thresholds=THRESHOLDS)
    with pytest.raises(InvalidInput):
        grading.grading_formula_adopt(
            actor=actor, formula=first, decision=adopt_decision(DecisionKind.TARIFF)
        )
    grading.grading_formula_adopt(
        actor=actor, formula=first, decision=adopt_decision(DecisionKind.POLICY)
    )
    with pytest.raises(Conflict) as frozen:
        grading.grading_formula_update(
            actor=actor,
            formula=first,
            weights=WEIGHTS,
            thresholds=THRESHOLDS,
            minimum_renewal_grade=Grade.B,
        )
    assert frozen.value.code == SupervisionErrorCode.RULES_FROZEN
    second = grading.grading_formula_draft(actor=actor, weights=WEIGHTS, thresholds=THRESHOLDS)
    grading.grading_formula_adopt(
        actor=actor, formula=second, decision=adopt_decision(DecisionKind.POLICY)
    )
    first.refresh_from_db()
    assert first.status == RuleStatus.SUPERSEDED
    assert selectors.formula_in_force() == second


def test_thresholds_grade_a_score_at_their_boundaries():
    assert selectors.grade_of(Decimal("85.00"), THRESHOLDS) == Grade.A
    assert selectors.grade_of(Decimal("84.99"), THRESHOLDS) == Grade.B
    assert selectors.grade_of(Decimal("55.00"), THRESHOLDS) == Grade.C
    assert selectors.grade_of(Decimal("40.00"), THRESHOLDS) == Grade.D
    assert selectors.grade_of(Decimal("39.99"), THRESHOLDS) == Grade.E


def test_a_missing_indicator_is_left_out_and_the_weights_renormalised():
    values = dict.fromkeys(selectors.INDICATORS, Decimal(80))
    values["inspections"] = None  # weight 25 of 100 left out
    values["sla"] = Decimal(50)
    expected = (Decimal(50) * 20 + Decimal(80) * 55) / 75
    assert selectors.score_of(values, WEIGHTS) == expected.quantize(Decimal("0.01"))


# --- indicators from the system's data ------------------------------------------------------


def _clone(file: File, n: int, **changes) -> File:
    copy = File.objects.get(pk=file.pk)
    copy.pk = None
    copy.tracking_code = f"GR{n:06d}"
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def _complaint(office, n: int, category: str, ruling: str) -> Complaint:
    now = timezone.now()
    return Complaint.objects.create(
        tracking_code=f"CP{n:06d}",
        channel=ComplaintChannel.PORTAL,
        category=category,
        office=office,
        description="شرح",
        filed_by="test",
        received_at=now,
        status=ComplaintStatus.RULED,
        triage_due_at=now,
        due_at=now,
        ruling=ruling,
        ruled_at=now,
    )


@pytest.fixture
def office_data(personas, catalogue, counter_ready, period):
    """office_a's period, built so that each indicator can be computed by hand:
    20 files opened, 4 of them due in the period (3 closed in time, 1 late); two ratings (5
    and 2, the 2 asking for a call-back); one upheld overcharging complaint and one rejected
    complaint; uptime 216 of 288 slots; no inspection, no reconciliation discrepancy."""
    now = timezone.now()
    first = open_file(personas, catalogue, office=personas.office_a)
    hour = datetime.timedelta(hours=1)
    files = [first] + [_clone(first, n) for n in range(1, 20)]
    File.objects.filter(pk__in=[f.pk for f in files]).update(due_at=None, closed_at=None)
    for n, file in enumerate(files[:4]):
        closed = now + hour if n == 3 else now - hour  # the fourth closed after its deadline
        File.objects.filter(pk=file.pk).update(due_at=now, closed_at=closed)
    Rating.objects.create(file=files[0], score=5)
    Rating.objects.create(file=files[1], score=2)
    CallbackTask.objects.create(file=files[1], office=personas.office_a)
    _complaint(personas.office_a, 1, ComplaintCategory.OVERCHARGING, ComplaintRuling.UPHELD)
    _complaint(personas.office_a, 2, ComplaintCategory.RUDENESS, ComplaintRuling.REJECTED)
    OfficeUptimeDay.objects.create(
        office=personas.office_a, day=timezone.localdate(), slots_open=288, slots_up=216
    )
    return files


def test_indicators_match_hand_computed_values(personas, office_data, period):
    declare(personas, period)
    values = selectors.office_indicators(period, [personas.office_a, personas.office_b])
    mine = values[personas.office_a.pk]
    assert mine["inspections"] is None  # no inspection: left out
    assert mine["sla"] == Decimal("75.00")  # 3 of 4 in time
    assert mine["ratings"] == Decimal("52.50")  # (3.5 − 1) × 25 − 20 × ½
    assert mine["complaints"] == Decimal("0.00")  # 1 upheld per 20 files = 50 per 1,000
    assert mine["uptime"] == Decimal("75.00")
    assert mine["reconciliation"] == Decimal("100.00")
    assert mine["overcharging"] == Decimal("75.00")  # one upheld overcharging complaint
    assert mine["declaration"] == Decimal("100.00")
    other = values[personas.office_b.pk]
    assert other["sla"] is None
    assert other["ratings"] is None
    assert other["uptime"] is None
    assert other["declaration"] == Decimal("0.00")  # did not declare


def test_a_false_declaration_costs_the_declaration_indicator(personas, period):
    declaration = declare(personas, period)
    SelfDeclaration.objects.filter(pk=declaration.pk).update(found_false=True)
    values = selectors.office_indicators(period, [personas.office_a])
    assert values[personas.office_a.pk]["declaration"] == Decimal("0.00")


def test_indicators_take_a_constant_number_of_queries_for_n_and_2n_offices(period):
    def count(offices):
        with CaptureQueriesContext(connection) as queries:
            selectors.office_indicators(period, offices)
        return len(queries)

    few = [OfficeFactory() for _ in range(3)]
    more = few + [OfficeFactory() for _ in range(3)]
    assert count(few) == count(more)


# --- the grading run, the published file and the recompute script ---------------------------


def test_grading_writes_every_grade_publishes_the_inputs_and_the_script_reproduces_them(
    personas,
    office_data,
    period,
    formula,
    tmp_path,
):
    declare(personas, period)
    graded = grading.grading_run(
        actor=supervisor_actor(personas), period=period, today=after(period)
    )
    assert graded.status == PeriodStatus.GRADED
    grades = {g.office_id: g for g in OfficeGrade.objects.filter(period=period)}
    assert set(grades) == {personas.office_a.pk, personas.office_b.pk}
    mine = grades[personas.office_a.pk]
    # inspections left out: 75 of the 100 weight points remain
    expected = (
        Decimal("75.00") * 20
        + Decimal("52.50") * 15
        + Decimal("0.00") * 10
        + Decimal("75.00") * 10
        + Decimal("100.00") * 5
        + Decimal("75.00") * 10
        + Decimal("100.00") * 5
    ) / 75
    assert mine.score == expected.quantize(Decimal("0.01"))
    assert mine.grade == selectors.grade_of(mine.score, THRESHOLDS)
    published = selectors.published_inputs(graded)
    assert selectors.sha256_of(published) == graded.inputs_sha256
    entry = AuditEntry.objects.get(action="grading.period_graded")
    assert graded.inputs_sha256 in str(entry.after)

    good = tmp_path / "grades.csv"
    good.write_bytes(published)
    run = subprocess.run(
        [sys.executable, str(SCRIPT), str(good)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout
    assert "reproduced exactly: 2 offices" in run.stdout

    tampered = tmp_path / "tampered.csv"
    lines = published.decode().splitlines()
    row = lines[-1].split(",")
    row[-1] = "A" if row[-1] != "A" else "E"  # change a grade
    tampered.write_text("\n".join([*lines[:-1], ",".join(row)]) + "\n")
    run = subprocess.run(
        [sys.executable, str(SCRIPT), str(tampered)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 1
    assert "NOT reproduced" in run.stdout


def test_a_period_is_graded_once_after_its_end_with_a_formula_in_force(
    personas,
    period,
):
    actor = supervisor_actor(personas)
    with pytest.raises(Conflict) as early:
        grading.grading_run(actor=actor, period=period)
    assert early.value.code == SupervisionErrorCode.PERIOD_NOT_ENDED
    with pytest.raises(Conflict) as no_formula:
        grading.grading_run(actor=actor, period=period, today=after(period))
    assert no_formula.value.code == SupervisionErrorCode.NO_FORMULA_IN_FORCE
    assert not OfficeGrade.objects.exists()


def test_grading_twice_is_refused(personas, period, formula):
    actor = supervisor_actor(personas)
    grading.grading_run(actor=actor, period=period, today=after(period))
    with pytest.raises(Conflict) as again:
        grading.grading_run(actor=actor, period=period, today=after(period))
    assert again.value.code == SupervisionErrorCode.PERIOD_ALREADY_GRADED


def test_a_system_job_may_grade_but_a_manager_may_not(personas, period, formula):
    with pytest.raises(Forbidden):
        grading.grading_run(
            actor=Actor.for_user(personas.manager_a), period=period, today=after(period)
        )
    grading.grading_run(actor=Actor.system("grading"), period=period, today=after(period))


# --- objections -----------------------------------------------------------------------------


@pytest.fixture
def graded(personas, period, formula):
    grading.grading_run(actor=supervisor_actor(personas), period=period, today=after(period))
    return OfficeGrade.objects.get(period=period, office=personas.office_a)


def test_the_manager_objects_once_and_the_supervisor_upholds_with_a_new_grade(personas, graded):
    manager = Actor.for_user(personas.manager_a)
    objection = grading.grade_objection_file(actor=manager, grade=graded, reason="اشتباه")
    with pytest.raises(Conflict) as twice:
        grading.grade_objection_file(actor=manager, grade=graded, reason="باز هم")
    assert twice.value.code == SupervisionErrorCode.OBJECTION_ALREADY_FILED
    new = Grade.A if graded.grade != Grade.A else Grade.B
    ruled = grading.grade_objection_rule(
        actor=supervisor_actor(personas),
        objection=objection,
        upheld=True,
        ruling="پذیرفته شد",
        new_grade=new,
    )
    assert ruled.status == ObjectionStatus.UPHELD
    graded.refresh_from_db()
    assert selectors.effective_grade(graded) == new
    with pytest.raises(Conflict):
        grading.grade_objection_rule(
            actor=supervisor_actor(personas), objection=objection, upheld=False, ruling="نه"
        )


def test_a_late_objection_is_refused(personas, graded):
    period = graded.period
    period.graded_at = timezone.now() - datetime.timedelta(days=40)
    period.save(update_fields=["graded_at"])
    with pytest.raises(Conflict) as late:
        grading.grade_objection_file(
            actor=Actor.for_user(personas.manager_a), grade=graded, reason="دیر"
        )
    assert late.value.code == SupervisionErrorCode.OBJECTION_LATE


def test_an_objection_needs_a_reason_and_the_offices_own_manager(personas, graded):
    with pytest.raises(InvalidInput):
        grading.grade_objection_file(
            actor=Actor.for_user(personas.manager_a), grade=graded, reason="  "
        )
    other = OfficeGrade.objects.get(period=graded.period, office=personas.office_b)
    with pytest.raises(Forbidden):
        grading.grade_objection_file(
            actor=Actor.for_user(personas.manager_a), grade=other, reason="دلیل"
        )


# --- renewal --------------------------------------------------------------------------------


def test_a_renewal_is_refused_below_grade_c_and_allowed_after_an_upheld_objection(
    personas, counter_ready, graded, adopt_decision
):
    OfficeGrade.objects.filter(pk=graded.pk).update(grade=Grade.D)
    graded.refresh_from_db()
    licence = personas.office_a.licences.get()
    with pytest.raises(Conflict) as refused:
        offices.licence_renew(
            actor=Actor.system("x"),
            licence=licence,
            decision=adopt_decision(DecisionKind.LICENCE),
            years=1,
        )
    assert refused.value.code == OfficesErrorCode.RENEWAL_BLOCKED
    objection = grading.grade_objection_file(
        actor=Actor.for_user(personas.manager_a), grade=graded, reason="دلیل"
    )
    grading.grade_objection_rule(
        actor=supervisor_actor(personas),
        objection=objection,
        upheld=True,
        ruling="درست است",
        new_grade=Grade.C,
    )
    renewed = offices.licence_renew(
        actor=Actor.system("x"),
        licence=licence,
        decision=adopt_decision(DecisionKind.LICENCE),
        years=1,
    )
    assert renewed.renewed_until is not None


def test_the_nightly_job_closes_declarations_and_grades_ended_periods(personas, formula):
    actor = supervisor_actor(personas)
    ended = grading.grading_period_open(actor=actor, starts_on=datetime.date(2025, 3, 21))
    current = grading.grading_period_open(
        actor=actor, starts_on=timezone.localdate() - datetime.timedelta(days=40)
    )
    changed = grading.grading_periods_advance(actor=Actor.system("grading"))
    ended.refresh_from_db()
    current.refresh_from_db()
    assert ended.status == PeriodStatus.GRADED
    assert current.status == PeriodStatus.OPEN  # declarations closed, not ended
    assert set(changed) >= {ended.code, current.code}


def test_an_office_graded_d_or_e_is_not_authorised_for_a_new_domain(personas, graded):
    OfficeGrade.objects.filter(pk=graded.pk).update(grade=Grade.E)
    assert "D" in str(grading.grade_blocks_authorisation(personas.office_a))
    OfficeGrade.objects.filter(pk=graded.pk).update(grade=Grade.B)
    assert grading.grade_blocks_authorisation(personas.office_a) is None
    assert grading.grade_blocks_renewal(personas.office_a) is None


# --- the queue's waiting time (issue 18, part 3; daftar/appointments) -----------------------------


def test_the_waiting_indicator_from_the_median_wait():
    minute = 60
    assert selectors.waiting_indicator(None, 0) is None
    assert selectors.waiting_indicator(5 * minute, selectors.WAITING_MIN_CALLS - 1) is None
    assert selectors.waiting_indicator(15 * minute, 20) == Decimal("100.00")
    assert selectors.waiting_indicator(20 * minute, 20) == Decimal("80.00")
    assert selectors.waiting_indicator(90 * minute, 20) == Decimal("0.00")


def test_the_offices_queue_feeds_its_waiting_indicator(personas, catalogue, period):
    import datetime as dt

    from daftar.appointments.services.queue import ticket_call_next, ticket_walk_in
    from daftar.core.actors import Actor

    office = personas.office_a
    operator = Actor.for_user(personas.operator_a)
    start = timezone.now() - dt.timedelta(days=1)
    for n in range(selectors.WAITING_MIN_CALLS):
        issued = start + dt.timedelta(minutes=n)
        ticket_walk_in(actor=operator, office=office, service=catalogue.service, now=issued)
        ticket = ticket_call_next(
            actor=operator, office=office, counter=1, now=issued + dt.timedelta(minutes=25)
        )
        ticket.status = "served"
        ticket.save(update_fields=["status"])
    values = selectors.office_indicators(period, [office, personas.office_b])
    assert values[office.pk]["waiting"] == Decimal("60.00")  # 25 minutes: 10 beyond 15
    assert values[personas.office_b.pk]["waiting"] is None
