"""Ranking, publication, recomputation from the published file, objections and rulings."""

from __future__ import annotations

import datetime
import hashlib
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, transaction

from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.licensing import ranking, services
from daftar.licensing.choices import CallStatus, ObjectionStatus
from daftar.licensing.models import Publication
from daftar.licensing.tests import factories


@pytest.fixture(autouse=True)
def _english():
    """These tests read the English wording of messages (the Persian is in the catalogue)."""
    from django.utils import translation

    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db

PEOPLE = [
    {"score": "91", "districts": [4, 2], "degree_level": "master", "experience_years": 3},
    {"score": "88", "districts": [4], "experience_years": 12},
    {"score": "93", "districts": [1, 4]},
    {"score": "80", "districts": [4, 2]},
    {"score": "80", "districts": [2]},  # ties with the one before: the lower code first
    {"score": "45", "districts": [2]},  # below the pass mark
    {"score": "absent", "districts": [1]},
]


@pytest.fixture
def published(open_call, committee, reviewer):
    return factories.published_call(open_call, committee, reviewer, PEOPLE)


def test_publishing_ranks_by_the_formula_and_allocates_within_quotas(published):
    call, apps, publication = published
    document = ranking.loads(publication.content)
    results = document["results"]
    # totals: 91+5+3=99, 88+10=98, 93+4=97, 80+4=84, 80+4=84; quotas 1:1, 2:2, 4:2
    assert [row["code"] for row in results["order"]] == [a.code for a in apps[:5]]
    allocation = {row["code"]: row["allocated_district"] for row in results["order"]}
    assert allocation == {
        apps[0].code: 4,
        apps[1].code: 4,
        apps[2].code: 1,
        apps[3].code: 2,  # 4 is full; the second choice, 2, still has a place
        apps[4].code: 2,
    }
    assert results["not_ranked"] == [{"code": apps[5].code, "reason": "below_pass_mark"}]
    assert results["districts"]["4"]["cutoff"] == "98.0000"
    assert call.status == CallStatus.RESULTS_PUBLISHED
    assert publication.number == 1
    assert publication.sha256 == hashlib.sha256(publication.content.encode()).hexdigest()


def test_the_published_file_is_anonymised(published):
    _call, apps, publication = published
    for application in apps:
        assert application.national_code not in publication.content
        assert application.last_name not in publication.content
        assert application.tm_national_code not in publication.content
    candidate = json.loads(publication.content)["candidates"][0]
    assert set(candidate) == {
        "code",
        "exam_score",
        "degree_level",
        "experience_years",
        "preferences",
    }


def test_the_recompute_command_reproduces_the_published_ranking_exactly(
    published, tmp_path, capsys, django_assert_num_queries
):
    _call, _apps, publication = published
    path = tmp_path / "results.json"
    path.write_text(publication.content, encoding="utf-8")
    with django_assert_num_queries(0):  # the file alone, no database
        call_command("licensing_recompute", str(path))
    assert "Reproduced exactly" in capsys.readouterr().out


def test_the_recompute_command_reports_a_difference_when_a_score_is_altered(
    published, tmp_path, capsys
):
    _call, apps, publication = published
    document = json.loads(publication.content)
    for candidate in document["candidates"]:
        if candidate["code"] == apps[3].code:
            candidate["exam_score"] = "99.00"
    path = tmp_path / "altered.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("licensing_recompute", str(path))
    assert caught.value.returncode == 1
    out = capsys.readouterr().out
    assert "NOT reproduced" in out
    assert apps[3].code in out


def test_the_recompute_command_explains_a_file_it_cannot_read(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "something else"}')
    with pytest.raises(CommandError, match="not a valid results file"):
        call_command("licensing_recompute", str(path))


def test_published_results_can_never_be_altered_or_deleted(published):
    _call, _apps, publication = published
    with pytest.raises(DatabaseError), transaction.atomic():
        Publication.objects.filter(pk=publication.pk).update(content="{}")
    with pytest.raises(DatabaseError), transaction.atomic():
        Publication.objects.filter(pk=publication.pk).delete()


def test_an_applicant_objects_within_the_window(published):
    _call, apps, publication = published
    objection = services.objection_file(
        actor=Actor.for_user(apps[3].applicant),
        application=apps[3],
        text="نمره من اشتباه ثبت شده است.",
    )
    assert objection.publication == publication
    assert objection.status == ObjectionStatus.PENDING
    with pytest.raises(Conflict) as caught:
        services.objection_file(
            actor=Actor.for_user(apps[3].applicant), application=apps[3], text="دوباره"
        )
    assert caught.value.code == "duplicate_objection"


