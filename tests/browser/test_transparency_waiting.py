"""Waiting at the offices on the transparency portal, on a 390 px phone in Chromium, signed out
(issue 18, item 4): the overview's waiting section with its chart and table in Persian digits,
its link to the district map coloured by the share called within 15 minutes, the districts'
table, and an office's page with its own months."""

from __future__ import annotations

import datetime

import pytest

from daftar.core.actors import Actor
from daftar.transparency.services.aggregates import aggregates_build
from daftar.transparency.tests.test_waiting import (  # noqa: F401 - a fixture
    MEHR_9,
    queue_world,
    ticket,
)
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERIOD = "?start=1405/06/01&end=1405/08/30"


def test_a_visitor_reads_how_long_citizens_waited_on_a_phone(
    browser,
    live_server,
    queue_world,  # noqa: F811 - the fixture imported above
):
    # six more called late on the next day, so that Mehr's late calls are not a small cell
    office, operator = queue_world.office_a, queue_world.operator_a
    service = office.tickets.first().service
    for n in range(1, 7):
        ticket(office, service, operator, MEHR_9 + datetime.timedelta(days=1), n, waited=1200)
    aggregates_build(actor=Actor.system("test"), full=True)
    with Journey(browser, live_server, role="visitor_waiting", size=PHONE) as j:
        page = j.page
        j.goto("/transparency/" + PERIOD)
        page.wait_for_selector("canvas[data-chart='chart-waiting'][data-drawn='true']")
        section = page.get_by_test_id("section-waiting")
        section.scroll_into_view_if_needed()
        j.step("overview waiting", check=True)
        table = page.get_by_test_id("table-waiting").inner_text()
        assert "مهر ۱۴۰۵" in table
        assert "۱۴" in table  # Mehr: fourteen citizens called
        # 14 of the period's 23 within 15 minutes; the months' shares are blank, as Aban's
        # three calls are a small cell and Mehr's five in time are its complement
        assert "۶۰٫۹٪" in table
        assert "انتظار در دفاتر" in section.inner_text()

        j.click(section.get_by_role("link", name="نقشهٔ انتظار"))
        j.step("districts by waiting", check=True)
        assert "indicator=waiting" in page.url
        assert page.get_by_test_id("tile-map").is_visible()
        districts = page.get_by_test_id("table-waiting-districts").inner_text()
        assert "۲۳" in districts  # the whole city: twenty-three called
        # district 6 called three citizens: a small cell, shown as a dash (district 1 too, or
        # the city's total would give district 6 away)
        assert "—" in districts

        j.goto(f"/offices/{queue_world.office_a.code}/")
        record = page.get_by_test_id("office-waiting")
        record.scroll_into_view_if_needed()
        j.step("an office's waiting", check=True)
        assert "۲۰" in record.inner_text()  # twenty called over the twelve months
        j.finish()
