"""Transparency pages: the public portal (no sign-in, Persian and English), read from the daily
aggregates only (`daftar.transparency.selectors.aggregates`), never from the files themselves,
through `selectors.public`, which blanks the counts of fewer than 5 citizens as the open data does.

- /transparency/ — the overview: the service mix, files per month, SLA adherence,
  satisfaction, complaints, grades of offices, collections, with a filter (Jalali period,
  district);
- /transparency/services/ — time to completion per service and per department;
- /transparency/districts/ — a schematic tile map of the 22 districts coloured by a chosen
  indicator, offices against population and terminal availability per district.

Every chart is drawn by the vendored Chart.js from figures passed with `json_script` (the
site's CSP forbids inline scripts) and always has a data table beside it and a link to the
open dataset behind it.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from daftar.core import numbers
from daftar.offices.selectors import district_list
from daftar.supervision.selectors import grading as grading_selectors
from daftar.transparency.selectors import public
from daftar.transparency.selectors.aggregates import PortalFilter
from daftar.transparency.selectors.waiting import WAIT_TARGET_MINUTES
from daftar.transparency.views.aggregates.filters import (
    district_label,
    filter_query,
    read_filter,
)
from daftar.transparency.views.aggregates.tilemap import INDICATOR_LABELS, tile_map

OPEN_DATA = "/open-data/"  # the open-data area's stable URLs: /open-data/<slug>.csv


def dataset_url(slug: str) -> str:
    """The CSV of an open dataset (slugs: files, sla, ratings, collections, offices, grades,
    complaints): the figures behind a chart, published by the open-data area."""
    return f"{OPEN_DATA}{slug}.csv"


# --- charts ------------------------------------------------------------------------------------


def _plain(value) -> int | float | None:
    """A figure for the chart's JSON (the tables show the exact Decimal)."""
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def chart(kind: str, labels, series, *, percent: bool = False, stacked: bool = False) -> dict:
    """What portal.js draws: `series` is [(label, [values])]."""
    return {
        "type": kind,
        "labels": [str(label) for label in labels],
        "series": [
            {"label": str(label), "data": [_plain(v) for v in values]} for label, values in series
        ],
        "percent": percent,
        "stacked": stacked,
    }


def _collections_table(rows) -> tuple[list, list]:
    """Collections per month × channel as (channels [(key, label)], months [(label, [row or
    None per channel])]) for one table and one stacked chart."""
    channels: dict[str, str] = {}
    months: dict[tuple[int, int], tuple[str, dict]] = {}
    for row in rows:
        channels.setdefault(row.channel, row.channel_label)
        month = months.setdefault((row.year, row.month), (row.label, {}))
        month[1][row.channel] = row
    ordered = [
        (label, [cells.get(key) for key in channels])
        for label, cells in (months[key] for key in sorted(months))
    ]
    return list(channels.items()), ordered


# --- pages -------------------------------------------------------------------------------------


def _base_context(request: HttpRequest, active: str) -> tuple[dict, object, public.Figures]:
    figures = public.Figures()
    districts = list(district_list())
    form, f, fell_back = read_filter(request, districts)
    district = next((d for d in districts if d.number == f.district), None)
    if f.district is not None:
        district_name = district.name if district else district_label(f.district)
    else:
        district_name = None
    return (
        {
            "form": form,
            "f": f,
            "fell_back": fell_back,
            "district_name": district_name,
            "query": filter_query(f),
            "active": active,
            "districts": districts,
            "fresh_until": figures.fresh_until,
            "open_data": OPEN_DATA,
        },
        f,
        figures,
    )


