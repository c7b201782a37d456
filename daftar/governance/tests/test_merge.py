"""Comparing two drafts article by article and merging them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daftar.core.actors import Actor
from daftar.core.errors import InvalidInput
from daftar.governance import services
from daftar.governance.choices import ArticleOrigin, VersionStatus
from daftar.governance.comparison import compare_versions, word_diff
from daftar.governance.models import BylawVersion
from daftar.governance.tests.factories import BylawFactory, VersionFactory, add_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(bylaw, commissions):
    urban, budget = commissions
    left = VersionFactory(bylaw=bylaw, commission=urban, label_fa="پیش‌نویس شهرسازی")
    right = VersionFactory(bylaw=bylaw, commission=budget, label_fa="پیش‌نویس بودجه")
    same = "دفاتر موظف‌اند ساعات کار خود را اعلام کنند."
    for version in (left, right):
        add_article(version, 1, same)
    add_article(left, 2, "مدیر فنی باید دارای مدرک شهرسازی باشد.")  # only left
    add_article(right, 3, "گزارش مالی هر سه ماه منتشر می‌شود.")  # only right
    add_article(left, 4, "تسویه سهم دفتر هر ۱۵ روز انجام می‌شود.", notes=["تبصره مشترک"])
    add_article(right, 4, "تسویه سهم دفتر هر ۳۰ روز انجام می‌شود.", notes=["تبصره مشترک"])
    add_article(left, 5, "بازرسی فصلی انجام می‌شود.")
    add_article(right, 5, "بازرسي فصلي انجام مي‌شود.")  # Arabic ي: the same text
    return left, right


def test_comparison_classifies_every_article(drafts):
    left, right = drafts
    comparison = compare_versions(left, right)
    changes = {diff.number: diff.change for diff in comparison.articles}
    assert changes == {1: "unchanged", 2: "removed", 3: "added", 4: "changed", 5: "unchanged"}
    assert comparison.as_dict()["summary"] == {
        "added": 1,
        "removed": 1,
        "changed": 1,
        "unchanged": 2,
    }


def test_the_word_diff_shows_only_the_changed_word(drafts):
    left, right = drafts
    diff = next(d for d in compare_versions(left, right).articles if d.number == 4)
    assert [op for op in diff.text_ops if op[0] != "equal"] == [("delete", "۱۵"), ("insert", "۳۰")]


def test_the_word_diff_keeps_zwnj_words_whole():
    ops = word_diff("درخواست‌ها ثبت می‌شود", "درخواست‌ها ثبت نمی‌شود")
    assert ("delete", "می‌شود") in ops
    assert ("insert", "نمی‌شود") in ops
    assert ("equal", "درخواست‌ها ثبت ") in ops


def test_merging_takes_each_differing_article_from_the_chosen_side(drafts, committee):
    left, right = drafts
    merged = services.bylaw_merge(
        actor=Actor.for_user(committee.secretary),
        left=left,
        right=right,
        label_fa="نسخه ادغامی",
        choices={
            2: "left",
            3: "right",
            4: services.EditedArticle(
                text_fa="تسویه سهم دفتر هر ۲۰ روز انجام می‌شود.",
                notes=(services.NoteText("تبصره مشترک"),),
            ),
        },
    )
    articles = {a.number: a for a in merged.articles.all()}
    assert set(articles) == {1, 2, 3, 4, 5}
    assert articles[1].origin == ArticleOrigin.BOTH
    assert articles[2].origin == ArticleOrigin.LEFT
    assert articles[3].origin == ArticleOrigin.RIGHT
    assert articles[4].origin == ArticleOrigin.EDITED
    assert "۲۰ روز" in articles[4].text_fa
    assert articles[4].notes.get().text_fa == "تبصره مشترک"
    assert (merged.merged_from_left, merged.merged_from_right) == (left, right)
    assert merged.status == VersionStatus.DRAFT


def test_choosing_the_side_without_the_article_drops_it(drafts, committee):
    left, right = drafts
    merged = services.bylaw_merge(
        actor=Actor.for_user(committee.secretary),
        left=left,
        right=right,
        label_fa="ادغام",
        choices={2: "right", 3: "left", 4: "left"},
    )
    assert set(merged.articles.values_list("number", flat=True)) == {1, 4, 5}


def test_a_merge_without_a_choice_for_every_difference_is_refused(drafts, committee):
    left, right = drafts
    before = BylawVersion.objects.count()
    with pytest.raises(InvalidInput) as caught:
        services.bylaw_merge(
            actor=Actor.for_user(committee.secretary),
            left=left,
            right=right,
            label_fa="x",
            choices={2: "left"},
        )
    assert caught.value.code == "merge_incomplete"
    assert "3" in caught.value.render("en")
    assert BylawVersion.objects.count() == before


def test_drafts_of_different_bylaws_cannot_be_merged(drafts, committee):
    left, _right = drafts
    other = VersionFactory(bylaw=BylawFactory(slug="another", short_title_fa="دیگر"))
    with pytest.raises(InvalidInput) as caught:
        services.bylaw_merge(
            actor=Actor.for_user(committee.secretary),
            left=left,
            right=other,
            label_fa="x",
            choices={},
        )
    assert caught.value.code == "different_bylaw"


def test_merged_drafts_are_marked_merged_and_no_longer_listed_as_open(client, drafts, committee):
    left, right = drafts
    merged = services.bylaw_merge(
        actor=Actor.for_user(committee.secretary),
        left=left,
        right=right,
        label_fa="نسخه ادغامی",
        choices={2: "left", 3: "right", 4: "left"},
    )
    client.force_login(committee.secretary)
    home = client.get("/committee/").content.decode()
    open_drafts = home.split("<h2", 3)[2]  # the "Bylaw drafts" section
    assert merged.label_fa in open_drafts
    assert left.label_fa not in open_drafts
    assert right.label_fa not in open_drafts
    listing = client.get("/bylaw/versions/").content.decode()
    number = "".join("۰۱۲۳۴۵۶۷۸۹"[int(d)] for d in str(merged.number))
    assert listing.count(f"ادغام‌شده در نسخه {number}") == 2
    page = client.get(left.get_absolute_url()).content.decode()
    assert f"ادغام‌شده در نسخه {number}" in page


def test_a_merged_draft_refuses_edits_and_hides_its_edit_link(client, drafts, committee):
    from daftar.core.errors import Conflict
    from daftar.governance.error_codes import GovernanceErrorCode

    left, right = drafts
    secretary = Actor.for_user(committee.secretary)
    client.force_login(committee.secretary)
    edit_link = reverse("governance:draft_edit", args=[left.number])
    assert 'href="' + edit_link in client.get(left.get_absolute_url()).content.decode()
    services.bylaw_merge(
        actor=secretary,
        left=left,
        right=right,
        label_fa="نسخه ادغامی",
        choices={2: "left", 3: "right", 4: "left"},
    )
    before = list(left.articles.order_by("number").values_list("number", "text_fa"))
    with pytest.raises(Conflict) as refused:
        services.article_save(actor=secretary, version=left, number=1, text_fa="متن تازه")
    assert refused.value.code == GovernanceErrorCode.DRAFT_MERGED
    with pytest.raises(Conflict):
        services.article_delete(actor=secretary, version=left, number=2)
    assert list(left.articles.order_by("number").values_list("number", "text_fa")) == before
    page = client.get(left.get_absolute_url()).content.decode()
    assert edit_link not in page
    assert client.get(edit_link).status_code == 404
