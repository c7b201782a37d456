"""LookaheadPaginator: exact page counts near the page shown, "more than" beyond, every page
still reachable, and any page number a visitor types read safely."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from daftar.core.models import Holiday
from daftar.core.pagination import MAX_PAGE, LookaheadPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    first = datetime.date(2027, 1, 1)
    Holiday.objects.bulk_create(
        Holiday(date=first + datetime.timedelta(days=i), name_fa=f"روز {i}") for i in range(30)
    )
    return Holiday.objects.order_by("date")


def test_a_long_list_is_counted_only_a_few_pages_ahead(rows):
    paginator = LookaheadPaginator(rows, 2, asked="1", lookahead=3)
    page = paginator.get_page("1")
    assert paginator.count == 8  # four pages of two: the page asked for and three more
    assert paginator.more is True
    assert paginator.num_pages == 4
    assert [h.date.day for h in page] == [1, 2]
    assert page.has_next()


def test_the_horizon_moves_with_the_page_so_the_end_is_reachable(rows):
    paginator = LookaheadPaginator(rows, 2, asked="4", lookahead=3)
    page = paginator.get_page("4")
    assert page.number == 4
    assert page.has_next()
    assert paginator.more
    last = LookaheadPaginator(rows, 2, asked="15", lookahead=3)
    page = last.get_page("15")
    assert (last.count, last.more, last.num_pages) == (30, False, 15)
    assert page.number == 15
    assert not page.has_next()
    assert [h.date.day for h in page] == [29, 30]


def test_a_list_that_ends_exactly_at_the_horizon_is_exact(rows):
    paginator = LookaheadPaginator(rows[:8], 2, asked="1", lookahead=3)
    assert (paginator.count, paginator.more, paginator.num_pages) == (8, False, 4)


def test_the_count_reads_no_further_than_the_horizon(rows):
    paginator = LookaheadPaginator(rows, 2, asked="1", lookahead=3)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 8
    assert len(queries) == 1
    assert "LIMIT 9" in queries[0]["sql"]


@pytest.mark.parametrize(
    ("asked", "shown"),
    [(None, 1), ("", 1), ("abc", 1), ("1.5", 1), ("9" * 5000, 1), ("-3", 4), ("0", 4)],
)
def test_a_page_number_that_is_not_a_positive_whole_number_reads_as_page_one(rows, asked, shown):
    """Counted as from page 1; `get_page` shows page 1 for what is not a number and, as
    Django does, the last page counted for a number below 1."""
    paginator = LookaheadPaginator(rows, 2, asked=asked, lookahead=3)
    assert paginator.limit == 8
    assert paginator.get_page(asked).number == shown


def test_a_page_number_in_persian_digits_is_read_as_get_page_reads_it(rows):
    paginator = LookaheadPaginator(rows, 2, asked="۲", lookahead=3)
    assert paginator.limit == 10
    assert paginator.get_page("۲").number == 2


def test_a_huge_page_number_is_bounded_and_shows_the_last_page(rows):
    paginator = LookaheadPaginator(rows, 2, asked=str(10**30), lookahead=3)
    assert paginator.limit == (MAX_PAGE + 3) * 2
    page = paginator.get_page(str(10**30))
    assert page.number == 15
    assert not paginator.more


def test_a_plain_list_is_counted_too():
    paginator = LookaheadPaginator(list(range(50)), 10, asked=1, lookahead=1)
    assert (paginator.count, paginator.more, paginator.num_pages) == (20, True, 2)
