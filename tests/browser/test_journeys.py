"""Each role's main journey, end to end in Chromium, the way a person in that role works.

The citizen signs in on a phone with their national code, mobile and the SMS code, applies,
pays through the payment simulator and opens the printable receipt; the office operator
serves a walk-in citizen at the counter and takes a card payment; the reviewer finds a file
by its tracking code and asks for a correction, the citizen corrects it once and the
reviewer approves it through the confirm step; the treasury officer requests a refund and
settles a period, each after its preview; a committee member votes and a council member
reads the decision and the bylaw; the auditor verifies the log and downloads its export; the
system administrator opens the read-only admin.

Every step saves var/screenshots/journeys/<role>-<n>-<step>.png (CI keeps var/screenshots/ as
artifacts), fails on a page wider than the screen, and the main pages of each journey pass
every check of docs/pages.md, axe-core included (tests/browser/journey.py).
"""

from __future__ import annotations

import json

import pytest

from daftar.accounts.choices import Role
from daftar.cases.tests.fixtures import PDF
from daftar.core.actors import Actor
from tests.browser.journey import Journey, latin, sms_code
from tests.browser.pages import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEED = {"name": "deed.pdf", "mimeType": "application/pdf", "buffer": PDF}


@pytest.fixture
def system_admin(db):
    """A system administrator made the way the product makes one (is_staff by role only; not a
    superuser), so the admin shows what the role may really see."""
    from daftar.accounts.services import user_create_staff

    return user_create_staff(
        actor=Actor.system("test"),
        username="sysadmin",
        password="correct-horse-battery-staple",
        roles=[Role.SYSTEM_ADMIN],
        first_name="مینا",
        last_name="کاظمی",
    )


def _fill_permit_form(page) -> None:
    page.fill("#id_area_m2", "120")
    page.select_option("#id_zone", "1")
    page.set_input_files("#id_doc_deed", DEED)


# --- the citizen, on a phone -------------------------------------------------------------------


def test_citizen_signs_in_applies_pays_online_and_prints_the_receipt_on_a_phone(
    world, personas, sms_outbox, browser, live_server
):
    citizen = personas.citizen
    with Journey(browser, live_server, role="citizen", size=PHONE) as j:
        page = j.page
        j.goto("/")
        j.step("home", check=True, primary="[data-testid=citizen-sign-in]")
        j.click(page.get_by_test_id("citizen-sign-in"))

        page.fill("#id_national_code", citizen.national_code)
        page.fill("#id_mobile", citizen.mobile)
        j.step("sign-in", check=True, primary="main [type=submit]")
        j.click(page.locator("main [type=submit]"))
        assert page.url.endswith("/accounts/sign-in/code/"), page.url

        page.fill("#id_code", sms_code(sms_outbox, to=citizen.mobile))
        j.step("sms-code", check=True, primary="main [type=submit]")
        j.click(page.locator("main [type=submit]"))
        assert page.url.endswith("/accounts/dashboard/"), page.url
        j.step("dashboard", check=True)

        # the catalogue, from the menu of the phone
        page.get_by_test_id("menu-toggle").click()
        page.locator("#main-menu.show").wait_for(state="visible")
        j.click(page.locator("#main-menu a[href='/services/']"))
        j.step("catalogue", check=True)
        j.click(page.locator("main a[href='/services/bp-file-open/']").first)
        j.step("service", check=True, primary="[data-testid=apply]")
        j.click(page.get_by_test_id("apply"))

        _fill_permit_form(page)
        j.step("apply", check=True, primary="main [type=submit]")
        j.click(page.locator("main [type=submit]"))
        assert "/files/" in page.url, page.url

        # the file: what happens next, and the fee to pay
        next_steps = page.get_by_test_id("next-steps")
        assert next_steps.is_visible()
        assert "مرحلهٔ بعد چیست" in next_steps.inner_text()
        assert "هزینه را بپردازید" in next_steps.locator("[data-need=pay]").inner_text()
        assert page.locator("[data-testid=needed] [data-need=pay]").count() == 1
        assert "۲٬۲۰۰٬۰۰۰" in page.get_by_test_id("payment-box").inner_text()
        j.step("file-to-pay", check=True, primary="[data-testid=pay-online]")
        tracking = page.url.rstrip("/").rsplit("/", 1)[-1]

        # the payment simulator stands in for the bank's page
        j.click(page.get_by_test_id("pay-online"))
        assert "۲٬۲۰۰٬۰۰۰" in page.get_by_test_id("gateway-amount").inner_text()
        j.step("gateway", check=True, primary="[data-testid=gateway-pay]")
        j.click(page.get_by_test_id("gateway-pay"))
        assert page.get_by_test_id("payment-ok").is_visible()
        j.step("paid", check=True)
        j.click(page.locator(f"main a[href$='/files/{tracking}/']"))

        assert "پرداخت شد" in page.get_by_test_id("timeline").inner_text()
        assert page.get_by_test_id("payment-box").count() == 0
        j.step("file-paid", check=True, primary="[data-testid=print-receipt]")

        j.click(page.get_by_test_id("print-receipt"))
        receipt = page.get_by_test_id("payment-receipt")
        assert (
            latin(page.get_by_test_id("tracking-code").inner_text())
            .replace(" ", "")
            .replace("-", "")
            == tracking
        )
        assert "۲٬۲۰۰٬۰۰۰" in page.get_by_test_id("amount").inner_text()
        assert "میلیون" in page.get_by_test_id("amount-in-words").inner_text()
        assert page.get_by_test_id("receipt-qr").locator("svg").count() == 1
        assert receipt.is_visible()
        j.step("receipt", check=True, primary="main [data-print]")
        j.finish()


