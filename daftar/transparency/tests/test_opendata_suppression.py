"""Small-cell suppression: counts of 1 to 4 and what derives from them are blank, and no blank
cell can be recovered by subtracting the published cells from a total published elsewhere."""

from __future__ import annotations

import datetime
import itertools
import random

import pytest

from daftar.transparency.selectors.opendata import dataset_table
from daftar.transparency.selectors.opendata.datasets import DATASETS
from daftar.transparency.selectors.opendata.suppression import THRESHOLD, suppress
from daftar.transparency.tests import test_opendata_world as world
from daftar.transparency.tests.test_opendata_world import YESTERDAY

city, open_data_dir = world.city, world.open_data_dir

DAY = datetime.date(2026, 5, 1)


def _rows(*values, column="n"):
    return [{"day": DAY, "area": area, column: value} for area, value in enumerate(values)]


def _blank_sets(rows, **spec):
    spec.setdefault("bases", {})
    spec.setdefault("margins", [("day",)])
    return suppress(rows, counts=spec.pop("counts", ("n",)), **spec)


def test_counts_from_1_to_4_are_blank_and_zero_and_5_are_published():
    rows = [{"day": DAY, "area": i, "n": n} for i, n in enumerate([0, 1, 4, 5, 40])]
    blank = suppress(rows, counts=("n",), bases={}, margins=[])
    assert [bool(cells) for cells in blank] == [False, True, True, False, False]


def test_a_lone_small_cell_in_a_group_gets_a_complement_so_the_total_does_not_reveal_it():
    # given one district with 2 files and others with 9 and 30: the day's total (41) is public
    blank = _blank_sets(_rows(2, 9, 30))
    # then the smallest other cell is blanked too: 41 − 30 = 11 is two cells, not one
    assert blank == [{"n"}, {"n"}, set()]


def test_two_small_cells_adding_to_less_than_5_get_a_third_complement():
    # 1 + 2 = 3 would tell that both are below 5; a third cell lifts the hidden sum to 5+
    blank = _blank_sets(_rows(1, 2, 6, 50))
    assert blank == [{"n"}, {"n"}, {"n"}, set()]


def test_a_group_with_enough_hidden_in_it_needs_no_complement():
    blank = _blank_sets(_rows(3, 4, 50))
    assert blank == [{"n"}, {"n"}, set()]


def test_a_zero_completes_a_group_only_when_no_other_cell_is_left():
    blank = _blank_sets(_rows(3, 0))
    assert blank == [{"n"}, {"n"}]


def test_a_cell_derived_from_a_small_count_is_blank_even_when_it_is_large():
    rows = [
        {"day": DAY, "area": 1, "payments": 3, "rials": 9_000_000},
        {"day": DAY, "area": 2, "payments": 2, "rials": 5_000_000},
        {"day": DAY, "area": 3, "payments": 80, "rials": 160_000_000},
    ]
    blank = suppress(rows, counts=("payments",), bases={"rials": ("payments",)}, margins=[("day",)])
    assert blank == [{"payments", "rials"}, {"payments", "rials"}, set()]


def test_the_parts_of_a_row_are_blank_together_so_the_whole_does_not_reveal_one():
    # completed 20 = 18 within the deadline + 2 after it: 2 is small, and 18 would reveal it
    rows = [{"day": DAY, "completed": 20, "within_sla": 18, "breached": 2}]
    blank = suppress(
        rows,
        counts=("completed", "within_sla", "breached"),
        bases={"within_sla": ("completed",), "breached": ("completed",)},
        margins=[],
        parts=[("within_sla", "breached")],
    )
    assert blank == [{"within_sla", "breached"}]


def _recoverable(rows, blank, column, margins):
    """Cells a reader could pin down from a margin's total and the published cells: a lone
    blank cell, or blank cells adding up to less than 5. (A group blank throughout tells only
    its own total, which is the margin's to suppress when small.)"""
    found = []
    for margin in margins:
        groups = itertools.groupby(
            sorted(range(len(rows)), key=lambda i: tuple(rows[i][k] for k in margin)),
            key=lambda i: tuple(rows[i][k] for k in margin),
        )
        for _, grouped in groups:
            members = list(grouped)
            hidden = [i for i in members if column in blank[i]]
            if len(hidden) == len(members):
                continue
            if len(hidden) == 1:
                found.append(hidden[0])
            if len(hidden) >= 2 and 0 < sum(rows[i][column] for i in hidden) < THRESHOLD:
                found.extend(hidden)
    return found


def test_on_a_random_city_no_blank_cell_is_alone_or_below_5_in_any_margin():
    randomness = random.Random(16)
    rows = [
        {"day": day, "service": service, "district": district, "channel": channel, "n": n}
        for day in range(3)
        for service in "abcd"
        for district in range(1, 8)
        for channel in ("office", "web")
        if (n := randomness.choice([0, 1, 2, 3, 4, 5, 7, 12, 30]))
    ]
    margins = [
        ("day",),
        ("day", "service"),
        ("day", "district"),
        ("day", "channel"),
        ("day", "service", "district"),
    ]
    blank = suppress(rows, counts=("n",), bases={}, margins=margins)
    assert all("n" in blank[i] for i, row in enumerate(rows) if 0 < row["n"] < THRESHOLD)
    assert _recoverable(rows, blank, "n", margins) == []
    # and suppression does not blank the whole city: big cells mostly stay
    shown = [row for i, row in enumerate(rows) if not blank[i] and row["n"] >= 12]
    assert len(shown) > len([row for row in rows if row["n"] >= 12]) / 2


@pytest.mark.django_db
def test_every_suppressing_dataset_blanks_the_small_cells_of_real_aggregates(city):
    # given a day with a small and a large cell per dataset
    city.files(YESTERDAY, city.permit, city.north, submitted=2, completed=3, breached=1)
    city.files(YESTERDAY, city.permit, city.south, submitted=40, completed=20, breached=2)
    city.files(YESTERDAY, city.parking, None, submitted=9, ratings=3, rating_5=3, rating_sum=15)
    city.collected(YESTERDAY, "pos", city.north, payments=2, rials=4_400_000)
    city.collected(YESTERDAY, "pos", city.south, payments=60, rials=132_000_000)
    # when the tables are built
    files = dataset_table(DATASETS["files"], YESTERDAY)
    by_district = {
        row["district"]: blank for row, blank in zip(files.rows, files.blank, strict=True)
    }
    # then the small cells and their complements are blank
    assert by_district[3] >= {"submitted", "completed", "within_sla", "breached"}
    assert {"within_sla", "breached"} <= by_district[16]  # 2 breached of 20: the part is small
    collections = dataset_table(DATASETS["collections"], YESTERDAY)
    assert collections.blank[0] == {"payments", "rials"}  # 2 payments
    assert collections.blank[1] == {"payments", "rials"}  # its complement in the day's total
    ratings = dataset_table(DATASETS["ratings"], YESTERDAY)
    assert {"ratings", "rating_5", "rating_sum"} <= ratings.blank[0]
