"""Council reports in Chromium on a phone (390 px): a council member opens the reports from
their home, requests one for a past period in Jalali dates (a reversed period first: a Persian
error), watches its row move while the job runs (htmx polls it every two seconds), then
downloads the PDF. The job is held in the queue until the page has shown it waiting, so the
live updates are seen. Screenshots: var/screenshots/journeys/council-reports-*.png."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from daftar.core.jalali import to_jalali
from daftar.transparency.tests import reports_fixtures as fx
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

report_world = fx.report_world  # fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def jalali(day) -> str:
    j = to_jalali(day)
    return f"{j.year}/{j.month:02d}/{j.day:02d}"


@pytest.fixture
def held_queue():
    """Jobs wait in huey's queue (the tests' queue otherwise runs them at once)."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = False
    try:
        yield HUEY
    finally:
        HUEY.flush()
        HUEY.immediate = True


def test_a_council_member_requests_a_report_watches_it_and_downloads_the_pdf(
    personas, report_world, held_queue, browser, live_server
):
    from daftar.transparency.models import CouncilReport, ReportStatus, ReportStep
    from daftar.transparency.services import reports as services

    start, end = fx.PERIOD
    with Journey(
        browser, live_server, role="council-reports", size=PHONE, user=personas.council
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.click(page.locator("a[href='/council/reports/']").first)
        assert page.get_by_test_id("reports-empty").is_visible()
        j.step("empty-list", check=True)
        j.click(page.get_by_test_id("report-new"))
        form = page.get_by_test_id("report-form")
        form.locator("#id_start").fill(jalali(end))
        form.locator("#id_end").fill(jalali(start))
        j.click(form.locator("button[type=submit]"))
        assert "پایان دوره پیش از آغاز آن است." in j.main_text()
        assert not CouncilReport.objects.exists()
        j.step("reversed-period", check=True, primary="[data-testid=report-form] button")
        form.locator("#id_start").fill(jalali(start))
        form.locator("#id_end").fill(jalali(end))
        j.click(form.locator("button[type=submit]"))

        report = CouncilReport.objects.get()
        row = page.locator(f"[data-report='{report.pk}']")
        assert row.get_attribute("data-status") == "queued"
        assert "در انتظار نوبت" in row.inner_text()
        j.step("queued")

        # The job starts: its first step shows up on the page without a reload.
        services._progress(report.pk, ReportStep.FILES, 10)
        page.wait_for_selector(f"[data-report='{report.pk}'][data-status='running']")
        assert "شمارش پرونده‌ها" in row.inner_text()
        j.step("running")

        # The job runs to the end; the row stops polling and offers the PDF.
        held_queue.execute(held_queue.dequeue())
        report.refresh_from_db()
        assert report.status == ReportStatus.DONE
        link = page.get_by_test_id("report-download")
        link.wait_for(timeout=10_000)
        assert row.get_attribute("hx-trigger") is None
        assert report.figures_sha256 in page.get_by_test_id("figures-hash").inner_text()
        j.step("ready", check=True)

        with page.expect_download() as download:
            link.click()
        content = Path(download.value.path()).read_bytes()
        assert hashlib.sha256(content).hexdigest() == report.pdf_sha256
        j.finish()


def test_an_inspector_finds_no_reports_page(personas, browser, live_server):
    with Journey(browser, live_server, role="inspector", size=PHONE, user=personas.inspector) as j:
        response = j.page.goto(j.base + "/council/reports/")
        assert response.status == 404