def test_an_objection_outside_the_window_is_refused(open_call, committee, reviewer):
    call, apps = factories.scored_call(open_call, committee, reviewer, [{"score": "70"}])
    with pytest.raises(Conflict) as caught:  # before any results are published
        services.objection_file(
            actor=Actor.for_user(apps[0].applicant), application=apps[0], text="x"
        )
    assert caught.value.code == "call_wrong_state"
    services.call_publish_results(actor=Actor.for_user(committee.secretary), call=call)
    call.refresh_from_db()
    late = call.objections_until + datetime.timedelta(days=1)
    with pytest.raises(Conflict) as caught:
        services.objection_file(
            actor=Actor.for_user(apps[0].applicant), application=apps[0], text="x", today=late
        )
    assert caught.value.code == "objection_window_closed"


def test_only_the_applicant_objects(published, personas):
    _call, apps, _publication = published
    with pytest.raises(Forbidden):
        services.objection_file(
            actor=Actor.for_user(personas.other_citizen), application=apps[0], text="x"
        )


def test_an_upheld_objection_with_a_corrected_score_reranks_and_republishes(
    published, committee, tmp_path
):
    _call, apps, first = published
    objection = services.objection_file(
        actor=Actor.for_user(apps[3].applicant),
        application=apps[3],
        text="برگه پاسخ دوباره خوانده شود.",
    )
    services.objection_rule(
        actor=Actor.for_user(committee.secretary),
        objection=objection,
        upheld=True,
        reason="برگه بازبینی شد؛ دو پاسخ درست شمرده نشده بود.",
        corrected_score="۹۹",
    )
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.UPHELD
    assert (objection.previous_score, objection.corrected_score) == (Decimal("80.00"), Decimal(99))
    second = objection.republished_as
    assert second.number == 2
    order = [row["code"] for row in ranking.loads(second.content)["results"]["order"]]
    assert order[0] == apps[3].code  # 99 + 4 years = 103
    assert ranking.verify(ranking.loads(second.content)) == []
    # the first publication is unchanged
    assert Publication.objects.get(pk=first.pk).content == first.content


def test_a_dismissed_objection_changes_no_score_and_needs_a_reason(published, committee):
    _call, apps, _publication = published
    objection = services.objection_file(
        actor=Actor.for_user(apps[1].applicant), application=apps[1], text="x"
    )
    with pytest.raises(InvalidInput) as caught:
        services.objection_rule(
            actor=Actor.for_user(committee.secretary), objection=objection, upheld=False, reason=""
        )
    assert caught.value.field == "reason"
    with pytest.raises(InvalidInput) as caught:
        services.objection_rule(
            actor=Actor.for_user(committee.secretary),
            objection=objection,
            upheld=False,
            reason="بی‌اساس",
            corrected_score="90",
        )
    assert caught.value.field == "corrected_score"
    services.objection_rule(
        actor=Actor.for_user(committee.secretary),
        objection=objection,
        upheld=False,
        reason="بی‌اساس",
    )
    apps[1].refresh_from_db()
    assert apps[1].exam_score == Decimal("88.00")
    assert Publication.objects.count() == 1
    with pytest.raises(Conflict):
        services.objection_rule(
            actor=Actor.for_user(committee.secretary), objection=objection, upheld=True, reason="x"
        )


def test_objections_close_only_after_the_window_and_every_ruling(published, committee):
    call, apps, _publication = published
    objection = services.objection_file(
        actor=Actor.for_user(apps[1].applicant), application=apps[1], text="x"
    )
    with pytest.raises(Conflict) as caught:
        services.call_close_objections(actor=Actor.for_user(committee.secretary), call=call)
    assert caught.value.code == "objections_still_open"
    with pytest.raises(Conflict) as caught:
        factories.close_objections(call, committee.secretary)
    assert caught.value.code == "objections_pending"
    services.objection_rule(
        actor=Actor.for_user(committee.secretary),
        objection=objection,
        upheld=False,
        reason="بی‌اساس",
    )
    factories.close_objections(call, committee.secretary)
    call.refresh_from_db()
    assert call.status == CallStatus.OBJECTIONS_CLOSED
