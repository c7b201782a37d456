"""The editor's pages, as the catalogue team uses them: list, draft, edit, the diagram, the
problems in Persian, publishing; files on v1 stay on v1 when v2 is published."""

from __future__ import annotations

import defusedxml.ElementTree as ET
import pytest
from django.urls import reverse

from daftar.audit.models import AuditEntry
from daftar.workflow.models import WorkflowVersion
from daftar.workflow.selectors import version_state

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def admin_client(client, personas):
    client.force_login(personas.catalogue_admin)
    return client


def _draft(client, code="permit", source=1) -> WorkflowVersion:
    response = client.post(reverse("workflow:draft_new", args=[code]), {"source": source})
    assert response.status_code == 302
    return WorkflowVersion.objects.get(workflow__code=code, published_at__isnull=True)


def test_the_list_shows_each_workflow_and_its_versions(admin_client, catalogue):
    page = admin_client.get(reverse("workflow:list")).content.decode()
    assert "پروانه و پرونده‌های شهرسازی" in page
    assert "نسخهٔ ۱" in page


def test_a_reviewer_gets_404_on_the_editor(client, personas, catalogue):
    client.force_login(personas.reviewer)
    assert client.get(reverse("workflow:list")).status_code == 404
    assert client.get(reverse("workflow:version", args=["permit", 1])).status_code == 404


def test_the_version_page_draws_the_diagram_and_lists_the_transitions(admin_client, catalogue):
    page = admin_client.get(reverse("workflow:version", args=["permit", 1])).content.decode()
    assert 'data-testid="workflow-diagram"' in page
    assert "<svg" in page
    assert "درخواست اصلاح" in page  # an action in the transitions table
    assert 'data-testid="publish"' not in page  # published: nothing to publish


def test_the_svg_is_well_formed_and_names_every_state(admin_client, catalogue):
    response = admin_client.get(reverse("workflow:version_svg", args=["permit", 1]))
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    texts = {t.text for t in root.iter(f"{SVG}text")}
    states = catalogue.service.workflow.states.all()
    for state in states:
        assert state.name_fa in texts, state.code
    boxes = {g.get("data-state") for g in root.iter(f"{SVG}g") if g.get("data-state")}
    assert boxes == {state.code for state in states}


def test_a_published_version_has_no_edit_pages(admin_client, catalogue):
    assert admin_client.get(reverse("workflow:state_new", args=["permit", 1])).status_code == 404
    assert admin_client.post(reverse("workflow:publish", args=["permit", 1])).status_code == 404


def test_an_action_out_of_a_terminal_state_shows_the_problem_in_persian_and_blocks_publishing(
    admin_client, catalogue
):
    draft = _draft(admin_client)
    url = reverse("workflow:action_new", args=["permit", draft.version])
    response = admin_client.post(
        url,
        {
            "code": "reopen",
            "name_fa": "بازگشایی",
            "name_en": "Reopen",
            "from_state": "closed",
            "to_state": "in_review",
            "roles": ["department_reviewer"],
        },
    )
    assert response.status_code == 302
    page = admin_client.get(reverse("workflow:version", args=["permit", draft.version]))
    assert "«مختومه» پایانی است" in page.content.decode()
    response = admin_client.post(
        reverse("workflow:publish", args=["permit", draft.version]), follow=True
    )
    assert "ایراد" in response.content.decode()
    draft.refresh_from_db()
    assert draft.is_draft


def test_bad_input_on_a_state_is_refused_in_persian_and_changes_nothing(admin_client, catalogue):
    draft = _draft(admin_client)
    before = AuditEntry.objects.count()
    response = admin_client.post(
        reverse("workflow:state_edit", args=["permit", draft.version, "in_review"]),
        {"code": "submitted", "name_fa": "بررسی", "name_en": "Review", "sla_days": "-2"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "invalid-feedback" in page
    assert version_state(draft, "in_review").sla_days == 5
    assert AuditEntry.objects.count() == before


def test_a_duplicate_state_code_is_refused_on_the_form(admin_client, catalogue):
    draft = _draft(admin_client)
    response = admin_client.post(
        reverse("workflow:state_new", args=["permit", draft.version]),
        {"code": "submitted", "name_fa": "تکراری", "name_en": "Twin"},
    )
    assert response.status_code == 200
    assert "«submitted»" in response.content.decode()
    assert draft.states.filter(code="submitted").count() == 1


def test_publishing_v2_moves_no_file_from_v1(admin_client, catalogue, personas):
    from daftar.cases.tests.fixtures import open_file

    file = open_file(personas, catalogue)
    v1 = file.workflow_version
    draft = _draft(admin_client)
    admin_client.post(
        reverse("workflow:state_edit", args=["permit", draft.version, "in_review"]),
        {
            "code": "in_review",
            "name_fa": "بررسی تازه",
            "name_en": "New review",
            "sla_days": "2",
            "in_department": "on",
        },
    )
    response = admin_client.post(reverse("workflow:publish", args=["permit", draft.version]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.is_draft
    file.refresh_from_db()
    assert file.workflow_version == v1
    assert file.state.version_id == v1.pk
    assert AuditEntry.objects.filter(action="workflow.publish").count() == 1


def test_a_new_workflow_starts_empty_and_says_what_is_missing(admin_client, catalogue):
    response = admin_client.post(
        reverse("workflow:new"),
        {"code": "fire-safety", "name_fa": "ایمنی آتش", "name_en": "Fire safety"},
        follow=True,
    )
    page = response.content.decode()
    assert "وضعیت آغاز" in page  # no start state: the problem names it
    assert 'data-testid="workflow-problems"' in page


def test_a_state_reviewed_in_parallel_is_set_on_the_form_and_shown(admin_client, catalogue):
    draft = _draft(admin_client)
    response = admin_client.post(
        reverse("workflow:state_new", args=["permit", draft.version]),
        {
            "code": "joint_review",
            "name_fa": "بررسی هم‌زمان",
            "name_en": "Joint review",
            "sla_days": "3",
            "in_department": "on",
            "parallel_departments": [catalogue.department.code, catalogue.other_department.code],
        },
    )
    assert response.status_code == 302
    state = version_state(draft, "joint_review")
    assert state.parallel_departments == [catalogue.department.code, "transport"]
    page = admin_client.get(reverse("workflow:version", args=["permit", draft.version]))
    text = page.content.decode()
    assert catalogue.other_department.name in text
    assert "بررسی هم‌زمان" in text  # and the problems say it needs its actions and a path


def test_an_unknown_parallel_department_is_refused(admin_client, catalogue):
    draft = _draft(admin_client)
    response = admin_client.post(
        reverse("workflow:state_new", args=["permit", draft.version]),
        {"code": "joint", "name_fa": "هم‌زمان", "name_en": "Joint", "parallel_departments": ["x"]},
    )
    assert response.status_code == 200
    assert not draft.states.filter(code="joint").exists()
