"""Bylaw and decision pages: public text, private drafts, committee work, query counts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from daftar.core.actors import Actor
from daftar.governance import services
from daftar.governance.choices import DecisionKind, DecisionStatus, VersionStatus, VoteChoice
from daftar.governance.models import Decision
from daftar.governance.tests.factories import VersionFactory, add_article

pytestmark = pytest.mark.django_db


def _adopted_decision(committee, in_force, subject="تعرفه"):
    decision = services.decision_draft(
        actor=Actor.for_user(committee.secretary),
        kind=DecisionKind.TARIFF,
        subject=subject,
        body="متن",
        decided_on=datetime.date(2025, 12, 1),
        citations=[
            (in_force.articles.get(number=7), in_force.articles.get(number=7).notes.get(number=2))
        ],
    )
    for user in (committee.secretary, committee.planning):
        services.decision_cast_vote(
            actor=Actor.for_user(user), decision=decision, choice=VoteChoice.YES
        )
    return services.decision_close(actor=Actor.for_user(committee.secretary), decision=decision)


def test_anyone_reads_the_bylaw_in_force_with_citations_and_citing_decisions(
    client, in_force, committee
):
    decision = _adopted_decision(committee, in_force)
    html = client.get(reverse("governance:bylaw")).content.decode()
    assert 'id="article-7"' in html
    assert 'id="note-7-2"' in html
    assert "ماده ۷، آیین‌نامه ساماندهی دفاتر، نسخه مصوب ۱۴۰۴/۰۸/۱۲" in html
    assert decision.get_absolute_url() in html


def test_a_decision_page_links_back_to_the_articles_it_applies(client, in_force, committee):
    decision = _adopted_decision(committee, in_force)
    html = client.get(decision.get_absolute_url()).content.decode()
    assert "/bylaw/v/1/articles/7/#note-7-2" in html
    assert "ماده ۷ تبصره ۲" in html


def test_the_permanent_article_address_serves_that_article(client, in_force):
    response = client.get("/bylaw/v/1/articles/7/")
    assert response.status_code == 200
    assert "همه وجوه دریافتی" in response.content.decode()
    assert client.get("/bylaw/v/1/articles/99/").status_code == 404


def test_drafts_are_hidden_from_the_public_and_from_other_staff(client, bylaw, personas):
    draft = VersionFactory(bylaw=bylaw, number=5)
    add_article(draft, 1, "متن محرمانه پیش‌نویس")
    assert client.get(f"/bylaw/v/{draft.number}/").status_code == 404
    client.force_login(personas.operator_a)
    assert client.get(f"/bylaw/v/{draft.number}/").status_code == 404
    assert client.get("/bylaw/compare/?left=5&right=5").status_code == 200
    assert "متن محرمانه" not in client.get("/bylaw/compare/?left=5&right=5").content.decode()


def test_the_committee_and_commission_members_see_drafts(
    client, bylaw, committee, commissions, personas
):
    draft = VersionFactory(bylaw=bylaw, number=5)
    add_article(draft, 1, "متن پیش‌نویس")
    for user in (committee.planning, personas.council):
        client.force_login(user)
        assert "متن پیش‌نویس" in client.get(f"/bylaw/v/{draft.number}/").content.decode()


def test_the_comparison_is_a_page_and_a_json_export(client, in_force, committee, personas):
    draft = services.bylaw_version_create(
        actor=Actor.for_user(committee.secretary),
        bylaw=in_force.bylaw,
        label_fa="اصلاحیه",
        copy_from=in_force,
    )
    services.article_save(
        actor=Actor.for_user(committee.secretary),
        version=draft,
        number=12,
        text_fa="تعرفه‌ها فقط با مصوبه کمیته راهبری و اعلام عمومی تعیین می‌شود.",
    )
    client.force_login(committee.planning)
    page = client.get(f"/bylaw/compare/?left={in_force.number}&right={draft.number}")
    assert 'data-change="changed"' in page.content.decode()
    assert "<ins>" in page.content.decode()
    data = client.get(f"/bylaw/compare.json?left={in_force.number}&right={draft.number}").json()
    assert data["summary"] == {"added": 0, "removed": 0, "changed": 1, "unchanged": 2}
    assert ["insert", "و اعلام عمومی "] in data["articles"][2]["text_diff"]


def test_the_comparison_json_refuses_bad_input_with_field_errors(client, in_force):
    response = client.get("/bylaw/compare.json?left=1&right=999")
    assert response.status_code == 400
    assert "right" in response.json()["errors"]


def test_merging_through_the_page_creates_a_merged_draft(client, bylaw, committee, commissions):
    urban, budget = commissions
    left = VersionFactory(bylaw=bylaw, commission=urban, number=2)
    right = VersionFactory(bylaw=bylaw, commission=budget, number=3)
    add_article(left, 1, "مشترک")
    add_article(right, 1, "مشترک")
    add_article(left, 2, "فقط چپ")
    add_article(right, 3, "فقط راست")
    client.force_login(committee.secretary)
    url = "/bylaw/merge/?left=2&right=3"
    form = client.get(url)
    assert 'data-article="2"' in form.content.decode()
    response = client.post(
        url,
        {"label_fa": "ادغام", "choice_2": "left", "choice_3": "edited", "edited_3": "متن توافقی"},
    )
    assert response.status_code == 302
    merged = bylaw.versions.get(number=4)
    assert dict(merged.articles.values_list("number", "text_fa")) == {
        1: "مشترک",
        2: "فقط چپ",
        3: "متن توافقی",
    }


def test_a_merge_form_without_choices_shows_errors_and_creates_nothing(client, bylaw, committee):
    left = VersionFactory(bylaw=bylaw, number=2)
    right = VersionFactory(bylaw=bylaw, number=3)
    add_article(left, 2, "فقط چپ")
    add_article(right, 3, "فقط راست")
    client.force_login(committee.secretary)
    response = client.post("/bylaw/merge/?left=2&right=3", {"label_fa": "ادغام"})
    assert response.status_code == 200
    assert not bylaw.versions.filter(number=4).exists()


def test_editing_a_draft_article_through_the_page(client, bylaw, committee):
    draft = VersionFactory(bylaw=bylaw, number=2)
    client.force_login(committee.secretary)
    response = client.post(
        f"/bylaw/v/{draft.number}/edit/articles/new/",
        {"number": "3", "text_fa": "متن تازه", "notes_fa": "تبصره یک\nتبصره دو"},
    )
    assert response.status_code == 302
    article = draft.articles.get(number=3)
    assert list(article.notes.values_list("text_fa", flat=True)) == ["تبصره یک", "تبصره دو"]


def test_an_adopted_version_has_no_edit_page(client, in_force, committee):
    client.force_login(committee.secretary)
    assert client.get(f"/bylaw/v/{in_force.number}/edit/").status_code == 404
    response = client.post(
        f"/bylaw/v/{in_force.number}/edit/articles/new/", {"number": "50", "text_fa": "افزودن"}
    )
    assert response.status_code == 404
    assert not in_force.articles.filter(number=50).exists()


def test_submitting_and_adopting_through_the_pages(client, bylaw, committee, personas, in_force):
    draft = services.bylaw_version_create(
        actor=Actor.for_user(committee.secretary),
        bylaw=bylaw,
        label_fa="اصلاحیه",
        copy_from=in_force,
    )
    client.force_login(committee.secretary)
    assert client.post(f"/bylaw/v/{draft.number}/submit/").status_code == 302
    client.force_login(personas.council)
    response = client.post(
        f"/bylaw/v/{draft.number}/adopt/", {"adopted_on": "۱۴۰۴/۱۰/۲۰", "council_session": "355"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.ADOPTED
    assert draft.adopted_on == datetime.date(2026, 1, 10)


def test_a_bad_adoption_date_is_refused_with_a_field_error(client, bylaw, committee, personas):
    draft = VersionFactory(bylaw=bylaw, number=2)
    add_article(draft, 1, "متن")
    services.bylaw_version_submit(actor=Actor.for_user(committee.secretary), version=draft)
    client.force_login(personas.council)
    response = client.post(
        f"/bylaw/v/{draft.number}/adopt/", {"adopted_on": "1404/13/40", "council_session": "355"}
    )
    assert response.status_code == 200
    assert 'id="id_adopted_on_errors"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == VersionStatus.UNDER_REVIEW


def test_the_committee_drafts_votes_and_closes_a_decision_through_the_pages(
    client, in_force, committee
):
    client.force_login(committee.planning)
    response = client.post(
        "/committee/decisions/new/",
        {
            "kind": "tariff",
            "decided_on": "1404/09/10",
            "subject": "تعرفه تازه",
            "body": "متن",
            "citations": ["7", "7.2"],
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(subject="تعرفه تازه")
    assert decision.citations.count() == 2
    client.post(f"/committee/decisions/{decision.pk}/vote/", {"choice": "yes"})
    client.force_login(committee.secretary)
    client.post(f"/committee/decisions/{decision.pk}/vote/", {"choice": "yes"})
    close_page = client.get(reverse("governance:decision_draft", args=[decision.pk])).content
    close_page = close_page.decode()
    # the members present are named as people, never by their usernames; digits are Persian
    assert committee.secretary.get_full_name() in close_page
    assert f">{committee.secretary.username} —" not in close_page
    assert 'placeholder="۱۴۰۴/۲۷"' in close_page
    present = [committee.member(committee.planning).pk, committee.member(committee.secretary).pk]
    response = client.post(f"/committee/decisions/{decision.pk}/close/", {"present": present})
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ADOPTED
    assert response.url == decision.get_absolute_url()


def test_a_non_member_cannot_reach_the_committee_pages(client, personas, in_force):
    client.force_login(personas.operator_a)
    assert client.get("/committee/").status_code == 404
    assert client.post("/committee/decisions/new/", {"subject": "x"}).status_code == 404


def test_draft_decisions_are_visible_to_the_committee_and_read_only_to_the_council(
    client, committee, in_force, personas
):
    decision = services.decision_draft(
        actor=Actor.for_user(committee.secretary),
        kind=DecisionKind.POLICY,
        subject="پیش‌نویس",
        body="متن",
        decided_on=datetime.date(2025, 12, 1),
    )
    url = f"/decisions/pending/{decision.pk}/"
    client.force_login(committee.finance)
    assert client.get(url).status_code == 200
    client.force_login(personas.council)  # /committee/ lists it to them: no dead link
    page = client.get(url)
    assert page.status_code == 200
    assert "پیش‌نویس" in page.content.decode()
    assert 'name="choice"' not in page.content.decode()  # oversight, not a vote
    client.post(f"/committee/decisions/{decision.pk}/vote/", {"choice": "yes"})
    assert not decision.votes.exists()
    for user in (personas.auditor, personas.citizen):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_the_decision_list_filters_by_year_and_type_with_a_constant_query_count(
    client, in_force, committee, django_assert_max_num_queries
):
    for i in range(3):
        _adopted_decision(committee, in_force, subject=f"تعرفه {i}")
    with django_assert_max_num_queries(8):
        page = client.get("/decisions/?year=1404&kind=tariff")
    assert page.content.decode().count("data-decision=") == 3
    for i in range(5):
        _adopted_decision(committee, in_force, subject=f"تعرفه دیگر {i}")
    with django_assert_max_num_queries(8):
        page = client.get("/decisions/?year=1404")
    assert page.content.decode().count("data-decision=") == 8
    assert client.get("/decisions/?year=1403").content.decode().count("data-decision=") == 0


def test_the_article_picker_and_the_decision_list_read_in_persian_without_repeats(
    client, committee, in_force, personas
):
    from daftar.governance.forms import DecisionForm
    from daftar.governance.selectors import version_articles

    form = DecisionForm(articles=version_articles(in_force), amendable=None)
    labels = [str(label) for _value, label in form.fields["citations"].choices]
    assert not any(ch.isascii() and ch.isdigit() for label in labels for ch in label), labels
    assert any("، تبصره ۱" in label for label in labels), labels
    article = in_force.articles.filter(notes__isnull=False).first()
    note = article.notes.first()
    decision = services.decision_draft(
        actor=Actor.for_user(committee.secretary),
        kind=DecisionKind.POLICY,
        subject="ماده و تبصره",
        body="متن",
        decided_on=datetime.date(2025, 12, 1),
        citations=[(article, None), (article, note)],
    )
    client.force_login(committee.finance)
    html = client.get("/decisions/").content.decode()
    number = "".join("۰۱۲۳۴۵۶۷۸۹"[int(d)] for d in str(article.number))
    note_number = "".join("۰۱۲۳۴۵۶۷۸۹"[int(d)] for d in str(note.number))
    assert f"{number} (تبصره {note_number})" in html
    assert f"{number}، {number}" not in html
    assert decision.pk


def test_the_english_decision_list_separates_articles_with_a_latin_comma(
    client, committee, in_force, settings
):
    first, second = in_force.articles.order_by("number")[:2]
    services.decision_draft(
        actor=Actor.for_user(committee.secretary),
        kind=DecisionKind.POLICY,
        subject="two articles",
        body="text",
        decided_on=datetime.date(2025, 12, 1),
        citations=[(first, None), (second, None)],
    )
    client.force_login(committee.finance)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/decisions/").content.decode()
    assert f"{first.number}, {second.number}" in html
    assert "،" not in html.split("<tbody>", 1)[1]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    html = client.get("/decisions/").content.decode()
    digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    assert f"{str(first.number).translate(digits)}، {str(second.number).translate(digits)}" in html
