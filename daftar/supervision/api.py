"""Partner API for complaints (scope "complaints"): file a complaint for a citizen the app names
by national code and registered mobile (or an anonymous report where the category's rule
allows one), and read a complaint it filed by its tracking code — status, public timeline and
ruling. A partner sees only the complaints it filed; POST is idempotent (Idempotency-Key)."""

from __future__ import annotations

import datetime
import json

from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from daftar.accounts.selectors import citizen_get_by_national_code
from daftar.api.auth import PartnerKey
from daftar.api.services import idempotent
from daftar.cases.selectors import file_of_partner
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import InvalidInput
from daftar.core.identifiers import normalize_mobile, normalize_national_code
from daftar.governance.citation import citation
from daftar.offices.selectors import office_public_get
from daftar.supervision.choices import ComplaintCategory, ComplaintChannel
from daftar.supervision.error_codes import SupervisionErrorCode
from daftar.supervision.selectors.complaints import complaint_of_partner, complaint_timeline
from daftar.supervision.services import complaints as services

router = Router(tags=["partner: complaints"], auth=PartnerKey("complaints"))


class ComplaintCitizenIn(Schema):
    national_code: str = Field(..., min_length=1, max_length=20)
    mobile: str = Field(
        ..., min_length=1, max_length=20, description="The citizen's registered mobile."
    )


class ComplaintIn(Schema):
    category: str = Field(
        ...,
        min_length=1,
        max_length=20,
        description="One of: " + ", ".join(ComplaintCategory.values),
    )
    description: str = Field(..., min_length=1, max_length=4000)
    office: str | None = Field(None, max_length=20, description="The office's code, e.g. T0101.")
    file: str | None = Field(
        None,
        max_length=20,
        description="The tracking code of a file this app opened for the same citizen.",
    )
    citizen: ComplaintCitizenIn | None = Field(
        None, description="Required unless the complaint is anonymous."
    )
    anonymous: bool = Field(
        False, description="Only for categories whose rule in force allows it (bribe, data misuse)."
    )
    contact_mobile: str | None = Field(
        None, max_length=20, description="Anonymous reports: a mobile for SMS updates."
    )


class ComplaintEventOut(Schema):
    at: datetime.datetime
    text_fa: str
    text_en: str


class ComplaintOut(Schema):
    tracking_code: str
    category: str
    status: str
    status_fa: str
    status_en: str
    office: str | None
    received_at: datetime.datetime
    due_at: datetime.datetime
    ruling: str = Field(description="upheld, partly_upheld, rejected, or empty")
    ruling_reasons: str
    citations_fa: list[str]
    timeline: list[ComplaintEventOut]


def _in_both(fn):
    with translation.override("fa"):
        fa = fn()
    with translation.override("en"):
        en = fn()
    return fa, en


def _complaint_out(complaint) -> dict:
    fa_lines, en_lines = _in_both(lambda: complaint_timeline(complaint, public_only=True))
    status_fa, status_en = _in_both(lambda: str(complaint.get_status_display()))
    return {
        "tracking_code": complaint.tracking_code,
        "category": complaint.category,
        "status": complaint.status,
        "status_fa": status_fa,
        "status_en": status_en,
        "office": complaint.office.code if complaint.office_id else None,
        "received_at": complaint.received_at,
        "due_at": complaint.due_at,
        "ruling": complaint.ruling,
        "ruling_reasons": complaint.ruling_reasons,
        "citations_fa": [
            citation(c.article, c.note)
            for c in complaint.citations.select_related("article__version__bylaw", "note")
        ],
        "timeline": [
            {"at": fa.at, "text_fa": fa.sentence, "text_en": en.sentence}
            for fa, en in zip(fa_lines, en_lines, strict=True)
        ],
    }


def _citizen(person: ComplaintCitizenIn | None):
    if person is None:
        return None
    try:
        national_code = normalize_national_code(person.national_code)
        mobile = normalize_mobile(person.mobile)
    except Exception as error:  # a ValidationError from the identifier readers
        raise InvalidInput(
            _("Check the citizen's national code and mobile."),
            code=SupervisionErrorCode.COMPLAINANT_UNKNOWN,
            field="citizen",
        ) from error
    citizen = citizen_get_by_national_code(national_code)
    if (
        citizen is None
        or citizen.is_provisional
        or normalize_mobile(citizen.mobile or "", check_prefix=False) != mobile
    ):
        raise InvalidInput(
            _(
                "No verified citizen account has this national code with this mobile; the "
                "citizen signs in once with the city's sign-in."
            ),
            code=SupervisionErrorCode.COMPLAINANT_UNKNOWN,
            field="citizen",
        )
    return citizen


@router.post(
    "/complaints",
    response={201: ComplaintOut, 200: ComplaintOut},
    summary="File a complaint about an office or a file, for a citizen or anonymously",
)
def create_complaint(request: HttpRequest, payload: ComplaintIn):
    def handler():
        actor = Actor.partner(request.partner)
        office = office_public_get(payload.office) if payload.office else None
        if payload.office and office is None:
            raise InvalidInput(
                _("No office has this code."), code=CoreErrorCode.NOT_FOUND, field="office"
            )
        file = file_of_partner(payload.file, request.partner) if payload.file else None
        if payload.file and file is None:
            raise InvalidInput(
                _("This app opened no file with this tracking code."),
                code=CoreErrorCode.NOT_FOUND,
                field="file",
            )
        complaint = services.complaint_file(
            actor=actor,
            channel=ComplaintChannel.PARTNER,
            category=payload.category,
            description=payload.description,
            complainant=None if payload.anonymous else _citizen(payload.citizen),
            anonymous=payload.anonymous,
            contact_mobile=payload.contact_mobile or "",
            office=office,
            file=file,
        )
        return 201, json.loads(json.dumps(_complaint_out(complaint), default=str))

    return Status(
        *idempotent(
            partner=request.partner,
            key=request.headers.get("Idempotency-Key"),
            endpoint="POST /complaints",
            payload=payload.dict(),
            handler=handler,
        )
    )


@router.get(
    "/complaints/{code}",
    response={200: ComplaintOut},
    summary="A complaint this app filed: status, public timeline and ruling",
)
def get_complaint(request: HttpRequest, code: str):
    complaint = complaint_of_partner(partner_id=request.partner.pk, code=code)
    if complaint is None:
        raise Http404
    return 200, _complaint_out(complaint)
