"""What the grading tests share: a formula in force, an open period, and a few helpers that
make rows whose indicators are computed by hand in the tests."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind
from daftar.supervision.services import grading
from daftar.supervision.services.declarations import declaration_submit

WEIGHTS = dict(grading.DEMO_WEIGHTS)
THRESHOLDS = dict(grading.DEMO_THRESHOLDS)
EQUIPMENT = {"queue_display": True, "card_reader": True, "scanner": False, "cctv": True}
ACCESS = {"ramp": True, "accessible_counter": False, "seating": True, "accessible_toilet": False}


def supervisor_actor(personas) -> Actor:
    return Actor.for_user(personas.supervisor)


@pytest.fixture(name="formula")
def formula_fixture(personas, adopt_decision):
    """The demo's formula, drafted by the supervision unit and adopted by a POLICY decision."""
    draft = grading.grading_formula_draft(
        actor=supervisor_actor(personas), weights=WEIGHTS, thresholds=THRESHOLDS
    )
    return grading.grading_formula_adopt(
        actor=supervisor_actor(personas),
        formula=draft,
        decision=adopt_decision(DecisionKind.POLICY, "ضوابط رتبه‌بندی"),
    )


@pytest.fixture(name="period")
def period_fixture(personas):
    """A six-month period that started three days ago (today is in it; declarations open)."""
    return grading.grading_period_open(
        actor=supervisor_actor(personas),
        starts_on=timezone.localdate() - datetime.timedelta(days=3),
    )


def declare(personas, period, **changes):
    values = {
        "staff_count": 4,
        "certified_staff_count": 3,
        "counters": 3,
        "weekly_hours": 44,
        "equipment": EQUIPMENT,
        "accessibility": ACCESS,
        **changes,
    }
    return declaration_submit(
        actor=Actor.for_user(personas.manager_a),
        office=personas.office_a,
        period=period,
        **values,
    )


def after(period) -> datetime.date:
    """A day after the period's end, when it may be graded."""
    return period.ends_on + datetime.timedelta(days=1)
