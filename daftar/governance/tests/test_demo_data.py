"""The demo bylaw and decisions keep their own rules: numbering, Persian and English text,
cross-references that agree and exist, a merge that settles every difference, decisions in
date order that cite the bylaw only once it is in force and whose votes carry their outcome."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from daftar.core.datafiles import DataFileError, datafile_load
from daftar.governance.demo_data import (
    BYLAW_FILE,
    Article,
    BylawFile,
    Chapter,
    DecisionSpec,
    EditedArticle,
    demo_bylaw,
    demo_decisions,
)

BYLAW = demo_bylaw()
DECISIONS = demo_decisions()
URBAN_PLANNING = BYLAW.draft("urban_planning")
PLANNING_BUDGET = BYLAW.draft("planning_budget")
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
CODE = re.compile(r"\b[A-Z]\d{4}(?:-\d{4})?\b")  # office codes T0712, applicant codes A1404-0017
REF_FA = re.compile(r"ماده \(([۰-۹]+)\)")
REF_EN = re.compile(r"Article (\d+)")
# Common slips in Persian typing: a space where a ZWNJ belongs.
MISSING_ZWNJ = re.compile(r"(?:^|[\s(«])ن?می |\s(?:ها|های|هایی|اند|ترین)(?=[\s.،؛:)»]|$)")
ARABIC_LETTERS = "يك"
MONTH_DAYS_1404 = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29)  # 1404 is not a leap year


def persian_digits(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", PERSIAN_DIGITS))


NEW_YEAR = {1404: datetime.date(2025, 3, 21), 1405: datetime.date(2026, 3, 21)}  # neither leap


def gregorian(jalali: str) -> datetime.date:
    """A 1404 or 1405 Jalali date as 'YYYY/MM/DD' to its Gregorian date."""
    year, month, day = (int(part) for part in jalali.split("/"))
    assert year in NEW_YEAR, jalali
    assert 1 <= month <= 12, jalali
    assert 1 <= day <= MONTH_DAYS_1404[month - 1], jalali
    offset = sum(MONTH_DAYS_1404[: month - 1]) + day - 1
    return NEW_YEAR[year] + datetime.timedelta(days=offset)


def assert_clean(text: str, where: str) -> None:
    assert text, f"{where}: empty"
    assert text == text.strip(), f"{where}: surrounding whitespace"
    assert "  " not in text, f"{where}: double space"


def assert_persian(text: str, where: str, *, codes_allowed: bool = False) -> None:
    assert_clean(text, where)
    assert not any(ch in text for ch in ARABIC_LETTERS), f"{where}: Arabic ي/ك"
    bare = CODE.sub("", text) if codes_allowed else text
    assert not re.search(r"[0-9A-Za-z_,;?]", bare), f"{where}: ASCII digit/letter/punctuation"
    assert not MISSING_ZWNJ.search(text), f"{where}: missing ZWNJ"


def assert_english(text: str, where: str) -> None:
    assert_clean(text, where)
    assert not re.search(r"[\u0600-\u06ff\u200c]", text), f"{where}: Persian script in English"


def articles_of(draft: tuple[Chapter, ...]) -> dict[int, Article]:
    return {article.number: article for chapter in draft for article in chapter.articles}


def differences() -> dict[int, str]:
    """Article number -> 'urban planning only' | 'planning and budget only' | 'changed'."""
    left, right = articles_of(URBAN_PLANNING), articles_of(PLANNING_BUDGET)
    kinds = {}
    for number in sorted(left.keys() | right.keys()):
        if number not in right:
            kinds[number] = "urban planning only"
        elif number not in left:
            kinds[number] = "planning and budget only"
        elif left[number] != right[number]:
            kinds[number] = "changed"
    return kinds


def merged_articles() -> dict[int, EditedArticle]:
    """The bylaw as the joint meeting merged it: article number -> article."""
    left, right = articles_of(URBAN_PLANNING), articles_of(PLANNING_BUDGET)
    choices = {choice.article: choice for choice in BYLAW.merge}
    merged: dict[int, EditedArticle] = {}
    for number in sorted(left.keys() | right.keys()):
        choice = choices.get(number)
        if choice is None:
            merged[number] = left[number]
        elif choice.take == "left":
            if number in left:
                merged[number] = left[number]
        elif choice.take == "right":
            if number in right:
                merged[number] = right[number]
        else:
            merged[number] = choice.edited
    return merged


def assert_piece(text_fa: str, text_en: str, where: str, known: set[int]) -> None:
    """One article or note: both languages clean, cross-references agree and exist."""
    assert_persian(text_fa, f"{where} text_fa")
    assert_english(text_en, f"{where} text_en")
    refs_fa = {
        int(n.translate(str.maketrans(PERSIAN_DIGITS, "0123456789")))
        for n in REF_FA.findall(text_fa)
    }
    refs_en = {int(n) for n in REF_EN.findall(text_en)}
    assert refs_fa == refs_en, f"{where}: references differ between fa and en"
    assert refs_fa <= known, f"{where}: refers to missing articles {refs_fa - known}"


def assert_bylaw(articles: dict[int, EditedArticle], where: str) -> None:
    assert 24 <= len(articles) <= 33, f"{where}: {len(articles)} articles"
    with_notes = sum(1 for article in articles.values() if article.notes)
    assert 0.35 <= with_notes / len(articles) <= 0.65, f"{where}: {with_notes} with notes"
    for number, article in articles.items():
        at = f"{where} article {number}"
        assert getattr(article, "number", number) == number, at
        assert len(article.notes) <= 3, at
        assert_persian(article.title_fa, f"{at} title_fa")
        assert_english(article.title_en, f"{at} title_en")
        assert_piece(article.text_fa, article.text_en, at, set(articles))
        for index, note in enumerate(article.notes, start=1):
            assert_piece(note.text_fa, note.text_en, f"{at} note {index}", set(articles))


# --- the drafts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("commission", ["urban_planning", "planning_budget"])
def test_a_draft_has_six_to_eight_chapters_and_its_articles_numbered_in_order(commission):
    draft = BYLAW.draft(commission)
    assert 6 <= len(draft) <= 8
    assert [chapter.number for chapter in draft] == list(range(1, len(draft) + 1))
    numbers = [article.number for chapter in draft for article in chapter.articles]
    assert numbers == sorted(set(numbers)), "article numbers not unique and increasing"
    assert 24 <= len(numbers) <= 32
    for chapter in draft:
        assert chapter.articles, f"chapter {chapter.number} is empty"
        assert_persian(chapter.title_fa, f"chapter {chapter.number} title")
        assert_english(chapter.title_en, f"chapter {chapter.number} title")


@pytest.mark.parametrize("commission", ["urban_planning", "planning_budget"])
def test_a_draft_is_clean_text_whose_references_agree_and_exist(commission):
    assert_bylaw(articles_of(BYLAW.draft(commission)), commission)


def test_both_drafts_share_their_chapters():
    assert [(c.number, c.title_fa, c.title_en) for c in URBAN_PLANNING] == [
        (c.number, c.title_fa, c.title_en) for c in PLANNING_BUDGET
    ]


def test_a_reference_to_an_article_neither_draft_has_fails_the_check():
    article = BYLAW.common_articles[0]
    stray = article.model_copy(
        update={"text_fa": "به استناد ماده (۹۹) مقرر شد.", "text_en": "Under Article 99."}
    )
    with pytest.raises(AssertionError, match="missing articles"):
        assert_piece(stray.text_fa, stray.text_en, "article 1", {1, 2})


# --- the merge --------------------------------------------------------------------------------


def test_the_drafts_differ_enough_to_show_a_merge():
    kinds = list(differences().values())
    assert kinds.count("urban planning only") >= 3
    assert kinds.count("planning and budget only") >= 3
    assert kinds.count("changed") >= 6


def test_the_joint_meeting_settles_every_difference_and_nothing_else():
    chosen = [choice.article for choice in BYLAW.merge]
    assert len(chosen) == len(set(chosen))
    assert set(chosen) == set(differences())


def test_the_joint_meeting_writes_two_or_three_articles_of_its_own():
    edited = [choice for choice in BYLAW.merge if choice.edited is not None]
    assert 2 <= len(edited) <= 3
    for choice in BYLAW.merge:
        assert_english(choice.why, f"merge choice {choice.article}")


def test_a_merge_choice_that_takes_a_draft_and_is_edited_too_is_refused_by_name(tmp_path):
    data = json.loads(BYLAW_FILE.read_text(encoding="utf-8"))
    taken = next(i for i, choice in enumerate(data["merge"]) if "take" in choice)
    edited = next(choice for choice in data["merge"] if "edited" in choice)
    data["merge"][taken]["edited"] = edited["edited"]
    path = tmp_path / "bylaw.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(DataFileError) as caught:
        datafile_load(path, BylawFile)

    article = data["merge"][taken]["article"]
    assert "bylaw.json" in str(caught.value)
    assert f"merge[{taken}] {article}: Value error, a merge choice either takes" in str(
        caught.value
    )


def test_the_merged_bylaw_is_clean_text_whose_references_agree_and_exist():
    assert_bylaw(merged_articles(), "merged bylaw")


# --- the decisions ------------------------------------------------------------------------------


def by_date():
    return pytest.mark.parametrize("decision", DECISIONS, ids=[d.date for d in DECISIONS])


def test_a_year_of_decisions_in_strict_date_order_a_third_before_the_adoption():
    assert 28 <= len(DECISIONS) <= 36
    adoption = BYLAW.adoption.date
    assert gregorian(adoption).weekday() != 4, "adoption on a Friday"
    dates = [decision.date for decision in DECISIONS]
    assert dates == sorted(set(dates)), "decisions not in strict date order"
    assert dates[0] >= "1404/01/20"
    closed = [decision.date for decision in DECISIONS if decision.outcome != "pending"]
    assert closed[-1] <= "1404/12/20"
    before = sum(1 for date in dates if date < adoption)
    assert 0.25 <= before / len(dates) <= 0.4, f"{before} decisions before the adoption"


@by_date()
def test_a_decision_is_taken_on_a_working_day_in_clean_text(decision: DecisionSpec):
    assert decision.date != BYLAW.adoption.date
    assert gregorian(decision.date).weekday() != 4, "a Friday"
    assert_persian(decision.subject_fa, "subject_fa", codes_allowed=True)
    assert_persian(decision.body_fa, "body_fa", codes_allowed=True)
    assert_english(decision.subject_en, "subject_en")


@by_date()
def test_a_decision_has_a_quorum_and_its_votes_carry_its_outcome(decision: DecisionSpec):
    present = [vote for vote in decision.votes.model_dump().values() if vote is not None]
    yes = present.count("yes")
    if decision.outcome == "pending":
        assert decision is DECISIONS[-1], "only the latest decision awaits votes"
        assert decision.votes.urban_planning is None, "the demo committee account must vote"
        return
    assert len(present) >= 2, "no quorum"
    passed = yes >= 2 and yes * 2 > len(present)
    assert decision.outcome == ("adopted" if passed else "rejected")


@by_date()
def test_a_decision_cites_the_bylaw_only_once_it_is_in_force_and_names_what_it_cites(
    decision: DecisionSpec,
):
    merged = merged_articles()
    if decision.date < BYLAW.adoption.date:
        assert decision.cites == (), "cites a bylaw not yet in force"
        assert "ماده (" not in decision.body_fa, "names an article"
        return
    assert 1 <= len(decision.cites) <= 3
    assert len(set(decision.cites)) == len(decision.cites), "a repeated cite"
    for cite in decision.cites:
        assert cite.article in merged, f"article {cite.article} is not in the merged bylaw"
        assert cite.note is None or 1 <= cite.note <= len(merged[cite.article].notes)
        assert f"({persian_digits(cite.article)})" in decision.body_fa
        if cite.article == 32:  # an appeal is heard by all three members
            assert None not in decision.votes.model_dump().values()
