# ruff: noqa: F811  (pytest fixtures imported from booking_fixtures)
"""Booking a visit on a phone (390×844): a citizen goes from their home to an office, a service,
a day and a time, books, sees the QR code, opens the SMS's QR page, and cancels."""

from __future__ import annotations

import re

import pytest

from daftar.appointments.choices import AppointmentStatus
from daftar.appointments.models import Appointment
from daftar.appointments.tests.booking_fixtures import bookable, tomorrow  # noqa: F401
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_books_a_slot_sees_the_qr_and_cancels_on_a_phone(
    browser, live_server, personas, catalogue, bookable, tomorrow, sms_outbox
):
    with Journey(
        browser, live_server, role="citizen_booking", size=PHONE, user=personas.citizen
    ) as j:
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("home")
        j.click(page.locator("main a[href='/appointments/book/']").first)
        page.select_option("#id_district", "1")
        j.click(page.get_by_role("button", name="نمایش دفترها"))
        j.step("offices", check=True)
        j.click(page.locator(f"[data-office='{bookable.code}']"))
        j.step("services", check=True)
        j.click(page.locator(f"[data-service='{catalogue.service.code}']"))
        j.step("days", check=True)
        j.click(page.locator(f"[data-day='{tomorrow.isoformat()}']"))
        j.step("times", check=True, primary="[data-testid=confirm]")
        page.locator("label[data-slot='10:00']").click()
        j.click(page.get_by_test_id("confirm"))
        j.step("booked", check=True)
        assert "نوبت شما ثبت شد" in j.main_text()
        assert page.locator("[data-testid=qr] svg").count() == 1
        appointment = Appointment.objects.get(citizen=personas.citizen)
        link = re.search(r"https?://\S+/appointments/qr/\S+/", sms_outbox[-1]["body"]).group(0)
        j.goto("/" + link.split("/", 3)[3])
        j.step("qr page from the sms", check=True)
        assert page.locator("[data-testid=qr] svg").count() == 1
        j.goto(f"/appointments/{appointment.code}/")
        j.click(page.get_by_test_id("cancel"))
        j.step("cancelled", check=True)
        assert "لغو شد" in j.main_text()
        j.finish()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
