"""Settlements of offices' fee shares — the period chosen, a preview of every office's line and
the totals, then the officer confirms — the settlement's page and bank file; penalties on
offices, which settlements deduct."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.viewglue import report_error, require
from daftar.treasury import selectors, services
from daftar.treasury.forms import PenaltyForm, SettlementForm
from daftar.treasury.views.common import amount, number, page_of, require_officer


@require_GET
def settlements(request: HttpRequest) -> HttpResponse:
    """The settlements so far, and the form that opens a period's preview."""
    require_officer(request)
    return render(
        request,
        "treasury/settlements.html",
        {
            "form": SettlementForm(),
            "page": page_of(request, selectors.settlements(request.user, limit=None)),
        },
    )


@require_http_methods(["GET", "POST"])
def settlement_preview(request: HttpRequest) -> HttpResponse:
    """GET: what settling the period would pay each office, nothing booked. POST (the same
    period, confirmed): settle it, once — a second confirmation finds the period settled."""
    require_officer(request)
    form = SettlementForm(request.POST if request.method == "POST" else (request.GET or None))
    plan = None
    if form.is_bound and form.is_valid():
        actor = Actor.for_user(request.user)
        try:
            if request.method == "POST":
                settlement = services.settlement_run(actor=actor, **form.cleaned_data)
            else:
                plan = services.settlement_preview(actor=actor, **form.cleaned_data)
        except DaftarError as error:
            report_error(form, error)
        else:
            if request.method == "POST":
                lines = selectors.settlement_lines(settlement)
                messages.success(
                    request,
                    _("The period is settled: %(offices)s offices, %(total)s paid out.")
                    % {
                        "offices": number(len(lines)),
                        "total": amount(sum(line.net for line in lines)),
                    },
                )
                return redirect("treasury:settlement", pk=settlement.pk)
    return render(
        request,
        "treasury/settlement_preview.html",
        {"form": form, "plan": plan},
    )


@require_GET
def settlement(request: HttpRequest, pk: int) -> HttpResponse:
    require_officer(request)
    found = selectors.settlement_get(request.user, pk)
    require(found is not None)
    if request.GET.get("download") == "bank":
        response = HttpResponse(services.settlement_bank_file(found), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="settlement-{found.pk}.csv"'
        return response
    lines = list(selectors.settlement_lines(found))
    return render(
        request,
        "treasury/settlement.html",
        {
            "settlement": found,
            "lines": lines,
            "totals": {
                key: sum(getattr(line, key) for line in lines)
                for key in ("payments", "fee_share", "refunds", "penalties", "net")
            },
        },
    )


@require_http_methods(["GET", "POST"])
def penalties(request: HttpRequest) -> HttpResponse:
    require_officer(request)
    form = PenaltyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            penalty = services.penalty_record(
                actor=Actor.for_user(request.user), **form.cleaned_data
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request,
                _("Penalty on office %(code)s recorded; the next settlements deduct it.")
                % {"code": penalty.office.code},
            )
            return redirect("treasury:penalties")
    return render(
        request,
        "treasury/penalties.html",
        {
            "form": form,
            "outstanding": page_of(request, selectors.penalties_outstanding(limit=None)),
            "deducted": page_of(
                request, selectors.penalties_deducted(limit=None), param="deducted"
            ),
            "totals": selectors.penalties_totals(),
        },
    )
