"""Transparency pages: the public portal (no sign-in, Persian and English), read from the daily
aggregates only (`daftar.transparency.selectors.aggregates`), never from the files themselves.

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

import dataclasses
import datetime
from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from daftar.core import numbers
from daftar.core.errors import DaftarError
from daftar.core.forms import JalaliDateField, LocalisedErrorsForm
from daftar.core.jalali import to_jalali
from daftar.offices.selectors import district_list
from daftar.supervision.selectors import grading as grading_selectors
from daftar.transparency.selectors import aggregates as selectors

OPEN_DATA = "/open-data/"  # the open-data area's stable URLs: /open-data/<slug>.csv


def dataset_url(slug: str) -> str:
    """The CSV of an open dataset (slugs: files, sla, ratings, collections, offices, grades,
    complaints): the figures behind a chart, published by the open-data area."""
    return f"{OPEN_DATA}{slug}.csv"


# --- the filter --------------------------------------------------------------------------------

FILTER_FIELDS = ("start", "end", "district")
DISTRICTS = range(1, 23)  # Tehran's 22 municipal districts


class PortalFilterForm(LocalisedErrorsForm):
    """The period (Jalali dates) and the district; the selectors validate the combination."""

    start = JalaliDateField(label=gettext_lazy("From"), required=False)
    end = JalaliDateField(label=gettext_lazy("To"), required=False)
    district = forms.TypedChoiceField(
        label=gettext_lazy("District"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": gettext_lazy("Choose one of Tehran's 22 districts.")},
    )

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        names = {d.number: d.name for d in districts}
        self.fields["district"].choices = [("", _("The whole city"))] + [
            (number, names.get(number) or district_label(number)) for number in DISTRICTS
        ]


def district_label(number: int) -> str:
    """A district without a name in the registry: 'منطقه ۹' / 'District 9'."""
    return _("District %(number)s") % {
        "number": numbers.format_number(number, None, get_language())
    }


def _jalali_text(day: datetime.date) -> str:
    """A date for a query string: the Jalali date with ASCII digits, as the form reads it."""
    j = to_jalali(day)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"


def filter_query(f, **extra) -> str:
    """The query string that selects filter `f` (and `extra`), for links between pages."""
    query = {"start": _jalali_text(f.start), "end": _jalali_text(f.end)}
    if f.district:
        query["district"] = f.district
    query.update({k: v for k, v in extra.items() if v is not None})
    return urlencode(query)


def read_filter(request: HttpRequest, districts) -> tuple[PortalFilterForm, object, bool]:
    """(form, filter, fell_back): the filter the request asks for, or — when its input is not
    valid — the default one (the last twelve months, the whole city) with the errors shown."""
    asked = any(request.GET.get(name) for name in FILTER_FIELDS)
    form = PortalFilterForm(request.GET if asked else None, districts=districts)
    if asked and form.is_valid():
        data = form.cleaned_data
        try:
            return (
                form,
                selectors.portal_filter(data["start"], data["end"], data["district"]),
                False,
            )
        except DaftarError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.render())
    default = selectors.portal_filter()
    if not asked:
        form = PortalFilterForm(
            initial={"start": default.start, "end": default.end}, districts=districts
        )
    return form, default, asked


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


def _base_context(request: HttpRequest, active: str) -> tuple[dict, object]:
    districts = list(district_list())
    form, f, fell_back = read_filter(request, districts)
    district = next((d for d in districts if d.number == f.district), None)
    if f.district is not None:
        district_name = district.name if district else district_label(f.district)
    else:
        district_name = None
    return {
        "form": form,
        "f": f,
        "fell_back": fell_back,
        "district_name": district_name,
        "query": filter_query(f),
        "active": active,
        "districts": districts,
        "fresh_until": selectors.aggregates_fresh_until(),
        "open_data": OPEN_DATA,
    }, f


@login_not_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    context, f = _base_context(request, "overview")
    mix = selectors.service_mix(f)
    months = selectors.files_per_month(f)
    sla = selectors.sla_adherence(f)
    satisfaction = selectors.satisfaction(f)
    complaints = selectors.complaints_summary(f)
    collection_rows = selectors.collections(f)
    channels, collection_months = _collections_table(collection_rows)
    grade_period = grading_selectors.latest_graded_period()
    grades = grading_selectors.grade_distribution(grade_period) if grade_period else []
    departments = [row for row in sla if row.key != "total"]
    total = next((row for row in sla if row.key == "total"), None)
    context.update(
        {
            "mix": mix,
            "mix_total": sum(share.count for share in mix),
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
                "payments": sum(row.payments for row in collection_rows),
                "rials": sum(row.rials for row in collection_rows),
            },
            "collection_months": collection_months,
            "grade_period": grade_period,
            "grades": grades,
            "datasets": {
                slug: dataset_url(slug)
                for slug in ("files", "sla", "ratings", "collections", "grades", "complaints")
            },
            "charts": {
                "mix": chart(
                    "doughnut",
                    [share.label for share in mix],
                    [(_("Share of files"), [share.percent for share in mix])],
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
    context, f = _base_context(request, "services")
    by_department = selectors.completion_times_by_department(f)
    context.update(
        {
            "by_service": selectors.completion_times(f),
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


INDICATOR_LABELS = {
    "files": gettext_lazy("Files submitted"),
    "sla": gettext_lazy("Completed within the deadline"),
    "satisfaction": gettext_lazy("Average satisfaction (1 to 5)"),
    "availability": gettext_lazy("Terminal availability"),
    "offices_per_100k": gettext_lazy("Offices per 100,000 residents"),
}
PERCENT_INDICATORS = {"sla", "availability"}
# A sequential palette (light = low, dark = high) and the text colour each tile needs for
# a contrast of at least 4.5:1.
TILE_FILLS = ("#eff3ff", "#bdd7e7", "#6baed6", "#2171b5", "#08306b")
TILE_TEXT = ("#000000", "#000000", "#000000", "#ffffff", "#ffffff")
NO_DATA_FILL, NO_DATA_TEXT = "#f8f9fa", "#495057"
TILE = 64  # the pitch of the grid in SVG units; each tile leaves a 4-unit gutter
# Where each district's tile sits (column west → east, row north → south): roughly where the
# district lies in Tehran — a schematic, not a boundary map.
TILE_POSITIONS: dict[int, tuple[int, int]] = {
    22: (0, 0), 5: (1, 0), 2: (2, 0), 3: (3, 0), 1: (4, 0), 4: (5, 0),
    21: (0, 1), 9: (1, 1), 10: (2, 1), 6: (3, 1), 7: (4, 1), 8: (5, 1), 13: (6, 1),
    18: (0, 2), 17: (1, 2), 11: (2, 2), 12: (3, 2), 14: (4, 2), 15: (5, 2),
    19: (1, 3), 16: (2, 3), 20: (3, 3),
}  # fmt: skip


def format_indicator(indicator: str, value) -> str:
    """An indicator's value as the reader's language writes it ('—' for no data)."""
    if value is None:
        return "—"
    language = get_language()
    if indicator in PERCENT_INDICATORS:
        return numbers.format_percent(value, 1, language)
    if indicator == "files":
        return numbers.format_number(value, None, language)
    return numbers.format_number(value, 2, language)


def tile_classes(values: dict[int, object]) -> tuple[dict[int, int], list[tuple]]:
    """Each district's colour class (0…4, equal intervals between the lowest and the highest
    value; districts without data are left out) and the legend: (class, low, high)."""
    known = {number: Decimal(value) for number, value in values.items() if value is not None}
    if not known:
        return {}, []
    low, high = min(known.values()), max(known.values())
    steps = len(TILE_FILLS)
    if low == high:
        return dict.fromkeys(known, steps - 1), [(steps - 1, low, high)]
    width = (high - low) / steps
    classes = {n: min(int((v - low) / width), steps - 1) for n, v in known.items()}
    legend = [(i, low + width * i, low + width * (i + 1)) for i in range(steps)]
    return classes, legend


def _legend_bound(indicator: str, value: Decimal) -> str:
    """A class bound of the legend: counts of files to one decimal (a bound falls between
    whole counts), the other indicators as their values are written."""
    if indicator == "files":
        return numbers.format_number(value.quantize(Decimal("0.1")), 1, get_language())
    return format_indicator(indicator, value.quantize(Decimal("0.01")))


def tile_map(indicator: str, values: dict[int, object], districts, f) -> dict:
    """The tiles (position, colours, label, link) and legend of the schematic district map."""
    classes, legend = tile_classes(values)
    language = get_language()
    names = {d.number: d.name for d in districts}
    tiles = []
    for number, (column, row) in sorted(TILE_POSITIONS.items()):
        value = values.get(number)
        cls = classes.get(number)
        tiles.append(
            {
                "number": number,
                "label": numbers.format_number(number, None, language),
                "name": names.get(number) or district_label(number),
                "value": format_indicator(indicator, value),
                "x": column * TILE + 2,
                "y": row * TILE + 2,
                "cx": column * TILE + TILE // 2,
                "fill": NO_DATA_FILL if cls is None else TILE_FILLS[cls],
                "text": NO_DATA_TEXT if cls is None else TILE_TEXT[cls],
                "url": reverse("transparency:portal")
                + "?"
                + filter_query(dataclasses.replace(f, district=number)),
            }
        )
    return {
        "tiles": tiles,
        "size": TILE - 4,
        "width": 7 * TILE,
        "height": 4 * TILE,
        "legend": [
            (cls, _legend_bound(indicator, low), _legend_bound(indicator, high))
            for cls, low, high in legend
        ],
    }


@login_not_required
@require_GET
def districts(request: HttpRequest) -> HttpResponse:
    context, f = _base_context(request, "districts")
    indicator = request.GET.get("indicator") or "files"
    indicator_error = None
    if indicator not in INDICATOR_LABELS:
        indicator_error = _("There is no such indicator; the map shows files submitted.")
        indicator = "files"
    values = selectors.district_indicator(f, indicator)
    offices = selectors.offices_per_district()
    availability = selectors.terminal_availability(f)
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
            "datasets": {"offices": dataset_url("offices"), "files": dataset_url("files")},
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
