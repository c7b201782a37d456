"""Complaints in Chromium: a citizen files a complaint about an office on a phone and sees it in
"my complaints"; the supervision unit takes it, adds a note and rules citing the bylaw; the
citizen sees the ruling and the satisfaction question. Every step is screenshotted
(var/screenshots/journeys/) and the main pages pass docs/pages.md's checks."""

from __future__ import annotations

import pytest

from daftar.supervision.tests import complaints_fixtures as fx
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

complaint_rules = fx.complaint_rules  # fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_files_a_complaint_on_a_phone_and_the_supervisor_rules(
    personas, complaint_rules, in_force, browser, live_server
):
    from daftar.supervision.models import Complaint

    office = personas.office_a
    with Journey(browser, live_server, role="complainant", size=PHONE, user=personas.citizen) as j:
        page = j.page
        j.goto("/complaints/")
        j.step("my-complaints-empty", check=True)
        j.click(page.get_by_test_id("complaint-new"))
        form = page.get_by_test_id("complaint-form")
        form.locator("#id_category").select_option("overcharging")
        form.locator("#id_office").select_option(str(office.pk))
        form.locator("#id_description").fill("برای ثبت درخواست، بیش از تعرفه از من پول گرفتند.")
        j.step("complaint-form", check=True, primary="[data-testid=complaint-form] button")
        j.click(form.locator("button[type=submit]"))
        complaint = Complaint.objects.get()
        assert page.get_by_test_id("complaint-status").is_visible()
        assert "دریافت شد" in page.get_by_test_id("complaint-status").inner_text()
        j.step("complaint-filed", check=True)
        j.goto("/complaints/")
        assert page.locator(f"[data-complaint='{complaint.tracking_code}']").is_visible()
        j.step("my-complaints", check=True)
        j.finish()

    with Journey(
        browser, live_server, role="supervisor", size=PHONE, user=personas.supervisor
    ) as j:
        page = j.page
        j.goto("/supervision/complaints/")
        j.step("queue", check=True)
        j.click(page.locator(f"[data-complaint='{complaint.tracking_code}'] a").first)
        j.click(page.get_by_test_id("take"))
        page.fill("#ev-note", "رسید پرداخت شاکی با تعرفه مقایسه شد.")
        j.click(page.get_by_role("button", name="افزودن یادداشت"))
        ruling = page.get_by_test_id("ruling-form")
        ruling.locator("#id_ruling").select_option("upheld")
        ruling.locator("#id_reasons").fill("مبلغ دریافتی از تعرفه مصوب بیشتر بوده است.")
        ruling.locator("input[name=articles]").first.check()
        j.step("ruling-form", check=True, primary="[data-testid=ruling-form] button")
        j.click(ruling.locator("button[type=submit]"))
        assert page.get_by_test_id("ruling").is_visible()
        assert "ماده" in page.get_by_test_id("ruling").inner_text()
        j.step("ruled", check=True)
        j.finish()

    with Journey(
        browser, live_server, role="complainant", size=PHONE, user=personas.citizen, first_step=5
    ) as j:
        page = j.page
        j.goto(f"/complaints/{complaint.tracking_code}/")
        assert page.get_by_test_id("ruling").is_visible()
        assert page.get_by_test_id("rate-form").is_visible()
        j.step("ruling-seen", check=True)
        j.finish()
