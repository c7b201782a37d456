"""The treasury officer reads the PSP's transaction book on a phone (390 px): the list with
amounts and Jalali dates in Persian digits, a filter by a tracking code typed in Persian digits,
and a transaction's page with the payment it belongs to."""

from __future__ import annotations

import pytest

from daftar.core.digits import to_persian_digits
from daftar.core.tracking import format_tracking_code
from daftar.treasury.choices import PspFollowUp, PspState
from daftar.treasury.tests.test_psp_book import psp_transaction_for
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_treasury_officer_filters_the_psp_book_on_a_phone(
    personas, catalogue, browser, live_server
):
    wanted, payment = psp_transaction_for(
        personas, catalogue, state=PspState.VERIFIED, follow_up=PspFollowUp.SETTLE
    )
    other, _ = psp_transaction_for(personas, catalogue, state=PspState.SETTLED)
    with Journey(
        browser, live_server, role="treasury-psp-book", size=PHONE, user=personas.treasury
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.click(page.get_by_test_id("action-psp-book"))
        assert page.locator(f"[data-psp='{other.pk}']").is_visible()
        j.step("book", check=True)
        page.fill("#id_code", to_persian_digits(format_tracking_code(payment.file.tracking_code)))
        j.click(page.locator("[data-testid=psp-filters] button[type=submit]"))
        assert page.locator(f"[data-psp='{wanted.pk}']").is_visible()
        assert page.locator(f"[data-psp='{other.pk}']").count() == 0
        j.step("filtered", check=True)
        j.click(page.locator(f"[data-psp='{wanted.pk}'] a").first)
        assert payment.reference in page.get_by_test_id("psp-payment").inner_text()
        j.step("transaction", check=True)
        page.goto(live_server.url + "/treasury/psp/?code=123")
        assert "کد رهگیری" in page.inner_text("main")
        j.step("bad-code", check=True)
        j.finish()
