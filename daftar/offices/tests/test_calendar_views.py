"""The calendar pages: the official holidays (catalogue and system administrators) and an
office's hours and closures (its manager, the supervision unit), in Persian, refusing bad
input with a Persian message and changing nothing."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from daftar.core.calendar import REST_WEEKDAYS, TEHRAN
from daftar.core.jalali import fiscal_year, to_jalali
from daftar.core.models import Holiday
from daftar.offices.models import OfficeClosure, OfficeHours

pytestmark = pytest.mark.django_db
HOLIDAYS = "/calendar/holidays/"


def _today():
    return timezone.localdate(timezone.now(), TEHRAN)


def _jalali(day: datetime.date) -> str:
    j = to_jalali(day)
    return f"{j.year}/{j.month:02d}/{j.day:02d}"


def _next(ok) -> datetime.date:
    day = _today() + datetime.timedelta(days=1)
    while not ok(day):
        day += datetime.timedelta(days=1)
    return day


def _working():
    return _next(lambda d: d.weekday() not in REST_WEEKDAYS)


def test_the_holidays_page_lists_the_year_in_persian(client, personas):
    day = _working()
    Holiday.objects.create(date=day, name_fa="تعطیلی آزمایشی")
    client.force_login(personas.catalogue_admin)
    html = client.get(HOLIDAYS, {"year": fiscal_year(day)}).content.decode()
    assert "تعطیلی آزمایشی" in html
    assert "روز کاری شود" in html  # the remove button of a day not passed
    year = str(to_jalali(day).year)
    assert f">{year}<" not in html  # Persian digits only: the year's link reads ۱۴۰۵
    assert f">{year.translate(str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹'))}<" in html


def test_a_holiday_is_added_from_the_page(client, personas):
    day = _working()
    client.force_login(personas.admin)
    response = client.post(
        HOLIDAYS, {"date": _jalali(day), "name_fa": "تعطیلی آلودگی هوا", "reason": "مصوبه"}
    )
    assert response.status_code == 302
    assert Holiday.objects.get(date=day).reason == "مصوبه"
    page = client.get(response.url).content.decode()
    assert "اکنون تعطیل است" in page
    assert "تعطیلی آلودگی هوا" in page


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (lambda: _jalali(_today() - datetime.timedelta(days=2)), "گذشته است"),
        (lambda: "1405/13/40", "تقویم هجری شمسی"),
        (lambda: _jalali(datetime.date(2040, 6, 1)), "هنوز تقویم رسمی تعطیلات ندارد"),
    ],
    ids=["past", "not-a-date", "unknown-year"],
)
def test_a_bad_holiday_gets_a_persian_error_and_changes_nothing(client, personas, date, message):
    client.force_login(personas.catalogue_admin)
    response = client.post(HOLIDAYS, {"date": date(), "name_fa": "تعطیل"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Holiday.objects.exists()


def test_a_day_already_a_holiday_is_refused_on_the_page(client, personas):
    day = _working()
    Holiday.objects.create(date=day, name_fa="یک")
    client.force_login(personas.catalogue_admin)
    response = client.post(HOLIDAYS, {"date": _jalali(day), "name_fa": "دو"})
    assert "از پیش تعطیل است" in response.content.decode()
    assert Holiday.objects.get(date=day).name_fa == "یک"


def test_a_friday_is_accepted_and_the_page_says_it_moves_nothing(client, personas):
    client.force_login(personas.catalogue_admin)
    friday = _next(lambda d: d.weekday() == 4)
    response = client.post(HOLIDAYS, {"date": _jalali(friday), "name_fa": "تعطیل"}, follow=True)
    assert "جمعه" in response.content.decode()
    assert Holiday.objects.filter(date=friday).exists()


def test_a_holiday_is_removed_from_the_page_and_a_past_one_is_not(client, personas):
    day = _working()
    Holiday.objects.create(date=day, name_fa="تعطیل")
    past = Holiday.objects.create(date=_today() - datetime.timedelta(days=1), name_fa="دیروز")
    client.force_login(personas.catalogue_admin)
    url = reverse("offices:holiday_remove", args=[day.isoformat()])
    page = client.post(url, follow=True).content.decode()
    assert "دوباره روز کاری است" in page
    assert not Holiday.objects.filter(date=day).exists()
    page = client.post(
        reverse("offices:holiday_remove", args=[past.date.isoformat()]), follow=True
    ).content.decode()
    assert "گذشته است" in page
    assert Holiday.objects.filter(pk=past.pk).exists()


def test_a_year_without_a_calendar_says_so(client, personas):
    client.force_login(personas.admin)
    html = client.get(HOLIDAYS, {"year": "1399"}).content.decode()
    assert 'data-testid="unknown-year"' in html


@pytest.mark.parametrize("year", ["99999", "-4", "x", ""])
def test_a_year_that_is_not_a_year_shows_this_year(client, personas, year):
    client.force_login(personas.admin)
    response = client.get(HOLIDAYS, {"year": year})
    assert response.status_code == 200
    assert 'aria-current="page"' in response.content.decode()


def test_the_manager_sets_the_hours_and_closes_a_day_and_the_public_page_shows_it(client, personas):
    office = personas.office_a
    client.force_login(personas.manager_a)
    url = reverse("offices:hours", args=[office.code])
    page = client.get(url).content.decode()
    assert 'data-testid="hours-suggested"' in page  # nothing saved: Saturday–Thursday suggested
    assert re.search(r'<input[^>]*name="h-open_5"[^>]*checked', page)  # Saturday
    assert not re.search(r'<input[^>]*name="h-open_4"[^>]*checked', page)  # Friday
    hours = {"hours": "1", "h-open_5": "on", "h-opens_5": "08:00", "h-closes_5": "15:30"}
    assert client.post(url, hours).status_code == 302
    assert OfficeHours.objects.get(office=office).closes == datetime.time(15, 30)
    day = _working()
    closure = {"closure": "1", "c-date": _jalali(day), "c-reason": "تعمیرات ساختمان"}
    assert client.post(url, closure).status_code == 302
    public = client.get(reverse("offices:detail", args=[office.code])).content.decode()
    assert "تعمیرات ساختمان" in public


@pytest.mark.parametrize(
    "data",
    [
        {"hours": "1", "h-open_5": "on", "h-opens_5": "15:00", "h-closes_5": "08:00"},
        {"hours": "1", "h-open_6": "on", "h-opens_6": "08:00"},
    ],
    ids=["closes-before-opening", "no-closing-time"],
)
def test_bad_hours_are_refused_and_change_nothing(client, personas, data):
    office = personas.office_a
    OfficeHours.objects.create(
        office=office, weekday=5, opens=datetime.time(8), closes=datetime.time(16)
    )
    client.force_login(personas.manager_a)
    response = client.post(reverse("offices:hours", args=[office.code]), data)
    assert response.status_code == 400
    assert (
        "invalid-feedback" in response.content.decode()
        or "form-errors" in response.content.decode()
    )
    assert OfficeHours.objects.get(office=office).closes == datetime.time(16)


def test_a_past_closure_is_refused_on_the_page(client, personas):
    client.force_login(personas.supervisor)
    past = _today() - datetime.timedelta(days=1)
    response = client.post(
        reverse("offices:hours", args=[personas.office_a.code]),
        {"closure": "1", "c-date": _jalali(past), "c-reason": "دیر"},
    )
    assert "گذشته است" in response.content.decode()
    assert not OfficeClosure.objects.exists()


def test_only_the_offices_own_manager_or_supervision_reach_its_hours(client, personas):
    url = reverse("offices:hours", args=[personas.office_b.code])
    for user in (personas.manager_a, personas.operator_b, personas.catalogue_admin):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(personas.supervisor)
    assert client.get(url).status_code == 200
