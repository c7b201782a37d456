"""The catalogue team's Open311 page on a phone (issue 18): from the home to the list, a new
mapping to a complaint category, a catalogue service that cannot take reports explained in
Persian, and unlisting a service — each change seen at once in GeoReport v2's list."""

from __future__ import annotations

import pytest

from daftar.open311.models import Open311Service
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_catalogue_team_maps_refuses_and_unlists_open311_services(
    browser, live_server, personas, catalogue
):
    with Journey(
        browser,
        live_server,
        role="catalogue_admin_open311",
        size=PHONE,
        user=personas.catalogue_admin,
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.click(page.locator("main a[href='/manage/open311/']").first)
        j.step("open311 services, none yet", check=True)
        assert "هنوز هیچ خدمت Open311 نگاشت نشده است" in j.main_text()

        j.click(page.get_by_test_id("open311-new"))
        form = page.get_by_test_id("open311-mapping")
        form.locator("#id_service_code").fill("office-rude")
        form.locator("#id_name_fa").fill("بدرفتاری در دفتر")
        form.locator("#id_name_en").fill("Rudeness at an office")
        form.locator("input[name='target'][value='complaint']").check()
        form.locator("#id_complaint_category").select_option("rudeness")
        form.locator("#id_order").fill("۲")
        j.step("a new mapping", check=True)
        j.click(form.get_by_role("button", name="ذخیره"))
        j.step("saved")
        row = page.get_by_test_id("open311-service-office-rude")
        assert "بدرفتاری در دفتر" in row.inner_text()
        assert "شکایت: رفتار نامناسب" in row.inner_text()
        assert "در فهرست" in row.inner_text()

        # a catalogue service that needs a document cannot take reports: said why, in Persian
        j.click(page.get_by_test_id("open311-new"))
        form = page.get_by_test_id("open311-mapping")
        form.locator("#id_service_code").fill("file-open")
        form.locator("#id_name_fa").fill("تشکیل پرونده")
        form.locator("#id_name_en").fill("Open a file")
        form.locator("input[name='target'][value='file']").check()
        form.locator("#id_catalogue_service").select_option("bp-file-open")
        form.get_by_role("button", name="ذخیره").click()
        page.wait_for_load_state("load")
        j.step("refused with the reason", check=True)
        assert "نمی‌تواند گزارش Open311 بپذیرد" in j.main_text()
        assert "خدمت مدرک لازم دارد" in j.main_text()
        assert not Open311Service.objects.filter(service_code="file-open").exists()

        j.click(page.get_by_role("link", name="بازگشت به فهرست"))
        row = page.get_by_test_id("open311-service-office-rude")
        j.click(row.get_by_role("button", name="برداشتن از فهرست"))
        j.step("unlisted", check=True)
        assert "از فهرست برداشته شد" in j.main_text()
        assert "بیرون از فهرست" in page.get_by_test_id("open311-service-office-rude").inner_text()
        assert not Open311Service.objects.get(service_code="office-rude").active
        public = page.request.get(live_server.url + "/open311/v2/services.json").json()
        assert public == []
        j.finish()
