"""The staff leave page (ADR 0036): the office's own manager records and cancels leave with
Jalali dates; bad input is answered in Persian with nothing changed; another office's manager
gets 404; the page warns of days booked beyond the staff on duty and is linked from my office."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from daftar.accounts.choices import Role
from daftar.accounts.tests.factories import UserFactory
from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.jalali import to_jalali
from daftar.offices.choices import StaffRole
from daftar.offices.hours import tehran_today
from daftar.offices.models import StaffLeave
from daftar.offices.services import staff_leave_record
from daftar.offices.tests.factories import OfficeStaffFactory

pytestmark = pytest.mark.django_db
URL = "/people/leave/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _jalali(day: datetime.date, persian: bool = True) -> str:
    j = to_jalali(day)
    text = f"{j.year}/{j.month:02d}/{j.day:02d}"
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) if persian else text


def _day(n: int) -> datetime.date:
    return tehran_today() + datetime.timedelta(days=n)


@pytest.fixture
def post(personas):
    return personas.operator_a.office_posts.get(left_on__isnull=True)


@pytest.fixture
def manager_b(personas):
    user = UserFactory(username="manager_b", roles=[Role.OFFICE_MANAGER])
    OfficeStaffFactory(office=personas.office_b, user=user, role=StaffRole.MANAGER)
    return user


def _form(post, first, last, **overrides):
    data = {
        "staff": post.pk,
        "first_day": _jalali(first),
        "last_day": _jalali(last),
        "reason": "training",
        "note": "دوره آموزشی شهرسازی",
    }
    data.update(overrides)
    return data


def test_the_manager_records_a_leave_typed_in_persian_digits(personas, post):
    client = _client(personas.manager_a)
    response = client.post(URL, _form(post, _day(2), _day(3)), follow=True)
    assert response.redirect_chain == [(URL, 302)]
    leave = StaffLeave.objects.get()
    assert (leave.staff, leave.first_day, leave.last_day, leave.reason) == (
        post,
        _day(2),
        _day(3),
        "training",
    )
    body = response.content.decode()
    assert "ثبت شد" in body
    assert "دوره آموزشی" in body
    assert f'data-leave="{leave.pk}"' in body
    assert "۲ روز" in body  # two days, in Persian digits
    assert AuditEntry.objects.filter(action="office.staff_leave_recorded").count() == 1


@pytest.mark.parametrize(
    ("first", "last", "overrides", "persian"),
    [
        (5, 3, {}, "پیش از روز اول"),
        (-2, 1, {}, "گذشته است"),
        (1, 1, {"reason": "holiday"}, "انتخاب"),
        (1, 1, {"first_day": "۱۴۰۵/۱۳/۴۰"}, ""),
    ],
    ids=["last-before-first", "past", "unknown-reason", "impossible-date"],
)
def test_bad_input_is_answered_in_persian_and_changes_nothing(
    personas, post, first, last, overrides, persian
):
    entries = AuditEntry.objects.count()
    response = _client(personas.manager_a).post(
        URL, _form(post, _day(first), _day(last), **overrides)
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "invalid-feedback" in body or "form-errors" in body
    assert persian in body
    assert not StaffLeave.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_an_overlapping_leave_is_refused_on_the_form(personas, post):
    client = _client(personas.manager_a)
    client.post(URL, _form(post, _day(2), _day(4)))
    response = client.post(URL, _form(post, _day(4), _day(6)))
    assert response.status_code == 409
    assert "مرخصی دیگری دارد" in response.content.decode()
    assert StaffLeave.objects.count() == 1


def test_another_offices_staff_cannot_be_chosen(personas, post):
    other = personas.operator_b.office_posts.get(left_on__isnull=True)
    response = _client(personas.manager_a).post(URL, _form(other, _day(2), _day(2)))
    assert response.status_code == 400
    assert not StaffLeave.objects.exists()


def test_only_an_office_manager_reaches_the_page(personas):
    for user in (personas.operator_a, personas.supervisor, personas.admin, personas.citizen):
        assert _client(user).get(URL).status_code == 404
    assert _client(personas.manager_a).get(URL).status_code == 200


def test_each_manager_sees_only_their_offices_leave(personas, post, manager_b):
    leave = staff_leave_record(
        actor=Actor.for_user(personas.manager_a),
        post=post,
        first_day=_day(1),
        last_day=_day(1),
        reason="sick",
    )
    assert f'data-leave="{leave.pk}"' in _client(personas.manager_a).get(URL).content.decode()
    assert f'data-leave="{leave.pk}"' not in _client(manager_b).get(URL).content.decode()
    cancel = reverse("people:leave_cancel", args=[leave.pk])
    assert _client(manager_b).post(cancel).status_code == 404
    leave.refresh_from_db()
    assert leave.cancelled_at is None
    response = _client(personas.manager_a).post(cancel, follow=True)
    assert "لغو شد" in response.content.decode()
    leave.refresh_from_db()
    assert leave.cancelled_at is not None
    # cancelled twice: the page says why, nothing changes
    again = _client(personas.manager_a).post(cancel, follow=True)
    assert "پیش‌تر لغو شده" in again.content.decode()


def test_the_page_warns_of_days_booked_beyond_the_staff_on_duty(
    personas, catalogue, counter_ready, post
):
    from daftar.appointments.services.booking import appointment_book
    from daftar.appointments.tests.booking_fixtures import CLOSE, OPEN, at
    from daftar.offices.services import office_set_hours

    office_set_hours(
        actor=Actor.system("test"),
        office=counter_ready,
        hours=[(weekday, OPEN, CLOSE) for weekday in range(7)],
    )
    appointment_book(
        actor=Actor.for_user(personas.citizen),
        citizen=personas.citizen,
        office=counter_ready,
        service=catalogue.service,
        starts_at=at(_day(2), 9),
    )
    client = _client(personas.manager_a)
    assert 'data-testid="over-capacity"' not in client.get(URL).content.decode()
    response = client.post(URL, _form(post, _day(2), _day(2)), follow=True)
    body = response.content.decode()
    assert 'data-testid="over-capacity"' in body
    assert f'data-day="{_day(2).isoformat()}"' in body
    assert "۱ نوبت از ۱ نوبت" in body
    assert "لغو نمی‌شود" in body


def test_my_office_links_the_manager_to_the_leave_page(personas):
    assert URL in _client(personas.manager_a).get("/my-office/").content.decode()
    assert URL not in _client(personas.operator_a).get("/my-office/").content.decode()
