"""The catalogue administrator's journey on a phone (issue 17, item 1): from the home to the
editor, a new service with a form field and a document, the preview of the citizen's form, and
publishing; its first tariff drafted with a worked example, sent to the steering committee and,
once adopted, put in force; then a citizen opens the new service's page and can apply."""

from __future__ import annotations

import pytest
from django.utils import timezone

from daftar.catalogue.models import Service, TariffDraft
from daftar.core.actors import Actor
from daftar.core.jalali import format_date
from daftar.governance import services as governance
from daftar.governance.choices import VoteChoice
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def adopt(committee, decision) -> None:
    """The committee adopts the proposed tariff decision (its own pages are tested elsewhere)."""
    for user in (committee.secretary, committee.planning):
        governance.decision_cast_vote(
            actor=Actor.for_user(user), decision=decision, choice=VoteChoice.YES
        )
    governance.decision_close(actor=Actor.for_user(committee.secretary), decision=decision)


def test_the_catalogue_admin_publishes_a_new_service_and_a_citizen_finds_it(
    browser, live_server, personas, catalogue, committee
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
        tariff = page.get_by_test_id("tariff-form")
        tariff.locator("#id_formula").fill("500_000 + 20_000 * facade_m2")
        tariff.locator("#id_description_fa").fill("۵۰۰ هزار ریال و هر متر مربع نما ۲۰ هزار ریال")
        tariff.locator("#id_splits").fill("revenue:building-permit-duty | 9000\noffice_fee | 1000")
        tariff.locator("#id_samples").fill("facade_m2=۱۰")
        tariff.locator("#id_effective_from").fill(format_date(timezone.localdate(), language="fa"))
        j.click(page.get_by_test_id("check"))
        j.step("tariff examples checked", check=True)
        assert "۷۰۰٬۰۰۰" in page.get_by_test_id("tariff-examples").inner_text()
        j.click(page.get_by_test_id("save"))
        j.step("tariff draft saved")
        j.click(page.get_by_test_id("send"))
        j.step("sent to the committee", check=True)
        assert "کمیته راهبری" in page.get_by_test_id("tariff-status").inner_text()
        draft = TariffDraft.objects.get(service__code="facade-permit")
        adopt(committee, draft.decision)
        page.reload()
        j.click(page.get_by_test_id("apply-tariff"))
        j.step("tariff in force", check=True)
        j.finish()

    service = Service.objects.get(code="facade-permit")
    assert service.versions.get().number == 1
    assert service.refundable_basis_points == 8000
    assert service.tariffs.get().effective_from == timezone.localdate()

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
        assert page.get_by_test_id("apply").is_visible()  # requestable the same minute
        j.finish()
