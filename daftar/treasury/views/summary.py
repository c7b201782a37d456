"""Overviews: the treasury officer's day, the summary for oversight (officers, the council,
auditors) by Jalali month, and the office manager's fee share statement."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from daftar.core.routers import replica_reads
from daftar.core.viewglue import require
from daftar.offices.context import actor_context
from daftar.offices.permissions import can_manage_office
from daftar.treasury import selectors
from daftar.treasury.permissions import can_read_treasury
from daftar.treasury.views.common import require_officer


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    require_officer(request)
    today = timezone.localdate()
    return render(
        request,
        "treasury/dashboard.html",
        {
            "today": today,
            "by_channel": selectors.collections_by_channel(today, today),
            "by_office": selectors.collections_by_office(today, today),
            "position": selectors.treasury_position(),
            "accounts": selectors.account_balances(),
            "days": selectors.reconciliation_days(14),
        },
    )


@require_GET
@replica_reads
def summary(request: HttpRequest) -> HttpResponse:
    require(can_read_treasury(request.user))
    return render(
        request,
        "treasury/summary.html",
        {
            "months": selectors.monthly_summary(),
            "position": selectors.treasury_position(),
            "refunds": selectors.refunds_summary(request.user),
            "settlements": selectors.settlements(request.user, 12),
        },
    )


@require_GET
def office_statement(request: HttpRequest) -> HttpResponse:
    office = actor_context(request).office
    require(office is not None and can_manage_office(request.user, office))
    return render(
        request,
        "treasury/office_statement.html",
        {"office": office, "statement": selectors.office_statement(office)},
    )
