"""Every role's main pages in Chromium, on a 390×844 phone and a 1366×900 desktop: no page is
wider than the screen, no button is covered, the menu opens on a phone and reaches sign-out,
touch targets are at least 44 px on a phone, and axe-core finds no serious or critical
accessibility violation. Screenshots of every page are saved as
var/screenshots/<role>-<page>-<size>.png (CI keeps them as artifacts); look at them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client

from daftar.accounts.choices import Role
from tests.browser.pages import SIZES, check_menu, check_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@dataclass(frozen=True)
class Visit:
    name: str
    path: str  # may name {counter_file} or {web_file}: the world's tracking codes
    primary: str | None = None  # the action the page is for; it must be visible and uncovered


PUBLIC = [
    Visit("home", "/", "[data-testid=citizen-sign-in]"),
    Visit("citizen-sign-in", "/accounts/sign-in/", "main [type=submit]"),
    Visit("staff-sign-in", "/accounts/staff/sign-in/", "main [type=submit]"),
    Visit("services", "/services/"),
    Visit("service", "/services/bp-file-open/"),
    Visit("offices", "/offices/"),
    Visit("office", "/offices/T0101/"),
    Visit("track", "/track/", "main [type=submit]"),
    Visit("calls", "/calls/"),
    Visit("decisions", "/decisions/"),
    Visit("decision", "{adopted_decision}"),
]

# The main pages of each role, as a person in that role starts their day.
ROLE_PAGES: dict[str, list[Visit]] = {
    Role.CITIZEN: [
        Visit("dashboard", "/accounts/dashboard/"),
        Visit("my-files", "/files/"),
        Visit("file", "/files/{web_file}/", "[data-testid=pay-online]"),
        Visit("apply", "/services/bp-file-open/apply/", "main [type=submit]"),
        Visit("paid-file", "/files/{paid_file}/", "[data-testid=print-receipt]"),
        Visit("receipt", "{paid_receipt}", "main [data-print]"),
    ],
    Role.OFFICE_OPERATOR: [
        Visit("dashboard", "/accounts/dashboard/"),
        Visit("office-files", "/files/"),
        Visit("counter", "/counter/"),
        Visit("file", "/files/{counter_file}/"),
        Visit("my-office", "/my-office/"),
    ],
    Role.OFFICE_MANAGER: [
        Visit("dashboard", "/accounts/dashboard/"),
        Visit("my-office", "/my-office/"),
        Visit("statement", "/my-office/statement/"),
    ],
    Role.DEPARTMENT_REVIEWER: [
        Visit("dashboard", "/accounts/dashboard/"),
        Visit("queue", "/files/"),
        Visit("file", "/files/{paid_file}/"),
    ],
    Role.TREASURY_OFFICER: [
        Visit("dashboard", "/accounts/dashboard/"),
        Visit("treasury", "/treasury/"),
        Visit("reconciliation", "/treasury/reconciliation/"),
        Visit("day", "/treasury/reconciliation/{today}/", "[data-testid=close-day]"),
        Visit("refunds", "/treasury/refunds/"),
        Visit(
            "refund-preview",
            "/treasury/refunds/files/{refund_file}/",
            "[data-testid=refund-confirm]",
        ),
        Visit("settlements", "/treasury/settlements/"),
        Visit(
            "settlement-preview",
            "/treasury/settlements/preview/?period_start={yesterday}&period_end={yesterday}",
            "[data-testid=settlement-confirm]",
        ),
        Visit("penalties", "/treasury/penalties/"),
        Visit("summary", "/treasury/summary/"),
        Visit("receipts", "/documents/receipts/", "[data-testid=ask-revoke]"),
    ],
    Role.INSPECTOR: [
        Visit("dashboard", "/accounts/dashboard/"),
        Visit("offices", "/offices/"),
    ],
    Role.COMMITTEE_MEMBER: [
        Visit("dashboard", "/accounts/dashboard/"),
        Visit("committee", "/committee/"),
        Visit("vote", "/decisions/pending/{pending_decision}/", "[data-testid=vote-form] button"),
        Visit("licensing", "/licensing/"),
    ],
    Role.COUNCIL_MEMBER: [
        Visit("dashboard", "/accounts/dashboard/"),
        Visit("treasury-summary", "/treasury/summary/"),
        Visit("bylaw-versions", "/bylaw/versions/"),
        Visit("decisions", "/decisions/"),
    ],
    Role.AUDITOR: [
        Visit("dashboard", "/accounts/dashboard/"),
        Visit("verify", "/audit/verify/"),
        Visit("decisions", "/decisions/"),
    ],
    Role.CATALOGUE_ADMIN: [
        Visit("dashboard", "/accounts/dashboard/"),
        Visit("services", "/services/"),
        Visit("templates", "/documents/templates/"),
    ],
    Role.SYSTEM_ADMIN: [
        Visit("dashboard", "/accounts/dashboard/"),
        Visit("authenticators", "/accounts/staff/authenticators/"),
        Visit("terminals", "/fava/terminals/"),
        Visit("partners", "/fava/partners/"),
    ],
}


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _walk(browser, live_server, *, role: str, visits, cookie: str | None, codes, language="fa"):
    problems: list[str] = []
    for size in SIZES:
        context = browser.new_context(
            viewport={"width": size.width, "height": size.height},
            is_mobile=size.phone,
            has_touch=size.phone,
            device_scale_factor=1,
            reduced_motion="reduce",  # no smooth scrolling between a scroll and a measurement
            bypass_csp=True,  # to inject axe-core; the app's own scripts keep their nonces
        )
        cookies = [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
        ]
        if cookie:
            cookies.append(
                {"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}
            )
        context.add_cookies(cookies)
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            for visit in visits:
                where = f"{role} {visit.name} ({size.name})"
                response = page.goto(live_server.url + visit.path.format(**codes))
                if response is None or response.status != 200:
                    problems.append(f"{where}: answered {response and response.status}")
                    continue
                page.wait_for_load_state("load")
                problems += check_page(page, size=size, where=where, primary=visit.primary)
                screenshot(page, role=role, name=visit.name, size=size)
            problems += check_menu(page, size=size, where=f"{role} menu ({size.name})")
            if size.phone:
                screenshot(page, role=role, name="menu-open", size=size)
        finally:
            context.close()
    return problems


def test_public_pages_fit_a_phone_and_a_desktop_in_persian(world, browser, live_server):
    _users, codes = world
    problems = _walk(browser, live_server, role="public", visits=PUBLIC, cookie=None, codes=codes)
    assert not problems, "\n".join(problems)


def test_public_pages_fit_a_phone_and_a_desktop_in_english(world, browser, live_server):
    _users, codes = world
    visits = [v for v in PUBLIC if v.name in {"home", "citizen-sign-in", "services", "offices"}]
    problems = _walk(
        browser,
        live_server,
        role="public-en",
        visits=visits,
        cookie=None,
        codes=codes,
        language="en",
    )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", list(ROLE_PAGES), ids=str)
def test_each_roles_main_pages_fit_a_phone_and_a_desktop(role, world, browser, live_server):
    users, codes = world
    problems = _walk(
        browser,
        live_server,
        role=str(role),
        visits=ROLE_PAGES[role],
        cookie=_session_cookie(users[role]),
        codes=codes,
    )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_signed_in_navbar_fits_one_line_at_the_desktop_breakpoint(
    language, world, browser, live_server
):
    """At 992 px, the narrowest window that shows the links without the menu button, every
    link and the account controls fit on one line and the page is no wider than the window."""
    users, _codes = world
    context = browser.new_context(viewport={"width": 992, "height": 800})
    context.add_cookies(
        [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": _session_cookie(users[Role.OFFICE_OPERATOR]),
                "url": live_server.url,
            },
        ]
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/accounts/dashboard/")
        assert not page.get_by_test_id("menu-toggle").is_visible()
        assert page.get_by_test_id("sign-out").is_visible()
        where = page.evaluate("""() => ({
          navbar: document.querySelector('header .navbar').getBoundingClientRect().height,
          brand: document.querySelector('.navbar-brand').getBoundingClientRect().height,
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        })""")
        assert where["navbar"] <= where["brand"] + 24, where  # one line: 56 px; two: ~100
        assert where["scrollWidth"] <= where["innerWidth"]
    finally:
        context.close()


def _reviewer_on_a_phone(browser, live_server, reviewer):
    """A 390 px phone's browser context, in Persian, signed in as `reviewer`."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.add_cookies(
        [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "fa", "url": live_server.url},
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": _session_cookie(reviewer),
                "url": live_server.url,
            },
        ]
    )
    return context


