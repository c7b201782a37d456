"""Exam scores: a CSV import that is all or nothing, with a report per bad row; single entry."""

from __future__ import annotations

from decimal import Decimal

import pytest

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.licensing import services
from daftar.licensing.choices import DocumentKind
from daftar.licensing.models import Application
from daftar.licensing.tests import factories


@pytest.fixture(autouse=True)
def _english():
    """These tests read the English wording of messages (the Persian is in the catalogue)."""
    from django.utils import translation

    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_call(open_call, committee, reviewer):
    """Three eligible applicants and one whose degree was rejected; registration closed."""
    eligible = []
    for _ in range(3):
        application = factories.apply(open_call)
        factories.accept_all(application, reviewer)
        eligible.append(application)
    rejected = factories.apply(open_call)
    services.document_review(
        actor=Actor.for_user(reviewer),
        document=rejected.documents.get(kind=DocumentKind.DEGREE),
        accepted=False,
        reason="جعلی",
    )
    services.document_review(
        actor=Actor.for_user(reviewer),
        document=rejected.documents.get(kind=DocumentKind.IDENTITY),
        accepted=True,
    )
    factories.close_registration(open_call, committee.secretary)
    open_call.refresh_from_db()
    return open_call, eligible, rejected


def _csv(*lines: str) -> bytes:
    return "\n".join(lines).encode()


def test_a_valid_file_imports_every_score_in_one_audited_step(closed_call, reviewer):
    call, (a, b, c), _rejected = closed_call
    count = services.scores_import(
        actor=Actor.for_user(reviewer),
        call=call,
        content=_csv(
            "applicant_code,score", f"{a.code},87.5", f"{b.code},۶۴٫۲۵", f"{c.code},absent"
        ),
    )
    assert count == 3
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert (a.exam_score, b.exam_score, c.exam_score, c.exam_absent) == (
        Decimal("87.50"),
        Decimal("64.25"),
        None,
        True,
    )
    assert AuditEntry.objects.filter(action="scores.imported").count() == 1


def test_a_file_with_bad_rows_imports_nothing_and_reports_each_line(closed_call, reviewer):
    call, (a, b, c), rejected = closed_call
    content = "\ufeff" + "\n".join(
        [
            "applicant_code,score",
            f"{a.code},90",  # fine
            f"{b.code},101",  # out of range
            "A1405-0999,50",  # unknown applicant
            f"{rejected.code},70",  # not eligible
            f"{a.code},80",  # a second time
            f"{c.code},",  # missing score
            f"{c.code},12.345",  # too precise
            f"{c.code},abc,x",  # three columns
        ]
    )
    with pytest.raises(services.ScoreImportRejected) as caught:
        services.scores_import(actor=Actor.for_user(reviewer), call=call, content=content.encode())
    errors = [(e.line, e.field, str(e.message)) for e in caught.value.errors]
    assert [(line, field) for line, field, _m in errors] == [
        (3, "score"),
        (4, "applicant_code"),
        (5, "applicant_code"),
        (6, "applicant_code"),
        (7, "score"),
        (8, "score"),
        (9, "row"),
    ]
    assert "from 0 to 100" in errors[0][2]
    assert "A1405-0999" in errors[1][2]
    assert "not eligible" in errors[2][2]
    assert "line 2" in errors[3][2]
    assert not Application.objects.filter(exam_score__isnull=False).exists()


def test_a_file_without_the_header_or_not_utf8_is_refused(closed_call, reviewer):
    call, (a, _b, _c), _r = closed_call
    with pytest.raises(services.ScoreImportRejected) as caught:
        services.scores_import(
            actor=Actor.for_user(reviewer), call=call, content=_csv(f"{a.code},90")
        )
    assert caught.value.errors[0].field == "header"
    with pytest.raises(InvalidInput) as caught:
        services.scores_import(
            actor=Actor.for_user(reviewer), call=call, content="code,نمره".encode("utf-16")
        )
    assert caught.value.code == "file_encoding"


def test_a_score_can_be_entered_one_at_a_time(closed_call, reviewer):
    call, (a, _b, _c), rejected = closed_call
    services.score_enter(actor=Actor.for_user(reviewer), call=call, code=a.code.lower(), score="72")
    a.refresh_from_db()
    assert a.exam_score == Decimal("72.00")
    with pytest.raises(InvalidInput) as caught:
        services.score_enter(actor=Actor.for_user(reviewer), call=call, code=a.code, score="-1")
    assert caught.value.field == "score"
    with pytest.raises(InvalidInput) as caught:
        services.score_enter(
            actor=Actor.for_user(reviewer), call=call, code=rejected.code, score="50"
        )
    assert caught.value.field == "applicant_code"


def test_scores_are_entered_only_after_registration_closes(open_call, reviewer):
    application = factories.apply(open_call)
    with pytest.raises(Conflict) as caught:
        services.score_enter(
            actor=Actor.for_user(reviewer), call=open_call, code=application.code, score="50"
        )
    assert caught.value.code == "call_wrong_state"


def test_only_licensing_staff_enter_scores(closed_call, personas):
    call, (a, _b, _c), _r = closed_call
    with pytest.raises(Forbidden):
        services.score_enter(
            actor=Actor.for_user(personas.citizen), call=call, code=a.code, score="99"
        )


def test_the_scoring_closes_only_when_every_eligible_applicant_has_a_score(
    closed_call, committee, reviewer
):
    call, (a, b, c), _r = closed_call
    services.score_enter(actor=Actor.for_user(reviewer), call=call, code=a.code, score="70")
    with pytest.raises(Conflict) as caught:
        services.call_mark_scored(actor=Actor.for_user(committee.secretary), call=call)
    assert caught.value.code == "scores_missing"
    assert b.code in caught.value.render("en")
    services.score_enter(actor=Actor.for_user(reviewer), call=call, code=b.code, score="absent")
    services.score_enter(actor=Actor.for_user(reviewer), call=call, code=c.code, score="55")
    services.call_mark_scored(actor=Actor.for_user(committee.secretary), call=call)


def test_the_scoring_cannot_close_while_documents_await_review(open_call, committee):
    factories.apply(open_call)
    factories.close_registration(open_call, committee.secretary)
    with pytest.raises(Conflict) as caught:
        services.call_mark_scored(actor=Actor.for_user(committee.secretary), call=open_call)
    assert caught.value.code == "reviews_pending"
