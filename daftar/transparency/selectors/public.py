"""The portal's figures as the public sees them: the aggregates' selectors with the open data's
small-cell rule applied (`opendata.suppression`), so that no period or district the portal is
asked for shows what the open datasets blank.

The portal answers any period and any district, down to a single day in a single district;
without this rule a one-day, one-district page would show the counts of 1 to 4 files that the
open data leaves blank, and subtracting one from the other would single out a citizen. So each
table is treated as the open data treats a margin: a count between 1 and 4 is blank (None), so is
every figure computed from it (a share, a median, an average, the rials of 3 payments), and
where a blank could be recovered from the table's published total a second cell is blanked
too (the suppression module's complementary rule). A table's total of 1 to 4 is blank as well:
a sum of blank cells below 5 is never shown. Figures about offices and districts rather than
citizens (terminal availability, offices per district, grades) are not counts of citizens and
are shown whole.

The council's report reads the exact selectors (`aggregates`): it is not public.

`Figures` is what a page asks: one per request, it reads which build the tables hold (one
query) and answers each figure from the cache, keyed by that build, the language and the
question, computing it on a miss. The tables change only when a build finishes, so an answer
is good until the next one; a new build is a new key, and the old answers simply expire.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from daftar.transparency.selectors import aggregates
from daftar.transparency.selectors import waiting as waiting_reads
from daftar.transparency.selectors.aggregates import (
    CollectionRow,
    ComplaintMonthRow,
    MonthRow,
    OfficeRecord,
    PortalFilter,
    Satisfaction,
    Share,
    SlaRow,
    TimeRow,
)
from daftar.transparency.selectors.opendata.suppression import THRESHOLD, suppress
from daftar.transparency.selectors.waiting import WaitRow

Row = TypeVar("Row")


def small(value: int | None) -> bool:
    """A count the portal does not show: between 1 and THRESHOLD - 1."""
    return value is not None and 0 < value < THRESHOLD


def shown(value: int | None) -> int | None:
    """A total as published: None when it is small."""
    return None if small(value) else value


def blank_cells(
    rows: Sequence[Row],
    *,
    counts: Iterable[str],
    bases: dict[str, tuple[str, ...]] | None = None,
    extra: dict[str, Callable] | None = None,
    parts: Iterable[tuple[str, ...]] = (),
) -> list[Row]:
    """`rows` (frozen dataclasses) with the cells the rule blanks set to None. All rows form
    one group (they add up to the table's total); `extra` names helper columns computed from a
    row (e.g. files completed late = completed - within the deadline) that take part in `parts`
    but are not fields of the row."""
    counts = tuple(counts)
    extra = extra or {}
    table = []
    for row in rows:
        cells = {field.name: getattr(row, field.name) for field in dataclasses.fields(row)}
        cells.update({name: compute(row) for name, compute in extra.items()})
        cells["__table"] = 0
        table.append(cells)
    blanks = suppress(
        table,
        counts=counts + tuple(extra),
        bases=bases or {},
        margins=[("__table",)],
        parts=parts,
    )
    return [
        dataclasses.replace(row, **{name: None for name in hidden if name not in extra})
        if hidden
        else row
        for row, hidden in zip(rows, blanks, strict=True)
    ]


# --- the overview --------------------------------------------------------------------------


@dataclass(frozen=True)
class Mix:
    shares: list[Share]
    total: int | None
    percent_total: Decimal


def service_mix(f: PortalFilter) -> Mix:
    """The service mix: a blank domain shows neither its count nor its share (a share times
    the total is the count); the shares shown and blank still add up to 100 %."""
    exact = aggregates.service_mix(f)
    total = sum(share.count for share in exact)
    public = blank_cells(exact, counts=("count",), bases={"percent": ("count",)})
    return Mix(public, shown(total), sum(share.percent for share in exact))


def files_per_month(f: PortalFilter) -> list[MonthRow]:
    return blank_cells(aggregates.files_per_month(f), counts=("submitted", "completed"))


def _late(row) -> int:
    return row.completed - row.within_sla


def sla_adherence(f: PortalFilter) -> tuple[list[SlaRow], SlaRow | None]:
    """Per department, and the total row: within + late = completed in every row (the late
    count is not shown, but subtracting would give it, so it takes part in the rule)."""
    rows = aggregates.sla_adherence(f)
    departments = [row for row in rows if row.key != "total"]
    total = next((row for row in rows if row.key == "total"), None)
    rule = {
        "counts": ("completed", "within_sla"),
        "bases": {"percent": ("completed", "within_sla", "late")},
        "extra": {"late": _late},
        "parts": [("within_sla", "late")],
    }
    departments = blank_cells(departments, **rule)
    if total is not None:
        total = blank_cells([total], **rule)[0]
    return departments, total


@dataclass(frozen=True)
class PublicSatisfaction:
    ratings: int | None
    average: Decimal | None
    distribution: dict[int, int | None]
    callbacks: int | None
    any: bool  # citizens rated files in the period (even if fewer than can be shown)


@dataclass(frozen=True)
class _Stars:
    ratings: int
    rating_1: int
    rating_2: int
    rating_3: int
    rating_4: int
    rating_5: int


def satisfaction(f: PortalFilter) -> PublicSatisfaction:
    """Fewer than 5 ratings: nothing but the fact that there were some; otherwise the average
    and the star counts, with the small ones (and their complements) blank."""
    exact: Satisfaction = aggregates.satisfaction(f)
    stars = _Stars(
        exact.ratings, *(exact.distribution.get(score, 0) for score in aggregates.SCORES)
    )
    scores = tuple(f"rating_{score}" for score in aggregates.SCORES)
    public = blank_cells([stars], counts=("ratings", *scores), parts=[scores])[0]
    return PublicSatisfaction(
        ratings=public.ratings,
        average=None if public.ratings is None else exact.average,
        distribution={score: getattr(public, f"rating_{score}") for score in aggregates.SCORES},
        callbacks=shown(exact.callbacks),
        any=exact.ratings > 0,
    )


def complaints_summary(f: PortalFilter) -> list[ComplaintMonthRow]:
    return blank_cells(aggregates.complaints_summary(f), counts=("received", "upheld"))


@dataclass(frozen=True)
class Collections:
    rows: list[CollectionRow]
    payments: int | None
    rials: int | None


def collections(f: PortalFilter) -> Collections:
    """Payments per month and channel: the rials of fewer than 5 payments are blank with them
    (and refunds likewise)."""
    exact = aggregates.collections(f)
    rows = blank_cells(
        exact,
        counts=("payments", "refunds"),
        bases={"rials": ("payments",), "refunded_rials": ("refunds",)},
    )
    payments = sum(row.payments for row in exact)
    return Collections(
        rows,
        shown(payments),
        None if small(payments) else sum(row.rials for row in exact),
    )


# --- times to completion -------------------------------------------------------------------


def _times(rows: list[TimeRow]) -> list[TimeRow]:
    return blank_cells(
        rows,
        counts=("completed",),
        bases={"median_days": ("completed",), "p90_days": ("completed",)},
    )


def completion_times(f: PortalFilter) -> list[TimeRow]:
    return _times(aggregates.completion_times(f))


def completion_times_by_department(f: PortalFilter) -> list[TimeRow]:
    return _times(aggregates.completion_times_by_department(f))


# --- the map -------------------------------------------------------------------------------

CITIZEN_INDICATORS = frozenset({"files", "sla", "satisfaction", "waiting"})


@dataclass(frozen=True)
class _DistrictCell:
    number: int
    value: Decimal | None
    base: int


def district_indicator(f: PortalFilter, indicator: str) -> dict[int, Decimal | None]:
    """The map's value per district; for the indicators counted from citizens' files (files,
    deadlines met, satisfaction) a district whose count is small is blank, with its
    complement among the districts."""
    figures = aggregates.district_figures(f, indicator)
    if indicator not in CITIZEN_INDICATORS:
        return {number: value for number, (value, _base) in figures.items()}
    cells = [_DistrictCell(number, value, base) for number, (value, base) in figures.items()]
    public = blank_cells(cells, counts=("base",), bases={"value": ("base",)})
    return {cell.number: cell.value for cell in public}


# --- waiting at the offices ----------------------------------------------------------------


def _late_calls(row: WaitRow) -> int:
    return row.called - row.within_target


WAIT_RULE = {
    "counts": ("called", "within_target", "served"),
    "bases": {
        "within_percent": ("called", "within_target", "late"),
        "median_wait": ("called",),
        "p90_wait": ("called",),
        "median_service": ("served",),
    },
    "extra": {"late": _late_calls},
    "parts": [("within_target", "late")],
}


def _waiting(rows: list[WaitRow], total: WaitRow) -> tuple[list[WaitRow], WaitRow]:
    """Rows of tickets: a count of 1 to 4 tickets called (or within the target, or after it, or
    served) is blank with the figures computed from it, and complements among the rows; the
    total row likewise."""
    return blank_cells(rows, **WAIT_RULE), blank_cells([total], **WAIT_RULE)[0]


def waiting_per_month(f: PortalFilter) -> tuple[list[WaitRow], WaitRow]:
    return _waiting(*waiting_reads.waiting_per_month(f))


def waiting_by_district(f: PortalFilter) -> tuple[list[WaitRow], WaitRow]:
    return _waiting(*waiting_reads.waiting_by_district(f))


def office_waiting(office, f: PortalFilter) -> tuple[list[WaitRow], WaitRow]:
    return _waiting(*waiting_reads.office_waiting(office, f))


# --- one office ----------------------------------------------------------------------------


def office_record(office, f: PortalFilter) -> OfficeRecord:
    """An office's months: files and ratings of fewer than 5 are blank, with their complements
    among the months; the totals likewise when small. Availability is about the office's
    terminals, not citizens, and is shown whole."""
    exact = aggregates.office_record(office, f)
    months = blank_cells(
        exact.months,
        counts=("submitted", "completed", "within_sla", "ratings"),
        bases={"average": ("ratings",)},
    )
    return dataclasses.replace(
        exact,
        months=months,
        submitted=shown(exact.submitted),
        completed=shown(exact.completed),
        within_sla=shown(exact.within_sla),
        sla_percent=None if small(exact.completed) else exact.sla_percent,
        ratings=shown(exact.ratings),
        average=None if small(exact.ratings) else exact.average,
    )


# --- one request's figures, from the cache until the next build ----------------------------

PUBLIC_FIGURES: dict[str, Callable] = {
    "service_mix": service_mix,
    "files_per_month": files_per_month,
    "sla_adherence": sla_adherence,
    "satisfaction": satisfaction,
    "complaints_summary": complaints_summary,
    "collections": collections,
    "completion_times": completion_times,
    "completion_times_by_department": completion_times_by_department,
    "district_indicator": district_indicator,
    "waiting_per_month": waiting_per_month,
    "waiting_by_district": waiting_by_district,
    "terminal_availability": aggregates.terminal_availability,
    "offices_per_district": lambda: aggregates.offices_per_district(),
}


class Figures:
    """The public figures one page shows: `Figures().service_mix(f)` and so on for every name in
    PUBLIC_FIGURES. Answers are cached (settings.PORTAL_CACHE_SECONDS) under the build the
    tables hold; before the first build nothing is cached."""

    def __init__(self):
        self.build = aggregates.last_finished_build()
        self.fresh_until = aggregates.fresh_until(self.build)

    def _key(self, name: str, args: tuple) -> str:
        build = f"{self.build.pk}:{self.build.finished_at.isoformat()}"
        question = f"{build}|{get_language()}|{name}|{args!r}"
        return "portal:" + hashlib.sha256(question.encode()).hexdigest()

    def __getattr__(self, name: str):
        compute = PUBLIC_FIGURES.get(name)
        if compute is None:
            raise AttributeError(name)

        def answer(*args):
            if self.build is None:
                return compute(*args)
            key = self._key(name, args)
            value = cache.get(key)
            if value is None:
                value = compute(*args)
                cache.set(key, value, settings.PORTAL_CACHE_SECONDS)
            return value

        return answer


def warm_default_pages(languages: Iterable[str] | None = None) -> int:
    """Answer the portal's default pages (the last twelve whole months, the city and each
    district) into the cache, so that the first visitor after a build is answered from it too;
    run after each build. How many figures were computed."""
    from django.utils import translation

    default = aggregates.portal_filter()
    filters = [default] + [
        PortalFilter(default.start, default.end, number) for number in aggregates.DISTRICTS
    ]
    computed = 0
    for language in languages or [code for code, _name in settings.LANGUAGES]:
        with translation.override(language):
            figures = Figures()
            if figures.build is None:
                return 0
            figures.offices_per_district()
            figures.district_indicator(default, "files")
            figures.waiting_by_district(default)
            for f in filters:
                for name in (
                    "service_mix",
                    "files_per_month",
                    "sla_adherence",
                    "satisfaction",
                    "complaints_summary",
                    "collections",
                    "completion_times",
                    "completion_times_by_department",
                    "terminal_availability",
                    "waiting_per_month",
                ):
                    getattr(figures, name)(f)
                    computed += 1
    return computed
