"""The read-only public JSON API: calls, quotas and figures, the published ranking."""

from __future__ import annotations

import pytest

from daftar.licensing.tests import factories

pytestmark = pytest.mark.django_db


def test_calls_are_listed_without_drafts(client, open_call, committee):
    factories.draft_call(committee.secretary, code="1405-2")
    data = client.get("/api/v1/licensing/calls").json()
    assert [c["code"] for c in data] == ["1405-1"]
    assert data[0]["status"] == "open"
    assert client.get("/api/v1/licensing/calls/1405-2").status_code == 404


def test_a_call_comes_with_its_rules_formula_and_documents(client, open_call):
    data = client.get("/api/v1/licensing/calls/1405-1").json()
    assert data["applicant_min_age"] == 27
    assert data["formula"]["parameters"]["pass_mark"] == "50.00"
    assert data["formula"]["order"][0] == "total desc"
    assert {"kind": "identity", "mandatory": True} in data["documents"]
    assert data["publications"] == []


def test_quotas_and_figures_per_district(client, open_call):
    factories.apply(open_call, districts=[4, 2])
    data = client.get("/api/v1/licensing/calls/1405-1/quotas").json()
    district_4 = next(d for d in data if d["district"] == 4)
    assert district_4["quota"] == 2
    assert district_4["applicants_first_choice"] == 1
    assert district_4["population"] == 910_000


def test_the_ranking_is_the_published_file_byte_for_byte(client, open_call, committee, reviewer):
    _call, apps, publication = factories.published_call(
        open_call, committee, reviewer, [{"score": "70"}]
    )
    response = client.get("/api/v1/licensing/calls/1405-1/ranking")
    assert response.content.decode() == publication.content
    assert response.json()["results"]["order"][0]["code"] == apps[0].code
    assert client.get("/api/v1/licensing/calls/1405-1/ranking?publication=1").status_code == 200
    missing = client.get("/api/v1/licensing/calls/1405-1/ranking?publication=5")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
