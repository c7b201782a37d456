"""People and roles in Chromium at 390 px (issue 17 item 5): the system administrator adds a
staff member and reads the first password once; an office manager proposes a new operator,
the supervision unit approves, the manager sees the outcome."""

from __future__ import annotations

import pytest

from daftar.accounts.models import User
from daftar.offices.models import OfficeStaff, StaffProposal
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_system_admin_adds_a_staff_member_on_a_phone(browser, live_server, personas):
    with Journey(browser, live_server, role="people_admin", size=PHONE, user=personas.admin) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("home")
        j.click(page.locator("main a[href='/fava/people/']").first)
        j.step("people list", check=True, primary="[data-testid=person-create]")
        j.click(page.get_by_test_id("person-create"))
        j.step("create form", check=True)
        page.fill("#id_username", "s.karimi")
        page.fill("#id_first_name", "سارا")
        page.fill("#id_last_name", "کریمی")
        page.fill("#id_mobile", "09121234567")
        page.check("input[name=roles][value=office_operator]")
        page.select_option(
            "#id_office", label=f"{personas.office_a.code} — {personas.office_a.name}"
        )
        page.select_option("#id_staff_role", "operator")
        j.click(page.get_by_role("button", name="ساخت حساب"))
        j.step("password shown once", check=True)
        password = page.get_by_test_id("staff-password").inner_text().strip()
        assert len(password) == 19
        j.click(page.get_by_role("link", name="بازگشت به کارمند"))
        j.step("staff member", check=True)
        j.finish()
    user = User.objects.get(username="s.karimi")
    assert user.check_password(password)
    assert OfficeStaff.objects.filter(user=user, office=personas.office_a).exists()


def test_a_manager_proposes_and_the_supervisor_approves_on_a_phone(browser, live_server, personas):
    with Journey(
        browser, live_server, role="people_manager", size=PHONE, user=personas.manager_a
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("home")
        j.click(page.locator("main a[href='/people/proposals/new/']").first)
        j.step("proposal form", check=True)
        page.fill("#id_first_name", "رضا")
        page.fill("#id_last_name", "محمدی")
        page.fill("#id_national_code", "۰۰۱۳۵۴۲۴۱۹")
        page.fill("#id_mobile", "09121234567")
        page.select_option("#id_staff_role", "operator")
        j.click(page.get_by_role("button", name="فرستادن پیشنهاد"))
        j.step("proposal sent", check=True)
        assert "در انتظار واحد نظارت" in j.main_text()
        j.finish()
    proposal = StaffProposal.objects.get()
    with Journey(
        browser, live_server, role="people_supervisor", size=PHONE, user=personas.supervisor
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("home")
        j.click(page.locator("main a[href='/people/proposals/']").first)
        j.step("proposals waiting", check=True)
        j.click(page.locator(f"main a[href='/people/proposals/{proposal.pk}/']"))
        j.step("proposal to decide", check=True)
        page.fill("#id_username", "r.mohammadi")
        j.click(page.get_by_role("button", name="تأیید و ساخت حساب"))
        j.step("approved", check=True)
        j.finish()
    with Journey(
        browser,
        live_server,
        role="people_manager",
        size=PHONE,
        user=personas.manager_a,
        first_step=4,
    ) as j:
        j.goto(f"/people/proposals/{proposal.pk}/")
        j.step("outcome", check=True)
        assert "تأیید شد" in j.main_text()
        j.finish()
    assert OfficeStaff.objects.filter(
        user__username="r.mohammadi", office=personas.office_a, left_on__isnull=True
    ).exists()