@login_not_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    context, f, figures = _base_context(request, "overview")
    mix = figures.service_mix(f)
    months = figures.files_per_month(f)
    departments, total = figures.sla_adherence(f)
    satisfaction = figures.satisfaction(f)
    complaints = figures.complaints_summary(f)
    collected = figures.collections(f)
    waiting, waiting_total = figures.waiting_per_month(f)
    collection_rows = collected.rows
    channels, collection_months = _collections_table(collection_rows)
    grade_period = grading_selectors.latest_graded_period()
    grades = grading_selectors.grade_distribution(grade_period) if grade_period else []
    context.update(
        {
            "mix": mix.shares,
            "mix_total": mix.total,
            "mix_percent_total": mix.percent_total,
            "months": months,
            "sla_departments": departments,
            "sla_total": total,
            "services_url": reverse("transparency:portal_services") + "?" + context["query"],
            "grading_url": reverse("supervision:grading_formula"),
            "satisfaction": satisfaction,
            "stars": [(score, satisfaction.distribution.get(score, 0)) for score in range(1, 6)],
            "complaints": complaints,
            "collection_rows": collection_rows,
            "collections_total": {
                "payments": collected.payments,
                "rials": collected.rials,
            },
            "collection_months": collection_months,
            "grade_period": grade_period,
            "grades": grades,
            "waiting": waiting,
            "waiting_total": waiting_total,
            "wait_target": WAIT_TARGET_MINUTES,
            "districts_waiting_url": reverse("transparency:portal_districts")
            + "?"
            + filter_query(f, indicator="waiting"),
            "datasets": {
                slug: dataset_url(slug)
                for slug in (
                    "files",
                    "sla",
                    "ratings",
                    "collections",
                    "grades",
                    "complaints",
                    "waiting",
                )
            },
            "charts": {
                "mix": chart(
                    "doughnut",
                    [share.label for share in mix.shares],
                    [(_("Share of files"), [share.percent for share in mix.shares])],
                    percent=True,
                ),
                "months": chart(
                    "bar",
                    [row.label for row in months],
                    [
                        (_("Files submitted"), [row.submitted for row in months]),
                        (_("Files completed"), [row.completed for row in months]),
                    ],
                ),
                "sla": chart(
                    "bar",
                    [row.label for row in departments],
                    [(_("Completed within the deadline"), [row.percent for row in departments])],
                    percent=True,
                ),
                "satisfaction": chart(
                    "bar",
                    [numbers.format_number(score, None, get_language()) for score in range(1, 6)],
                    [
                        (
                            _("Ratings"),
                            [satisfaction.distribution.get(score, 0) for score in range(1, 6)],
                        )
                    ],
                ),
                "waiting": chart(
                    "bar",
                    [row.label for row in waiting],
                    [
                        (_("Median wait (min)"), [r.median_wait for r in waiting]),
                        (_("90th percentile wait (min)"), [r.p90_wait for r in waiting]),
                    ],
                ),
                "complaints": chart(
                    "bar",
                    [row.label for row in complaints],
                    [
                        (_("Received"), [row.received for row in complaints]),
                        (_("Upheld"), [row.upheld for row in complaints]),
                    ],
                ),
                "collections": chart(
                    "bar",
                    [label for label, _cells in collection_months],
                    [
                        (
                            channel_label,
                            [
                                cells[index].rials if cells[index] else 0
                                for _label, cells in collection_months
                            ],
                        )
                        for index, (_key, channel_label) in enumerate(channels)
                    ],
                    stacked=True,
                ),
                "grades": chart(
                    "bar",
                    [label for _grade, label, _n, _p in grades],
                    [(_("Offices"), [n for _grade, _label, n, _p in grades])],
                ),
            },
        }
    )
    return render(request, "transparency/portal/overview.html", context)


@login_not_required
@require_GET
def services(request: HttpRequest) -> HttpResponse:
    context, f, figures = _base_context(request, "services")
    by_department = figures.completion_times_by_department(f)
    context.update(
        {
            "by_service": figures.completion_times(f),
            "by_department": by_department,
            "dataset": dataset_url("sla"),
            "charts": {
                "departments": chart(
                    "bar",
                    [row.label for row in by_department],
                    [
                        (_("Median (days)"), [row.median_days for row in by_department]),
                        (_("90th percentile (days)"), [row.p90_days for row in by_department]),
                    ],
                )
            },
        }
    )
    return render(request, "transparency/portal/services.html", context)


@login_not_required
@require_GET
def districts(request: HttpRequest) -> HttpResponse:
    context, f, figures = _base_context(request, "districts")
    indicator = request.GET.get("indicator") or "files"
    indicator_error = None
    if indicator not in INDICATOR_LABELS:
        indicator_error = _("There is no such indicator; the map shows files submitted.")
        indicator = "files"
    values = figures.district_indicator(f, indicator)
    offices = figures.offices_per_district()
    availability = figures.terminal_availability(f)
    # every district is compared whatever the filter's district: one answer per period
    waiting, waiting_total = figures.waiting_by_district(PortalFilter(f.start, f.end, None))
    context.update(
        {
            "indicator": indicator,
            "indicator_label": INDICATOR_LABELS[indicator],
            "indicator_error": indicator_error,
            "indicators": [
                (key, label, "?" + filter_query(f, indicator=key))
                for key, label in INDICATOR_LABELS.items()
            ],
            "map": tile_map(indicator, values, context["districts"], f),
            "offices": offices,
            "availability": availability,
            "waiting": waiting,
            "waiting_total": waiting_total,
            "wait_target": WAIT_TARGET_MINUTES,
            "datasets": {
                "offices": dataset_url("offices"),
                "files": dataset_url("files"),
                "waiting": dataset_url("waiting"),
            },
            "charts": {
                "offices": chart(
                    "bar",
                    [row.name for row in offices],
                    [(_("Offices per 100,000 residents"), [row.per_100k for row in offices])],
                ),
            },
        }
    )
    return render(request, "transparency/portal/districts.html", context)


urlpatterns = [
    path("transparency/", overview, name="portal"),
    path("transparency/services/", services, name="portal_services"),
    path("transparency/districts/", districts, name="portal_districts"),
]
