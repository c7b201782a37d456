"""The demo's grading story: a formula in force, the previous period graded with one objection
ruled and one waiting, and the current period open with declarations from most offices but not
the demo manager's."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from daftar.accounts.models import User
from daftar.supervision.choices import ObjectionStatus, PeriodStatus
from daftar.supervision.models import (
    GradeObjection,
    GradingPeriod,
    Inspection,
    InspectionReport,
    OfficeGrade,
    SelfDeclaration,
)
from daftar.supervision.selectors import grading as selectors

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_graded_period_objections_and_a_declaration_for_the_manager_to_make(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DEMO_ALLOWED = True
    settings.AUDIT_CHECKPOINT_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_seed", "--size", "tiny")
    assert selectors.formula_in_force() is not None
    previous, current = GradingPeriod.objects.order_by("starts_on")
    assert previous.status == PeriodStatus.GRADED
    assert OfficeGrade.objects.filter(period=previous).count() > 1
    statuses = set(GradeObjection.objects.values_list("status", flat=True))
    assert ObjectionStatus.FILED in statuses
    assert statuses - {ObjectionStatus.FILED}
    assert SelfDeclaration.objects.filter(period=current).exists()
    # The past quarter's inspections were signed off on their days, inside the graded period,
    # so its grades count an inspection result.
    graded = OfficeGrade.objects.filter(period=previous)
    inspected = [g for g in graded if g.indicators.get("inspections") is not None]
    assert inspected, "no office of the graded period has an inspection indicator"
    start, end = selectors.period_bounds(previous)
    past = Inspection.objects.filter(status="submitted", submitted_at__lt=end)
    assert past.exists()
    assert all(start <= i.submitted_at < end for i in past)
    reports = InspectionReport.objects.filter(inspection__in=past)
    assert reports.count() == past.count()
    assert all(start <= report.submitted_at < end for report in reports)
    assert not SelfDeclaration.objects.filter(period=current, office__code="T0101").exists()

    manager = Client()
    manager.force_login(User.objects.get(username="manager"))
    home = manager.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("supervision:grading_declare") in home
    page = manager.get(reverse("supervision:grading_my")).content.decode()
    assert "declare-now" in page
    assert "grade-letter" in page
