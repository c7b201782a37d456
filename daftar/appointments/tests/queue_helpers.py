"""Helpers of the queue's tests: appointments made directly (booking is another branch's)."""

from __future__ import annotations

import datetime
import itertools

from daftar.appointments.models import Appointment
from daftar.core.actors import Actor

_codes = itertools.count(1)


def make_appointment(office, service, citizen, starts_at: datetime.datetime, **extra):
    return Appointment.objects.create(
        code=extra.pop("code", f"Q{next(_codes):07d}"),
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
