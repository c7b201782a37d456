"""Inspection pages: who reaches which object, the phone path through the form, bad input,
and the lists' query counts."""

# ruff: noqa: F811 - the fixtures are imported from fixtures_inspections by name

from __future__ import annotations

import datetime
import itertools

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.tests.factories import UserFactory
from daftar.core.actors import Actor
from daftar.offices.choices import StaffRole
from daftar.offices.tests.factories import OfficeFactory, OfficeStaffFactory
from daftar.supervision.choices import AnswerResult, FindingStatus, InspectionKind
from daftar.supervision.models import ChecklistItem, Finding, Inspection, InspectionReport
from daftar.supervision.services import inspections
from daftar.supervision.tests.fixtures_inspections import (  # noqa: F401
    answer_all,
    checklist,
    inspection,
    inspector2,
    jpeg,
    policy,
)
from tests.test_query_counts import assert_constant


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def submitted(personas, inspection):
    inspection = answer_all(personas.inspector, inspection, {"no-cash": AnswerResult.PARTIAL})
    inspections.inspection_submit(actor=Actor.for_user(personas.inspector), inspection=inspection)
    return inspection


@pytest.fixture
def manager_b(personas):
    user = UserFactory(username="manager_b", roles=[Role.OFFICE_MANAGER])
    OfficeStaffFactory(office=personas.office_b, user=user, role=StaffRole.MANAGER)
    return user


def test_the_inspector_walks_check_in_answers_and_sign_off(personas, inspection):
    client = _client(personas.inspector)
    url = reverse("supervision:inspection", kwargs={"pk": inspection.pk})
    assert "check-in" in client.get(url).content.decode()
    response = client.post(
        reverse("supervision:inspection_check_in", kwargs={"pk": inspection.pk}),
        {"latitude": "35.7", "longitude": "51.4", "accuracy": "20"},
    )
    assert response.status_code == 302
    items = ChecklistItem.objects.filter(section__version=inspection.checklist_id)
    for item in items:
        data = {"result": AnswerResult.COMPLIANT, "note": "دیده شد"}
        if item.evidence == "photo":
            data["photo"] = jpeg()
        client.post(
            reverse("supervision:inspection_answer", kwargs={"pk": inspection.pk, "item": item.pk}),
            data,
        )
    response = client.post(
        reverse("supervision:inspection_submit", kwargs={"pk": inspection.pk}), follow=True
    )
    inspection.refresh_from_db()
    assert inspection.status == "submitted"
    assert InspectionReport.objects.filter(inspection=inspection).count() == 1
    photo = inspection.photos.get()
    assert (
        client.get(
            reverse("supervision:inspection_photo", kwargs={"pk": inspection.pk, "photo": photo.pk})
        ).status_code
        == 200
    )


def test_signing_off_with_unanswered_items_says_which_in_persian(personas, inspection):
    client = _client(personas.inspector)
    client.post(reverse("supervision:inspection_check_in", kwargs={"pk": inspection.pk}))
    response = client.post(
        reverse("supervision:inspection_submit", kwargs={"pk": inspection.pk}), follow=True
    )
    html = response.content.decode()
    assert "رمپ ورودی وجود دارد" in html
    inspection.refresh_from_db()
    assert inspection.status == "in_progress"


def test_only_who_may_see_the_inspection_reaches_it_and_its_photos(
    personas, submitted, manager_b, inspector2
):
    url = reverse("supervision:inspection", kwargs={"pk": submitted.pk})
    photo = submitted.photos.get()
    photo_url = reverse(
        "supervision:inspection_photo", kwargs={"pk": submitted.pk, "photo": photo.pk}
    )
    for user in (personas.inspector, personas.supervisor, personas.manager_a, personas.auditor):
        assert _client(user).get(url).status_code == 200, user.username
        assert _client(user).get(photo_url).status_code == 200, user.username
    for user in (personas.operator_a, manager_b, inspector2, personas.citizen, personas.treasury):
        assert _client(user).get(url).status_code == 404, user.username
        assert _client(user).get(photo_url).status_code == 404, user.username


def test_the_manager_responds_and_agrees_an_action_on_the_finding_page(personas, submitted):
    finding = Finding.objects.get(inspection=submitted)
    client = _client(personas.manager_a)
    url = reverse("supervision:finding", kwargs={"pk": finding.pk})
    response = client.post(url, {"op": "respond", "response": ""})
    assert response.status_code == 200  # the form again, with its error
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN
    client.post(url, {"op": "respond", "response": "صندوق جمع شد"})
    response = client.post(
        url, {"op": "action", "description": "آموزش کارکنان", "due_on": "1390/01/01"}
    )
    assert "invalid-feedback" in response.content.decode()
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RESPONDED
    assert client.get(reverse("supervision:office_inspections")).status_code == 200


def test_another_offices_manager_and_the_operators_do_not_reach_the_finding(
    personas, submitted, manager_b
):
    finding = Finding.objects.get(inspection=submitted)
    url = reverse("supervision:finding", kwargs={"pk": finding.pk})
    for user in (manager_b, personas.operator_a):
        assert _client(user).get(url).status_code == 404
        assert _client(user).post(url, {"op": "respond", "response": "x"}).status_code == 404
    finding.refresh_from_db()
    assert finding.response == ""


