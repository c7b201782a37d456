"""Demo supervision: grading (see the package's docstring for the order).

- The demo formula (the weights and thresholds of docs/supervision.md), drafted by the
  supervision unit and put in force by a committee POLICY decision.
- The previous period (the six months before the current one) graded from the demo's own data
  through `grading_run`. Its declarations are history: the service refuses declarations after
  the deadline, so they are inserted as rows (most offices declared; a few did not). Two
  offices objected: the demo manager's office (ruled) and another (waiting for a ruling).
- The current period, started two days ago so that its declaration window (ten working days)
  is open whenever the demo is built: most offices have declared through the service as their
  managers; the demo manager's office has not, so its manager has a declaration to make on
  sign-in.

Idempotent: a second run finds the formula and the periods and does nothing.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind
from daftar.offices.choices import StaffRole
from daftar.offices.models import Office, OfficeStaff
from daftar.supervision.choices import Grade, RuleStatus
from daftar.supervision.demo import adopt_decision, bylaw_article
from daftar.supervision.models import GradingFormula, GradingPeriod, OfficeGrade, SelfDeclaration
from daftar.supervision.selectors.grading import ACCESSIBILITY, EQUIPMENT
from daftar.supervision.services import grading
from daftar.supervision.services.declarations import declaration_submit

DEMO_OFFICE = "T0101"  # the flagship office, the demo manager's (daftar/demo/seed.py)


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _formula(ctx, supervisor: Actor, today: datetime.date) -> None:
    if GradingFormula.objects.filter(status=RuleStatus.ADOPTED).exists():
        ctx.log("supervision grading: a formula is already in force")
        return
    draft = GradingFormula.objects.filter(status=RuleStatus.DRAFT).first()
    if draft is None:
        draft = grading.grading_formula_draft(
            actor=supervisor,
            weights=grading.DEMO_WEIGHTS,
            thresholds=grading.DEMO_THRESHOLDS,
            minimum_renewal_grade=Grade.C,
        )
    article = bylaw_article(1)
    decision = adopt_decision(
        kind=DecisionKind.POLICY,
        subject_fa="تصویب فرمول رتبه‌بندی دوره‌ای دفاتر",
        subject_en="Adoption of the offices' periodic grading formula",
        body_fa=(
            "فرمول رتبه‌بندی دفاتر با وزن شاخص‌ها و حد نصاب رتبه‌های الف تا د، چنان‌که واحد "
            "نظارت پیشنهاد کرده، تصویب می‌شود. تمدید پروانه دست‌کم رتبه C لازم دارد."
        ),
        day=today - datetime.timedelta(days=200),
        citations=[(article, None)] if article else (),
    )
    grading.grading_formula_adopt(actor=supervisor, formula=draft, decision=decision)
    ctx.log(f"supervision grading: formula v{draft.number} adopted by decision {decision.number}")


def _managers() -> dict[int, object]:
    """Each office's current manager, by office id."""
    return dict(
        OfficeStaff.objects.filter(role=StaffRole.MANAGER, left_on__isnull=True).values_list(
            "office_id", "user"
        )
    )


def _figures(ctx, office_id: int) -> dict:
    rng = ctx.rng
    staff = rng.randint(3, 9)
    return {
        "staff_count": staff,
        "certified_staff_count": rng.randint(max(1, staff - 3), staff),
        "counters": rng.randint(2, 6),
        "weekly_hours": rng.choice([40, 44, 48]),
        "equipment": {key: rng.random() < 0.8 for key in EQUIPMENT},
        "accessibility": {key: rng.random() < 0.6 for key in ACCESSIBILITY},
    }


def seed(ctx) -> None:
    today = timezone.localdate()
    supervisor = Actor.for_user(_user("supervisor"))
    _formula(ctx, supervisor, today)
    if GradingPeriod.objects.exists():
        ctx.log("supervision grading: periods already there")
        return
    current_start = today - datetime.timedelta(days=2)
    previous_start = grading._add_jalali_months(current_start, -6)
    previous = grading.grading_period_open(actor=supervisor, starts_on=previous_start)
    current = grading.grading_period_open(actor=supervisor, starts_on=current_start)
    if previous.ends_on >= current.starts_on:  # pragma: no cover - the months line up
        raise RuntimeError("demo periods overlap")

    managers = _managers()
    users = get_user_model().objects.in_bulk(set(managers.values()))
    offices = sorted(managers)
    office_rows = Office.objects.in_bulk(offices)
    flagship = next((pk for pk, o in office_rows.items() if o.code == DEMO_OFFICE), None)
    # The previous period's declarations: history, inserted (most offices declared).
    declared_at = timezone.make_aware(
        datetime.datetime.combine(
            previous.starts_on + datetime.timedelta(days=3), datetime.time(10)
        )
    )
    history = [
        SelfDeclaration(
            office_id=office_id,
            period=previous,
            declared_by=users[managers[office_id]],
            declared_at=declared_at,
            found_false=ctx.rng.random() < 0.05,
            **_figures(ctx, office_id),
        )
        for office_id in offices
        if ctx.rng.random() < 0.9 or office_id == flagship
    ]
    SelfDeclaration.objects.bulk_create(history)
    grading.grading_run(actor=supervisor, period=previous, today=today)
    grades = OfficeGrade.objects.filter(period=previous).select_related("office")
    ctx.log(
        f"supervision grading: period {previous.code} graded ({grades.count()} offices, "
        f"{len(history)} declarations)"
    )

    # Two objections: the flagship's, ruled; another office's, waiting.
    mine = grades.filter(office_id=flagship).first()
    if mine is not None:
        objection = grading.grade_objection_file(
            actor=Actor.for_user(users[managers[flagship]]),
            grade=mine,
            reason=(
                "پایانه دفتر در دو هفته پایانی دوره به دلیل قطعی شبکه شهری برخط نبود؛ "
                "این قطعی از سوی ما نبوده است."
            ),
        )
        if mine.grade != Grade.A:
            better = Grade.values[Grade.values.index(mine.grade) - 1]
            grading.grade_objection_rule(
                actor=supervisor,
                objection=objection,
                upheld=True,
                new_grade=better,
                ruling=(
                    "قطعی شبکه در گزارش شرکت مخابرات تأیید شد؛ شاخص برخط بودن برای آن دو "
                    "هفته کنار گذاشته و رتبه اصلاح شد."
                ),
            )
        else:
            grading.grade_objection_rule(
                actor=supervisor,
                objection=objection,
                upheld=False,
                ruling="رتبه دفتر بالاترین رتبه است؛ تغییری لازم نیست.",
            )
    other = grades.exclude(office_id=flagship).order_by("score").first()
    if other is not None:
        grading.grade_objection_file(
            actor=Actor.for_user(users[managers[other.office_id]]),
            grade=other,
            reason="امتیاز رضایت شهروندان با شمار تماس‌های انجام‌شده همخوانی ندارد.",
        )

    # The current period: most offices declare through the service; the flagship has not.
    declared = 0
    for office_id in offices:
        if office_id == flagship or ctx.rng.random() < 0.15:
            continue
        declaration_submit(
            actor=Actor.for_user(users[managers[office_id]]),
            office=office_rows[office_id],
            period=current,
            **_figures(ctx, office_id),
        )
        declared += 1
    ctx.log(
        f"supervision grading: period {current.code} open until {current.declare_by}, "
        f"{declared} offices declared (not the demo manager's)"
    )
