"""Helpers of the queue's tests: appointments made directly (a valid booking code, the Tehran
day), without booking's slot checks, so a test can put one at any time."""

from __future__ import annotations

import datetime
import random

from daftar.appointments.models import Appointment
from daftar.appointments.slots import new_booking_code
from daftar.core.actors import Actor
from daftar.offices.hours import tehran_today

_codes = random.Random(1405)


def make_appointment(office, service, citizen, starts_at: datetime.datetime, **extra):
    return Appointment.objects.create(
        code=extra.pop("code", None) or new_booking_code(_codes),
        day=tehran_today(starts_at),
        office=office,
        service=service,
        citizen=citizen,
        national_code=citizen.national_code,
        citizen_mobile=citizen.mobile,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=15),
        **extra,
    )


def actor(user) -> Actor:
    return Actor.for_user(user)
