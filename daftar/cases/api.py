"""Partner API for files: submitting a file on a citizen's behalf,
documents, status and timeline, rating. Every POST that creates something is idempotent
(Idempotency-Key). A partner sees only the files it created."""

import datetime
import hashlib
import json

from django.http import Http404, HttpRequest
from django.utils import translation
from ninja import Field, Form, Router, Schema, Status
from ninja import File as UploadedFile
from ninja.files import UploadedFile as NinjaUpload

from daftar.accounts.services import (
    citizen_for_partner,
    partner_consent_confirm,
    partner_consent_request,
)
from daftar.api.auth import PartnerKey
from daftar.api.services import SIGNED_IN_CITIZENS, idempotency_known, idempotent
from daftar.cases import services
from daftar.cases.models import File
from daftar.cases.timeline import timeline_entries
from daftar.catalogue.api import partner_service
from daftar.catalogue.choices import Channel
from daftar.core.actors import Actor

files_router = Router(tags=["partner: files"], auth=PartnerKey("files"))


class CitizenIn(Schema):
    national_code: str = Field(
        ...,
        min_length=1,
        max_length=20,
        description="10 digits with a valid check digit; Persian or Arabic digits, spaces and "
        "dashes are accepted.",
    )
    mobile: str = Field(
        ...,
        min_length=1,
        max_length=20,
        description="The citizen's registered mobile, e.g. 0912… (a different one: 409).",
    )
    first_name: str = Field("", max_length=150)
    last_name: str = Field("", max_length=150)
    consent_code: str | None = Field(
        None,
        max_length=20,
        description="The code the citizen received by SMS after POST /consent-codes for this "
        "app and service. Apps granted the signed_in_citizens scope by a committee decision "
        "may leave it out for citizens with a verified account.",
    )


class ConsentCitizenIn(Schema):
    national_code: str = Field(..., min_length=1, max_length=20)
    mobile: str = Field(..., min_length=1, max_length=20)


class ConsentIn(Schema):
    service: str = Field(..., min_length=1, max_length=40)
    citizen: ConsentCitizenIn


class ConsentOut(Schema):
    service: str
    sent_to: str = Field(description="The mobile the code went to, masked.")
    expires_at: datetime.datetime


class FileIn(Schema):
    service: str = Field(..., min_length=1, max_length=40)
    citizen: CitizenIn
    data: dict
    submit: bool = Field(
        False,
        description="Submit at once (services without mandatory documents): the file is "
        "priced and billed, or the request fails and nothing is created.",
    )


class EventOut(Schema):
    at: datetime.datetime
    kind: str
    action: str
    to_state: str
    reason: str
    text_fa: str = Field(description="What happened, as the citizen's timeline says it")
    text_en: str
    by_fa: str = Field(description="Who did it: a person's name, the office, the treasury")
    by_en: str


class FileOut(Schema):
    tracking_code: str
    service: str
    status: str
    status_fa: str
    status_en: str
    amount: int
    submitted_at: datetime.datetime
    due_at: datetime.datetime | None
    closed: bool
    documents: list[str]
    timeline: list[EventOut]


def _file_out(file: File) -> dict:
    return {
        "tracking_code": file.tracking_code,
        "service": file.service.code,
        "status": file.state.code,
        "status_fa": file.state.name_fa,
        "status_en": file.state.name_en,
        "amount": file.amount,
        "submitted_at": file.submitted_at,
        "due_at": file.due_at,
        "closed": file.state.is_terminal,
        "documents": list(file.attachments.values_list("document", flat=True)),
        "timeline": _timeline_out(file),
    }


def _timeline_out(file: File) -> list[dict]:
    """The public timeline with its codes (for programs) and its sentences in both languages
    (for the people a partner app shows it to)."""
    events = list(file.events.filter(public=True).order_by("at", "pk"))
    with translation.override("fa"):
        persian = timeline_entries(file, events)
    with translation.override("en"):
        english = timeline_entries(file, events)
    return [
        {
            "at": e.at,
            "kind": e.kind,
            "action": e.action,
            "to_state": e.to_state,
            "reason": e.reason,
            "text_fa": fa.sentence,
            "text_en": en.sentence,
            "by_fa": fa.who,
            "by_en": en.who,
        }
        for e, fa, en in zip(events, persian, english, strict=True)
    ]


def _jsonable(body: dict) -> dict:
    return json.loads(json.dumps(body, default=str))


def _own_file(request, code: str) -> File:
    file = (
        File.objects.select_related("service", "state")
        .filter(tracking_code=code, partner=request.partner)
        .first()
    )
    if file is None:
        raise Http404
    return file


def _actor(request) -> Actor:
    return Actor.partner(request.partner)


@files_router.post(
    "/consent-codes",
    response={202: ConsentOut},
    summary="Ask the citizen's consent to one file: a code by SMS to their registered mobile",
)
def request_consent(request: HttpRequest, payload: ConsentIn):
    service = partner_service(payload.service)
    issued = partner_consent_request(
        actor=_actor(request),
        partner_id=request.partner.pk,
        partner_name=request.partner.name,
        national_code=payload.citizen.national_code,
        mobile=payload.citizen.mobile,
        service_code=service.code,
        service_title=service.title_fa,
    )
    return Status(
        202,
        {
            "service": service.code,
            "sent_to": issued.masked_mobile,
            "expires_at": issued.otp.expires_at,
        },
    )


