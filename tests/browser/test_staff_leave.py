"""Staff leave on a phone (390 px, ADR 0036): the office manager opens the leave page from their
office, records an operator's day of training on a day citizens have booked, reads the warning
that the day is now booked beyond the staff on duty, then brings the operator back by cancelling
the leave."""

from __future__ import annotations

import datetime

import pytest

from daftar.appointments.services.booking import appointment_book
from daftar.appointments.tests.booking_fixtures import CLOSE, OPEN, at
from daftar.core.actors import Actor
from daftar.core.jalali import to_jalali
from daftar.offices.hours import tehran_today
from daftar.offices.models import StaffLeave
from daftar.offices.services import office_set_hours
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _typed(day: datetime.date) -> str:
    jalali = to_jalali(day)
    return f"{jalali.year}/{jalali.month:02d}/{jalali.day:02d}"


def test_the_manager_records_a_leave_and_sees_the_overbooked_day_on_a_phone(
    browser, live_server, personas, catalogue, counter_ready
):
    office_set_hours(
        actor=Actor.system("test"), office=counter_ready, hours=[(d, OPEN, CLOSE) for d in range(7)]
    )
    day = tehran_today() + datetime.timedelta(days=2)
    appointment_book(
        actor=Actor.for_user(personas.citizen),
        citizen=personas.citizen,
        office=counter_ready,
        service=catalogue.service,
        starts_at=at(day, 9),
    )
    post = personas.operator_a.office_posts.get(left_on__isnull=True)
    with Journey(
        browser, live_server, role="office_manager_leave", size=PHONE, user=personas.manager_a
    ) as j:
        page = j.page
        j.goto("/my-office/")
        j.click(page.get_by_test_id("staff-leave"))
        j.step("staff leave", check=True, primary="[data-testid=record-leave]")
        assert "کسی در مرخصی نیست" in j.main_text()
        page.select_option("#id_staff", str(post.pk))
        page.fill("#id_first_day", _typed(day))
        page.fill("#id_last_day", _typed(day))
        page.select_option("#id_reason", "training")
        page.fill("#id_note", "دوره بازآموزی")
        j.click(page.get_by_test_id("record-leave"))
        j.step("leave recorded with the warning", check=True)
        warning = page.get_by_test_id("over-capacity").inner_text()
        assert "۱ نوبت از ۱ نوبت" in warning
        assert "دوره آموزشی" in page.get_by_test_id("leaves").inner_text()
        j.click(page.get_by_role("button", name="لغو مرخصی"))
        j.step("leave cancelled", check=True)
        assert "لغو شد" in j.main_text()
        assert page.get_by_test_id("over-capacity").count() == 0
        j.finish()
    leave = StaffLeave.objects.get()
    assert leave.cancelled_at is not None