# --- the office operator, at the counter -------------------------------------------------------


def test_operator_serves_a_walk_in_citizen_and_takes_a_card_payment(
    world, personas, sms_outbox, browser, live_server
):
    citizen = personas.citizen
    with Journey(
        browser, live_server, role="office_operator", size=DESKTOP, user=personas.operator_a
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("dashboard", check=True)
        j.click(page.locator("main a[href='/counter/']").first)

        page.fill("#id_national_code", citizen.national_code)
        page.fill("#id_mobile", citizen.mobile)
        page.select_option("#id_service", "bp-file-open")
        page.check("#id_identity_checked")
        j.step("identify", check=True, primary="main [type=submit]")
        j.click(page.locator("[data-testid=counter-form] [type=submit]"))
        assert page.get_by_test_id("consent-sent").is_visible(), j.main_text()

        page.fill("#id_code", sms_code(sms_outbox, to=citizen.mobile))
        j.step("consent-code", check=True, primary="main [type=submit]")
        j.click(page.locator("main [type=submit]"))

        _fill_permit_form(page)
        j.step("open-file", check=True, primary="main [type=submit]")
        j.click(page.locator("main [type=submit]"))
        assert "/receipt/" in page.url, page.url
        j.step("submission-receipt", check=True)
        j.click(page.locator("main a[href^='/files/']").last)

        j.step("file", check=True)
        j.click(page.locator("#payment-box a[href$='/pay/card/']"))
        page.select_option("#id_terminal", index=1)
        page.fill("#id_pos_reference", "778899")
        j.step("card-payment", check=True, primary="main [type=submit]")
        j.click(page.locator("main [type=submit]"))
        message = page.locator(".alert-success").inner_text()
        assert "پرداخت ثبت شد" in message, j.main_text()
        assert not any(c in "0123456789" for c in message), message  # R-۰۰۰… as it prints
        assert "پرداخت شد" in page.get_by_test_id("timeline").inner_text()
        assert page.get_by_test_id("print-receipt").is_visible()
        j.step("paid", check=True)
        j.finish()


# --- the reviewer asks for a correction, the citizen corrects once, the reviewer approves -----


def test_reviewer_asks_for_a_correction_the_citizen_resubmits_and_the_reviewer_approves(
    world, personas, browser, live_server
):
    _users, codes = world
    code = codes["paid_file"]
    reason = "نقشهٔ موقعیت ملک را پیوست کنید و مساحت را با سند تطبیق دهید."
    with Journey(
        browser, live_server, role="department_reviewer", size=DESKTOP, user=personas.reviewer
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("dashboard", check=True)
        j.goto("/files/")
        j.step("inbox", check=True)
        search = page.get_by_test_id("inbox-search")
        search.locator("input[name=q]").fill(code)
        j.click(search.locator("[type=submit]"))
        rows = page.locator("[data-testid=inbox-table] tbody tr")
        assert rows.count() == 1, j.main_text()
        j.step("search", check=True)
        j.click(rows.first.locator(f"a[href='/files/{code}/']"))

        j.step("file", check=True)
        form = page.locator("form[data-action=request_correction]")
        form.locator("textarea[name=reason]").fill(reason)
        j.click(form.locator("[type=submit]"))
        assert page.locator(".alert-success, [role=status]").count() >= 1, j.main_text()
        j.step("correction-requested", check=True)
        j.finish()

    # the citizen's screenshots continue those of their application (citizen-1 … citizen-12)
    with Journey(
        browser, live_server, role="citizen", size=PHONE, user=personas.citizen, first_step=13
    ) as j:
        page = j.page
        j.goto(f"/files/{code}/")
        box = page.get_by_test_id("correction-reason")
        assert reason in box.inner_text()
        # one way to resend: the form, reached from the reason; no second "resubmit" button
        assert page.locator("form[data-action=resubmit]").count() == 0
        assert page.get_by_test_id("correction-form").count() == 1
        j.step("correction-reason", check=True, primary="[data-testid=correction-reason] .btn")
        page.locator("[data-testid=correction-reason] .btn").click()
        form = page.get_by_test_id("correction-form")
        form.locator("#id_area_m2").fill("125")
        j.step("correct", check=True)
        j.click(form.locator("[type=submit]"))
        assert page.get_by_test_id("correction-reason").count() == 0
        assert page.get_by_test_id("correction-form").count() == 0
        assert page.locator(".alert-success, [role=status]").count() >= 1, j.main_text()
        j.step("resubmitted", check=True)
        j.finish()

    with Journey(
        browser,
        live_server,
        role="department_reviewer",
        size=DESKTOP,
        user=personas.reviewer,
        first_step=6,
    ) as j:
        page = j.page
        j.goto(f"/files/{code}/")
        confirm = page.get_by_test_id("confirm-approve")
        assert not confirm.is_visible()
        page.get_by_test_id("ask-approve").click()
        assert confirm.is_visible()
        j.step("approve-confirm", check=True, primary="[data-testid=confirm-approve]")
        j.click(confirm)
        assert "پرونده تأیید شد" in j.main_text()
        assert page.get_by_test_id("file-status").inner_text() == "تأییدشده"
        j.step("approved", check=True)
        j.finish()


# --- the treasury officer ----------------------------------------------------------------------


def test_treasury_officer_requests_a_refund_and_settles_a_period_after_their_previews(
    world, personas, browser, live_server
):
    _users, codes = world
    with Journey(
        browser, live_server, role="treasury_officer", size=DESKTOP, user=personas.treasury
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("dashboard", check=True)
        j.click(page.locator("main a[href='/treasury/']").first)
        j.step("treasury", check=True)

        j.click(page.locator("nav.section-nav a[href='/treasury/refunds/']"))
        j.step("refunds", check=True)
        due = page.locator(f"[data-due='{codes['refund_file']}']")
        j.click(due.locator("a"))
        assert "۸۰" in page.get_by_test_id("refund-percent").inner_text()
        assert "۱٬۷۶۰٬۰۰۰" in page.get_by_test_id("refund-amount").inner_text()  # 80 % of 2.2 M
        j.step("refund-preview", check=True, primary="[data-testid=refund-confirm]")
        reason = page.locator("main form textarea, main form input[name=reason]")
        if reason.count():
            reason.first.fill("پرونده رد شد؛ بازپرداخت سهم قابل استرداد")
        j.click(page.get_by_test_id("refund-confirm"))
        assert page.locator(".alert-success").count() >= 1, j.main_text()
        assert page.locator("[data-testid=refunds-open] tbody tr[data-refund]").count() == 1
        j.step("refund-requested", check=True)

        j.click(page.locator("nav.section-nav a[href='/treasury/settlements/']"))
        page.fill("#id_period_start", codes["yesterday"])
        page.fill("#id_period_end", codes["yesterday"])
        j.step("settlements", check=True)
        j.click(page.get_by_test_id("settlement-preview"))
        assert page.get_by_test_id("settlement-lines").is_visible(), j.main_text()
        j.step("settlement-preview", check=True, primary="[data-testid=settlement-confirm]")
        j.click(page.get_by_test_id("settlement-confirm"))
        assert page.locator(".alert-success").count() >= 1, j.main_text()
        j.step("settled", check=True)
        j.finish()


# --- the committee member votes; the council member reads ------------------------------------


def test_committee_member_votes_and_council_member_reads_the_decision_and_the_bylaw(
    world, personas, in_force, browser, live_server
):
    _users, codes = world
    with Journey(
        browser, live_server, role="committee_member", size=DESKTOP, user=personas.committee
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("dashboard", check=True)
        j.goto("/committee/")
        j.step("committee", check=True)
        j.click(
            page.locator(f"main a[href='/decisions/pending/{codes['pending_decision']}/']").first
        )
        vote = page.get_by_test_id("vote-form")
        j.step("draft-decision", check=True, primary="[data-testid=vote-form] button")
        vote.locator("input[value=yes]").check()
        j.click(vote.locator("button[type=submit]"))
        assert "رأی شما ثبت شد" in page.locator(".alert-success").inner_text(), j.main_text()
        assert "موافق ۱" in page.get_by_test_id("tally").inner_text()
        assert vote.locator("input[value=yes]").is_checked()
        j.step("voted", check=True)
        j.finish()

    with Journey(
        browser, live_server, role="council_member", size=DESKTOP, user=personas.council
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("dashboard", check=True)
        j.goto("/decisions/")
        j.step("decisions", check=True)
        j.click(page.locator(f"main a[href='{codes['adopted_decision']}']").first)
        assert page.get_by_test_id("decision-status").is_visible()
        j.step("decision", check=True)
        j.goto("/bylaw/")
        assert "همه وجوه دریافتی به حساب خزانه واحد واریز می‌شود." in j.main_text()
        assert "تسویه سهم دفتر ماهانه است." in j.main_text()
        j.step("bylaw", check=True)
        j.finish()


# --- the auditor -------------------------------------------------------------------------------


def test_auditor_sees_every_stream_verified_and_downloads_the_export(
    world, personas, browser, live_server
):
    with Journey(browser, live_server, role="auditor", size=DESKTOP, user=personas.auditor) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("dashboard", check=True)
        j.click(page.locator("main a[href='/audit/verify/']").first)
        result = page.get_by_test_id("verify-result")
        assert result.get_attribute("data-ok") == "1", result.inner_text()
        page.get_by_test_id("streams-details").locator("summary").click()
        streams = page.locator("[data-testid=streams] tbody tr[data-stream]")
        assert streams.count() >= 1
        assert (
            streams.evaluate_all("rows => rows.map(r => r.dataset.ok)") == ["1"] * streams.count()
        )
        j.step("verify", check=True)
        with page.expect_download() as download:
            page.get_by_test_id("download-export").click()
        path = download.value.path()
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
        header, entries = json.loads(lines[0]), [json.loads(line) for line in lines[1:]]
        assert header["format"]
        # the export holds as many entries as the page says it checked
        checked = streams.evaluate_all(
            "rows => rows.map(r => r.querySelector('td:nth-child(2)').innerText)"
        )
        verified = [e for e in entries if e["action"] != "audit.exported"]  # the export's own
        assert len(verified) == sum(int(latin(n)) for n in checked)
        assert {e["stream"] for e in verified} == set(
            streams.evaluate_all("rows => rows.map(r => r.dataset.stream)")
        )
        assert download.value.suggested_filename.endswith(".jsonl")
        j.finish()


# --- the system administrator ------------------------------------------------------------------


def test_system_admin_sees_the_home_tiles_and_opens_the_read_only_admin(
    world, system_admin, browser, live_server
):
    with Journey(browser, live_server, role="system_admin", size=DESKTOP, user=system_admin) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        assert page.get_by_test_id("tiles").locator("a").count() >= 1
        j.step("dashboard", check=True)
        j.click(page.locator("main a[href='/admin/']").first)
        assert page.url.endswith("/admin/"), page.url
        # the admin lists what the role may view, not "you don't have permission"
        assert page.locator("#content-main table a, #content-main .module a").count() >= 1, (
            page.inner_text("body")
        )
        j.step("admin")
        j.finish()


# --- what the journeys found wrong, fixed since: each stays as a test ---


def test_the_message_after_applying_shows_the_tracking_code_in_persian_digits(
    world, personas, browser, live_server
):
    with Journey(
        browser, live_server, role="citizen-apply-message", size=PHONE, user=personas.citizen
    ) as j:
        page = j.page
        j.goto("/services/bp-file-open/apply/")
        _fill_permit_form(page)
        j.click(page.locator("main [type=submit]"))
        shown = page.get_by_test_id("tracking-code").inner_text()
        message = page.locator(".alert-success").inner_text()
        j.step("message")
        assert not any(c in "0123456789" for c in message), message
        assert shown in message, (shown, message)


def test_the_service_page_names_the_tariffs_decision_without_a_latin_comma(
    world, browser, live_server
):
    with Journey(browser, live_server, role="citizen-service-fee", size=PHONE) as j:
        j.goto("/services/bp-file-open/")
        fee = j.page.locator("main dd", has=j.page.locator("a[href^='/decisions/']")).first
        text = fee.inner_text().split("\n")[0]
        j.step("fee")
        assert "مصوبه" in text
        assert "," not in text, text


def test_the_correction_form_shows_the_area_as_the_citizen_entered_it(
    world, personas, browser, live_server
):
    from daftar.cases import selectors as cases_selectors
    from daftar.cases import services as cases

    _users, codes = world
    cases.file_apply_action(
        actor=Actor.for_user(personas.reviewer),
        file=cases_selectors.file_by_tracking_code(codes["paid_file"]),
        action="request_correction",
        reason="مساحت را بررسی کنید",
    )
    with Journey(
        browser, live_server, role="citizen-correction-area", size=PHONE, user=personas.citizen
    ) as j:
        j.goto(f"/files/{codes['paid_file']}/")
        area = j.page.get_by_test_id("correction-form").locator("#id_area_m2").input_value()
        j.step("area")
        assert area in {"120", "۱۲۰"}, area


def test_the_page_after_paying_online_offers_the_printable_receipt(
    world, personas, browser, live_server
):
    _users, codes = world
    with Journey(
        browser, live_server, role="citizen-paid-online", size=PHONE, user=personas.citizen
    ) as j:
        page = j.page
        j.goto(f"/files/{codes['web_file']}/")
        j.click(page.get_by_test_id("pay-online"))
        j.click(page.get_by_test_id("gateway-pay"))
        assert page.get_by_test_id("payment-ok").is_visible()
        j.step("paid")
        printable = page.locator(f"main a[href^='/files/{codes['web_file']}/payments/']")
        assert printable.count() == 1, j.main_text()
