"""The working calendar on a phone (390×844): the catalogue administrator declares a holiday
from their home and takes it back; an office manager closes their office for a day and the
office's public page says so."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from daftar.core.actors import Actor
from daftar.core.calendar import REST_WEEKDAYS, TEHRAN
from daftar.core.jalali import fiscal_year, to_jalali
from daftar.core.models import Holiday
from daftar.offices.models import OfficeClosure
from daftar.offices.services import holidays_load
from tests.browser.journey import Journey
from tests.browser.pages import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _next_working_day() -> datetime.date:
    day = timezone.localdate(timezone.now(), TEHRAN) + datetime.timedelta(days=1)
    while day.weekday() in REST_WEEKDAYS or Holiday.objects.filter(date=day).exists():
        day += datetime.timedelta(days=1)
    return day


def _typed(day: datetime.date) -> str:
    jalali = to_jalali(day)
    return f"{jalali.year}/{jalali.month:02d}/{jalali.day:02d}"


def test_the_catalogue_admin_declares_and_removes_a_holiday_on_a_phone(
    browser, live_server, personas
):
    holidays_load(actor=Actor.system("test"), year=fiscal_year(timezone.now()))
    day = _next_working_day()
    with Journey(
        browser, live_server, role="catalogue_admin_calendar", size=PHONE,
        user=personas.catalogue_admin,
    ) as j:  # fmt: skip
        page = j.page
        j.goto("/accounts/dashboard/")
        j.step("home")
        j.click(page.locator("main a[href='/calendar/holidays/']").first)
        j.step("holidays", check=True, primary="[data-testid=add-holiday]")
        assert "روز ملی شدن صنعت نفت" in j.main_text()
        page.fill("#id_date", _typed(day))
        page.fill("#id_name_fa", "تعطیلی برای آلودگی هوا")
        page.fill("#id_reason", "اطلاعیه استانداری تهران")
        j.click(page.get_by_test_id("add-holiday"))
        j.step("holiday added", check=True)
        assert "اکنون تعطیل است" in j.main_text()
        assert Holiday.objects.filter(date=day, kind="decreed").exists()
        j.click(page.locator(f"tr[data-holiday='{day.isoformat()}'] button"))
        j.step("holiday removed")
        assert "دوباره روز کاری است" in j.main_text()
        j.finish()
    assert not Holiday.objects.filter(date=day).exists()


def test_the_office_manager_closes_the_office_for_a_day_on_a_phone(browser, live_server, personas):
    day = _next_working_day()
    with Journey(
        browser, live_server, role="office_manager_hours", size=PHONE, user=personas.manager_a
    ) as j:
        page = j.page
        j.goto("/my-office/")
        j.click(page.get_by_test_id("edit-hours"))
        j.step("hours and closures", check=True, primary="[data-testid=add-closure]")
        page.fill("#id_c-date", _typed(day))
        page.fill("#id_c-reason", "تعمیرات ساختمان")
        j.click(page.get_by_test_id("add-closure"))
        j.step("closure recorded", check=True)
        assert "تعمیرات ساختمان" in page.get_by_test_id("closures").inner_text()
        j.click(page.locator("main a[href$='/offices/T0101/']").first)
        j.step("public page")
        assert "تعمیرات ساختمان" in page.get_by_test_id("office-closures").inner_text()
        j.finish()
    assert OfficeClosure.objects.filter(office=personas.office_a, date=day).exists()
