"""GeoReport v2 at /open311/v2/: thin views that read the query or form, call one selector or
service, and answer in the format the path ends with (.json or .xml).

The API is authenticated by its `api_key` (a partner key with the open311 scope), never by a
session cookie, so POST is exempt from CSRF as the partner API is; GETs are public and carry no
personal data.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from daftar.api.services import partner_for_key
from daftar.core import ratelimit
from daftar.core.errors import DaftarError, Forbidden, NotFound, RateLimited
from daftar.core.numbers import format_message
from daftar.open311 import selectors
from daftar.open311.choices import RequestStatus
from daftar.open311.render import errors, respond, w3c
from daftar.open311.services import SCOPE, Report, open311_request_submit

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-03T00:00:00+03:30"
ATTRIBUTE = re.compile(r"^attribute\[([A-Za-z0-9_\-]{1,40})\]$")
MAX_IDS = 100


class _Refused(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def _status_of(error: DaftarError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Forbidden):
        return 403
    if isinstance(error, RateLimited):
        return 429
    return 400


def _described(error: DaftarError) -> str:
    text = error.render()
    field = getattr(error, "field", None)
    if field and not text.startswith(field) and field not in text:
        return f"{field}: {text}"
    return text


def _public_limit(request: HttpRequest) -> None:
    if not ratelimit.hit(
        f"open311:{ratelimit.client_ip(request)}",
        limit=settings.OPEN311_REQUESTS_PER_MINUTE,
        window_seconds=60,
    ):
        raise _Refused(429, str(_("Too many requests; wait a minute and try again.")))


def _check_jurisdiction(params) -> None:
    jurisdiction = params.get("jurisdiction_id", "").strip()
    if jurisdiction and jurisdiction != settings.OPEN311_JURISDICTION_ID:
        raise _Refused(
            404,
            str(_("jurisdiction_id %(given)s not found; this endpoint serves %(ours)s."))
            % {"given": jurisdiction, "ours": settings.OPEN311_JURISDICTION_ID},
        )


def _open311(view):
    """Public, GeoReport v2's error format for what goes wrong, the per-address limit."""

    def wrapped(request: HttpRequest, fmt: str, **kwargs) -> HttpResponse:
        try:
            _public_limit(request)
            _check_jurisdiction(request.GET if request.method == "GET" else request.POST)
            return view(request, fmt, **kwargs)
        except _Refused as refused:
            return errors(fmt, refused.status, refused.description)
        except DaftarError as error:
            return errors(fmt, _status_of(error), _described(error))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_not_required(wrapped)


