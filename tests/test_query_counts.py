"""Every list page and list endpoint reads a constant number of queries, however many rows it
shows (STYLE habit 7).

Each test builds a few rows, counts the queries of one request, builds more rows, counts again
and asserts the two counts are equal and that the new rows are shown. `LIST_URLS` names every
list URL of the project with the test that proves its count: a test of this module (registered
with `@counts`) or an older test elsewhere that follows the same recipe. The list of list URLs
is kept honest from two sides: the access table (`tests/test_access.py`) makes every URL of the
project declare whether it is a list, and `test_every_list_url_has_a_query_count_test` fails
when a list has no count test or when an API operation named `list_*` is not declared a list.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from daftar.catalogue.models import Service

# URL name -> the test that proves its query count is constant ("module::function").
LIST_URLS: dict[str, str] = {
    "cases:inbox": "daftar.cases.tests.test_views::"
    "test_the_reviewer_inbox_is_sorted_by_deadline_with_a_constant_query_count",
    "governance:decisions": "daftar.governance.tests.test_views::"
    "test_the_decision_list_filters_by_year_and_type_with_a_constant_query_count",
    "offices:finder": "daftar.offices.tests.test_views::"
    "test_the_finder_query_count_does_not_grow_with_offices",
    "licensing:applications": "daftar.licensing.tests.test_views_staff::"
    "test_the_application_list_uses_a_constant_number_of_queries",
}


def counts(*url_names: str) -> Callable:
    """Register the decorated test as the query-count proof of `url_names`."""

    def register(test: Callable) -> Callable:
        for name in url_names:
            LIST_URLS[name] = f"{__name__}::{test.__name__}"
        return test

    return register


def assert_constant(fetch: Callable[[], object], grow: Callable[[], None]):
    """Fetch once to warm per-process caches, count one fetch, grow the rows, count again.
    Returns the two answers so the caller can assert the new rows are shown."""
    fetch()
    with CaptureQueriesContext(connection) as few:
        first = fetch()
    grow()
    with CaptureQueriesContext(connection) as more:
        second = fetch()
    assert len(more) == len(few), "\n".join(q["sql"] for q in more.captured_queries)
    return first, second


def _more_office_services(catalogue, n: int, *, start: int = 0) -> list[Service]:
    """`n` more services of the catalogue's domain, offered at offices and to partner apps,
    each with a field, a document and a tariff in force."""
    from daftar.cases.tests.fixtures import TARIFF_SPLITS
    from daftar.catalogue.models import FormField, RequiredDocument
    from daftar.catalogue.services import tariff_set

    made = []
    for i in range(start, start + n):
        service = Service.objects.create(
            code=f"bp-extra-{i}",
            title_fa=f"خدمت {i}",
            title_en=f"Service {i}",
            domain=catalogue.domain,
            department=catalogue.department,
            channel_office=True,
            channel_web=True,
            channel_partner=True,
            sla_days=5,
            workflow=catalogue.service.workflow,
        )
        FormField.objects.create(
            service=service, name="area_m2", label_fa="مساحت", label_en="Area", order=1
        )
        RequiredDocument.objects.create(
            service=service, code="deed", title_fa="سند", title_en="Deed", mandatory=True
        )
        tariff_set(
            actor="system:test",
            service=service,
            decision=catalogue.service.tariffs.first().decision,
            effective_from=datetime.date(2025, 3, 21),
            formula="1_000_000",
            splits=TARIFF_SPLITS,
        )
        made.append(service)
    return made


@counts("cases:counter")
def test_the_counter_lists_the_offices_services_with_a_constant_query_count(
    client, personas, catalogue, counter_ready
):
    """It once cost three queries per service (licence, certified staff, authorisation)."""
    client.force_login(personas.operator_a)
    first, second = assert_constant(
        lambda: client.get(reverse("cases:counter")).content.decode(),
        lambda: _more_office_services(catalogue, 10),
    )
    assert 'value="bp-file-open"' in first
    assert 'value="bp-extra-0"' not in first
    for i in range(10):
        assert f'value="bp-extra-{i}"' in second


def test_the_counter_offers_only_services_the_office_may_deliver(
    client, personas, catalogue, counter_ready
):
    from daftar.catalogue.models import ServiceDomain

    other_domain = ServiceDomain.objects.create(
        code="parking", name_fa="پارکینگ", name_en="Parking", department=catalogue.department
    )
    (extra,) = _more_office_services(catalogue, 1)
    extra.domain = other_domain  # no certified staff and no authorisation for this domain
    extra.save()
    client.force_login(personas.operator_a)
    page = client.get(reverse("cases:counter")).content.decode()
    assert 'value="bp-file-open"' in page
    assert 'value="bp-extra-0"' not in page


def _signed(partner_key):
    from daftar.api.testing import SignedClient

    return SignedClient(partner_key)


@pytest.fixture
def partner_key(trusted_partner):
    return trusted_partner()[1]


@counts("api:list_services")
def test_the_api_service_list_has_a_constant_query_count(catalogue, partner_key):
    """It once cost one query per service for the tariff in force."""
    signed = _signed(partner_key)
    first, second = assert_constant(
        lambda: signed.get("/api/v1/services").json(),
        lambda: _more_office_services(catalogue, 8),
    )
    assert [s["code"] for s in first] == ["bp-file-open"]
    assert len(second) == 9
    assert all(s["fee_formula"] for s in second)
    assert {s["fee_decision"] for s in second} == {first[0]["fee_decision"]}
