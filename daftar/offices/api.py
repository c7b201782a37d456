"""Offices API: districts with their sub-districts, the public office finder, and terminals'
signed heartbeats."""

import datetime
from typing import Annotated

from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from daftar.api.openapi import ErrorEnvelope
from daftar.core.errors import InvalidInput
from daftar.core.pagination import Pages
from daftar.offices import selectors
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import District, Office, SubDistrict
from daftar.offices.services import heartbeat_accept

router = Router(tags=["offices"])


class SubDistrictOut(Schema):
    number: int
    name_fa: str
    name_en: str
    population: int | None
    population_year: int | None
    has_active_office: bool

    @staticmethod
    def resolve_has_active_office(sub_district: SubDistrict) -> bool:
        return sub_district.has_active_office


class DistrictOut(Schema):
    number: int
    name_fa: str
    name_en: str
    population: int | None
    population_year: int | None
    sub_districts: list[SubDistrictOut]
    sub_districts_without_office: int

    @staticmethod
    def resolve_sub_districts(district: District) -> list:
        return list(district.sub_districts.all())

    @staticmethod
    def resolve_sub_districts_without_office(district: District) -> int:
        # the plan of 1386: one office per sub-district; counts active offices only
        return sum(1 for s in district.sub_districts.all() if not s.has_active_office)


# Local wall-clock time in Tehran, as "07:30:00". Not JSON Schema's `time` format, which
# requires a UTC offset that opening hours do not have.
LocalTime = Annotated[
    str,
    Field(
        pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
        description="Local time in Asia/Tehran, HH:MM:SS (no offset).",
        examples=["07:30:00"],
    ),
]


class HoursOut(Schema):
    weekday: int = Field(..., ge=0, le=6, description="0 = Monday … 6 = Sunday.")
    opens: LocalTime
    closes: LocalTime

    @staticmethod
    def resolve_opens(hours) -> str:
        return hours.opens.strftime("%H:%M:%S")

    @staticmethod
    def resolve_closes(hours) -> str:
        return hours.closes.strftime("%H:%M:%S")


class OfficeOut(Schema):
    code: str
    name: str
    district: int
    sub_district: int | None
    status: str
    address: str
    postal_code: str
    latitude: float | None
    longitude: float | None
    phone: str
    counters: int
    domains: list[str]
    hours: list[HoursOut]
    url: str

    @staticmethod
    def resolve_district(office: Office) -> int:
        return office.district.number

    @staticmethod
    def resolve_sub_district(office: Office) -> int | None:
        """The sub-district's number within the office's district."""
        return office.sub_district.number if office.sub_district else None

    @staticmethod
    def resolve_domains(office: Office) -> list[str]:
        return [a.domain.code for a in office.live_authorisations]

    @staticmethod
    def resolve_hours(office: Office) -> list:
        return list(office.hours.all())

    @staticmethod
    def resolve_url(office: Office) -> str:
        return office.get_absolute_url()


@router.get(
    "/districts",
    response=list[DistrictOut],
    summary="Tehran's 22 districts and their sub-districts",
    description=(
        "Each district lists its sub-districts (numbered within the district), whether each "
        "has an active office, and how many have none (the plan is one office per "
        "sub-district)."
    ),
)
def list_districts(request):
    return selectors.districts_with_sub_districts()


@router.get(
    "/offices",
    response=list[OfficeOut],
    summary="Find offices",
    description=(
        "`sub_district` is a number within `district`, which it requires: without `district` "
        "the request is refused (400, district_required)."
    ),
)
@paginate(Pages)
def list_offices(
    request,
    district: int | None = Query(None, ge=1, le=99, description="District number (1–22)."),
    sub_district: int | None = Query(
        None, ge=1, le=99, description="Sub-district number within `district` (requires it)."
    ),
    domain: str | None = Query(None, max_length=50, description="Service domain code."),
    open_now: bool = False,
    q: str = Query("", max_length=100, description="Name, address or office code."),
):
    return selectors.office_finder(
        district=district, sub_district=sub_district, domain=domain, open_now=open_now, query=q
    )


@router.get("/offices/{code}", response=OfficeOut, summary="One office")
def get_office(request, code: str = Path(..., max_length=20)):
    office = selectors.office_public_get(code)
    if office is None:
        raise Http404
    return office


class HeartbeatOut(Schema):
    status: str
    office: str
    received_at: datetime.datetime


def _terminal_header(name: str, description: str, pattern: str) -> dict:
    return {
        "in": "header",
        "name": name,
        "required": True,
        "description": description,
        "schema": {"type": "string", "pattern": pattern},
    }


@router.post(
    "/terminals/heartbeat",
    response={200: HeartbeatOut, 403: ErrorEnvelope, 409: ErrorEnvelope},
    summary="A terminal's signed heartbeat",
    description=(
        "Headers: X-Terminal (terminal code), X-Timestamp (Unix time in milliseconds), "
        "X-Signature (hex HMAC-SHA256 with the terminal's secret over "
        "'<code>\\n<timestamp>\\n' followed by the raw body). Timestamps must be within the "
        "allowed clock skew and increase from one heartbeat to the next: a replay is refused "
        "(409). An unknown terminal or a bad signature is refused (403)."
    ),
    openapi_extra={
        "parameters": [
            _terminal_header("X-Terminal", "The terminal's code.", r"^\S{1,40}$"),
            _terminal_header("X-Timestamp", "Unix time in milliseconds.", r"^\d{1,16}$"),
            _terminal_header(
                "X-Signature", "hex HMAC-SHA256 with the terminal's secret.", r"^[0-9a-f]{64}$"
            ),
        ]
    },
)
def heartbeat(request: HttpRequest):
    try:
        timestamp = int(request.headers.get("X-Timestamp", ""))
    except ValueError:
        raise InvalidInput(
            _("X-Timestamp must be Unix time in milliseconds."),
            code=OfficesErrorCode.TIMESTAMP_FORMAT,
            field="X-Timestamp",
        ) from None
    terminal = heartbeat_accept(
        code=request.headers.get("X-Terminal", ""),
        timestamp_ms=timestamp,
        signature=request.headers.get("X-Signature", ""),
        body=request.body,
    )
    return {"status": "ok", "office": terminal.office.code, "received_at": terminal.last_seen_at}
