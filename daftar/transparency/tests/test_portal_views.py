"""The public transparency portal (issue 16, item 1): three pages anyone may open, read from the
daily aggregates only — never a query on the files table — in a constant number of queries,
with every chart beside a data table and a link to its dataset, Persian digits in Persian, and
a filter whose bad input is explained in the reader's language while the default figures are
shown."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from daftar.accounts.choices import Role
from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.core.homes import role_home
from daftar.core.jalali import to_jalali
from daftar.supervision.models import OfficeGrade
from daftar.supervision.services import grading
from daftar.supervision.tests.grading_fixtures import (
    after,
    formula_fixture,  # noqa: F401 - a fixture
    period_fixture,  # noqa: F401 - a fixture
    supervisor_actor,
)
from daftar.transparency.services.aggregates import aggregates_build
from daftar.transparency.views.aggregates.tilemap import TILE_POSITIONS, tile_classes
from tests.test_persian_digits import latin_digits_in_html

pytestmark = pytest.mark.django_db

PAGES = ("transparency:portal", "transparency:portal_services", "transparency:portal_districts")


def jalali(day: datetime.date) -> str:
    j = to_jalali(day)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"


def build() -> None:
    aggregates_build(actor=Actor.system("test"))


def paid_and_rejected(personas, catalogue, *, office=None):
    """A file paid by bank slip (a collection), then rejected by the reviewer (completed)."""
    from daftar.cases import services as cases
    from daftar.treasury import services as treasury

    file = open_file(personas, catalogue, office=office)
    treasury.payment_record_slip(
        actor=Actor.for_user(personas.treasury),
        file=file,
        bank_reference=f"S-{file.pk}",
        amount=file.amount,
    )
    cases.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="reject", reason="ناقص"
    )
    return file


@pytest.fixture(name="portal_world")
def portal_world_fixture(personas, catalogue, counter_ready):
    """A web file and two counter files at office T0101 (district 1), one of them paid and
    rejected, and the aggregates built."""
    from daftar.treasury.models import Account

    Account.objects.create(
        code="bank:treasury",
        name_fa="حساب خزانه واحد",
        name_en="Single treasury account",
        kind="bank",
        sheba="IR820540102680020817909002",
    )
    open_file(personas, catalogue)
    open_file(personas, catalogue, office=counter_ready)
    paid_and_rejected(personas, catalogue, office=counter_ready)
    build()
    return personas


def this_month() -> dict[str, str]:
    """The last thirty days up to today: the world's files are today's (the default period is
    the last twelve whole months, which ends before this month)."""
    today = timezone.localdate()
    return {"start": jalali(today - datetime.timedelta(days=30)), "end": jalali(today)}


def get(url: str, language: str = "fa", **query):
    """A signed-out visitor's GET, in `language` (chosen as the site's switch does: a cookie)."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url, this_month() | query)


def persian(message: str) -> str:
    with translation.override("fa"):
        text = gettext(message)
    assert text != message, f"no Persian for {message!r}"
    return text


# --- the pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_a_signed_out_visitor_opens_every_portal_page_in_persian(portal_world, name):
    response = get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="fa"' in html
    assert 'dir="rtl"' in html
    assert latin_digits_in_html(html) == []


