"""Sanctions in a real browser: the committee's secretary decides a proposed sanction from the
queue on a phone, then the office's manager sees it on a phone and finds when to appeal."""

from __future__ import annotations

import pytest

from daftar.governance.choices import DecisionKind
from daftar.supervision.choices import Severity
from daftar.supervision.models import Sanction
from daftar.supervision.tests import sanctions_fixtures
from daftar.supervision.tests.sanctions_fixtures import propose
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

article = sanctions_fixtures.article
ladder = sanctions_fixtures.ladder


@pytest.fixture
def proposed(personas, ladder, adopt_decision):
    """A proposed fine on office T0101 and the committee's adopted sanction decision."""
    sanction = propose(personas, severity=Severity.MAJOR)
    decision = adopt_decision(DecisionKind.SANCTION, "جریمه دفتر T0101")
    return sanction, decision


def test_the_secretary_decides_on_a_phone_and_the_manager_sees_it(
    proposed, personas, browser, live_server
):
    sanction, decision = proposed
    with Journey(
        browser, live_server, role="committee_sanctions", size=PHONE, user=personas.committee
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("dashboard")
        j.click(page.locator("main a[href='/supervision/sanctions/to-decide/']").first)
        j.step("queue", check=True)
        j.click(page.locator(f"[data-sanction='{sanction.pk}'] a").first)
        form = page.get_by_test_id("decide-form")
        assert "۲۰۰٬۰۰۰٬۰۰۰" in j.main_text()
        # without choosing the decision: the form says why and nothing changes
        form.locator("input[value=impose]").check()
        j.click(form.locator("[type=submit]"))
        assert page.locator(".invalid-feedback").count() >= 1, j.main_text()
        j.step("decide-refused", check=True)
        form = page.get_by_test_id("decide-form")
        form.locator("select[name=decision]").select_option(str(decision.pk))
        form.locator("input[value=impose]").check()
        j.click(form.locator("[type=submit]"))
        assert page.get_by_test_id("sanction-status").inner_text() == "اعمال‌شده به موجب مصوبه"
        j.step("imposed", check=True)
        j.finish()
    sanction.refresh_from_db()
    assert sanction.status == "imposed"

    with Journey(
        browser, live_server, role="manager_sanctions", size=PHONE, user=personas.manager_a
    ) as j:
        page = j.page
        j.goto("/supervision/sanctions/mine/")
        j.step("my-sanctions", check=True)
        assert f'data-sanction="{sanction.pk}"' in page.content()
        assert "مهلت اعتراض شما تا" in j.main_text()
        j.click(page.locator(f"[data-sanction='{sanction.pk}'] a").first)
        assert page.get_by_test_id("appeal-form").is_visible()
        j.step("sanction", check=True)
        j.finish()
    assert Sanction.objects.get(pk=sanction.pk).status == "imposed"
