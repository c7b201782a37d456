"""The catalogue administrator edits a workflow on a phone (issue 17, ADR 0025): home → the
workflows → a new draft of the permit workflow (the diagram on the page) → an action out of a
terminal state (the problem shown in Persian, publishing refused) → the action removed →
published; files already open keep the version they started with."""

from __future__ import annotations

import pytest

from daftar.workflow.models import WorkflowVersion
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_catalogue_admin_drafts_checks_and_publishes_a_workflow_on_a_phone(
    browser, live_server, personas, catalogue
):
    with Journey(
        browser,
        live_server,
        role="catalogue_admin_workflows",
        size=PHONE,
        user=personas.catalogue_admin,
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("home")
        j.click(page.locator("main a[href='/workflows/']").first)
        j.step("workflows", check=True)
        j.click(page.get_by_role("button", name="پیش‌نویس تازه از این نسخه").first)
        j.step("draft", check=True)
        assert page.get_by_test_id("workflow-diagram").is_visible()
        assert page.locator("[data-testid=workflow-diagram] svg .wf-state").count() == 11
        assert page.get_by_test_id("workflow-valid").is_visible()

        j.click(page.get_by_test_id("action-new"))
        j.step("new action", check=True)
        page.fill("#id_code", "reopen")
        page.fill("#id_name_fa", "بازگشایی")
        page.fill("#id_name_en", "Reopen")
        page.select_option("#id_from_state", "closed")
        page.select_option("#id_to_state", "in_review")
        page.check("input[name=roles][value=department_reviewer]")
        j.click(page.get_by_role("button", name="ذخیره"))
        j.step("invalid draft", check=True)
        problems = page.get_by_test_id("workflow-problems")
        assert problems.is_visible()
        assert "«مختومه» پایانی است" in problems.inner_text()

        j.click(page.get_by_test_id("publish"))
        j.step("publishing refused", check=True)
        assert "ایراد" in page.locator(".alert-danger").first.inner_text()
        assert WorkflowVersion.objects.get(version=2).is_draft

        j.click(page.locator("a[href$='/actions/closed/reopen/']"))
        j.step("the action", check=True)
        j.click(page.get_by_test_id("remove"))
        j.step("valid again", check=True)
        assert page.get_by_test_id("workflow-valid").is_visible()
        j.click(page.get_by_test_id("publish"))
        j.step("published", check=True)
        assert "منتشر شد" in j.main_text()
        j.finish()
    assert not WorkflowVersion.objects.get(version=2).is_draft
