"""The office's queue on a phone (390×844): the operator checks in a citizen who booked, calls
the ticket to their counter, and the waiting-room display shows it (then updates by itself)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from daftar.appointments.models import Ticket
from daftar.appointments.tests.queue_helpers import make_appointment
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_operator_checks_in_and_calls_a_ticket_and_the_display_shows_it(
    browser, live_server, personas, catalogue
):
    office = personas.office_a
    office.counters = 3
    office.save(update_fields=["counters"])
    appointment = make_appointment(
        office, catalogue.service, personas.citizen, timezone.now() + datetime.timedelta(minutes=2)
    )
    with Journey(
        browser, live_server, role="office_operator_queue", size=PHONE, user=personas.operator_a
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("home")
        j.click(page.locator("main a[href='/my-office/queue/']").first)
        j.step("counter screen", check=True, primary="[data-testid=call-next]")
        page.select_option("#counter", "2")
        j.click(page.get_by_role("button", name="کار در این باجه"))
        page.fill("#id_national_code", "12345")
        j.click(page.get_by_test_id("check-in"))
        j.step("check-in refused")
        assert "کد ملی" in j.main_text()
        assert not Ticket.objects.exists()
        page.fill("#id_code", appointment.code.lower())
        page.fill("#id_national_code", "")
        j.click(page.get_by_test_id("check-in"))
        j.step("checked in", check=True)
        assert "پذیرش شد" in j.main_text()
        assert "ن-۰۰۱" in page.get_by_test_id("waiting").inner_text()
        j.click(page.get_by_test_id("call-next"))
        j.step("called", check=True, primary="[data-testid=served]")
        assert page.get_by_test_id("current-ticket").inner_text() == "ن-۰۰۱"
        assert "باجهٔ ۲" in j.main_text()
        ticket = Ticket.objects.get()
        assert (ticket.status, ticket.counter) == ("called", 2)

        display = page.context.new_page()
        display.goto(f"{live_server.url}/offices/{office.code}/queue/display/")
        display.wait_for_selector("[data-testid=now-ticket]")
        assert display.get_by_test_id("now-ticket").inner_text() == "ن-۰۰۱"
        assert display.get_by_test_id("now-counter").inner_text() == "۲"
        assert personas.citizen.national_code not in display.content()
        width = display.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        display.screenshot(path="var/screenshots/journeys/office_operator_queue-display.png")

        j.click(page.get_by_test_id("served"))
        j.step("served", check=True)
        assert "خدمت داده شد" in j.main_text()
        j.finish()
    assert Ticket.objects.get().status == "served"


def test_the_display_updates_without_a_reload(browser, live_server, personas, catalogue):
    from daftar.appointments.services.queue import ticket_call_next, ticket_walk_in
    from daftar.core.actors import Actor

    office = personas.office_a
    operator = Actor.for_user(personas.operator_a)
    ticket_walk_in(actor=operator, office=office, service=catalogue.service)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{live_server.url}/offices/{office.code}/queue/display/")
    assert "امروز هنوز کسی فراخوانده نشده است" in page.inner_text("main")
    page.evaluate("window.__same_page = true")
    ticket_call_next(actor=operator, office=office, counter=1)
    page.wait_for_selector("[data-testid=now-ticket]", timeout=15_000)
    assert page.get_by_test_id("now-ticket").inner_text() == "ح-۰۰۱"
    assert page.evaluate("window.__same_page") is True  # htmx swapped the part, no reload
    page.screenshot(path="var/screenshots/journeys/queue-display-tv.png")
    page.close()