def test_the_supervisor_schedules_and_bad_input_changes_nothing(personas, checklist, inspector2):
    client = _client(personas.supervisor)
    url = reverse("supervision:inspection_new")
    before = Inspection.objects.count()
    response = client.post(url, {"office": personas.office_a.pk, "kind": "unannounced"})
    assert response.status_code == 200
    assert Inspection.objects.count() == before
    today = timezone.localdate()
    from daftar.core.jalali import to_jalali

    day = to_jalali(today).strftime("%Y/%m/%d")
    response = client.post(
        url, {"office": personas.office_a.pk, "kind": "unannounced", "scheduled_on": day}
    )
    assert response.status_code == 302
    assert Inspection.objects.count() == before + 1


def test_the_supervisor_edits_a_draft_and_adopts_it(personas, policy, in_force):
    client = _client(personas.supervisor)
    client.post(reverse("supervision:checklists"), {"code": "c1", "name_fa": "چک‌لیست"})
    from daftar.supervision.models import ChecklistVersion

    version = ChecklistVersion.objects.get(template__code="c1")
    url = reverse("supervision:checklist_version", kwargs={"pk": version.pk})
    client.post(url, {"op": "section", "title_fa": "عمومی"})
    section = version.sections.get()
    article = in_force.articles.order_by("number").first()
    client.post(
        url,
        {
            "op": "item",
            "section": section.pk,
            "code": "signs",
            "text_fa": "تابلوی تعرفه",
            "weight": "2",
            "evidence": "photo",
            "severity_if_failed": "minor",
            "articles": [article.pk],
        },
    )
    assert section.items.get().citations.count() == 1
    response = client.post(url, {"op": "days", "response_days": "0"})
    assert response.status_code == 200  # the form again, with its error
    client.post(url, {"op": "days", "response_days": "7"})
    response = client.post(url, {"op": "adopt", "decision": policy.pk})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == "adopted"
    assert version.response_days == 7
    assert "ماده" in client.get(url).content.decode()


# --- query counts ------------------------------------------------------------------------------


_CODES = itertools.count(1)


def _more_inspections(personas, checklist, n, *, inspector=None, submitted=False):
    offices = [OfficeFactory(code=f"Q{next(_CODES):04d}") for _ in range(n)]
    made = []
    for office in offices:
        made.append(
            Inspection.objects.create(
                office=office,
                kind=InspectionKind.UNANNOUNCED,
                checklist=checklist,
                inspector=inspector or personas.inspector,
                scheduled_on=timezone.localdate(),
                status="submitted" if submitted else "assigned",
                submitted_at=timezone.now() if submitted else None,
                score=90 if submitted else None,
            )
        )
    return made


def test_the_inspectors_day_has_a_constant_query_count(personas, checklist):
    client = _client(personas.inspector)
    _more_inspections(personas, checklist, 2)
    url = reverse("supervision:my_inspections")
    _first, second = assert_constant(
        lambda: client.get(url).content.decode(),
        lambda: _more_inspections(personas, checklist, 3),
    )
    assert second.count("data-inspection=") == 5


def test_the_reports_list_has_a_constant_query_count(personas, checklist):
    client = _client(personas.supervisor)
    _more_inspections(personas, checklist, 2, submitted=True)
    url = reverse("supervision:inspection_reports")
    _first, second = assert_constant(
        lambda: client.get(url).content.decode(),
        lambda: _more_inspections(personas, checklist, 3, submitted=True),
    )
    assert second.count("list-group-item") >= 5


def test_the_plan_has_a_constant_query_count(personas, checklist, inspector2):
    from daftar.supervision.models import InspectionPlan

    client = _client(personas.supervisor)
    plan = InspectionPlan.objects.create(year=1405, quarter=3, generated_by="t")

    def grow(n):
        for i, made in enumerate(_more_inspections(personas, checklist, n)):
            made.plan = plan
            made.risk_rank = i + 1
            made.risk_reasons = [{"reason": "not_inspected"}]
            made.save()

    grow(2)
    url = reverse("supervision:inspection_plan")
    _first, second = assert_constant(lambda: client.get(url).content.decode(), lambda: grow(3))
    assert second.count("data-inspection=") == 5


def test_the_checklists_list_has_a_constant_query_count(personas, checklist):
    from daftar.supervision.services import checklists

    client = _client(personas.supervisor)
    url = reverse("supervision:checklists")
    codes = iter(range(100))

    def grow():
        for _ in range(2):
            checklists.checklist_template_create(
                actor=Actor.for_user(personas.supervisor), code=f"t{next(codes)}", name_fa="چک"
            )

    assert_constant(lambda: client.get(url).content.decode(), grow)


def test_the_office_reports_have_a_constant_query_count(personas, submitted, inspector2):
    client = _client(personas.manager_a)
    url = reverse("supervision:office_inspections")

    def grow():
        for made in _more_inspections(
            personas, submitted.checklist, 1, inspector=inspector2, submitted=True
        ):
            Inspection.objects.filter(pk=made.pk).update(office=personas.office_a)
            Finding.objects.create(
                inspection=made,
                office=personas.office_a,
                kind="non_compliance",
                severity="minor",
                description="x",
                respond_by=timezone.localdate() + datetime.timedelta(days=5),
            )

    _first, second = assert_constant(lambda: client.get(url).content.decode(), grow)
    assert second.count("data-inspection=") == 2
