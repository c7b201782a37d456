"""The shell in a real browser: Persian RTL first, switch to English, staff sign-in."""

from __future__ import annotations

import pytest

from daftar.accounts.choices import Role
from daftar.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reviewer():
    """Created before the browser starts, outside Playwright's event loop."""
    return UserFactory(
        username="reviewer",
        first_name="Zahra",
        last_name="Hosseini",
        roles=[Role.DEPARTMENT_REVIEWER],
    )


def test_home_is_persian_rtl_then_english_and_staff_can_sign_in(reviewer, page, live_server):
    page.goto(live_server.url + "/")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "fa"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert "Vazirmatn" in page.evaluate("getComputedStyle(document.body).fontFamily")

    page.get_by_test_id("switch-language").click()
    page.wait_for_load_state()
    assert html.get_attribute("dir") == "ltr"
    assert html.get_attribute("lang") == "en"

    page.get_by_test_id("staff-sign-in").click()
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/dashboard/")
    assert page.get_by_test_id("signed-in-as").inner_text() == "Zahra Hosseini"
    assert page.locator('[data-role="department_reviewer"]').is_visible()
    assert html.get_attribute("dir") == "ltr"