@pytest.mark.parametrize("name", PAGES)
def test_every_portal_page_reads_in_english_too(portal_world, name):
    response = get(reverse(name), language="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Transparency" in html


def test_the_overview_shows_each_chart_with_its_table_and_its_dataset(portal_world):
    response = get(reverse("transparency:portal"))
    html = response.content.decode()
    for chart, table in (
        ("chart-mix", "table-mix"),
        ("chart-months", "table-months"),
        ("chart-sla", "table-sla"),
    ):
        assert f'data-chart="{chart}"' in html, chart
        assert f'id="{chart}" type="application/json"' in html, chart
        assert f'data-testid="{table}"' in html, table
    for slug in ("files", "sla", "ratings", "collections", "grades", "complaints"):
        assert f'href="/open-data/{slug}.csv"' in html, slug
    assert 'href="/open-data/"' in html
    assert "chartjs/chart.umd.min.js" in html
    assert "transparency/portal.js" in html
    assert "<caption>" in html
    assert 'scope="col"' in html
    assert 'scope="row"' in html


def test_the_service_mix_counts_files_beside_shares_that_add_up_to_100(portal_world, catalogue):
    open_file(portal_world, catalogue)
    open_file(portal_world, catalogue)  # five files: enough to be shown (selectors.public)
    build()
    response = get(reverse("transparency:portal"), language="en")
    mix = response.context["mix"]
    assert [(share.label, share.count) for share in mix] == [("Building permits", 5)]
    assert sum(share.percent for share in mix) == 100
    html = response.content.decode()
    assert 'data-testid="mix-percent-total">100.0%<' in html


def test_no_inline_script_runs_on_the_portal(portal_world):
    html = get(reverse("transparency:portal")).content.decode()
    for chunk in html.split("<script")[1:]:
        head = chunk.split(">", 1)[0]
        assert "src=" in head or 'type="application/json"' in head, head


def test_the_overview_shows_the_grades_of_the_latest_graded_period(portal_world, formula, period):
    last = grading.grading_period_open(
        actor=supervisor_actor(portal_world), starts_on=datetime.date(2025, 9, 23)
    )
    grading.grading_run(actor=supervisor_actor(portal_world), period=last, today=after(last))
    response = get(reverse("transparency:portal"))
    assert response.context["grade_period"] == last
    counts = {grade: n for grade, _label, n, _share in response.context["grades"]}
    assert sum(counts.values()) == OfficeGrade.objects.filter(period=last).count() > 0
    html = response.content.decode()
    assert 'data-testid="table-grades"' in html
    assert 'data-chart="chart-grades"' in html
    assert latin_digits_in_html(html) == []


def test_before_any_grading_the_overview_says_so_and_links_to_the_formula(portal_world):
    response = get(reverse("transparency:portal"), language="en")
    assert response.context["grade_period"] is None
    html = response.content.decode()
    assert "No period has been graded yet." in html
    assert f'href="{reverse("supervision:grading_formula")}"' in html


# --- the filter -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (0, -30, "The period starts after it ends: give its first day, then its last."),
        (-3, 3, "The period must end today or earlier: figures of the future do not exist yet."),
        (-3000, 0, "The period is too long: choose at most %(years)s years."),
    ],
)
def test_a_period_the_portal_cannot_show_is_explained_in_persian_with_the_defaults_shown(
    portal_world, start, end, message
):
    today = timezone.localdate()
    response = get(
        reverse("transparency:portal"),
        start=jalali(today + datetime.timedelta(days=start)),
        end=jalali(today + datetime.timedelta(days=end)),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert persian(message).split("%(")[0] in html
    assert 'data-testid="filter-fallback"' in html
    default = response.context["f"]
    assert default.end - default.start > datetime.timedelta(days=300)
    assert default.district is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"district": "23"}, "یکی از ۲۲ منطقه"),
        ({"district": "یک"}, "یکی از ۲۲ منطقه"),
        ({"start": "1404/13/40"}, "تاریخ"),
        ({"start": "not a date"}, "تاریخ"),
    ],
)
def test_bad_filter_input_is_named_in_persian_and_changes_nothing(portal_world, query, message):
    response = get(reverse("transparency:portal"), **query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'data-testid="filter-fallback"' in html
    assert response.context["f"].district is None
    assert latin_digits_in_html(html) == []


def test_half_a_period_asks_for_the_other_day_in_persian(portal_world):
    response = get(reverse("transparency:portal"), start="")
    html = response.content.decode()
    assert persian("Give both the first and the last day of the period.") in html
    assert 'data-testid="filter-fallback"' in html


def test_a_bad_filter_is_explained_in_english_to_an_english_reader(portal_world):
    response = get(reverse("transparency:portal"), language="en", district="99")
    assert "Choose one of Tehran&#x27;s 22 districts." in response.content.decode()


def test_a_district_filter_narrows_the_figures_and_links_keep_it(portal_world):
    response = get(reverse("transparency:portal"), district="6")
    assert response.status_code == 200
    assert response.context["f"].district == 6
    assert response.context["mix_total"] == 0  # the files were taken in district 1 or online
    assert "district=6" in response.context["query"]
    html = response.content.decode()
    assert f'href="{reverse("transparency:portal_districts")}?' in html
    assert "district=6" in html


def test_an_unknown_indicator_says_so_and_maps_files(portal_world):
    response = get(reverse("transparency:portal_districts"), indicator="crime")
    html = response.content.decode()
    assert 'data-testid="indicator-error"' in html
    assert response.context["indicator"] == "files"


# --- the tile map -----------------------------------------------------------------------------


def test_the_tile_map_places_22_districts_on_distinct_squares():
    assert sorted(TILE_POSITIONS) == list(range(1, 23))
    assert len(set(TILE_POSITIONS.values())) == 22


def test_tile_classes_split_the_range_in_five_and_leave_out_districts_without_data():
    classes, legend = tile_classes({1: 0, 2: 50, 3: 100, 4: None})
    assert classes == {1: 0, 2: 2, 3: 4}
    assert [cls for cls, _low, _high in legend] == [0, 1, 2, 3, 4]
    assert tile_classes({}) == ({}, [])
    assert tile_classes({5: 7, 6: 7})[0] == {5: 4, 6: 4}


@pytest.mark.parametrize(
    "indicator", ["files", "sla", "satisfaction", "availability", "offices_per_100k"]
)
def test_the_district_map_draws_every_indicator_as_linked_tiles_with_a_table(
    portal_world, indicator
):
    response = get(reverse("transparency:portal_districts"), indicator=indicator)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("data-district=") == 22
    assert 'data-testid="map-note"' in html
    assert 'data-testid="table-map"' in html
    tile = next(t for t in response.context["map"]["tiles"] if t["number"] == 1)
    assert tile["url"].startswith(reverse("transparency:portal") + "?")
    assert "district=1" in tile["url"]
    assert tile["label"] == "۱"
    assert latin_digits_in_html(html) == []


# --- cost: the aggregates only, a constant number of queries ----------------------------------


def _queries(url: str) -> list[str]:
    client = Client()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, HTTP_ACCEPT_LANGUAGE="fa").status_code == 200
    return [query["sql"] for query in context.captured_queries]


