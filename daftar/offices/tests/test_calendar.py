"""The working calendar: official holidays kept by the catalogue and system administrators,
loaded from the calendar team's files; office hours and closures; when an office is open."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.calendar import REST_WEEKDAYS, TEHRAN
from daftar.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from daftar.core.jalali import fiscal_year
from daftar.core.models import Holiday
from daftar.core.official_calendar import by_day
from daftar.offices import services
from daftar.offices.choices import OfficeStatus
from daftar.offices.hours import office_days_closed, office_open_at, office_open_intervals
from daftar.offices.models import OfficeClosure, OfficeHours
from daftar.offices.selectors import office_open_intervals as exported

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    return timezone.localdate(timezone.now(), TEHRAN)


def _next(weekday_ok, start: datetime.date | None = None) -> datetime.date:
    day = (start or _today()) + datetime.timedelta(days=1)
    while not weekday_ok(day):
        day += datetime.timedelta(days=1)
    return day


def _working(start=None):
    return _next(lambda d: d.weekday() not in REST_WEEKDAYS, start)


def _friday(start=None):
    return _next(lambda d: d.weekday() == 4, start)


# --- holidays -----------------------------------------------------------------------------------


def test_a_catalogue_admin_declares_a_holiday_and_it_is_audited(personas):
    day = _working()
    result = services.holiday_add(
        actor=Actor.for_user(personas.catalogue_admin),
        day=day,
        name_fa="تعطیلی برای آلودگی هوا",
        reason="مصوبه هیئت دولت",
    )
    assert Holiday.objects.get(date=day).kind == Holiday.Kind.DECREED
    assert not result.rest_day
    entry = AuditEntry.objects.get(action="holiday.added")
    assert entry.stream == "calendar"
    assert entry.actor_label == "catalogue_admin"


def test_the_system_admin_keeps_the_calendar_too_but_nobody_else(personas):
    services.holiday_add(actor=Actor.for_user(personas.admin), day=_working(), name_fa="تعطیل")
    for user in (personas.supervisor, personas.manager_a, personas.reviewer, personas.citizen):
        with pytest.raises(Forbidden):
            services.holiday_add(
                actor=Actor.for_user(user), day=_working(_working()), name_fa="تعطیل"
            )
    assert Holiday.objects.count() == 1


@pytest.mark.parametrize(
    ("day", "name", "error", "code"),
    [
        (lambda: _today() - datetime.timedelta(days=1), "تعطیل", InvalidInput, "holiday_in_past"),
        (lambda: _working(), "  ", InvalidInput, "holiday_name_required"),
        (lambda: datetime.date(2040, 6, 1), "تعطیل", InvalidInput, "holiday_year_unknown"),
    ],
    ids=["past", "no-name", "unknown-year"],
)
def test_a_bad_holiday_is_refused_and_changes_nothing(personas, day, name, error, code):
    with pytest.raises(error) as refused:
        services.holiday_add(actor=Actor.for_user(personas.admin), day=day(), name_fa=name)
    assert refused.value.code == code
    assert not Holiday.objects.exists()
    assert not AuditEntry.objects.filter(stream="calendar").exists()


def test_a_day_already_a_holiday_is_refused(personas):
    day = _working()
    services.holiday_add(actor=Actor.for_user(personas.admin), day=day, name_fa="یک")
    with pytest.raises(Conflict) as refused:
        services.holiday_add(actor=Actor.for_user(personas.admin), day=day, name_fa="دو")
    assert refused.value.code == "holiday_exists"
    assert Holiday.objects.get(date=day).name_fa == "یک"


def test_a_friday_may_be_declared_but_it_moves_nothing(personas):
    result = services.holiday_add(
        actor=Actor.for_user(personas.admin), day=_friday(), name_fa="تعطیل"
    )
    assert result.rest_day
    assert result.files_changed == 0


def test_a_holiday_not_passed_can_be_removed_a_past_one_cannot(personas):
    day = _working()
    services.holiday_add(actor=Actor.for_user(personas.admin), day=day, name_fa="تعطیل")
    services.holiday_remove(actor=Actor.for_user(personas.catalogue_admin), day=day)
    assert not Holiday.objects.exists()
    assert AuditEntry.objects.filter(action="holiday.removed").count() == 1
    past = Holiday.objects.create(date=_today() - datetime.timedelta(days=3), name_fa="گذشته")
    with pytest.raises(InvalidInput) as refused:
        services.holiday_remove(actor=Actor.for_user(personas.admin), day=past.date)
    assert refused.value.code == "holiday_in_past"
    assert Holiday.objects.filter(pk=past.pk).exists()
    with pytest.raises(NotFound):
        services.holiday_remove(actor=Actor.for_user(personas.admin), day=_working())


# --- the official calendar files ----------------------------------------------------------------


def test_loading_a_year_adds_its_official_days_once(personas):
    year = fiscal_year(_today())
    first = services.holidays_load(actor=Actor.system("test"), year=year)
    days = by_day(year)
    assert len(first.added) == len(days) == Holiday.objects.count()
    nowruz = Holiday.objects.get(date=days[0].day)
    assert nowruz.kind == "solar"
    assert nowruz.name_fa.startswith("جشن نوروز")
    entries = AuditEntry.objects.filter(action="holidays.loaded").count()
    again = services.holidays_load(actor=Actor.system("test"), year=year)
    assert (again.added, again.updated, again.removed) == ([], [], [])
    assert AuditEntry.objects.filter(action="holidays.loaded").count() == entries


def test_loading_keeps_declared_days_and_drops_official_ones_no_longer_listed(personas):
    year = fiscal_year(_today())
    later = _working()
    declared = _working(later)
    Holiday.objects.create(date=later, name_fa="حذف‌شده از تقویم", kind=Holiday.Kind.LUNAR)
    Holiday.objects.create(date=declared, name_fa="اعلام دولت", kind=Holiday.Kind.DECREED)
    official = {entry.day for entry in by_day(year)}
    result = services.holidays_load(actor=Actor.system("test"), year=year)
    if later not in official:
        assert later in result.removed
        assert not Holiday.objects.filter(date=later).exists()
    assert Holiday.objects.filter(date=declared).exists()


def test_the_load_holidays_command_is_idempotent_and_names_an_unknown_year(db, capsys):
    call_command("load_holidays", "1405")
    count = Holiday.objects.count()
    call_command("load_holidays", "1405")
    assert Holiday.objects.count() == count
    assert "0 added, 0 updated, 0 removed" in capsys.readouterr().out
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="1399"):
        call_command("load_holidays", "1399")


# --- office hours and closures ------------------------------------------------------------------


def _hours(office, *days, opens=datetime.time(8), closes=datetime.time(16)):
    for day in days:
        OfficeHours.objects.create(office=office, weekday=day, opens=opens, closes=closes)


def test_open_intervals_follow_the_weekly_hours(personas):
    office = personas.office_a
    day = _working()
    _hours(office, day.weekday())
    intervals = office_open_intervals(office, day)
    assert [
        (i.opens.astimezone(TEHRAN).time(), i.closes.astimezone(TEHRAN).time()) for i in intervals
    ] == [(datetime.time(8), datetime.time(16))]
    assert exported is office_open_intervals
    assert office_open_at(office, intervals[0].opens + datetime.timedelta(hours=1))
    assert not office_open_at(office, intervals[0].closes)


def test_no_opening_on_a_holiday_a_closure_or_while_not_active(personas):
    office = personas.office_a
    holiday, closed = _working(), _working(_working())
    _hours(office, *range(7))
    Holiday.objects.create(date=holiday, name_fa="تعطیل")
    services.office_closure_add(
        actor=Actor.for_user(personas.manager_a), office=office, day=closed, reason="تعمیرات"
    )
    assert office_open_intervals(office, holiday) == []
    assert office_open_intervals(office, closed) == []
    assert office_open_intervals(personas.office_b, closed) == []  # office_b has no hours
    third = _working(closed)
    assert len(office_open_intervals(office, third)) == 1
    office.status = OfficeStatus.SUSPENDED
    assert office_open_intervals(office, third) == []
    days = office_days_closed(office, _today())
    assert [(d.date, d.official) for d in days] == [(holiday, True), (closed, False)]


def test_the_manager_and_the_supervision_unit_close_an_office_others_may_not(personas):
    office = personas.office_a
    day = _working()
    services.office_closure_add(
        actor=Actor.for_user(personas.supervisor), office=office, day=day, reason="بازرسی"
    )
    for user in (personas.operator_a, personas.catalogue_admin, personas.operator_b):
        with pytest.raises(Forbidden):
            services.office_closure_add(
                actor=Actor.for_user(user), office=office, day=_working(day), reason="x"
            )
    with pytest.raises(Forbidden):  # another office's manager: manager_a manages office_a only
        services.office_closure_add(
            actor=Actor.for_user(personas.manager_a), office=personas.office_b, day=day, reason="x"
        )
    assert OfficeClosure.objects.count() == 1
    entry = AuditEntry.objects.get(action="office.closure_added")
    assert entry.stream == f"office:{office.code}"


@pytest.mark.parametrize(
    ("day", "reason", "code"),
    [
        (lambda: _today() - datetime.timedelta(days=1), "تعمیرات", "closure_in_past"),
        (lambda: _working(), " ", "closure_reason_required"),
    ],
    ids=["past", "no-reason"],
)
def test_a_bad_closure_is_refused(personas, day, reason, code):
    with pytest.raises(InvalidInput) as refused:
        services.office_closure_add(
            actor=Actor.for_user(personas.manager_a),
            office=personas.office_a,
            day=day(),
            reason=reason,
        )
    assert refused.value.code == code
    assert not OfficeClosure.objects.exists()


def test_a_closure_twice_is_refused_and_a_removed_one_opens_the_day(personas):
    actor, office, day = Actor.for_user(personas.manager_a), personas.office_a, _working()
    services.office_closure_add(actor=actor, office=office, day=day, reason="تعمیرات")
    with pytest.raises(Conflict):
        services.office_closure_add(actor=actor, office=office, day=day, reason="دوباره")
    services.office_closure_remove(actor=actor, office=office, day=day)
    assert not OfficeClosure.objects.exists()
    with pytest.raises(NotFound):
        services.office_closure_remove(actor=actor, office=office, day=day)


def test_weekly_hours_are_set_by_the_manager_through_the_checked_service(personas):
    hours = [(5, datetime.time(8), datetime.time(14))]
    services.office_hours_set(
        actor=Actor.for_user(personas.manager_a), office=personas.office_a, hours=hours
    )
    assert personas.office_a.hours.get().closes == datetime.time(14)
    with pytest.raises(Forbidden):
        services.office_hours_set(
            actor=Actor.for_user(personas.operator_a), office=personas.office_a, hours=[]
        )
    with pytest.raises(InvalidInput):
        services.office_hours_set(
            actor=Actor.for_user(personas.manager_a),
            office=personas.office_a,
            hours=[(5, datetime.time(14), datetime.time(8))],
        )
    assert personas.office_a.hours.get().closes == datetime.time(14)
