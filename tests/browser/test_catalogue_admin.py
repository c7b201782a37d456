"""The catalogue administrator's journey on a phone (issue 17, item 1): from the home to the
editor, a new service with a form field and a document, the preview of the citizen's form, and
publishing; then a citizen opens the new service's page in the catalogue."""

from __future__ import annotations

import pytest

from daftar.catalogue.models import Service
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_catalogue_admin_publishes_a_new_service_and_a_citizen_finds_it(
    browser, live_server, personas, catalogue
):
    with Journey(
        browser,
        live_server,
        role="catalogue_admin_editor",
        size=PHONE,
        user=personas.catalogue_admin,
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("home")
        j.click(page.locator("main a[href='/manage/']").first)
        j.step("services", check=True)
        new = page.get_by_test_id("new-service")
        new.locator("#id_code").fill("facade-permit")
        j.click(new.get_by_role("button"))
        j.step("new draft", check=True)

        general = page.get_by_test_id("draft-general")
        general.locator("#id_title_fa").fill("مجوز نمای ساختمان")
        general.locator("#id_title_en").fill("Facade permit")
        general.locator("#id_description_fa").fill("مجوز تغییر نمای ساختمان رو به گذر")
        general.locator("#id_domain").select_option(str(catalogue.domain.pk))
        general.locator("#id_department").select_option(str(catalogue.department.pk))
        general.locator("input[name='channels'][value='web']").check()
        general.locator("#id_sla_days").fill("۵")
        general.locator("#id_refundable_percent").fill("۸۰")
        general.locator("#id_workflow").select_option(str(catalogue.service.workflow_id))
        j.click(general.get_by_role("button"))
        j.step("details saved")
        assert "ذخیره شد" in j.main_text()

        page.locator("#fields summary").click()
        field = page.get_by_test_id("add-field")
        field.locator("#id_new-name").fill("facade_m2")
        field.locator("#id_new-label_fa").fill("مساحت نما (متر مربع)")
        field.locator("#id_new-label_en").fill("Facade area (m²)")
        field.locator("#id_new-type").select_option("area")
        field.locator("#id_new-min_value").fill("۱")
        j.click(field.get_by_role("button", name="فیلد را بیفزا"))
        j.step("field added")
        assert "مساحت نما" in page.get_by_test_id("draft-fields").inner_text()

        page.locator("#documents summary").click()
        document = page.get_by_test_id("add-document")
        document.locator("#id_doc-code").fill("photo")
        document.locator("#id_doc-title_fa").fill("عکس نما")
        document.locator("#id_doc-title_en").fill("Facade photo")
        j.click(document.get_by_role("button", name="مدرک را بیفزا"))
        j.step("document added", check=True)

        j.click(page.get_by_test_id("preview"))
        j.step("preview", check=True, primary="[data-testid=publish]")
        preview = page.get_by_test_id("citizen-form-preview")
        assert "مساحت نما" in preview.inner_text()
        assert preview.locator("input[type='file'][name='doc_photo']").count() == 1
        j.click(page.get_by_test_id("publish"))
        j.step("published: draft the tariff", check=True)
        assert "منتشر شد" in j.main_text()
        assert page.get_by_test_id("tariff-form").is_visible()
        j.finish()

    service = Service.objects.get(code="facade-permit")
    assert service.versions.get().number == 1
    assert service.refundable_basis_points == 8000

    with Journey(
        browser, live_server, role="citizen_new_service", size=PHONE, user=personas.citizen
    ) as j:
        page = j.page
        j.goto("/services/?q=نما")
        j.step("catalogue search")
        j.click(page.locator("main a[href='/services/facade-permit/']").first)
        j.step("the new service", check=True)
        text = j.main_text()
        assert "مجوز نمای ساختمان" in text
        assert "عکس نما" in text
        j.finish()
