"""The schematic tile map of Tehran's 22 districts: one square per district on a 7 × 4 grid,
placed roughly where the district lies, coloured by an indicator in five equal-interval
classes, drawn as SVG by the districts page's template (no script needed)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy

from daftar.core import numbers
from daftar.transparency.views.aggregates.filters import district_label, filter_query

INDICATOR_LABELS = {
    "files": gettext_lazy("Files submitted"),
    "sla": gettext_lazy("Completed within the deadline"),
    "satisfaction": gettext_lazy("Average satisfaction (1 to 5)"),
    "waiting": gettext_lazy("Called within 15 minutes at the office"),
    "availability": gettext_lazy("Terminal availability"),
    "offices_per_100k": gettext_lazy("Offices per 100,000 residents"),
}
PERCENT_INDICATORS = {"sla", "waiting", "availability"}
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
