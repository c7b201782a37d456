"""Grading pages: the manager declares (bad input → a Persian error, nothing saved), sees the
grade and objects; the supervision unit opens, grades and rules; readers read; the public sees
the formula and downloads the input file; lists read a constant number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from daftar.core.actors import Actor
from daftar.offices.tests.factories import OfficeFactory
from daftar.supervision.choices import Grade, ObjectionStatus, PeriodStatus
from daftar.supervision.models import GradeObjection, GradingPeriod, OfficeGrade, SelfDeclaration
from daftar.supervision.selectors import grading as selectors
from daftar.supervision.services import grading
from daftar.supervision.tests.grading_fixtures import (
    after,
    declare,
    formula_fixture,  # noqa: F401 - a fixture
    period_fixture,  # noqa: F401 - a fixture
    supervisor_actor,
)

pytestmark = pytest.mark.django_db

DECLARATION = {
    "staff_count": "5",
    "certified_staff_count": "3",
    "counters": "2",
    "weekly_hours": "40",
    "equipment_queue_display": "on",
    "access_ramp": "on",
}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def graded(personas, period, formula):
    grading.grading_run(actor=supervisor_actor(personas), period=period, today=after(period))
    return OfficeGrade.objects.get(period=period, office=personas.office_a)


def test_the_manager_declares_on_the_form_and_sees_it_on_the_grade_page(personas, period):
    client = client_for(personas.manager_a)
    page = client.get(reverse("supervision:grading_declare"))
    assert page.status_code == 200
    assert "declaration-form" in page.content.decode()
    response = client.post(reverse("supervision:grading_declare"), DECLARATION)
    assert response.status_code == 302
    declaration = SelfDeclaration.objects.get(office=personas.office_a, period=period)
    assert declaration.staff_count == 5
    assert declaration.equipment == {
        "queue_display": True,
        "card_reader": False,
        "scanner": False,
        "cctv": False,
    }
    assert declaration.accessibility["ramp"] is True
    mine = client.get(reverse("supervision:grading_my")).content.decode()
    assert "declaration-card" in mine


def test_more_certified_than_staff_is_a_persian_error_and_nothing_is_saved(personas, period):
    client = client_for(personas.manager_a)
    response = client.post(
        reverse("supervision:grading_declare"), {**DECLARATION, "certified_staff_count": "9"}
    )
    assert response.status_code == 400
    assert "کارکنان دارای گواهی" in response.content.decode()
    assert not SelfDeclaration.objects.exists()


def test_a_declaration_after_the_deadline_is_refused_clearly(personas, period):
    GradingPeriod.objects.filter(pk=period.pk).update(
        declare_by=timezone.localdate() - datetime.timedelta(days=1)
    )
    client = client_for(personas.manager_a)
    page = client.get(reverse("supervision:grading_declare")).content.decode()
    assert "declaration-closed" in page
    response = client.post(reverse("supervision:grading_declare"), DECLARATION)
    assert response.status_code == 400
    assert not SelfDeclaration.objects.exists()


def test_the_grade_page_shows_each_indicator_the_median_and_how_to_improve(personas, graded):
    page = client_for(personas.manager_a).get(reverse("supervision:grading_my")).content.decode()
    assert "grade-letter" in page
    assert "improve" in page  # office_a did not declare: the declaration indicator is weak
    assert "left-out" in page  # no inspection: left out and said so


def test_the_manager_objects_and_the_supervisor_rules_on_the_page(personas, graded):
    manager = client_for(personas.manager_a)
    response = manager.post(reverse("supervision:grading_object"), {"reason": "شاخص اشتباه است"})
    assert response.status_code == 302
    objection = GradeObjection.objects.get(grade=graded)
    supervisor = client_for(personas.supervisor)
    listed = supervisor.get(reverse("supervision:grading_objections")).content.decode()
    assert f'data-objection="{objection.pk}"' in listed
    new = Grade.A if graded.grade != Grade.A else Grade.B
    bad = supervisor.post(
        reverse("supervision:grading_objections"),
        {"pk": objection.pk, "upheld": "1", "new_grade": "", "ruling": "درست است"},
    )
    assert bad.status_code == 400
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.FILED
    done = supervisor.post(
        reverse("supervision:grading_objections"),
        {"pk": objection.pk, "upheld": "1", "new_grade": new, "ruling": "درست است"},
    )
    assert done.status_code == 302
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.UPHELD
    assert new in manager.get(reverse("supervision:grading_my")).content.decode()


def test_the_supervisor_opens_a_period_on_the_form_and_a_bad_date_is_an_error(personas):
    client = client_for(personas.supervisor)
    bad = client.post(
        reverse("supervision:grading_periods"), {"starts_on": "x", "length_months": "6"}
    )
    assert bad.status_code == 400
    assert not GradingPeriod.objects.exists()
    ok = client.post(
        reverse("supervision:grading_periods"), {"starts_on": "1405/01/01", "length_months": "6"}
    )
    assert ok.status_code == 302
    assert GradingPeriod.objects.get().code == "1405-H1"


def test_the_supervisor_grades_an_ended_period_from_its_page(personas, formula):
    period = grading.grading_period_open(
        actor=supervisor_actor(personas), starts_on=datetime.date(2025, 3, 21)
    )
    client = client_for(personas.supervisor)
    page = client.get(reverse("supervision:grading_period", args=[period.code])).content.decode()
    assert "run-grading" in page
    response = client.post(reverse("supervision:grading_run", args=[period.code]))
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.status == PeriodStatus.GRADED
    page = client.get(reverse("supervision:grading_period", args=[period.code])).content.decode()
    assert "distribution" in page


def test_the_council_reads_but_cannot_open_or_grade(personas, period):
    client = client_for(personas.council)
    assert client.get(reverse("supervision:grading_periods")).status_code == 200
    response = client.post(
        reverse("supervision:grading_periods"), {"starts_on": "1406/01/01", "length_months": "6"}
    )
    assert response.status_code == 404
    assert client.post(reverse("supervision:grading_run", args=[period.code])).status_code == 404


def test_anyone_reads_the_formula_and_downloads_the_inputs_matching_their_hash(personas, graded):
    anonymous = Client()
    page = anonymous.get(reverse("supervision:grading_formula"))
    assert page.status_code == 200
    assert "formula-indicators" in page.content.decode()
    download = anonymous.get(reverse("supervision:grading_inputs", args=[graded.period.code]))
    assert download.status_code == 200
    assert selectors.sha256_of(download.content) == graded.period.inputs_sha256


def test_an_ungraded_periods_inputs_are_not_found(personas, period):
    assert (
        Client().get(reverse("supervision:grading_inputs", args=[period.code])).status_code == 404
    )


def test_the_supervisor_drafts_and_adopts_a_formula_on_the_page(personas, adopt_decision):
    from daftar.governance.choices import DecisionKind

    client = client_for(personas.supervisor)
    weights = {f"weight_{k}": str(v) for k, v in grading.DEMO_WEIGHTS.items()}
    thresholds = {f"threshold_{k}": str(v) for k, v in grading.DEMO_THRESHOLDS.items()}
    bad = client.post(
        reverse("supervision:grading_formula_manage"),
        {
            "step": "draft",
            **weights,
            "weight_sla": "30",
            **thresholds,
            "minimum_renewal_grade": "C",
        },
    )
    assert bad.status_code == 400
    assert not selectors.formulas().exists()
    ok = client.post(
        reverse("supervision:grading_formula_manage"),
        {"step": "draft", **weights, **thresholds, "minimum_renewal_grade": "C"},
    )
    assert ok.status_code == 302
    decision = adopt_decision(DecisionKind.POLICY, "رتبه‌بندی")
    adopted = client.post(
        reverse("supervision:grading_formula_manage"),
        {"step": "adopt", "number": "1", "decision": decision.pk},
    )
    assert adopted.status_code == 302
    assert selectors.formula_in_force().number == 1


# --- query counts ---------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_period_page_reads_a_constant_number_of_queries(personas, formula):
    client = client_for(personas.supervisor)
    first = grading.grading_period_open(
        actor=supervisor_actor(personas), starts_on=datetime.date(2025, 3, 21)
    )
    grading.grading_run(actor=supervisor_actor(personas), period=first, today=after(first))
    few = _count(client, reverse("supervision:grading_period", args=[first.code]))
    for _ in range(4):
        OfficeFactory()
    second = grading.grading_period_open(
        actor=supervisor_actor(personas), starts_on=datetime.date(2025, 9, 23)
    )
    grading.grading_run(actor=supervisor_actor(personas), period=second, today=after(second))
    assert OfficeGrade.objects.filter(period=second).count() == 6
    assert _count(client, reverse("supervision:grading_period", args=[second.code])) == few


def test_the_periods_and_objections_lists_read_a_constant_number_of_queries(personas, formula):
    client = client_for(personas.supervisor)
    actor = supervisor_actor(personas)
    periods_url, objections_url = (
        reverse("supervision:grading_periods"),
        reverse("supervision:grading_objections"),
    )
    p1 = grading.grading_period_open(actor=actor, starts_on=datetime.date(2025, 3, 21))
    grading.grading_run(actor=actor, period=p1, today=after(p1))
    grading.grade_objection_file(
        actor=Actor.for_user(personas.manager_a),
        grade=OfficeGrade.objects.get(period=p1, office=personas.office_a),
        reason="دلیل",
    )
    few_periods, few_objections = _count(client, periods_url), _count(client, objections_url)
    p2 = grading.grading_period_open(actor=actor, starts_on=datetime.date(2025, 9, 23))
    grading.grading_run(actor=actor, period=p2, today=after(p2))
    grading.grade_objection_file(
        actor=Actor.for_user(personas.manager_a),
        grade=OfficeGrade.objects.get(period=p2, office=personas.office_a),
        reason="دلیل دیگر",
    )
    assert _count(client, periods_url) == few_periods
    assert _count(client, objections_url) == few_objections


def test_operators_and_citizens_do_not_find_the_grading_pages(personas, period):
    for user in (personas.operator_a, personas.citizen, personas.inspector):
        client = client_for(user)
        for name in ("grading_periods", "grading_objections", "grading_my", "grading_declare"):
            assert client.get(reverse(f"supervision:{name}")).status_code == 404, (user, name)
    declare(personas, period)  # the manager's own declaration stays visible to them only
    assert client_for(personas.manager_a).get(reverse("supervision:grading_my")).status_code == 200
