"""The governance demo's data files and their schema: the offices bylaw in two commission drafts,
the joint meeting's merge, and a year (1404) of steering-committee decisions, in `data/demo/`.

The source (a report on the Tehran city council's 341st session) says the bylaw organising the
electronic city-services offices existed in two versions, one from the Urban Planning and
Architecture commission and one from the Planning and Budget commission, merged by a joint
meeting before reaching the council floor. All text is written for the demo in formal Persian
legal drafting style with an English translation beside each piece; it is not copied from any
real bylaw.

`bylaw.json`: the chapters (the same in both drafts, each listing the article numbers of its
range), the articles worded identically in both drafts, each commission's own articles (changed
or only in that draft), the merge choice for each article that differs, and the adoption.
Article numbers are one scheme shared by both drafts: an article in only one draft leaves its
number unused in the other, so drafts compare and merge by number. `decisions.json`: the
decisions in date order; those before the adoption cite nothing. The rules the text keeps are
tested in `tests/test_demo_data.py`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from pydantic import StrictInt, model_validator

from daftar.core.datafiles import DataRecord, datafile_load

DATA_DIR = Path(__file__).resolve().parent / "data" / "demo"
BYLAW_FILE = DATA_DIR / "bylaw.json"
DECISIONS_FILE = DATA_DIR / "decisions.json"

Commission = Literal["urban_planning", "planning_budget"]
Vote = Literal["yes", "no", "abstain"] | None


class Note(DataRecord):
    """A note (تبصره) of an article; notes are numbered 1, 2, … in order."""

    text_fa: str
    text_en: str


class EditedArticle(DataRecord):
    title_fa: str
    title_en: str
    text_fa: str
    text_en: str
    notes: tuple[Note, ...]


class Article(EditedArticle):
    number: StrictInt


class ChapterPlan(DataRecord):
    number: StrictInt
    title_fa: str
    title_en: str
    articles: tuple[StrictInt, ...]  # the numbers of its range, in either draft


class Chapter(DataRecord):
    number: StrictInt
    title_fa: str
    title_en: str
    articles: tuple[Article, ...]


class OwnArticles(DataRecord):
    urban_planning: tuple[Article, ...]
    planning_budget: tuple[Article, ...]


class MergeChoice(DataRecord):
    """How the joint meeting settled one article: the left (urban planning) or right (planning
    and budget) draft's text, or a text of its own."""

    article: StrictInt
    why: str
    take: Literal["left", "right"] | None = None
    edited: EditedArticle | None = None

    @model_validator(mode="after")
    def _one_way(self) -> MergeChoice:
        if (self.take is None) == (self.edited is None):
            raise ValueError("a merge choice either takes a draft's text or is edited, not both")
        return self


class BylawTitles(DataRecord):
    slug: str
    title_fa: str
    short_title_fa: str
    title_en: str
    short_title_en: str


class Adoption(DataRecord):
    date: str  # Jalali, YYYY/MM/DD
    council_session: StrictInt


class BylawFile(DataRecord):
    bylaw: BylawTitles
    chapters: tuple[ChapterPlan, ...]
    common_articles: tuple[Article, ...]
    own_articles: OwnArticles
    merge: tuple[MergeChoice, ...]
    adoption: Adoption

    def draft(self, commission: Commission) -> tuple[Chapter, ...]:
        """The commission's draft: every chapter with the articles of its range in that draft."""
        own = getattr(self.own_articles, commission)
        articles = {article.number: article for article in (*self.common_articles, *own)}
        return tuple(
            Chapter(
                number=plan.number,
                title_fa=plan.title_fa,
                title_en=plan.title_en,
                articles=tuple(articles[n] for n in plan.articles if n in articles),
            )
            for plan in self.chapters
        )


class Cite(DataRecord):
    article: StrictInt
    note: StrictInt | None


class Votes(DataRecord):
    """Each seat's vote; None: the member was absent."""

    urban_planning: Vote
    planning: Vote
    finance: Vote


class DecisionSpec(DataRecord):
    date: str  # Jalali, YYYY/MM/DD
    kind: Literal[
        "tariff",
        "licence",
        "service_authorisation",
        "sanction",
        "complaint_ruling",
        "policy",
        "other",
    ]
    subject_fa: str
    subject_en: str
    body_fa: str
    cites: tuple[Cite, ...]
    votes: Votes
    # "pending": drafted, voted on by some, not closed — the committee account's vote awaits
    # (so the committee member has a decision to vote on when they sign in to the demo).
    outcome: Literal["adopted", "rejected", "pending"]


class DecisionsFile(DataRecord):
    decisions: tuple[DecisionSpec, ...]


@functools.cache
def demo_bylaw() -> BylawFile:
    return datafile_load(BYLAW_FILE, BylawFile)


@functools.cache
def demo_decisions() -> tuple[DecisionSpec, ...]:
    return datafile_load(DECISIONS_FILE, DecisionsFile).decisions