def test_the_reviewer_approves_through_the_confirm_step_on_a_phone(world, browser, live_server):
    """The approve button opens "are you sure?" (a <details> panel, no script needed); only
    its own button posts, and the message says where the file went."""
    users, codes = world
    context = _reviewer_on_a_phone(browser, live_server, users[Role.DEPARTMENT_REVIEWER])
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/files/{codes['paid_file']}/")
        confirm = page.get_by_test_id("confirm-approve")
        assert not confirm.is_visible()
        page.get_by_test_id("ask-approve").click()
        assert confirm.is_visible()
        confirm.click()
        page.wait_for_load_state("load")
        assert "پرونده تأیید شد و به مرحلهٔ «تأییدشده» رفت." in page.inner_text("main")
        assert page.get_by_test_id("file-status").inner_text() == "تأییدشده"
        screenshot(page, role="department_reviewer", name="approved", size=SIZES[0])
    finally:
        context.close()


def test_a_queue_past_the_cap_reads_more_than_on_the_reviewers_phone(
    world, browser, live_server, monkeypatch
):
    """Past core.homes.COUNT_CAP (999; 1 here) the reviewer's tile says «بیش از …» in Persian
    digits (ADR 0037), fits a 390 px phone and still opens the whole queue."""
    from daftar.cases import homes as cases_homes
    from daftar.cases.models import File

    users, codes = world
    files = File.objects.filter(tracking_code__in=[codes["web_file"], codes["counter_file"]])
    files.update(in_department=True)  # at least two in the reviewer's queue
    monkeypatch.setattr(cases_homes, "COUNT_CAP", 1)
    context = _reviewer_on_a_phone(browser, live_server, users[Role.DEPARTMENT_REVIEWER])
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/dashboard/")
        tile = page.get_by_test_id("tile-queue")
        assert tile.inner_text().startswith("بیش از ۱")
        tile_count = tile.get_attribute("data-count")
        assert int(tile_count) == 2  # counted one past the cap, no further
        assert not check_page(page, size=SIZES[0], where="reviewer home, more than")
        screenshot(page, role="department_reviewer", name="dashboard-more-than", size=SIZES[0])
        tile.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/files/")
        shown = {row.get_attribute("data-file") for row in page.locator("[data-file]").all()}
        queue = File.objects.filter(in_department=True, department=files[0].department)
        assert len(shown) == queue.count() > 1  # the whole queue, past the cap
    finally:
        context.close()
