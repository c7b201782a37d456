"""Partner API for appointments (scope `appointments`): a city app lists an office's free
slots for a service and books, reads or cancels an appointment for a citizen. The citizen is
found as for files (`accounts.citizen_for_partner`): apps granted the signed_in_citizens scope
by a committee decision book for citizens with a verified account; others pass the consent code
the citizen received (POST /consent-codes, files scope). Booking is idempotent."""

from __future__ import annotations

import datetime
import json

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status

from daftar.accounts.services import citizen_for_partner, partner_consent_confirm
from daftar.api.auth import PartnerKey
from daftar.api.services import SIGNED_IN_CITIZENS, idempotency_known, idempotent
from daftar.appointments.choices import BookingChannel
from daftar.appointments.error_codes import AppointmentsErrorCode
from daftar.appointments.selectors import booking as selectors
from daftar.appointments.services import booking as services
from daftar.core.actors import Actor
from daftar.core.errors import InvalidInput, NotFound

router = Router(tags=["partner: appointments"], auth=PartnerKey("appointments"))


class SlotOut(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    seats_left: int


class SlotsOut(Schema):
    office: str
    service: str
    day: datetime.date
    slots: list[SlotOut] = Field(description="Free slots only, earliest first")


class SlotsQuery(Schema):
    office: str = Field(..., max_length=20)
    service: str = Field(..., max_length=40)
    day: datetime.date


class BookingCitizenIn(Schema):
    national_code: str = Field(..., min_length=1, max_length=20)
    mobile: str = Field(..., min_length=1, max_length=20)
    consent_code: str | None = Field(None, max_length=20)


class BookingIn(Schema):
    office: str = Field(..., max_length=20)
    service: str = Field(..., max_length=40)
    starts_at: datetime.datetime = Field(
        description="A slot's start as GET /appointments/slots gave it (with its offset)"
    )
    citizen: BookingCitizenIn


class AppointmentOut(Schema):
    code: str
    office: str
    service: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: str
    qr_url: str = Field(description="The page with the QR code the office scans")


def _out(appointment) -> dict:
    return json.loads(
        json.dumps(
            {
                "code": appointment.code,
                "office": appointment.office.code,
                "service": appointment.service.code,
                "starts_at": appointment.starts_at,
                "ends_at": appointment.ends_at,
                "status": appointment.status,
                "qr_url": services.qr_page_url(appointment),
            },
            default=str,
        )
    )


def _office_and_service(office_code: str, service_code: str):
    office = selectors.bookable_office(office_code)
    service = selectors.bookable_service(office, service_code) if office else None
    if office is None or service is None or not service.channel_partner:
        raise NotFound()
    return office, service


def _own(request, code: str):
    appointment = selectors.appointment_of_partner(request.partner, code)
    if appointment is None:
        raise Http404
    return appointment


@router.get(
    "/appointments/slots",
    response=SlotsOut,
    summary="An office's free slots for a service on a day (within the booking horizon)",
)
def appointment_slots(request: HttpRequest, query: Query[SlotsQuery]):
    office, service = _office_and_service(query.office, query.service)
    if query.day not in selectors.booking_days():
        raise InvalidInput(
            AppointmentsErrorCode.DAY_OUTSIDE_HORIZON.description,
            code=AppointmentsErrorCode.DAY_OUTSIDE_HORIZON,
            field="day",
        )
    return {
        "office": office.code,
        "service": service.code,
        "day": query.day,
        "slots": [
            {"starts_at": s.starts_at, "ends_at": s.ends_at, "seats_left": s.seats_left}
            for s in selectors.free_slots(office, service, query.day)
        ],
    }


@router.post(
    "/appointments",
    response={201: AppointmentOut, 200: AppointmentOut},
    summary="Book a slot for a citizen (Idempotency-Key required)",
)
def appointment_create(request: HttpRequest, payload: BookingIn):
    key = request.headers.get("Idempotency-Key")
    person = payload.citizen
    consent = None
    if person.consent_code and not idempotency_known(partner=request.partner, key=key):
        consent = partner_consent_confirm(
            partner_id=request.partner.pk,
            national_code=person.national_code,
            code=person.consent_code,
            service_code=payload.service,
        )

    def handler():
        office, service = _office_and_service(payload.office, payload.service)
        actor = Actor.partner(request.partner)
        citizen = citizen_for_partner(
            actor=actor,
            partner_id=request.partner.pk,
            national_code=person.national_code,
            mobile=person.mobile,
            service_code=service.code,
            consent=consent,
            signed_in_scope=SIGNED_IN_CITIZENS in request.partner.scopes,
        )
        appointment = services.appointment_book(
            actor=actor,
            citizen=citizen,
            office=office,
            service=service,
            starts_at=payload.starts_at,
            channel=BookingChannel.PARTNER,
            partner=request.partner,
        )
        return 201, _out(appointment)

    return Status(
        *idempotent(
            partner=request.partner,
            key=key,
            endpoint="POST /appointments",
            payload=json.loads(payload.json()),
            handler=handler,
        )
    )


@router.get("/appointments/{code}", response=AppointmentOut, summary="An appointment it booked")
def appointment_get(request: HttpRequest, code: str):
    return _out(_own(request, code))


@router.post(
    "/appointments/{code}/cancel",
    response={200: AppointmentOut},
    summary="Cancel (until an hour before the appointment)",
)
def appointment_cancel(request: HttpRequest, code: str):
    own = _own(request, code)

    def handler():
        cancelled = services.appointment_cancel(
            actor=Actor.partner(request.partner), appointment=own
        )
        return 200, _out(cancelled)

    return Status(
        *idempotent(
            partner=request.partner,
            key=request.headers.get("Idempotency-Key"),
            endpoint=f"POST /appointments/{code}/cancel",
            payload={},
            handler=handler,
        )
    )
