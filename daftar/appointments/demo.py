"""Demo bookings: the named demo citizen (سارا احمدی) and a few generated citizens hold
appointments at the flagship office and other demo offices, later today and in the coming days,
booked through the booking service (so seats, audit entries and SMS rows are real).
Idempotent: a citizen who already has a coming appointment is left alone."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.appointments.choices import AppointmentStatus
from daftar.appointments.models import Appointment
from daftar.appointments.selectors.booking import bookable_services, free_slots
from daftar.appointments.services.booking import appointment_book
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.offices.hours import tehran_today
from daftar.offices.selectors import office_finder

FLAGSHIP = "T0101"
CITIZENS = 12  # generated citizens with a booking besides the named one


def _targets(limit: int = 4):
    offices = list(office_finder().filter(code=FLAGSHIP)) + list(
        office_finder().exclude(code=FLAGSHIP)[:40]
    )
    found = []
    for office in offices:
        services = list(bookable_services(office)[:2])
        if services:
            found.append((office, services))
        if len(found) >= limit:
            break
    return found


def seed_appointments(ctx) -> None:
    users = get_user_model().objects.filter(groups__name=Role.CITIZEN).order_by("pk")
    named = users.filter(national_code=ctx.demo_national_code).first()
    citizens = ([named] if named else []) + list(
        users.exclude(national_code=ctx.demo_national_code)[:CITIZENS]
    )
    targets = _targets()
    if not targets or not citizens:
        ctx.log("appointments: no office can take appointments; none booked")
        return
    today = tehran_today()
    booked = 0
    for n, citizen in enumerate(citizens):
        if Appointment.objects.filter(
            citizen=citizen, status=AppointmentStatus.BOOKED, ends_at__gte=timezone.now()
        ).exists():
            continue
        office, services = targets[0] if n < 3 else targets[n % len(targets)]
        service = services[n % len(services)]
        # the named citizen: one later today (or the next open day) and one in three days
        offsets = (0, 3) if citizen is named else (n % 6,)
        for offset in offsets:
            for extra in range(7):  # the next day the office is open
                day = today + datetime.timedelta(days=offset + extra)
                slots = free_slots(office, service, day)
                if slots:
                    break
            if not slots:
                continue
            slot = slots[(n * 3) % len(slots)]
            try:
                appointment_book(
                    actor=Actor.for_user(citizen),
                    citizen=citizen,
                    office=office,
                    service=service,
                    starts_at=slot.starts_at,
                )
                booked += 1
            except DaftarError as error:
                ctx.log(f"appointments: {citizen.pk} not booked ({error.code})")
    ctx.log(f"appointments: {booked} booked at {', '.join(o.code for o, _s in targets)}")
