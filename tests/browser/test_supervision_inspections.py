"""The inspector on a phone at the office — check in, answer every item with its photo, sign
off — and the office manager answering the finding, in a real browser at 390 px."""

from __future__ import annotations

# ruff: noqa: F811 - the fixtures are imported from fixtures_inspections by name
import io

import pytest
from django.utils import timezone
from PIL import Image

from daftar.core.actors import Actor
from daftar.supervision.choices import InspectionKind
from daftar.supervision.models import Finding, InspectionReport
from daftar.supervision.services import inspections
from daftar.supervision.tests.fixtures_inspections import (  # noqa: F401
    checklist,
    policy,
)
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _jpeg() -> dict:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (20, 120, 200)).save(out, format="JPEG")
    return {"name": "tariffs.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def test_the_inspector_signs_off_on_a_phone_and_the_manager_answers(
    browser, live_server, personas, checklist
):
    inspection = inspections.inspection_schedule(
        actor=Actor.for_user(personas.supervisor),
        office=personas.office_a,
        kind=InspectionKind.UNANNOUNCED,
        scheduled_on=timezone.localdate(),
        inspector=personas.inspector,
    )
    with Journey(browser, live_server, role="inspector", size=PHONE, user=personas.inspector) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("home", check=True)
        j.goto("/inspections/mine/")
        j.step("my-inspections", check=True)
        j.click(page.locator(f"[data-inspection='{inspection.pk}'] a"))
        j.step("before-check-in", check=True, primary="[data-testid=check-in]")
        j.click(page.get_by_test_id("check-in"))
        # each item: the first answer (complies) except "no cash", which fails
        for code in ("tariffs", "no-cash", "ramp"):
            card = page.locator(f"[data-item='{code}']")
            choice = "non_compliant" if code == "no-cash" else "compliant"
            card.locator(f"label[for$='-{choice}']").click()
            card.locator("textarea").fill("صندوق نقدی روی میز بود" if code == "no-cash" else "")
            if code == "tariffs":
                card.locator("input[type=file]").set_input_files(_jpeg())
            j.click(card.locator("[type=submit]"))
        j.step("answered", check=True, primary="[data-testid=submit]")
        j.click(page.get_by_test_id("submit"))
        j.step("submitted", check=True)
        assert "ثبت شد" in page.get_by_test_id("inspection-status").inner_text()
        j.finish()
    report = InspectionReport.objects.get(inspection=inspection)
    assert report.version == 1
    finding = Finding.objects.get(inspection=inspection)

    with Journey(
        browser, live_server, role="office_manager", size=PHONE, user=personas.manager_a
    ) as j:
        page = j.page
        j.goto("/my-office/inspections/")
        j.step("office-inspections", check=True)
        j.goto(f"/findings/{finding.pk}/")
        page.fill("#id_response", "صندوق جمع شد و به کارکنان تذکر داده شد.")
        j.step("finding", check=True, primary="[data-testid=respond]")
        j.click(page.get_by_test_id("respond"))
        j.step("responded", check=True)
        assert "پاسخ داده" in page.get_by_test_id("finding-status").inner_text()
        j.finish()
