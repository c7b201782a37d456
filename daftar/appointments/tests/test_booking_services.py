# ruff: noqa: F811  (pytest fixtures imported from booking_fixtures)
"""Booking: slots from hours and staff, one winner per seat, the one-hour rule, check-in once,
no-shows and their rule adopted by decision, reminders."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from daftar.appointments.choices import AppointmentStatus
from daftar.appointments.error_codes import AppointmentsErrorCode
from daftar.appointments.models import Appointment, NoShowRule, SlotSeat
from daftar.appointments.selectors.booking import (
    DEFAULT_NO_SHOW_RULE,
    booking_block,
    free_slots,
    no_show_rule_in_force,
)
from daftar.appointments.services.booking import (
    appointment_book,
    appointment_cancel,
    appointment_check_in,
    appointment_move,
    appointment_reminders_send,
    appointments_mark_no_shows,
    no_show_rule_record,
    qr_code_from_token,
    qr_token,
)
from daftar.appointments.slots import normalize_booking_code
from daftar.appointments.tests.booking_fixtures import at, bookable, tomorrow  # noqa: F401
from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.governance.choices import DecisionKind

TODAY = "daftar.appointments.services.booking.tehran_today"


def book(personas, office, service, starts_at, citizen=None, now=None):
    citizen = citizen or personas.citizen
    return appointment_book(
        actor=Actor.for_user(citizen),
        citizen=citizen,
        office=office,
        service=service,
        starts_at=starts_at,
        now=now,
    )


def test_slots_follow_the_hours_and_the_visit_length(bookable, catalogue, tomorrow):
    slots = free_slots(bookable, catalogue.service, tomorrow)
    assert slots[0].starts_at == at(tomorrow, 8)
    assert slots[-1].ends_at == at(tomorrow, 16)
    assert all(slot.seats_left == 1 for slot in slots)  # one counter, one certified operator


def test_a_closed_day_has_no_slots(bookable, catalogue, tomorrow):
    from daftar.offices.services import office_closure_add

    office_closure_add(actor=Actor.system("test"), office=bookable, day=tomorrow, reason="تعمیرات")
    assert free_slots(bookable, catalogue.service, tomorrow) == []


def test_an_office_without_certified_staff_offers_no_slot(personas, catalogue, tomorrow):
    assert free_slots(personas.office_b, catalogue.service, tomorrow) == []


def test_booking_holds_the_seat_sends_an_sms_and_is_audited(
    personas, bookable, catalogue, tomorrow, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(personas, bookable, catalogue.service, at(tomorrow, 9))
    assert appointment.status == AppointmentStatus.BOOKED
    assert normalize_booking_code(appointment.code) == appointment.code
    assert appointment.day == tomorrow
    assert SlotSeat.objects.filter(appointment=appointment).count() >= 1
    starts = [s.starts_at for s in free_slots(bookable, catalogue.service, tomorrow)]
    assert at(tomorrow, 9) not in starts
    assert AuditEntry.objects.filter(action="appointment.booked").count() == 1
    (_sms,) = [m for m in sms_outbox if "/appointments/qr/" in m["body"]]
    assert personas.citizen.national_code not in str(
        AuditEntry.objects.get(action="appointment.booked").after
    )


def test_the_last_seat_goes_to_one_citizen_only(personas, bookable, catalogue, tomorrow):
    book(personas, bookable, catalogue.service, at(tomorrow, 9))
    with pytest.raises(DaftarError) as refused:
        book(personas, bookable, catalogue.service, at(tomorrow, 9), citizen=personas.other_citizen)
    assert refused.value.code == AppointmentsErrorCode.SLOT_FULL
    assert Appointment.objects.count() == 1


def test_one_booking_per_citizen_office_and_day(personas, bookable, catalogue, tomorrow):
    book(personas, bookable, catalogue.service, at(tomorrow, 9))
    with pytest.raises(DaftarError) as refused:
        book(personas, bookable, catalogue.service, at(tomorrow, 11))
    assert refused.value.code == AppointmentsErrorCode.ONE_BOOKING_PER_DAY
    assert Appointment.objects.count() == 1
    assert SlotSeat.objects.count() == Appointment.objects.get().seats.count()


def test_a_time_off_the_grid_or_past_is_refused_in_persian(personas, bookable, catalogue, tomorrow):
    past = timezone.now() - datetime.timedelta(hours=1)
    for when in (at(tomorrow, 9, 7), at(tomorrow, 17), past):
        with pytest.raises(DaftarError) as refused:
            book(personas, bookable, catalogue.service, when)
        assert refused.value.code == AppointmentsErrorCode.SLOT_UNKNOWN
        assert "زمان" in refused.value.render("fa") or "نوبت" in refused.value.render("fa")
    assert not Appointment.objects.exists()


def test_cancel_gives_the_seat_back(personas, bookable, catalogue, tomorrow):
    appointment = book(personas, bookable, catalogue.service, at(tomorrow, 9))
    appointment_cancel(actor=Actor.for_user(personas.citizen), appointment=appointment)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert not SlotSeat.objects.exists()
    book(personas, bookable, catalogue.service, at(tomorrow, 9), citizen=personas.other_citizen)


def test_cancel_or_move_within_the_hour_is_refused_and_changes_nothing(
    personas, bookable, catalogue, tomorrow
):
    appointment = book(personas, bookable, catalogue.service, at(tomorrow, 9))
    late = at(tomorrow, 8, 30)
    for change in (
        lambda: appointment_cancel(
            actor=Actor.for_user(personas.citizen), appointment=appointment, now=late
        ),
        lambda: appointment_move(
            actor=Actor.for_user(personas.citizen),
            appointment=appointment,
            starts_at=at(tomorrow, 12),
            now=late,
        ),
    ):
        with pytest.raises(DaftarError) as refused:
            change()
        assert refused.value.code == AppointmentsErrorCode.TOO_LATE_TO_CHANGE
        assert "یک ساعت" in refused.value.render("fa")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED
    assert appointment.starts_at == at(tomorrow, 9)


def test_move_keeps_the_code_and_frees_the_old_slot(personas, bookable, catalogue, tomorrow):
    appointment = book(personas, bookable, catalogue.service, at(tomorrow, 9))
    moved = appointment_move(
        actor=Actor.for_user(personas.citizen), appointment=appointment, starts_at=at(tomorrow, 12)
    )
    assert moved.code == appointment.code
    assert moved.starts_at == at(tomorrow, 12)
    starts = [s.starts_at for s in free_slots(bookable, catalogue.service, tomorrow)]
    assert at(tomorrow, 9) in starts
    assert at(tomorrow, 12) not in starts


def test_moving_to_a_full_slot_changes_nothing(personas, bookable, catalogue, tomorrow):
    book(personas, bookable, catalogue.service, at(tomorrow, 12), citizen=personas.other_citizen)
    mine = book(personas, bookable, catalogue.service, at(tomorrow, 9))
    with pytest.raises(DaftarError) as refused:
        appointment_move(
            actor=Actor.for_user(personas.citizen), appointment=mine, starts_at=at(tomorrow, 12)
        )
    assert refused.value.code == AppointmentsErrorCode.SLOT_FULL
    mine.refresh_from_db()
    assert mine.starts_at == at(tomorrow, 9)
    assert mine.seats.exists()


def test_check_in_by_code_once_only(personas, bookable, catalogue, tomorrow):
    appointment = book(personas, bookable, catalogue.service, at(tomorrow, 9))
    now = at(tomorrow, 8, 40)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TODAY, lambda now=None: tomorrow)
        checked = appointment_check_in(
            actor=Actor.for_user(personas.operator_a),
            office=bookable,
            code=appointment.code,
            now=now,
        )
        assert checked.status == AppointmentStatus.CHECKED_IN
        with pytest.raises(DaftarError) as again:
            appointment_check_in(
                actor=Actor.for_user(personas.operator_a),
                office=bookable,
                code=appointment.code,
                now=now,
            )
    assert again.value.code == AppointmentsErrorCode.ALREADY_CHECKED_IN


def test_check_in_by_national_code_outside_the_window_is_refused(
    personas, bookable, catalogue, tomorrow
):
    appointment = book(personas, bookable, catalogue.service, at(tomorrow, 12))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TODAY, lambda now=None: tomorrow)
        with pytest.raises(DaftarError) as refused:
            appointment_check_in(
                actor=Actor.for_user(personas.operator_a),
                office=bookable,
                national_code=personas.citizen.national_code,
                now=at(tomorrow, 9),
            )
    assert refused.value.code == AppointmentsErrorCode.CHECK_IN_OUTSIDE_WINDOW
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_another_office_cannot_check_in(personas, bookable, catalogue, tomorrow):
    appointment = book(personas, bookable, catalogue.service, at(tomorrow, 9))
    with pytest.raises(DaftarError) as refused:
        appointment_check_in(
            actor=Actor.for_user(personas.operator_b), office=bookable, code=appointment.code
        )
    assert refused.value.code == AppointmentsErrorCode.NOT_OFFICE_STAFF


def _missed(personas, bookable, catalogue, days_ago: list[int]):
    today = timezone.localdate()
    for n in days_ago:
        day = today - datetime.timedelta(days=n)
        Appointment.objects.create(
            code=f"9{n:08d}0",
            office=bookable,
            service=catalogue.service,
            citizen=personas.citizen,
            national_code=personas.citizen.national_code,
            citizen_mobile=personas.citizen.mobile,
            starts_at=at(day, 9),
            ends_at=at(day, 9, 30),
            day=day,
            status=AppointmentStatus.NO_SHOW,
        )


def test_three_missed_appointments_block_booking_with_the_date(
    personas, bookable, catalogue, tomorrow
):
    _missed(personas, bookable, catalogue, [2, 5, 9])
    block = booking_block(personas.citizen)
    assert block is not None
    assert block.until == timezone.localdate() - datetime.timedelta(days=2) + datetime.timedelta(
        days=15
    )
    with pytest.raises(DaftarError) as refused:
        book(personas, bookable, catalogue.service, at(tomorrow, 9))
    assert refused.value.code == AppointmentsErrorCode.BOOKING_BLOCKED
    assert "۱۴" in refused.value.render("fa")  # the Jalali date, in Persian digits
    assert Appointment.objects.filter(status=AppointmentStatus.BOOKED).count() == 0


def test_two_missed_appointments_do_not_block(personas, bookable, catalogue):
    _missed(personas, bookable, catalogue, [2, 5])
    assert booking_block(personas.citizen) is None


def test_a_rule_adopted_by_decision_replaces_the_default(
    personas, bookable, catalogue, adopt_decision
):
    assert no_show_rule_in_force() == DEFAULT_NO_SHOW_RULE
    decision = adopt_decision(DecisionKind.POLICY, "قاعده نوبت‌های از دست رفته")
    no_show_rule_record(
        actor=Actor.for_user(personas.supervisor),
        decision=decision,
        max_no_shows=2,
        window_days=30,
        block_days=7,
    )
    assert no_show_rule_in_force().max_no_shows == 2
    _missed(personas, bookable, catalogue, [2, 5])
    assert booking_block(personas.citizen).until == timezone.localdate() + datetime.timedelta(
        days=6
    )


def test_a_rule_needs_an_adopted_policy_decision_and_a_keeper(personas, adopt_decision):
    tariff = adopt_decision(DecisionKind.TARIFF)
    with pytest.raises(DaftarError) as wrong_kind:
        no_show_rule_record(
            actor=Actor.for_user(personas.supervisor),
            decision=tariff,
            max_no_shows=2,
            window_days=30,
            block_days=7,
        )
    assert wrong_kind.value.code == AppointmentsErrorCode.NO_SHOW_DECISION_INVALID
    with pytest.raises(DaftarError) as not_keeper:
        no_show_rule_record(
            actor=Actor.for_user(personas.citizen),
            decision=adopt_decision(DecisionKind.POLICY),
            max_no_shows=2,
            window_days=30,
            block_days=7,
        )
    assert not_keeper.value.code == AppointmentsErrorCode.NO_SHOW_RULE_KEEPERS_ONLY
    assert not NoShowRule.objects.exists()


def test_the_nightly_job_marks_the_day_s_no_shows(personas, bookable, catalogue, tomorrow):
    appointment = book(personas, bookable, catalogue.service, at(tomorrow, 9))
    after = at(tomorrow + datetime.timedelta(days=1), 0, 30)
    assert appointments_mark_no_shows(now=after) == 1
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.NO_SHOW
    assert appointments_mark_no_shows(now=after) == 0


def test_the_reminder_goes_once_the_day_before(
    personas, bookable, catalogue, tomorrow, sms_outbox, django_capture_on_commit_callbacks
):
    book(personas, bookable, catalogue.service, at(tomorrow, 9))
    sms_outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert appointment_reminders_send() == 1
        assert appointment_reminders_send() == 0
    assert len([m for m in sms_outbox if "یادآوری" in m["body"]]) == 1


def test_the_qr_link_is_signed():
    assert qr_code_from_token(qr_token("1234567890")) == "1234567890"
    assert qr_code_from_token(qr_token("1234567890") + "x") is None