@files_router.post(
    "/files",
    response={201: FileOut, 200: FileOut},
    summary="Open a file for a citizen (a draft, or submitted at once with submit: true)",
)
def create_file(request: HttpRequest, payload: FileIn):
    person = payload.citizen
    key = request.headers.get("Idempotency-Key")
    consent = None
    if person.consent_code and not idempotency_known(partner=request.partner, key=key):
        # Checked (and a wrong code counted) before the request's transaction; the file's
        # transaction then uses the code up.
        consent = partner_consent_confirm(
            partner_id=request.partner.pk,
            national_code=person.national_code,
            code=person.consent_code,
            service_code=payload.service,
        )

    def handler():
        service = partner_service(payload.service)
        citizen = citizen_for_partner(
            actor=_actor(request),
            partner_id=request.partner.pk,
            national_code=person.national_code,
            mobile=person.mobile,
            service_code=service.code,
            consent=consent,
            signed_in_scope=SIGNED_IN_CITIZENS in request.partner.scopes,
            first_name=person.first_name,
            last_name=person.last_name,
        )
        file = services.file_create(
            actor=_actor(request),
            service=service,
            channel=Channel.PARTNER,
            citizen=citizen,
            form_data=payload.data,
            partner=request.partner,
        )
        if payload.submit:
            file = services.file_submit(actor=_actor(request), file=file)
        return 201, _jsonable(_file_out(file))

    return Status(
        *idempotent(
            partner=request.partner,
            key=key,
            endpoint="POST /files",
            payload=payload.dict(),
            handler=handler,
        )
    )


@files_router.post(
    "/files/{code}/attachments",
    response={201: FileOut, 200: FileOut},
    summary="Add a document (multipart: document, file)",
)
def add_attachment(
    request: HttpRequest, code: str, document: Form[str], file: UploadedFile[NinjaUpload]
):
    own = _own_file(request, code)
    digest = hashlib.sha256(file.read()).hexdigest()
    file.seek(0)

    def handler():
        services.attachment_add(actor=_actor(request), file=own, document=document, upload=file)
        return 201, _jsonable(_file_out(own))

    return Status(
        *idempotent(
            partner=request.partner,
            key=request.headers.get("Idempotency-Key"),
            endpoint=f"POST /files/{code}/attachments",
            payload={"document": document, "sha256": digest},
            handler=handler,
        )
    )


@files_router.post(
    "/files/{code}/submit",
    response={200: FileOut},
    summary="Submit the file: priced by the tariff in force, then billed",
)
def submit_file(request: HttpRequest, code: str):
    own = _own_file(request, code)

    def handler():
        submitted = services.file_submit(actor=_actor(request), file=own)
        return 200, _jsonable(_file_out(submitted))

    return Status(
        *idempotent(
            partner=request.partner,
            key=request.headers.get("Idempotency-Key"),
            endpoint=f"POST /files/{code}/submit",
            payload={},
            handler=handler,
        )
    )


@files_router.get("/files/{code}", response=FileOut, summary="Status and public timeline")
def get_file(request: HttpRequest, code: str):
    return _file_out(_own_file(request, code))


class ActionIn(Schema):
    reason: str = ""


@files_router.post(
    "/files/{code}/actions/{action}",
    response={200: FileOut},
    summary="Take an action open to the citizen (cancel, resubmit)",
)
def take_action(request: HttpRequest, code: str, action: str, payload: ActionIn):
    own = _own_file(request, code)

    def handler():
        moved = services.file_apply_action(
            actor=_actor(request), file=own, action=action, reason=payload.reason
        )
        return 200, _jsonable(_file_out(moved))

    return Status(
        *idempotent(
            partner=request.partner,
            key=request.headers.get("Idempotency-Key"),
            endpoint=f"POST /files/{code}/actions/{action}",
            payload=payload.dict(),
            handler=handler,
        )
    )


class RatingIn(Schema):
    score: int = Field(..., ge=1, le=5)
    comment: str = ""


class RatingOut(Schema):
    tracking_code: str
    score: int
    callback: bool


@files_router.post(
    "/files/{code}/rating",
    response={201: RatingOut, 200: RatingOut},
    summary="The citizen's rating after closure (1–5)",
)
def rate_file(request: HttpRequest, code: str, payload: RatingIn):
    own = _own_file(request, code)

    def handler():
        rating = services.file_rate(
            actor=_actor(request), file=own, score=payload.score, comment=payload.comment
        )
        return 201, {
            "tracking_code": own.tracking_code,
            "score": rating.score,
            "callback": rating.score < 4,
        }

    return Status(
        *idempotent(
            partner=request.partner,
            key=request.headers.get("Idempotency-Key"),
            endpoint=f"POST /files/{code}/rating",
            payload=payload.dict(),
            handler=handler,
        )
    )
