"""The catalogue team on a phone (390 px): its home counts the work in progress, and a service
is withdrawn through a draft (the reason, the preview's warning, publishing)."""

from __future__ import annotations

import pytest

from daftar.catalogue.models import Service
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_catalogue_team_withdraws_a_service_on_a_phone(
    personas, catalogue, browser, live_server
):
    with Journey(
        browser, live_server, role="catalogue-withdraw", size=PHONE, user=personas.catalogue_admin
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        assert page.get_by_test_id("tile-service-drafts").get_attribute("data-count") == "0"
        j.step("home", check=True)
        j.click(page.get_by_test_id("action-manage"))
        j.click(page.locator("[data-testid=admin-services] button[type=submit]").first)
        j.step("draft", check=False)
        page.check("[data-testid=draft-offer] input[value='0']")
        page.fill("#id_offer-reason", "ادغام با خدمت تازه")
        j.click(page.locator("[data-testid=draft-offer] button[type=submit]"))
        assert "کنار" in page.get_by_test_id("offer-state").inner_text()
        j.step("marked", check=True)
        j.click(page.get_by_test_id("preview"))
        assert page.get_by_test_id("withdrawal-notice").is_visible()
        j.step("preview", check=True)
        j.click(page.get_by_test_id("publish"))
        j.step("published", check=True)
        j.goto("/accounts/dashboard/")
        assert page.get_by_test_id("tile-service-drafts").get_attribute("data-count") == "0"
        j.finish()
    assert not Service.objects.get(pk=catalogue.service.pk).active
