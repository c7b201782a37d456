"""The bylaw as versioned text: frozen once adopted, one version in force, citable."""

from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.governance import services
from daftar.governance.choices import VersionStatus
from daftar.governance.citation import citation
from daftar.governance.models import Article, ArticleNote, BylawVersion
from daftar.governance.tests.factories import VersionFactory, add_article
from daftar.governance.tests.fixtures import adopt_version

pytestmark = pytest.mark.django_db


def test_adopting_a_version_supersedes_the_one_in_force(in_force, committee, personas):
    draft = services.bylaw_version_create(
        actor=Actor.for_user(committee.secretary),
        bylaw=in_force.bylaw,
        label_fa="اصلاحیه",
        copy_from=in_force,
    )
    assert draft.articles.count() == 3
    assert draft.articles.get(number=7).notes.count() == 2
    adopt_version(
        draft,
        secretary=committee.secretary,
        council=personas.council,
        on=datetime.date(2026, 1, 10),
        session=360,
    )
    in_force.refresh_from_db()
    assert in_force.status == VersionStatus.SUPERSEDED
    assert BylawVersion.objects.filter(status=VersionStatus.ADOPTED).get() == draft


def test_the_database_allows_only_one_version_in_force(in_force):
    other = VersionFactory(bylaw=in_force.bylaw, number=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        BylawVersion.objects.filter(pk=other.pk).update(
            status=VersionStatus.ADOPTED, adopted_on=datetime.date(2026, 1, 1), council_session=1
        )


def test_adopted_text_cannot_be_edited_through_the_service(in_force, committee):
    with pytest.raises(Conflict) as caught:
        services.article_save(
            actor=Actor.for_user(committee.secretary),
            version=in_force,
            number=7,
            text_fa="متن دیگر",
        )
    assert caught.value.code == "version_frozen"
    assert in_force.articles.get(number=7).text_fa.startswith("همه وجوه")


def _change_adopted_text(version, operation: str) -> None:
    article = version.articles.get(number=7)
    with transaction.atomic():
        if operation == "update":
            Article.objects.filter(pk=article.pk).update(text_fa="جعلی")
        elif operation == "delete":
            Article.objects.filter(pk=article.pk).delete()
        elif operation == "insert":
            Article.objects.create(version=version, number=99, text_fa="افزوده")
        else:
            ArticleNote.objects.filter(article=article).update(text_fa="جعلی")


@pytest.mark.parametrize("operation", ["update", "delete", "insert", "note_update"])
def test_adopted_text_cannot_be_changed_in_the_database(in_force, operation):
    with pytest.raises(DatabaseError):
        _change_adopted_text(in_force, operation)
    assert in_force.articles.get(number=7).text_fa.startswith("همه وجوه")
    assert in_force.articles.get(number=7).notes.get(number=1).text_fa.startswith("دفتر")


def test_an_adopted_version_cannot_change_its_adoption_record(in_force):
    with pytest.raises(DatabaseError), transaction.atomic():
        BylawVersion.objects.filter(pk=in_force.pk).update(council_session=999)


def test_text_under_review_is_frozen_too(bylaw, committee):
    draft = VersionFactory(bylaw=bylaw)
    add_article(draft, 1, "متن")
    services.bylaw_version_submit(actor=Actor.for_user(committee.secretary), version=draft)
    with pytest.raises(Conflict):
        services.article_save(
            actor=Actor.for_user(committee.secretary), version=draft, number=1, text_fa="تغییر"
        )


def test_an_empty_draft_cannot_be_submitted(bylaw, committee):
    draft = VersionFactory(bylaw=bylaw)
    with pytest.raises(InvalidInput) as caught:
        services.bylaw_version_submit(actor=Actor.for_user(committee.secretary), version=draft)
    assert caught.value.code == "empty"
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_only_a_council_member_records_adoption(bylaw, committee, personas):
    draft = VersionFactory(bylaw=bylaw)
    add_article(draft, 1, "متن")
    services.bylaw_version_submit(actor=Actor.for_user(committee.secretary), version=draft)
    with pytest.raises(Forbidden):
        services.bylaw_version_adopt(
            actor=Actor.for_user(committee.secretary),
            version=draft,
            adopted_on=datetime.date(2025, 11, 3),
            council_session=341,
        )
    with pytest.raises(InvalidInput) as caught:
        services.bylaw_version_adopt(
            actor=Actor.for_user(personas.council),
            version=draft,
            adopted_on=datetime.date(2025, 11, 3),
            council_session=0,
        )
    assert caught.value.field == "council_session"
    draft.refresh_from_db()
    assert draft.status == VersionStatus.UNDER_REVIEW


def test_a_commission_member_edits_only_their_commissions_drafts(bylaw, commissions, personas):
    urban, budget = commissions
    own = VersionFactory(bylaw=bylaw, commission=urban)
    other = VersionFactory(bylaw=bylaw, commission=budget)
    services.article_save(
        actor=Actor.for_user(personas.council), version=own, number=1, text_fa="متن کمیسیون"
    )
    with pytest.raises(Forbidden):
        services.article_save(
            actor=Actor.for_user(personas.council), version=other, number=1, text_fa="متن"
        )
    assert not other.articles.exists()


def test_an_article_keeps_its_notes_in_order_and_is_audited(bylaw, committee):
    draft = VersionFactory(bylaw=bylaw)
    services.article_save(
        actor=Actor.for_user(committee.secretary),
        version=draft,
        number=3,
        text_fa="متن ماده",
        notes=[services.NoteText("تبصره اول"), services.NoteText(""), services.NoteText("دوم")],
    )
    article = draft.articles.get(number=3)
    assert list(article.notes.values_list("number", "text_fa")) == [(1, "تبصره اول"), (2, "دوم")]
    assert AuditEntry.objects.filter(action="bylaw.article_saved", stream="governance").exists()


def test_the_citation_string_names_article_note_bylaw_and_adoption_date(in_force):
    article = in_force.articles.get(number=7)
    note = article.notes.get(number=2)
    assert (
        citation(article, note) == "ماده ۷ تبصره ۲، آیین‌نامه ساماندهی دفاتر، نسخه مصوب ۱۴۰۴/۰۸/۱۲"
    )
    assert (
        citation(article, language="en") == "Article 7, Offices bylaw, version adopted 2025-11-03"
    )


def test_an_article_has_a_permanent_address(in_force):
    assert in_force.articles.get(number=7).get_absolute_url() == "/bylaw/v/1/articles/7/"
