"""The transparency portal on a 390 px phone in Chromium, signed out: the overview fits the
screen, its charts are drawn by the vendored Chart.js under the site's own CSP (no bypass) with
their tables beside them; a visitor narrows the figures to a district with the filter, opens
the district map and chooses a district's tile, which leads back to that district's
figures; an office's page shows its public record from the same figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from daftar.core.actors import Actor
from daftar.transparency.services.aggregates import aggregates_build
from daftar.transparency.tests.aggregates_fixtures import world  # noqa: F401 - a fixture
from tests.browser.journey import Journey
from tests.browser.pages import DESKTOP, OVERFLOW, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/portal")  # noqa: S108 - screenshots for a person to look at


@pytest.fixture
def figures(world):  # noqa: F811 - the aggregates' varied world
    """Files over three Jalali months in three services, offices and districts, remote
    channels, ratings, payments, complaints and uptime (the aggregates' tests' world), built."""
    aggregates_build(actor=Actor.system("test"))
    return world


def test_the_portal_draws_its_charts_under_the_sites_own_csp(browser, live_server, figures):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(live_server.url + "/transparency/")
        page.wait_for_selector("canvas[data-chart='chart-mix'][data-drawn='true']")
        width = page.evaluate(OVERFLOW)
        assert width["scrollWidth"] <= 390, width
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "overview-phone.png"), full_page=True)
    finally:
        context.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_a_visitor_filters_by_district_and_follows_a_tile_on_a_phone(browser, live_server, figures):
    with Journey(browser, live_server, role="visitor_transparency", size=PHONE) as j:
        page = j.page
        j.goto("/transparency/")
        page.wait_for_selector("canvas[data-chart='chart-months'][data-drawn='true']")
        j.step("overview", check=True)
        assert page.get_by_test_id("table-mix").is_visible()
        assert "پروانه ساختمانی" in page.get_by_test_id("table-mix").inner_text()
        assert "۱۰۰" in page.get_by_test_id("table-mix").inner_text()

        page.select_option("#id_district", "1")
        j.click(page.get_by_test_id("filter-apply"))
        j.step("overview district 1", check=True)
        assert "district=1" in page.url
        assert "منطقه ۱" in page.get_by_test_id("portal-period").inner_text()

        page.fill("#id_start", "1499/01/01")
        j.click(page.get_by_test_id("filter-apply"))
        j.step("overview bad period")
        assert page.get_by_test_id("filter-fallback").is_visible()

        j.click(page.get_by_test_id("portal-nav").get_by_role("link", name="مناطق"))
        j.step("districts", check=True)
        assert page.get_by_test_id("tile-map").is_visible()
        assert page.get_by_test_id("table-map").is_visible()
        j.click(page.locator("[data-testid=tile-map] a[data-district='1']"))
        j.step("district 1 from its tile", check=True)
        assert "district=1" in page.url
        assert "منطقه ۱" in page.get_by_test_id("portal-period").inner_text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "district-1-phone.png"), full_page=True)

        j.click(page.get_by_test_id("portal-nav").get_by_role("link", name="زمان انجام"))
        j.step("time to completion", check=True)
        assert page.get_by_test_id("table-departments").is_visible()
        assert "district=1" in page.url
        page.screenshot(path=str(SHOTS / "services-phone.png"), full_page=True)

        j.goto("/offices/T0101/")
        j.step("an office's public record", check=True)
        assert page.get_by_test_id("transparency-record").is_visible()
        page.screenshot(path=str(SHOTS / "office-record-phone.png"), full_page=True)
        j.finish()


def test_an_english_reader_sees_the_portal_on_a_desktop(browser, live_server, figures):
    with Journey(
        browser, live_server, role="visitor_transparency_en", size=DESKTOP, language="en"
    ) as j:
        page = j.page
        j.goto("/transparency/")
        page.wait_for_selector("canvas[data-chart='chart-collections'][data-drawn='true']")
        j.step("overview in English", check=True)
        assert "Service mix by domain" in j.main_text()
        assert "100.0%" in page.get_by_test_id("table-mix").inner_text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "overview-desktop-en.png"), full_page=True)
        j.finish()
