"""Page-number pagination with bounds: `page` and `page_size` are validated (422 naming the
field), so a page number too large for the database never reaches it; and, for pages, a
paginator that does not count a very long list to its end (`LookaheadPaginator`)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
        page_size: int | None = Field(
            None, ge=1, le=MAX_PAGE_SIZE, description="Items per page (default 50)."
        )

    def __init__(self, page_size: int = 50, **kwargs):
        super().__init__(page_size=page_size, max_page_size=MAX_PAGE_SIZE, **kwargs)


class LookaheadPaginator(Paginator):
    """A page of a list too long to count on every request: it counts the rows only as far as
    `lookahead` pages beyond the page asked for. Up to there the number of pages is exact;
    beyond, `more` is true and the page says "of more than N". A department's queue at a
    million files holds a hundred thousand; counting them all was the largest part of a
    reviewer's inbox page (B2, ADR 0037). The last pages stay reachable: each step forward
    moves the horizon with it.

    `asked` is the page number as given (the query string); anything but a positive whole
    number is page 1, as `get_page` reads it."""

    def __init__(self, object_list, per_page: int, *, asked: object, lookahead: int = 10):
        super().__init__(object_list, per_page)
        self.limit = self.horizon(asked, per_page, lookahead)
        self.more = False

    @staticmethod
    def horizon(asked: object, per_page: int, lookahead: int = 10) -> int:
        """How many rows the paginator reads at most, less one (the one that says "more"): a
        selector that builds the list in two steps reads no further (cases.selectors.inbox)."""
        try:
            number = int(str(asked))
        except ValueError:
            number = 1
        return (min(max(number, 1), MAX_PAGE) + lookahead) * per_page

    @cached_property
    def count(self) -> int:
        rows = self.object_list[: self.limit + 1]
        found = len(rows) if isinstance(rows, list | tuple) else rows.count()
        self.more = found > self.limit
        return min(found, self.limit)
