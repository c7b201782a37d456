"""GeoReport v2's lists read a constant number of queries however many rows they return
(registered in tests/test_query_counts.py)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from daftar.core.actors import Actor
from daftar.open311.services import open311_service_define
from daftar.open311.tests.test_georeport import complaint_report, report


def _constant(fetch, grow):
    fetch()
    with CaptureQueriesContext(connection) as few:
        first = fetch()
    grow()
    with CaptureQueriesContext(connection) as more:
        second = fetch()
    assert len(more) == len(few), "\n".join(q["sql"] for q in more.captured_queries)
    return first, second


def test_the_service_list_has_a_constant_query_count(client, world):
    def grow():
        for n in range(3):
            open311_service_define(
                actor=Actor.system("test"),
                service_code=f"other-{n}",
                name_fa=f"شکایت {n}",
                name_en=f"Complaint {n}",
                complaint_category="other",
            )

    first, second = _constant(lambda: client.get("/open311/v2/services.json").json(), grow)
    assert len(second) == len(first) + 3


def test_the_request_list_has_a_constant_query_count(client, world):
    def grow():
        for _ in range(2):
            client.post("/open311/v2/requests.json", report(world))
            client.post("/open311/v2/requests.json", complaint_report(world))

    client.post("/open311/v2/requests.json", report(world))
    client.post("/open311/v2/requests.xml", complaint_report(world))
    for fmt in ("json", "xml"):
        url = f"/open311/v2/requests.{fmt}"
        first, second = _constant(lambda url=url: client.get(url).content.decode(), grow)
        assert second.count("service_request_id") == first.count("service_request_id") + 4 * (
            2 if fmt == "xml" else 1
        )
