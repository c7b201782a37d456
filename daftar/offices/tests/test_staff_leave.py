"""Staff leave (ADR 0036): the office's manager records and cancels it; each bad input is refused
with a Persian message and changes nothing; the staff on duty leave out whoever is away."""

from __future__ import annotations

import datetime

import pytest

from daftar.accounts.choices import Role
from daftar.accounts.tests.factories import UserFactory
from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.offices.choices import StaffRole
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.hours import tehran_today
from daftar.offices.models import StaffLeave
from daftar.offices.selectors import staff_on_duty_by_domain, staff_on_duty_counts
from daftar.offices.services import (
    certification_grant,
    office_staff_leave,
    staff_leave_cancel,
    staff_leave_record,
)
from daftar.offices.tests.factories import OfficeStaffFactory

TODAY = tehran_today()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def post(personas):
    return personas.operator_a.office_posts.get(left_on__isnull=True)


@pytest.fixture
def manager(personas):
    return Actor.for_user(personas.manager_a)


def record(manager, post, first, last, reason="annual", note=""):
    return staff_leave_record(
        actor=manager, post=post, first_day=first, last_day=last, reason=reason, note=note
    )


def refused(call, code: OfficesErrorCode) -> DaftarError:
    """`call` raises `code`, and neither a leave nor an audit entry is written."""
    leaves, entries = StaffLeave.objects.count(), AuditEntry.objects.count()
    with pytest.raises(DaftarError) as caught:
        call()
    assert caught.value.code == code
    assert StaffLeave.objects.count() == leaves
    assert AuditEntry.objects.count() == entries
    return caught.value


def test_the_manager_records_a_leave_in_the_audit_log(manager, post):
    leave = record(manager, post, days(2), days(4), reason="sick", note="با گواهی پزشک")
    assert (leave.first_day, leave.last_day, leave.reason, leave.days) == (
        days(2),
        days(4),
        "sick",
        3,
    )
    assert leave.recorded_by == manager.user
    entry = AuditEntry.objects.filter(action="office.staff_leave_recorded").get()
    assert entry.stream == f"office:{post.office.code}"
    assert entry.after["first_day"] == days(2).isoformat()


def test_a_last_day_before_the_first_is_refused_in_persian(manager, post):
    error = refused(
        lambda: record(manager, post, days(5), days(3)), OfficesErrorCode.LEAVE_LAST_BEFORE_FIRST
    )
    assert error.field == "last_day"
    assert "پیش از روز اول" in error.render("fa")


def test_a_leave_starting_in_the_past_is_refused(manager, post):
    error = refused(
        lambda: record(manager, post, days(-1), days(2)), OfficesErrorCode.LEAVE_IN_PAST
    )
    assert "گذشته است" in error.render("fa")


def test_a_leave_starting_today_is_accepted(manager, post):
    assert record(manager, post, TODAY, TODAY).first_day == TODAY


def test_overlapping_leave_of_the_same_person_is_refused(manager, post):
    record(manager, post, days(3), days(6))
    error = refused(
        lambda: record(manager, post, days(6), days(8)), OfficesErrorCode.LEAVE_OVERLAPS
    )
    assert "مرخصی دیگری دارد" in error.render("fa")
    # the day after is free; another person may be away on the same days
    assert record(manager, post, days(7), days(8))
    other = OfficeStaffFactory(office=post.office)
    assert record(manager, other, days(3), days(6))


def test_a_cancelled_leave_no_longer_blocks_its_days(manager, post):
    leave = record(manager, post, days(3), days(6))
    staff_leave_cancel(actor=manager, leave=leave)
    assert record(manager, post, days(4), days(5))


def test_leave_for_a_person_who_has_left_is_refused(manager, post):
    office_staff_leave(actor=Actor.system("test"), post=post, left_on=TODAY)
    post.refresh_from_db()
    error = refused(
        lambda: record(manager, post, days(2), days(2)), OfficesErrorCode.LEAVE_STAFF_LEFT
    )
    assert "از دفتر رفته است" in error.render("fa")


def test_a_leave_longer_than_a_year_is_refused(manager, post):
    refused(lambda: record(manager, post, days(1), days(400)), OfficesErrorCode.LEAVE_TOO_LONG)


def test_a_reason_outside_the_list_is_refused(manager, post):
    refused(
        lambda: record(manager, post, days(1), days(1), reason="holiday"),
        OfficesErrorCode.LEAVE_REASON_UNKNOWN,
    )


def test_only_the_offices_own_manager_records_its_staffs_leave(personas, post):
    manager_b = UserFactory(username="manager_b", roles=[Role.OFFICE_MANAGER])
    OfficeStaffFactory(office=personas.office_b, user=manager_b, role=StaffRole.MANAGER)
    for user in (manager_b, personas.operator_a, personas.supervisor):
        error = refused(
            lambda user=user: record(Actor.for_user(user), post, days(1), days(1)),
            OfficesErrorCode.LEAVE_NOT_MANAGER,
        )
        assert error.http_status == 403


