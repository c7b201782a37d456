"""A citizen pays on a phone through Behpardakht Mellat's protocol, in Chromium, against the
local fake bank (daftar/treasury/tests/fakes.py): Daftar's page posts the bank's token to the
bank's page (by script; by the button when the script does not run), the bank posts the citizen
back (a cross-site POST) and the payment is verified, booked and settled."""

from __future__ import annotations

import pytest

from daftar.cases.tests.fixtures import open_file
from daftar.treasury.models import Payment
from daftar.treasury.tests.fakes import FakeMellat
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bank(settings):
    fake = FakeMellat().start()
    settings.PAYMENT_GATEWAY = "daftar.treasury.gateways.mellat.MellatGateway"
    settings.MELLAT_TERMINAL_ID = int(fake.terminal_id)
    settings.MELLAT_USERNAME = fake.username
    settings.MELLAT_PASSWORD = fake.password
    settings.MELLAT_SERVICE_URL = fake.service_url
    settings.MELLAT_STARTPAY_URL = fake.startpay_url
    settings.PAYMENT_HTTP_TIMEOUT_SECONDS = 5
    yield fake
    fake.stop()


@pytest.fixture
def web_file(personas, catalogue):
    return open_file(personas, catalogue)


def test_citizen_pays_through_mellat_on_a_phone_with_the_button(
    personas, web_file, bank, browser, live_server
):
    with Journey(
        browser, live_server, role="citizen-mellat", size=PHONE, user=personas.citizen
    ) as j:
        page = j.page
        page.route("**/treasury/to_bank.js", lambda route: route.abort())  # no script: the button
        j.goto(f"/files/{web_file.tracking_code}/")
        j.click(page.get_by_test_id("pay-online"))
        assert "/treasury/gateway/pay/" in page.url
        j.step("to-the-bank", check=True, primary="[data-testid=to-bank]")
        j.click(page.get_by_test_id("to-bank"))
        assert page.url == bank.startpay_url
        j.click(page.get_by_test_id("bank-return"))  # the fake bank posts the citizen back
        assert page.get_by_test_id("payment-ok").is_visible()
        j.step("paid", check=True)
    payment = Payment.objects.get()
    assert payment.status == "confirmed"
    assert bank.calls == ["bpPayRequest", "bpVerifyRequest", "bpSettleRequest"]


def test_the_page_to_the_bank_posts_itself_when_the_script_runs(
    personas, web_file, bank, browser, live_server
):
    with Journey(
        browser, live_server, role="citizen-mellat-auto", size=PHONE, user=personas.citizen
    ) as j:
        page = j.page
        j.goto(f"/files/{web_file.tracking_code}/")
        with page.expect_navigation(url=bank.startpay_url):
            page.get_by_test_id("pay-online").click()
        j.step("bank-page")
        j.click(page.get_by_test_id("bank-return"))
        assert page.get_by_test_id("payment-ok").is_visible()
