"""Read-only public JSON API for licensing calls (mounted at /api/v1/licensing).

Only public data: calls that have been opened, their quotas and figures, and the published
results files exactly as published (anonymised: applicant codes only).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.urls import reverse
from ninja import Path, Query, Router, Schema

from daftar.licensing import ranking, selectors
from daftar.licensing.models import Call

router = Router(tags=["licensing"])


class CallOut(Schema):
    code: str
    title: str
    title_en: str
    status: str
    decision: str | None
    registration_opens: datetime.date
    registration_closes: datetime.date
    review_until: datetime.date
    exam_on: datetime.date
    results_on: datetime.date
    objections_until: datetime.date
    url: str

    @staticmethod
    def resolve_decision(call: Call) -> str | None:
        return call.decision.number if call.decision_id else None

    @staticmethod
    def resolve_url(call: Call) -> str:
        return call.get_absolute_url()


class CallDocumentOut(Schema):
    """A document an applicant must (or may) upload to a call."""

    kind: str
    mandatory: bool


class PublicationOut(Schema):
    number: int
    published_at: datetime.datetime
    reason: str
    sha256: str
    url: str


class CallDetailOut(CallOut):
    people_per_office: int
    max_preferences: int
    applicant_min_age: int
    applicant_max_age: int
    degree_levels: list[str]
    degree_fields: list[str]
    tm_min_age: int
    tm_max_age: int
    tm_degree_fields: list[str]
    clean_record_required: bool
    formula: dict
    documents: list[CallDocumentOut]
    publications: list[PublicationOut]

    @staticmethod
    def resolve_formula(call: Call) -> dict:
        return {**ranking.FORMULA_TEXT, "parameters": call.parameters.as_dict()}

    @staticmethod
    def resolve_documents(call: Call) -> list[dict]:
        return [{"kind": d.kind, "mandatory": d.mandatory} for d in call.required_documents.all()]

    @staticmethod
    def resolve_publications(call: Call) -> list[dict]:
        return [
            {
                "number": p.number,
                "published_at": p.published_at,
                "reason": p.reason,
                "sha256": p.sha256,
                "url": reverse(
                    "licensing:publication_json", kwargs={"code": call.code, "number": p.number}
                ),
            }
            for p in selectors.publication_list(call).defer("content")
        ]


class QuotaOut(Schema):
    district: int
    name: str
    population: int | None
    active_offices: int
    proposed: int
    quota: int
    applicants_first_choice: int
    applicants_any_choice: int
    ranked: int
    cutoff: Decimal | None
    awarded: int


def _call(request, code: str) -> Call:
    call = selectors.call_get_for_user(request.user, code)
    if call is None:
        raise Http404
    return call


@router.get("/calls", response=list[CallOut], summary="Calls for new offices")
def list_calls(request):
    return list(selectors.call_list_public())


@router.get("/calls/{code}", response=CallDetailOut, summary="One call: rules, formula, files")
def get_call(request, code: str = Path(..., max_length=20)):
    return _call(request, code)


@router.get(
    "/calls/{code}/quotas",
    response=list[QuotaOut],
    summary="Quotas and public figures per district",
)
def get_quotas(request, code: str = Path(..., max_length=20)):
    figures = selectors.call_figures(_call(request, code))
    return [
        {"district": d.number, **{k: v for k, v in vars(d).items() if k != "number"}}
        for d in figures.districts
    ]


@router.get(
    "/calls/{code}/ranking",
    summary="The published results file (latest, or ?publication=N), byte for byte",
)
def get_ranking(
    request,
    code: str = Path(..., max_length=20),
    publication: int | None = Query(None, ge=1, le=1_000_000),
):
    found = selectors.publication_get(_call(request, code), publication)
    if found is None:
        raise Http404
    response = HttpResponse(found.content, content_type="application/json; charset=utf-8")
    response["X-Content-SHA256"] = found.sha256
    return response
