"""The portal keeps the open data's small-cell rule (selectors.public): whatever period and
district it is asked for, it never shows a count of 1 to 4 citizens, nor a figure computed from
one, nor a single blank cell that the table's total would give away."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from daftar.transparency.selectors import aggregates, public
from daftar.transparency.selectors.aggregates import PortalFilter, Share, SlaRow
from daftar.transparency.tests.test_portal_views import (
    get,
    portal_world_fixture,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.django_db

COUNT_FIELDS = {
    "count",
    "submitted",
    "completed",
    "within_sla",
    "ratings",
    "received",
    "upheld",
    "payments",
    "refunds",
    "callbacks",
}


def shares(*counts: int) -> list[Share]:
    return aggregates.shares([(f"d{n}", f"domain {n}", count) for n, count in enumerate(counts)])


# --- the rule on one table -----------------------------------------------------------------


def test_a_small_count_is_blank_with_its_share_and_a_complement():
    rows = public.blank_cells(
        shares(30, 3, 10, 12), counts=("count",), bases={"percent": ("count",)}
    )
    assert [row.count for row in rows] == [30, None, None, 12]
    assert [row.percent for row in rows][1:3] == [None, None]
    assert rows[0].percent == Decimal("54.5")  # the other shares are shown as computed


def test_two_small_counts_that_add_up_to_five_blank_nothing_more():
    rows = public.blank_cells(shares(30, 3, 2, 12), counts=("count",))
    assert [row.count for row in rows] == [30, None, None, 12]


def test_two_small_counts_below_five_take_a_third():
    rows = public.blank_cells(shares(30, 1, 2, 12), counts=("count",))
    assert [row.count for row in rows] == [30, None, None, None]


def test_a_table_of_large_counts_is_shown_whole():
    exact = shares(30, 5, 10)
    assert public.blank_cells(exact, counts=("count",), bases={"percent": ("count",)}) == exact


def test_a_department_with_two_late_files_hides_its_share_in_time():
    """within + late = completed: showing 98 of 100 in time would say that 2 were late."""
    rows = [
        SlaRow("a", "A", completed=100, within_sla=98, percent=Decimal("98.0")),
        SlaRow("b", "B", completed=50, within_sla=40, percent=Decimal("80.0")),
    ]
    blanked = public.blank_cells(
        rows,
        counts=("completed", "within_sla"),
        bases={"percent": ("completed", "within_sla", "late")},
        extra={"late": public._late},
        parts=[("within_sla", "late")],
    )
    assert blanked[0].within_sla is None
    assert blanked[0].percent is None
    assert blanked[0].completed == 100
    # the total row publishes all files in time: B's count is blanked too, or 138 - 40 = 98
    assert blanked[1].within_sla is None
    assert blanked[1].completed == 50


def test_totals_below_five_are_blank_and_zero_is_a_count():
    assert public.shown(3) is None
    assert public.shown(0) == 0
    assert public.shown(5) == 5


def test_the_service_mix_blanks_a_small_domain_but_its_shares_still_add_up(monkeypatch):
    monkeypatch.setattr(aggregates, "service_mix", lambda f: shares(40, 4, 9))
    mix = public.service_mix(PortalFilter(datetime.date(2026, 1, 1), datetime.date(2026, 1, 1), 1))
    assert [share.count for share in mix.shares] == [40, None, None]
    assert mix.total == 53
    assert mix.percent_total == 100


def test_fewer_than_five_ratings_show_only_that_there_were_some(monkeypatch):
    exact = aggregates.Satisfaction(
        ratings=3, average=Decimal("4.33"), distribution={4: 2, 5: 1}, callbacks=1
    )
    monkeypatch.setattr(aggregates, "satisfaction", lambda f: exact)
    seen = public.satisfaction(None)
    assert seen.ratings is None
    assert seen.average is None
    assert seen.callbacks is None
    assert seen.any
    assert all(count in (None, 0) for count in seen.distribution.values())


def test_the_stars_of_many_ratings_blank_a_small_score_and_its_complement(monkeypatch):
    exact = aggregates.Satisfaction(
        ratings=40,
        average=Decimal("4.00"),
        distribution={1: 2, 2: 0, 3: 8, 4: 10, 5: 20},
        callbacks=6,
    )
    monkeypatch.setattr(aggregates, "satisfaction", lambda f: exact)
    seen = public.satisfaction(None)
    assert seen.ratings == 40
    assert seen.average == Decimal("4.00")
    assert seen.distribution == {1: None, 2: 0, 3: None, 4: 10, 5: 20}
    assert seen.callbacks == 6


# --- the pages -----------------------------------------------------------------------------


def _small_counts(value, path="") -> list[str]:
    """Every count field of 1 to 4 anywhere in a page's figures."""
    found = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            found += _small_counts(getattr(value, item.name), f"{path}.{item.name}")
            if item.name in COUNT_FIELDS and public.small(getattr(value, item.name)):
                found.append(f"{path}.{item.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            found += _small_counts(item, f"{path}[{key}]")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found += _small_counts(item, f"{path}[{index}]")
    return found


@pytest.mark.parametrize(
    "name", ["transparency:portal", "transparency:portal_services", "transparency:portal_districts"]
)
@pytest.mark.parametrize("district", [None, 1])
def test_no_portal_page_shows_a_count_of_fewer_than_five_citizens(portal_world, name, district):
    """The world has three files in district 1, today: asked for the last thirty days, the
    city or the district, the portal shows them only as blanks."""
    query = {"district": district} if district else {}
    response = get(reverse(name), **query)
    assert response.status_code == 200
    figures = {
        key: response.context[key]
        for key in (
            "mix",
            "mix_total",
            "months",
            "sla_departments",
            "sla_total",
            "satisfaction",
            "complaints",
            "collection_rows",
            "collections_total",
            "by_service",
            "by_department",
        )
        if key in response.context
    }
    assert _small_counts(figures) == []
    for key in ("mix_total",):
        if key in figures:
            assert figures[key] is None  # three files
    assert 'data-testid="small-cells"' in response.content.decode()


def test_the_map_blanks_a_district_of_two_files(portal_world):
    today = timezone.localdate()
    f = PortalFilter(today - datetime.timedelta(days=30), today, None)
    # the counter's two files (the web file belongs to no district); the exact figure is the
    # council's, the public sees a blank
    assert aggregates.district_indicator(f, "files")[1] == 2
    assert public.district_indicator(f, "files")[1] is None


def test_an_offices_public_record_blanks_its_small_months(portal_world, counter_ready):
    today = timezone.localdate()
    f = PortalFilter(today - datetime.timedelta(days=30), today, None)
    assert aggregates.office_record(counter_ready, f).submitted == 2
    seen = public.office_record(counter_ready, f)
    assert seen.submitted is None
    assert _small_counts(seen) == []


# --- answers cached until the next build ---------------------------------------------------


def test_a_page_asked_again_reads_only_which_build_the_tables_hold(portal_world, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from daftar.cases.tests.fixtures import open_file
    from daftar.transparency.tests.test_portal_views import build

    get(reverse("transparency:portal"))
    with CaptureQueriesContext(connection) as again:
        second = get(reverse("transparency:portal"))
    reads = [q["sql"] for q in again.captured_queries if "transparency_" in q["sql"]]
    assert len(reads) == 1, reads  # the last finished build: every figure from the cache
    assert "transparency_aggregatebuild" in reads[0]
    assert second.context["mix_total"] is None  # three files

    for _ in range(2):
        open_file(portal_world, catalogue)
    build()  # a new build: new answers, the old ones are never read again
    third = get(reverse("transparency:portal"))
    assert third.context["mix_total"] == 5


def test_before_any_build_nothing_is_cached(db):
    from daftar.transparency.selectors.public import Figures

    figures = Figures()
    assert figures.build is None
    assert figures.fresh_until is None
    assert figures.offices_per_district() == aggregates.offices_per_district()
    with pytest.raises(AttributeError):
        figures.no_such_figure  # noqa: B018 - the attribute's absence is the test


def test_after_a_build_the_default_pages_are_answered_from_the_cache(portal_world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from daftar.transparency.selectors.public import warm_default_pages

    computed = warm_default_pages(["fa"])
    assert computed == 10 * 23  # ten figures for the city and each of the 22 districts
    with CaptureQueriesContext(connection) as first_visit:
        response = Client().get(reverse("transparency:portal"), {"district": 1})
    assert response.status_code == 200
    reads = [q["sql"] for q in first_visit.captured_queries if "transparency_" in q["sql"]]
    assert len(reads) == 1, reads
