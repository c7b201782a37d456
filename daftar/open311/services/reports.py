"""Receiving a report, which becomes a file or a complaint through the owning app's service.

A report is one transaction: the file (created and submitted) or the complaint, and the
`Open311Request` that remembers the place and the token, commit together or not at all. The
file's SMS (status changes) and the complaint's SMS (received, ruled…) are the owning app's,
sent through the outbox on commit.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.accounts.services import citizen_for_partner
from daftar.api.services import SIGNED_IN_CITIZENS
from daftar.audit.services import audit_record, audited
from daftar.cases.services import file_create, file_submit
from daftar.catalogue.choices import Channel, FieldType
from daftar.catalogue.models import Service
from daftar.catalogue.selectors import service_with_form
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Forbidden, InvalidInput, NotFound
from daftar.offices.selectors import office_public_get
from daftar.open311.choices import Target
from daftar.open311.error_codes import Open311ErrorCode
from daftar.open311.models import Open311Request, Open311Service
from daftar.open311.selectors import mapping_problems
from daftar.supervision.choices import ComplaintChannel
from daftar.supervision.services.complaints import complaint_file

STREAM = "open311"
SCOPE = "open311"
# The one attribute a complaint service asks: which office the complaint is about.
OFFICE_ATTRIBUTE = "office_code"
DESCRIPTION_MAX_LENGTH = 4000


# --- reports ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """A POST requests.{format}, as the view read it (strings as sent; empty when absent)."""

    service_code: str
    attributes: dict[str, str]
    lat: str = ""
    long: str = ""
    address_string: str = ""
    address_id: str = ""
    email: str = ""
    device_id: str = ""
    account_id: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    description: str = ""
    media_url: str = ""


def _location(report: Report) -> tuple[Decimal | None, Decimal | None]:
    if report.lat or report.long:
        try:
            lat, long = Decimal(report.lat), Decimal(report.long)
        except (InvalidOperation, ValueError) as error:
            raise InvalidInput(
                _("lat and long must both be decimal degrees, e.g. lat=35.6997&long=51.3380."),
                code=Open311ErrorCode.REPORT_LOCATION_INVALID,
                field="lat",
            ) from error
        if not (lat.is_finite() and long.is_finite() and -90 <= lat <= 90 and -180 <= long <= 180):
            # The bounds are parameters, so a Persian description writes them in Persian digits.
            raise InvalidInput(
                _(
                    "lat must be between %(lat_min)s and %(lat_max)s and long between "
                    "%(long_min)s and %(long_max)s."
                ),
                code=Open311ErrorCode.REPORT_LOCATION_INVALID,
                field="lat",
                params={"lat_min": -90, "lat_max": 90, "long_min": -180, "long_max": 180},
            )
        return lat.quantize(Decimal("0.000001")), long.quantize(Decimal("0.000001"))
    if not (report.address_string.strip() or report.address_id.strip()):
        raise InvalidInput(
            _("Say where: send lat and long, or address_string, or address_id."),
            code=Open311ErrorCode.REPORT_LOCATION_INVALID,
            field="lat",
        )
    return None, None


def _text(value: str, *, field: str, limit: int) -> str:
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(
            _("%(field)s is longer than %(limit)d characters."),
            code=CoreErrorCode.TOO_LONG,
            field=field,
            params={"field": field, "limit": limit},
        )
    return value


def _media_url(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as error:
        raise InvalidInput(
            _("media_url must be an http or https address."),
            code=Open311ErrorCode.MEDIA_URL_INVALID,
            field="media_url",
        ) from error
    if len(value) > 500:
        raise InvalidInput(
            _("media_url is longer than %(limit)d characters."),
            code=CoreErrorCode.TOO_LONG,
            field="media_url",
            params={"limit": 500},
        )
    return value


def _attributes_for_file(service: Service, attributes: dict[str, str]) -> dict[str, str]:
    """The form data of the file, with each problem named by its Open311 attribute."""
    fields = [f for f in service.fields.all() if f.type != FieldType.FILE]
    known = {f.name for f in fields}
    for code in attributes:
        if code not in known:
            raise InvalidInput(
                _("attribute[%(code)s] is not an attribute of this service."),
                code=Open311ErrorCode.ATTRIBUTE_INVALID,
                field=f"attribute[{code}]",
                params={"code": code},
            )
    for field in fields:
        if field.required and not str(attributes.get(field.name, "")).strip():
            raise InvalidInput(
                _("attribute[%(code)s] is required (%(label)s)."),
                code=Open311ErrorCode.ATTRIBUTE_INVALID,
                field=f"attribute[{field.name}]",
                params={"code": field.name, "label": field.label},
            )
    return {name: value for name, value in attributes.items() if str(value).strip()}


def _file_from_report(*, actor: Actor, partner, service: Open311Service, report: Report):
    catalogue_service = service_with_form(service.catalogue_service.code)
    if catalogue_service is None or mapping_problems(catalogue_service):
        raise NotFound(
            _("service_code %(code)s is not offered any more."),
            code=Open311ErrorCode.SERVICE_CODE_UNKNOWN,
            field="service_code",
            params={"code": service.service_code},
        )
    form_data = _attributes_for_file(catalogue_service, report.attributes)
    # DESIGN C1/C5 and ADR 0006: a file is a verified citizen's. Open311 carries no proof of
    # identity, so only an app whose users sign in with the city's sign-in (the committee's
    # signed_in_citizens scope) may open one, naming the citizen by national code and mobile.
    if SIGNED_IN_CITIZENS not in partner.scopes:
        raise Forbidden(
            _(
                "This service opens a file for a signed-in citizen; this app has no "
                "signed_in_citizens scope. Report a complaint instead, or use the partner API "
                "with the citizen's consent."
            ),
            code=Open311ErrorCode.CITIZEN_REQUIRED,
        )
    if not report.account_id.strip() or not report.phone.strip():
        raise InvalidInput(
            _(
                "This service opens a file: send the citizen's national code as account_id and "
                "their registered mobile as phone."
            ),
            code=Open311ErrorCode.CITIZEN_REQUIRED,
            field="account_id",
        )
    citizen = citizen_for_partner(
        actor=actor,
        partner_id=partner.pk,
        national_code=report.account_id,
        mobile=report.phone,
        service_code=catalogue_service.code,
        signed_in_scope=True,
        first_name=report.first_name[:150],
        last_name=report.last_name[:150],
    )
    file = file_create(
        actor=actor,
        service=catalogue_service,
        channel=Channel.PARTNER,
        citizen=citizen,
        form_data=form_data,
        partner=partner,
    )
    return file_submit(actor=actor, file=file)


def _complaint_from_report(*, actor: Actor, service: Open311Service, report: Report, place: str):
    unknown = set(report.attributes) - {OFFICE_ATTRIBUTE}
    if unknown:
        code = sorted(unknown)[0]
        raise InvalidInput(
            _("attribute[%(code)s] is not an attribute of this service."),
            code=Open311ErrorCode.ATTRIBUTE_INVALID,
            field=f"attribute[{code}]",
            params={"code": code},
        )
    office_code = report.attributes.get(OFFICE_ATTRIBUTE, "").strip()
    if not office_code:
        raise InvalidInput(
            _("attribute[%(code)s] is required (%(label)s)."),
            code=Open311ErrorCode.ATTRIBUTE_INVALID,
            field=f"attribute[{OFFICE_ATTRIBUTE}]",
            params={"code": OFFICE_ATTRIBUTE, "label": _("the office's code")},
        )
    office = office_public_get(office_code)
    if office is None:
        raise InvalidInput(
            _("attribute[%(code)s]: no office has the code %(office)s."),
            code=Open311ErrorCode.ATTRIBUTE_INVALID,
            field=f"attribute[{OFFICE_ATTRIBUTE}]",
            params={"code": OFFICE_ATTRIBUTE, "office": office_code},
        )
    description = report.description.strip()
    if not description:
        raise InvalidInput(
            _("description is required: say what happened."),
            code=CoreErrorCode.REQUIRED,
            field="description",
        )
    if place:
        description = f"{description}\n\n{place}"
    # Open311 names nobody verifiably: the complaint is anonymous, and the phone (if any)
    # only receives the complaint's updates (supervision's rule decides if that is allowed).
    return complaint_file(
        actor=actor,
        channel=ComplaintChannel.OPEN311,
        category=service.complaint_category,
        description=description[:DESCRIPTION_MAX_LENGTH],
        anonymous=True,
        contact_mobile=report.phone.strip(),
        office=office,
    )


@audited
def open311_request_submit(*, partner, service: Open311Service, report: Report) -> Open311Request:
    """Receive one report from `partner` (an app holding the open311 scope): a file or a
    complaint, and the request that points at it, in one transaction."""
    if SCOPE not in partner.scopes or not partner.active:
        raise Forbidden(
            _("This api_key may not report to Open311."), code=Open311ErrorCode.API_KEY_INVALID
        )
    actor = Actor.partner(partner)
    lat, long = _location(report)
    address_string = _text(report.address_string, field="address_string", limit=250)
    address_id = _text(report.address_id, field="address_id", limit=64)
    device_id = _text(report.device_id, field="device_id", limit=64)
    description = _text(report.description, field="description", limit=DESCRIPTION_MAX_LENGTH)
    media_url = _media_url(report.media_url)
    file = complaint = None
    if service.target == Target.FILE:
        file = _file_from_report(actor=actor, partner=partner, service=service, report=report)
        request_id = file.tracking_code
    else:
        place = " ".join(
            part
            for part in (
                address_string,
                f"({lat}, {long})" if lat is not None else "",
                media_url,
            )
            if part
        )
        complaint = _complaint_from_report(actor=actor, service=service, report=report, place=place)
        request_id = complaint.tracking_code
    request = Open311Request.objects.create(
        token=secrets.token_hex(16),
        service=service,
        partner=partner,
        file=file,
        complaint=complaint,
        service_request_id=request_id,
        lat=lat,
        long=long,
        address_string=address_string,
        address_id=address_id,
        media_url=media_url,
        description=description,
        device_id=device_id,
        requested_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="open311.request_received",
        stream=STREAM,
        obj=request,
        summary=f"{service.service_code} → {service.target} {request_id}",
        after={"service_code": service.service_code, "target": str(service.target)},
    )
    return request