@_open311
@require_GET
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/")
    return respond(
        fmt,
        "discovery",
        {
            "changeset": CHANGESET,
            "contact": settings.OPEN311_CONTACT,
            "key_service": settings.OPEN311_KEY_SERVICE,
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": base,
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )


def _service_out(service) -> dict:
    return {
        "service_code": service.service_code,
        "service_name": service.name,
        "description": service.description,
        "metadata": True,
        "type": "realtime",
        "keywords": service.keywords,
        "group": service.group,
    }


@_open311
@require_GET
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    return respond(fmt, "services", [_service_out(s) for s in selectors.open311_services()])


@_open311
@require_GET
def service_definition(request: HttpRequest, fmt: str, service_code: str) -> HttpResponse:
    service = selectors.open311_service_get(service_code)
    if service is None:
        raise _Refused(404, str(_("service_code %(code)s not found.")) % {"code": service_code})
    return respond(
        fmt,
        "service_definition",
        {"service_code": service.service_code, "attributes": selectors.open311_attributes(service)},
    )


def _request_out(request) -> dict:
    state = selectors.open311_request_state(request)
    return {
        "service_request_id": request.service_request_id,
        "status": str(state.status),
        "status_notes": state.status_notes,
        "service_name": request.service.name,
        "service_code": request.service.service_code,
        "description": request.description,
        "agency_responsible": state.agency_responsible,
        "service_notice": request.service.notice,
        "requested_datetime": w3c(request.requested_at),
        "updated_datetime": w3c(state.updated_at),
        "expected_datetime": w3c(state.expected_at),
        "address": request.address_string,
        "address_id": request.address_id,
        "zipcode": "",
        "lat": float(request.lat) if request.lat is not None else None,
        "long": float(request.long) if request.long is not None else None,
        "media_url": request.media_url,
    }


def _list(params, name: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in params.get(name, "").split(",") if part.strip())


def _date(params, name: str):
    if name not in params:
        return None
    text = params.get(name, "").strip()
    try:
        moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _Refused(
            400,
            str(_("%(name)s must be a W3C date and time with its offset, e.g. %(example)s."))
            % {"name": name, "example": "2026-12-01T00:00:00Z"},
        )
    return moment


def _filters(params) -> selectors.RequestFilters:
    ids = _list(params, "service_request_id")
    if len(ids) > MAX_IDS:
        raise _Refused(
            400, format_message(_("Ask for %(n)d service_request_id at most."), {"n": MAX_IDS})
        )
    statuses = _list(params, "status")
    if set(statuses) - set(RequestStatus.values):
        raise _Refused(400, str(_("status must be open, closed, or both.")))
    start, end = _date(params, "start_date"), _date(params, "end_date")
    if start and end and start > end:
        raise _Refused(400, str(_("start_date is after end_date.")))
    return selectors.RequestFilters(
        ids=ids,
        service_codes=_list(params, "service_code"),
        start=start,
        end=end,
        statuses=statuses,
    )


def _api_key(key: str):
    partner = partner_for_key(key) if key else None
    if partner is None or SCOPE not in partner.scopes:
        raise _Refused(
            403,
            str(_("api_key is missing or not valid for Open311: ask FAVA for a key.")),
        )
    if not ratelimit.hit(
        f"partner:{partner.pk}", limit=partner.requests_per_minute, window_seconds=60
    ):
        raise _Refused(429, str(_("Too many requests; wait a minute and try again.")))
    return partner


def _post(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.POST
    partner = _api_key(params.get("api_key", ""))
    code = params.get("service_code", "").strip()
    if not code:
        raise _Refused(400, str(_("service_code was not provided.")))
    service = selectors.open311_service_get(code)
    if service is None:
        raise _Refused(400, str(_("service_code %(code)s not found.")) % {"code": code})
    attributes = {}
    for name in params:
        match = ATTRIBUTE.match(name)
        if match:
            attributes[match.group(1)] = ",".join(params.getlist(name))
        elif name.startswith("attribute["):
            raise _Refused(400, str(_("%(name)s is not a valid attribute name.")) % {"name": name})
    fields = (
        "lat", "long", "address_string", "address_id", "email", "device_id", "account_id",
        "first_name", "last_name", "phone", "description", "media_url",
    )  # fmt: skip
    report = Report(
        service_code=code,
        attributes=attributes,
        **{field: params.get(field, "") for field in fields},
    )
    made = open311_request_submit(partner=partner, service=service, report=report)
    answer = {
        "token": made.token,
        "service_request_id": made.service_request_id,
        "service_notice": service.notice,
        "account_id": None,
    }
    return respond(fmt, "service_requests", [answer], status=201)


@csrf_exempt
@_open311
@require_http_methods(["GET", "POST"])
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _post(request, fmt)
    found = selectors.open311_requests(_filters(request.GET))
    return respond(fmt, "service_requests", [_request_out(r) for r in found])


@_open311
@require_GET
def request_detail(request: HttpRequest, fmt: str, service_request_id: str) -> HttpResponse:
    found = selectors.open311_request_get(service_request_id)
    if found is None:
        raise _Refused(
            404,
            str(_("service_request_id %(id)s not found.")) % {"id": service_request_id},
        )
    return respond(fmt, "service_requests", [_request_out(found)])


@_open311
@require_GET
def token(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    found = selectors.open311_request_by_token(token)
    if found is None:
        raise _Refused(404, str(_("token %(token)s not found.")) % {"token": token})
    return respond(
        fmt,
        "service_requests",
        [{"service_request_id": found.service_request_id, "token": found.token}],
    )