@pytest.mark.parametrize("name", PAGES)
def test_a_portal_page_reads_a_constant_number_of_queries_and_never_the_files(
    portal_world, personas, catalogue, name
):
    url = reverse(name)
    before = _queries(url)
    # More of everything: files online and at the counter, more paid and rejected.
    for _ in range(3):
        open_file(personas, catalogue)
    paid_and_rejected(personas, catalogue)
    paid_and_rejected(personas, catalogue, office=personas.office_a)
    build()
    after = _queries(url)
    assert len(after) == len(before), "\n".join(after)
    assert not [sql for sql in after if "cases_file" in sql]


# --- links into the portal --------------------------------------------------------------------


def test_the_menu_links_everyone_to_the_portal(portal_world):
    html = get(reverse("core:home")).content.decode()
    assert f'href="{reverse("transparency:portal")}"' in html


def test_the_council_home_has_a_tile_to_the_portal(portal_world):
    home = role_home(Role.COUNCIL_MEMBER, portal_world.council)
    assert reverse("transparency:portal") in home.links()


def test_the_office_page_shows_its_public_record_from_the_aggregates(portal_world):
    response = get(reverse("offices:detail", args=["T0101"]))
    html = response.content.decode()
    assert 'data-testid="transparency-record"' in html
    assert latin_digits_in_html(html) == []
