"""Supervision pages: the council's overview (read-only: council, auditors, the unit, the
committee) — one half-year's inspections, findings, complaints, sanctions and grades."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.views.decorators.http import require_GET

from daftar.core.viewglue import require
from daftar.supervision import permissions
from daftar.supervision.selectors.overview import (
    half_year_of,
    half_year_parse,
    supervision_overview,
)


def _list_url(name: str, **query) -> str | None:
    """The list behind a number, filtered; None while that list does not exist (each area
    names its own lists: inspections, findings, complaints and grades)."""
    try:
        url = reverse(name)
    except NoReverseMatch:
        return None
    query = {k: v for k, v in query.items() if v}
    return f"{url}?{urlencode(query)}" if query else url


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    require(permissions.can_read_all(request.user))
    period = half_year_parse(request.GET.get("half", "")) or half_year_of()
    data = supervision_overview(period)
    previous = half_year_of(period.starts_on - datetime.timedelta(days=1))
    sanctions_url = _list_url("supervision:sanctions")
    return render(
        request,
        "supervision/overview/overview.html",
        {
            "o": data,
            "period": period,
            "previous": previous,
            "current": half_year_of(),
            "sanction_rows": [
                {
                    "kind": kind,
                    "total": total,
                    "url": _list_url("supervision:sanctions", kind=kind.value),
                    "cells": [
                        {
                            "status": status,
                            "count": count,
                            "url": _list_url(
                                "supervision:sanctions", kind=kind.value, status=status.value
                            ),
                        }
                        for status, count in cells
                    ],
                }
                for kind, cells, total in data.sanctions
            ],
            "sanctions_url": sanctions_url,
            "inspections_url": _list_url("supervision:inspections"),
            "findings_url": _list_url("supervision:findings"),
            "complaints_url": _list_url("supervision:complaints"),
            "grades_url": _list_url("supervision:grades"),
        },
    )


urlpatterns = [path("supervision/overview/", overview, name="overview")]
