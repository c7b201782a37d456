"""The council's overview: the half-year's counts, each from one aggregate query."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from daftar.supervision.choices import (
    ComplaintCategory,
    ComplaintRuling,
    Grade,
    InspectionStatus,
    PeriodStatus,
    SanctionKind,
    SanctionStatus,
    Severity,
)
from daftar.supervision.models import GradingPeriod, Inspection, OfficeGrade
from daftar.supervision.selectors.overview import (
    half_year_of,
    half_year_parse,
    supervision_overview,
)
from daftar.supervision.tests import sanctions_fixtures
from daftar.supervision.tests.sanctions_fixtures import (
    impose,
    make_complaint,
    make_finding,
    propose,
)

article = sanctions_fixtures.article
ladder = sanctions_fixtures.ladder
sanction_decision = sanctions_fixtures.sanction_decision

pytestmark = pytest.mark.django_db


def test_the_half_year_is_the_solar_hijri_one():
    first = half_year_of(datetime.date(2025, 4, 1))  # 1404/01/12
    assert (first.code, first.starts_on, first.ends_on) == (
        "1404-H1",
        datetime.date(2025, 3, 21),
        datetime.date(2025, 9, 22),
    )
    second = half_year_of(datetime.date(2025, 12, 3))
    assert second.code == "1404-H2"
    assert second.ends_on == datetime.date(2026, 3, 20)
    assert half_year_parse("1404-H2") == second
    assert half_year_parse("nonsense") is None


def _grades(personas):
    period = GradingPeriod.objects.create(
        code="1404-H1",
        starts_on=datetime.date(2025, 3, 21),
        ends_on=datetime.date(2025, 9, 22),
        declare_by=datetime.date(2025, 4, 1),
        status=PeriodStatus.GRADED,
    )
    for office, grade in ((personas.office_a, Grade.B), (personas.office_b, Grade.D)):
        OfficeGrade.objects.create(
            period=period,
            office=office,
            indicators={},
            score=70,
            grade=grade,
            computed_at=timezone.now(),
        )


def test_the_counts_of_the_half_year(personas, ladder, sanction_decision):
    make_finding(personas.office_a, personas.inspector, severity=Severity.MAJOR)
    finding = make_finding(personas.office_a, personas.inspector, severity=Severity.MINOR)
    Inspection.objects.filter(pk=finding.inspection_id).update(status=InspectionStatus.ASSIGNED)
    make_complaint(personas.office_a, category=ComplaintCategory.DELAY)
    make_complaint(
        personas.office_b, category=ComplaintCategory.DELAY, ruling=ComplaintRuling.REJECTED
    )
    impose(personas, propose(personas), sanction_decision)
    propose(personas, office=personas.office_b)
    _grades(personas)

    o = supervision_overview()
    assert o.inspections == {"planned": 2, "done": 1, "cancelled": 0}
    assert dict(o.findings) == {Severity.MINOR: 1, Severity.MAJOR: 1, Severity.CRITICAL: 0}
    delay = next(row for row in o.complaints if row[0] == ComplaintCategory.DELAY)
    assert delay[1:] == (2, 1)
    warnings = next(row for row in o.sanctions if row[0] == SanctionKind.WARNING)
    assert warnings[2] == 2
    assert dict(warnings[1])[SanctionStatus.IMPOSED] == 1
    assert dict(warnings[1])[SanctionStatus.PROPOSED] == 1
    assert o.grade_period.code == "1404-H1"
    assert dict(o.grades)[Grade.D] == 1


def test_the_overview_page_reads_a_constant_number_of_queries_and_links_its_numbers(
    client, personas, ladder, sanction_decision
):
    def grow():
        make_finding(personas.office_a, personas.inspector)
        make_complaint(personas.office_b)
        impose(personas, propose(personas), sanction_decision)

    url = reverse("supervision:overview")
    client.force_login(personas.council)
    _grades(personas)
    grow()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    grow()
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert len(few) == len(more)
    html = response.content.decode()
    assert f'href="{reverse("supervision:sanctions")}?kind=warning"' in html
    assert "kind=warning&amp;status=imposed" in html
    for persona in ("operator_a", "manager_a", "treasury", "inspector"):
        client.force_login(getattr(personas, persona))
        assert client.get(url).status_code == 404
