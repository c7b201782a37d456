"""Public pages: calls with their figures, and the published results files."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from daftar.licensing import permissions, ranking, selectors
from daftar.licensing.choices import CallStatus
from daftar.licensing.views.common import call_or_404


@login_not_required
@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    return render(request, "licensing/call_list.html", {"calls": selectors.call_list_public()})


@login_not_required
@require_GET
def call_detail(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    latest = selectors.publication_get(call)
    context = {
        "call": call,
        "figures": selectors.call_figures(call),
        "documents": call.required_documents.all(),
        "publications": selectors.publication_list(call),
        "latest": latest,
        "results": ranking.loads(latest.content)["results"] if latest else None,
        "parameters": call.parameters.as_dict(),
        "formula": ranking.FORMULA_TEXT,
        "can_apply": call.status == CallStatus.OPEN and permissions.can_apply(request.user),
        "is_staff": permissions.is_licensing_staff(request.user),
        "mine": selectors.application_of(request.user, call),
    }
    return render(request, "licensing/call_detail.html", context)


def _publication_or_404(request, code: str, number: int):
    call = call_or_404(request, code)
    publication = selectors.publication_get(call, number)
    if publication is None:
        raise Http404
    return call, publication


@login_not_required
@require_GET
def publication_json(request: HttpRequest, code: str, number: int) -> HttpResponse:
    call, publication = _publication_or_404(request, code, number)
    response = HttpResponse(publication.content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="call-{call.code}-results-{publication.number}.json"'
    )
    response["X-Content-SHA256"] = publication.sha256
    return response


@login_not_required
@require_GET
def publication_csv(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """The same ranking as a spreadsheet: one row per ranked or not-ranked candidate."""
    call, publication = _publication_or_404(request, code, number)
    document = ranking.loads(publication.content)
    parameters, quotas, candidates = ranking.read_inputs(document)
    outcome = ranking.compute(parameters, quotas, candidates)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "rank",
            "applicant_code",
            "exam_score",
            "degree_level",
            "degree_points",
            "experience_years",
            "experience_points",
            "total",
            "preferences",
            "allocated_district",
        ]
    )
    rows = [(outcome.rank_of(code), code) for code in outcome.order]
    rows += [(None, code) for code in outcome.not_ranked]
    for rank, code in rows:
        scored = outcome.scored[code]
        c = scored.candidate
        writer.writerow(
            [
                rank or "",
                code,
                ranking.format_score(c.exam_score),
                c.degree_level,
                scored.degree_points,
                c.experience_years,
                scored.experience_points,
                ranking.format_total(scored.total),
                " ".join(str(d) for d in c.preferences),
                outcome.allocation.get(code) or "",
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="call-{call.code}-results-{publication.number}.csv"'
    )
    return response
