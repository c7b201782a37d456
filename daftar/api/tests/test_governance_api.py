"""The read-only JSON API for the bylaw and decisions, and the single error envelope."""

from __future__ import annotations

import datetime

import pytest

from daftar.core.actors import Actor
from daftar.governance import services
from daftar.governance.choices import DecisionKind, VoteChoice
from daftar.governance.tests.factories import VersionFactory, add_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted_decision(committee, in_force):
    article = in_force.articles.get(number=12)
    decision = services.decision_draft(
        actor=Actor.for_user(committee.secretary),
        kind=DecisionKind.TARIFF,
        subject="تعرفه",
        body="متن مصوبه",
        decided_on=datetime.date(2025, 12, 1),
        citations=[(article, None)],
    )
    for user in (committee.secretary, committee.planning):
        services.decision_cast_vote(
            actor=Actor.for_user(user), decision=decision, choice=VoteChoice.YES
        )
    return services.decision_close(actor=Actor.for_user(committee.secretary), decision=decision)


def test_versions_list_shows_only_adopted_text_to_the_public(client, in_force, bylaw):
    VersionFactory(bylaw=bylaw, number=8)
    data = client.get("/api/v1/bylaw/versions").json()
    assert [v["number"] for v in data] == [1]
    assert data[0]["status"] == "adopted"
    assert data[0]["council_session"] == 341


def test_a_version_comes_with_articles_notes_citations_and_citing_decisions(
    client, in_force, adopted_decision
):
    data = client.get("/api/v1/bylaw/versions/1").json()
    article = next(a for a in data["articles"] if a["number"] == 12)
    assert article["citation_fa"] == "ماده ۱۲، آیین‌نامه ساماندهی دفاتر، نسخه مصوب ۱۴۰۴/۰۸/۱۲"
    assert article["cited_by"] == [adopted_decision.number]
    seven = client.get("/api/v1/bylaw/versions/1/articles/7").json()
    assert [n["number"] for n in seven["notes"]] == [1, 2]


def test_decisions_are_listed_with_their_citations(client, adopted_decision):
    data = client.get("/api/v1/decisions?year=1404&kind=tariff").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["number"] == "1404/1"
    assert item["citations"][0]["article"] == 12
    detail = client.get("/api/v1/decisions/1404/1").json()
    assert detail["body"] == "متن مصوبه"


def test_a_draft_version_is_not_found_for_the_public_in_the_error_envelope(client, bylaw):
    draft = VersionFactory(bylaw=bylaw, number=8)
    add_article(draft, 1, "پیش‌نویس")
    response = client.get("/api/v1/bylaw/versions/8")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert error["message"]["en"] == "Not found."
    assert error["message"]["fa"]


def test_a_malformed_parameter_gets_a_422_naming_the_field(client, in_force):
    response = client.get("/api/v1/decisions?kind=bribe")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert error["field"] == "kind"
    assert "kind" in error["message"]["en"]


def test_the_openapi_document_is_served_and_lists_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/bylaw/versions" in schema["paths"]
    assert "/api/v1/decisions/{year}/{seq}" in schema["paths"]


def test_the_api_docs_load_nothing_from_a_cdn(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in html.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in html
