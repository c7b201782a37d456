"""The office manager's grading journey on a phone: the home says a declaration is due, the
manager declares (the figures pre-filled from the registry, equipment and accessibility as
checkboxes), and lands on the grade page: last period's grade, each indicator against the city
median, how to improve, and the objection form."""

from __future__ import annotations

import datetime

import pytest

from daftar.supervision.models import SelfDeclaration
from daftar.supervision.services import grading
from daftar.supervision.tests.grading_fixtures import (
    after,
    formula_fixture,  # noqa: F401 - a fixture
    period_fixture,  # noqa: F401 - a fixture
    supervisor_actor,
)
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manager_declares_on_a_phone_and_reads_the_grade(
    browser, live_server, personas, formula, period
):
    last = grading.grading_period_open(
        actor=supervisor_actor(personas), starts_on=datetime.date(2025, 9, 23)
    )
    grading.grading_run(actor=supervisor_actor(personas), period=last, today=after(last))
    with Journey(
        browser, live_server, role="office_manager_grading", size=PHONE, user=personas.manager_a
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("home")
        j.click(page.locator("main a[href='/grading/declare/']").first)
        j.step("declaration form", check=True)
        page.fill("#id_staff_count", "4")
        page.fill("#id_certified_staff_count", "3")
        page.fill("#id_counters", "2")
        page.fill("#id_weekly_hours", "44")
        page.check("#id_equipment_queue_display")
        page.check("#id_access_ramp")
        j.click(page.get_by_role("button", name="ثبت خوداظهاری"))
        j.step("grade page", check=True)
        assert page.get_by_test_id("grade-letter").is_visible()
        assert page.get_by_test_id("indicators").is_visible()
        assert "خوداظهاری دوره" in j.main_text()
        j.finish()
    declaration = SelfDeclaration.objects.get(office=personas.office_a, period=period)
    assert declaration.equipment["queue_display"] is True
    assert declaration.accessibility["ramp"] is True