def test_cancelling_a_coming_leave_keeps_its_row_as_cancelled(manager, post):
    leave = record(manager, post, days(2), days(3))
    staff_leave_cancel(actor=manager, leave=leave)
    leave.refresh_from_db()
    assert leave.cancelled_at is not None
    assert leave.cancelled_by == manager.user
    assert AuditEntry.objects.filter(action="office.staff_leave_cancelled").count() == 1
    error = refused(
        lambda: staff_leave_cancel(actor=manager, leave=leave), OfficesErrorCode.LEAVE_CANCELLED
    )
    assert "لغو شده" in error.render("fa")


def test_a_leave_under_way_ends_yesterday_when_cancelled(manager, post):
    leave = record(manager, post, TODAY, days(5))
    staff_leave_cancel(actor=manager, leave=leave, today=days(2))
    leave.refresh_from_db()
    assert (leave.first_day, leave.last_day, leave.cancelled_at) == (TODAY, days(1), None)
    assert AuditEntry.objects.filter(action="office.staff_leave_ended_early").count() == 1


def test_a_leave_that_is_over_cannot_be_cancelled(manager, post):
    leave = record(manager, post, TODAY, days(1))
    refused(
        lambda: staff_leave_cancel(actor=manager, leave=leave, today=days(2)),
        OfficesErrorCode.LEAVE_OVER,
    )
    leave.refresh_from_db()
    assert leave.last_day == days(1)


def test_another_offices_manager_cannot_cancel(personas, manager, post):
    leave = record(manager, post, days(2), days(3))
    manager_b = UserFactory(username="manager_b", roles=[Role.OFFICE_MANAGER])
    OfficeStaffFactory(office=personas.office_b, user=manager_b, role=StaffRole.MANAGER)
    refused(
        lambda: staff_leave_cancel(actor=Actor.for_user(manager_b), leave=leave),
        OfficesErrorCode.LEAVE_NOT_MANAGER,
    )
    leave.refresh_from_db()
    assert leave.cancelled_at is None


# --- the staff on duty ---------------------------------------------------------------------------


def certify(post, domain, number):
    certification_grant(
        actor=Actor.system("test"),
        staff=post,
        domain=domain,
        number=number,
        issued_on=datetime.date(2025, 1, 1),
        expires_on=datetime.date(2030, 1, 1),
    )


def test_staff_on_leave_are_not_on_duty_on_their_days_only(personas, catalogue, manager, post):
    certify(post, catalogue.domain, "C-1")
    second = OfficeStaffFactory(office=post.office)
    certify(second, catalogue.domain, "C-2")
    record(manager, post, days(2), days(3))
    cancelled = record(manager, second, days(3), days(3))
    staff_leave_cancel(actor=manager, leave=cancelled)
    counts = staff_on_duty_counts(post.office, catalogue.domain, days(1), days(4))
    assert counts == {days(1): 2, days(2): 1, days(3): 1, days(4): 2}


def test_staff_on_duty_by_domain_reads_two_queries_for_any_number_of_domains(
    personas, catalogue, manager, post, django_assert_num_queries
):
    certify(post, catalogue.domain, "C-1")
    record(manager, post, days(1), days(1))
    with django_assert_num_queries(2):
        counts = staff_on_duty_by_domain(
            post.office, [catalogue.domain.pk, catalogue.domain.pk + 999], days(0), days(2)
        )
    assert counts[catalogue.domain.pk] == {days(0): 1, days(1): 0, days(2): 1}
    assert counts[catalogue.domain.pk + 999] == {days(0): 0, days(1): 0, days(2): 0}


def test_the_demo_sends_a_certified_operator_away_on_a_coming_open_day(
    personas, counter_ready, post
):
    from daftar.appointments.tests.booking_fixtures import CLOSE, OPEN
    from daftar.offices.hours import office_open_intervals
    from daftar.offices.people.demo_leave import demo_leave_record
    from daftar.offices.services import office_set_hours

    office_set_hours(
        actor=Actor.system("test"), office=counter_ready, hours=[(d, OPEN, CLOSE) for d in range(7)]
    )
    leave = demo_leave_record(counter_ready, Actor.for_user(personas.manager_a), TODAY)
    assert leave.staff == post
    assert leave.first_day == leave.last_day
    assert leave.first_day > days(1)
    assert office_open_intervals(counter_ready, leave.first_day)
    assert demo_leave_record(counter_ready, Actor.for_user(personas.manager_a), TODAY) is None
