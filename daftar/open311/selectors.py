"""Reads of the Open311 app: the services listed, each one's attributes (from the catalogue
service's form, or the complaint's one question), the reports with their status as
GeoReport v2 says it (open/closed, notes, agency, dates), and the filters of `GET requests`.

Nothing here returns who reported: the GET side is public.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from daftar.catalogue.choices import FieldType
from daftar.catalogue.models import Service
from daftar.catalogue.selectors import service_with_form
from daftar.core.i18n import localised
from daftar.core.numbers import format_number, join_list, local_digits
from daftar.open311.choices import RequestStatus, Target
from daftar.open311.models import Open311Request, Open311Service
from daftar.supervision.choices import ComplaintCategory, ComplaintRuling, ComplaintStatus

DEFAULT_WINDOW = datetime.timedelta(days=90)  # GeoReport v2: the default date range
MAX_RESULTS = 1000  # GeoReport v2: at most 1000 requests per answer
CLOSED_COMPLAINT = (ComplaintStatus.RULED, ComplaintStatus.CLOSED)
# A complaint's event whose text is a code (shown in words elsewhere), not a note.
_COMPLAINT_CODED_EVENTS = ("ruled", "rated", "filed")

DATATYPES = {
    FieldType.TEXT: "string",
    FieldType.INTEGER: "number",
    FieldType.YEAR: "number",
    FieldType.DECIMAL: "number",
    FieldType.AREA: "number",
    FieldType.DATE: "string",
    FieldType.CHOICE: "singlevaluelist",
    FieldType.NATIONAL_CODE: "string",
    FieldType.POSTAL_CODE: "string",
}


def mapping_problems(service: Service) -> list[str]:
    """Why a catalogue service cannot take Open311 reports (empty when it can), in words.

    A report carries no documents (only a media_url), so a service with a mandatory document
    or a document field cannot be completed from one; and Open311 is a partner channel."""
    problems = []
    if not service.active:
        problems.append(str(_("the service is not offered")))
    if not service.channel_partner:
        problems.append(str(_("the service is not open to partner apps")))
    if any(d.mandatory for d in service.documents.all()):
        problems.append(str(_("the service needs a document")))
    if any(f.type == FieldType.FILE and f.required for f in service.fields.all()):
        problems.append(str(_("the service needs a document")))
    return list(dict.fromkeys(problems))


def open311_services() -> QuerySet[Open311Service]:
    return Open311Service.objects.filter(active=True).order_by("order", "service_code")


def open311_service_get(code: str) -> Open311Service | None:
    return (
        Open311Service.objects.filter(service_code=code, active=True)
        .select_related("catalogue_service")
        .first()
    )


# --- the catalogue team's page ----------------------------------------------------------------


def _for_administration() -> QuerySet[Open311Service]:
    reports = (
        Open311Request.objects.filter(service=OuterRef("pk"))
        .order_by()
        .values("service")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Open311Service.objects.select_related("catalogue_service")
        .prefetch_related("catalogue_service__fields", "catalogue_service__documents")
        .annotate(
            report_count=Coalesce(Subquery(reports, output_field=IntegerField()), 0),
        )
    )


def _described_target(service: Open311Service) -> Open311Service:
    """`target_label` (the catalogue service's title or the complaint category's label) and
    `problems` (why a file mapping takes no reports now; `problems_text` joined) on `service`."""
    if service.target == Target.FILE:
        service.target_label = service.catalogue_service.title
        service.problems = mapping_problems(service.catalogue_service)
    else:
        service.target_label = str(ComplaintCategory(service.complaint_category).label)
        service.problems = []
    service.problems_text = join_list(service.problems)
    return service


def open311_services_for_administration() -> list[Open311Service]:
    """Every Open311 service, listed or not, with what it maps to in words and how many reports
    came in (the catalogue team's list), in four queries whatever their number."""
    services = _for_administration().order_by("-active", "order", "service_code")
    return [_described_target(service) for service in services]


def open311_service_for_administration(code: str) -> Open311Service | None:
    service = _for_administration().filter(service_code=code).first()
    return _described_target(service) if service else None


def _datatype_description(field) -> str:
    kind = FieldType(field.type)
    # Numbers are filled in as the language writes them (Persian digits in Persian).
    if kind == FieldType.DATE:
        return _("A Solar Hijri date written YYYY/MM/DD, e.g. %(example)s.") % {
            "example": local_digits("1404/01/15")
        }
    if kind == FieldType.YEAR:
        return _("A Solar Hijri year, e.g. %(example)s.") % {
            "example": format_number(1404, grouping=False)
        }
    if kind == FieldType.NATIONAL_CODE:
        return _("A ten-digit national code.")
    if kind == FieldType.POSTAL_CODE:
        return _("A ten-digit postal code.")
    parts = []
    if field.min_value is not None:
        parts.append(
            _("at least %(n)s") % {"n": format_number(field.min_value.normalize(), grouping=False)}
        )
    if field.max_value is not None:
        parts.append(
            _("at most %(n)s") % {"n": format_number(field.max_value.normalize(), grouping=False)}
        )
    if field.max_length:
        parts.append(_("up to %(n)s characters") % {"n": format_number(field.max_length)})
    return join_list(parts)


def open311_attributes(service: Open311Service) -> list[dict]:
    """The `attributes` of GeoReport v2's service definition, in order from 1."""
    if service.target == Target.COMPLAINT:
        return [
            {
                "variable": True,
                "code": "office_code",
                "datatype": "string",
                "required": True,
                "datatype_description": _("The office's code, as on its sign and receipts."),
                "order": 1,
                "description": _("Which office is the complaint about?"),
                "values": [],
            }
        ]
    catalogue_service = service_with_form(service.catalogue_service.code)
    if catalogue_service is None:
        return []
    fields = [f for f in catalogue_service.fields.all() if f.type != FieldType.FILE]
    attributes = []
    for order, field in enumerate(fields, start=1):
        values = [
            {"key": str(choice["value"]), "name": localised(choice["label_fa"], choice["label_en"])}
            for choice in (field.choices or [])
        ]
        attributes.append(
            {
                "variable": True,
                "code": field.name,
                "datatype": DATATYPES.get(FieldType(field.type), "string"),
                "required": bool(field.required),
                "datatype_description": _datatype_description(field),
                "order": order,
                "description": field.label,
                "values": values if field.type == FieldType.CHOICE else [],
            }
        )
    return attributes


# --- requests ---------------------------------------------------------------------------------


def _requests() -> QuerySet[Open311Request]:
    return Open311Request.objects.select_related(
        "service",
        "file__state",
        "file__department",
        "complaint",
    ).prefetch_related("file__events", "complaint__events")


@dataclass(frozen=True)
class RequestFilters:
    ids: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    statuses: tuple[str, ...] = ()


def open311_requests(filters: RequestFilters) -> list[Open311Request]:
    """GET requests: by id (the other filters then ignored, as the specification says), or by
    service, date range (the last 90 days when none is given) and status; newest first, 1000
    at most."""
    requests = _requests()
    if filters.ids:
        return list(requests.filter(service_request_id__in=filters.ids)[:MAX_RESULTS])
    if filters.service_codes:
        requests = requests.filter(service__service_code__in=filters.service_codes)
    end = filters.end
    start = filters.start
    if start is None and end is None:
        start = timezone.now() - DEFAULT_WINDOW
    if start is not None:
        requests = requests.filter(requested_at__gte=start)
    if end is not None:
        requests = requests.filter(requested_at__lte=end)
    statuses = set(filters.statuses)
    if statuses == {RequestStatus.CLOSED}:
        requests = requests.filter(_closed())
    elif statuses == {RequestStatus.OPEN}:
        requests = requests.exclude(_closed())
    return list(requests.order_by("-requested_at", "-pk")[:MAX_RESULTS])


def _closed() -> Q:
    return Q(file__state__is_terminal=True) | Q(complaint__status__in=CLOSED_COMPLAINT)


def open311_request_get(service_request_id: str) -> Open311Request | None:
    return _requests().filter(service_request_id=service_request_id).first()


def open311_request_by_token(token: str) -> Open311Request | None:
    return Open311Request.objects.filter(token=token).first()


# --- status flowing back ----------------------------------------------------------------------


@dataclass(frozen=True)
class RequestState:
    status: str
    status_notes: str
    agency_responsible: str
    updated_at: datetime.datetime
    expected_at: datetime.datetime | None


def _latest(events, *, skip_kinds=()):
    public = [e for e in events if e.public and e.kind not in skip_kinds]
    return max(public, key=lambda e: (e.at, e.pk), default=None)


def open311_request_state(request: Open311Request) -> RequestState:
    """Where the file or complaint stands, from what `_requests` read (no further query)."""
    if request.file_id:
        file = request.file
        events = list(file.events.all())
        noted = _latest([e for e in events if e.reason.strip()])
        state_name = localised(file.state.name_fa, file.state.name_en)
        department = file.department
        return RequestState(
            status=RequestStatus.CLOSED if file.state.is_terminal else RequestStatus.OPEN,
            status_notes=noted.reason.strip() if noted else state_name,
            agency_responsible=localised(department.name_fa, department.name_en)
            if department
            else "",
            updated_at=file.updated_at,
            expected_at=file.due_at,
        )
    complaint = request.complaint
    events = list(complaint.events.all())
    noted = _latest([e for e in events if e.text.strip()], skip_kinds=_COMPLAINT_CODED_EVENTS)
    last = _latest(events)
    notes = str(ComplaintStatus(complaint.status).label)
    if complaint.ruling:
        notes = f"{notes}: {ComplaintRuling(complaint.ruling).label}"
    if noted is not None and (last is None or noted.pk == last.pk):
        notes = noted.text.strip()
    return RequestState(
        status=RequestStatus.CLOSED if complaint.status in CLOSED_COMPLAINT else RequestStatus.OPEN,
        status_notes=notes,
        agency_responsible=_("Supervision unit of the electronic city-services offices"),
        updated_at=last.at if last else complaint.received_at,
        expected_at=None if complaint.status in CLOSED_COMPLAINT else complaint.due_at,
    )
