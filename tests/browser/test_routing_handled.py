"""A department that passed a file on finds and reads it on a phone (issue 17, ADR 0031): the
first department's reviewer chooses "Handled by us and passed on" in the inbox, opens the file,
reads who holds it now, and has no action to take."""

from __future__ import annotations

import pytest

from daftar.cases import services
from daftar.cases.tests.fixtures import open_file
from daftar.cases.tests.test_routing import fire_reviewer, routed  # noqa: F401 - fixtures
from daftar.core.actors import Actor
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_first_department_reads_a_file_it_passed_on_on_a_phone(
    browser,
    live_server,
    personas,
    catalogue,
    routed,  # noqa: F811
    fire_reviewer,  # noqa: F811
):
    file = services.file_apply_action(
        actor=Actor.system("treasury"), file=open_file(personas, catalogue), action="pay"
    )
    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )
    with Journey(
        browser, live_server, role="reviewer_handled", size=PHONE, user=personas.reviewer
    ) as j:
        page = j.page
        j.goto("/files/")
        j.step("department queue", check=True)
        page.select_option("#handled", "1")
        j.click(page.get_by_role("button", name="اعمال فیلتر"))
        j.step("files we passed on", check=True)
        assert "ارجاع" in j.main_text()
        j.click(page.locator(f"main a[href='{file.get_absolute_url()}']"))
        j.step("file passed on", check=True)
        assert page.get_by_test_id("passed-on").is_visible()
        assert catalogue.other_department.name in page.get_by_test_id("passed-on").inner_text()
        assert page.locator("form[data-action]").count() == 0  # nothing to act on
        j.finish()
