"""Partner API for the catalogue: the services partner apps may request, one service with its
form and documents, and a price quote (nothing stored). Mounted at /api/v1/."""

from django.utils import timezone
from ninja import Field, Router, Schema

from daftar.api.auth import PartnerKey
from daftar.catalogue.choices import Channel
from daftar.catalogue.schema import FormInvalid, clean_form
from daftar.catalogue.selectors import (
    price_quote,
    service_list,
    service_with_form,
    tariff_in_force,
    tariffs_in_force,
)
from daftar.core.errors import NotFound

router = Router(tags=["partner: catalogue"], auth=PartnerKey("catalogue"))

# Operation ids are published in the OpenAPI document partner apps generate clients from;
# they keep the names they had when these endpoints lived in daftar/cases/api.py.
_OPERATION_ID = "daftar_cases_api_{}".format


class FieldOut(Schema):
    name: str
    label_fa: str
    label_en: str
    type: str
    required: bool
    min_value: str | None = None
    max_value: str | None = None
    choices: list[dict]


class DocumentOut(Schema):
    code: str
    title_fa: str
    title_en: str
    mandatory: bool


class ServiceOut(Schema):
    code: str
    title_fa: str
    title_en: str
    domain: str
    department: str
    sla_days: int
    channels: list[str]
    fields: list[FieldOut]
    documents: list[DocumentOut]
    fee_formula: str | None
    fee_decision: str | None


def _service_out(service, tariff) -> dict:
    return {
        "code": service.code,
        "title_fa": service.title_fa,
        "title_en": service.title_en,
        "domain": service.domain.code,
        "department": service.department.code,
        "sla_days": service.sla_days,
        "channels": [c.value for c in Channel if service.allows(c)],
        "fields": [
            {
                "name": f.name,
                "label_fa": f.label_fa,
                "label_en": f.label_en,
                "type": f.type,
                "required": f.required,
                "min_value": str(f.min_value) if f.min_value is not None else None,
                "max_value": str(f.max_value) if f.max_value is not None else None,
                "choices": f.choices,
            }
            for f in service.fields.all()
        ],
        "documents": [
            {
                "code": d.code,
                "title_fa": d.title_fa,
                "title_en": d.title_en,
                "mandatory": d.mandatory,
            }
            for d in service.documents.all()
        ],
        "fee_formula": tariff.formula if tariff else None,
        "fee_decision": tariff.decision.number if tariff else None,
    }


def partner_service(code: str):
    """The service partner apps may request under `code` (with its form), or NotFound."""
    service = service_with_form(code)
    if service is None or not service.channel_partner:
        raise NotFound()
    return service


@router.get(
    "/services",
    response=list[ServiceOut],
    summary="Services partner apps may request",
    operation_id=_OPERATION_ID("list_services"),
)
def list_services(request):
    services_ = list(service_list(channel=Channel.PARTNER).prefetch_related("fields", "documents"))
    tariffs = tariffs_in_force(services_, timezone.localdate())
    return [_service_out(s, tariffs.get(s.pk)) for s in services_]


@router.get(
    "/services/{code}",
    response=ServiceOut,
    summary="One service",
    operation_id=_OPERATION_ID("get_service"),
)
def get_service(request, code: str):
    service = partner_service(code)
    return _service_out(service, tariff_in_force(service, timezone.localdate()))


class QuoteIn(Schema):
    service: str = Field(..., min_length=1, max_length=40)
    data: dict


class QuoteOut(Schema):
    amount: int
    parts: dict[str, int]
    tariff_version: int
    decision: str


@router.post(
    "/quote",
    response=QuoteOut,
    summary="Price a request (nothing stored)",
    operation_id=_OPERATION_ID("quote"),
)
def quote(request, payload: QuoteIn):
    service = partner_service(payload.service)
    cleaned, errors = clean_form(service.fields.all(), payload.data)
    if errors:
        raise FormInvalid(errors)
    result = price_quote(service, cleaned, channel=Channel.PARTNER, on=timezone.localdate())
    return {
        "amount": result.amount,
        "parts": result.parts,
        "tariff_version": result.tariff.version,
        "decision": result.tariff.decision.number,
    }
