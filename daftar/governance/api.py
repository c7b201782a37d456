"""Read-only JSON API for the bylaw and the committee's decisions (public data only)."""

import datetime

from django.http import Http404
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate

from daftar.core.pagination import Pages
from daftar.governance import selectors
from daftar.governance.choices import DecisionKind
from daftar.governance.citation import citation
from daftar.governance.models import BylawVersion

# Decisions are numbered within Jalali (Solar Hijri) years; the committee's first is 1404.
FIRST_YEAR, LAST_YEAR = 1300, 1600
MAX_NUMBER = 1_000_000

router = Router(tags=["bylaw and decisions"])


class VersionOut(Schema):
    number: int
    label_fa: str
    label_en: str
    status: str
    adopted_on: datetime.date | None
    council_session: int | None
    url: str

    @staticmethod
    def resolve_url(version: BylawVersion) -> str:
        return version.get_absolute_url()


class NoteOut(Schema):
    number: int
    text_fa: str
    text_en: str


class ArticleOut(Schema):
    number: int
    chapter: int | None
    title_fa: str
    title_en: str
    text_fa: str
    text_en: str
    notes: list[NoteOut]
    citation_fa: str
    citation_en: str
    url: str
    cited_by: list[str]


class VersionDetailOut(VersionOut):
    articles: list[ArticleOut]

    @staticmethod
    def resolve_articles(version: BylawVersion) -> list[dict]:
        return version.articles_out


class CitationOut(Schema):
    version: int
    article: int
    note: int | None
    citation_fa: str
    url: str


class DecisionOut(Schema):
    number: str
    year: int
    seq: int
    decided_on: datetime.date
    kind: str
    subject: str
    subject_en: str
    status: str
    amends: str | None
    citations: list[CitationOut]

    @staticmethod
    def resolve_amends(decision) -> str | None:
        return decision.amends.number if decision.amends_id else None

    @staticmethod
    def resolve_citations(decision) -> list[dict]:
        return [
            {
                "version": c.article.version.number,
                "article": c.article.number,
                "note": c.note.number if c.note else None,
                "citation_fa": citation(c.article, c.note),
                "url": c.article.get_absolute_url(),
            }
            for c in decision.citations.all()
        ]


class DecisionDetailOut(DecisionOut):
    body: str
    effects: list[str]

    @staticmethod
    def resolve_effects(decision) -> list[str]:
        return [effect.summary for effect in decision.effects.all()]


def _article_out(article) -> dict:
    return {
        "number": article.number,
        "chapter": article.chapter.number if article.chapter else None,
        "title_fa": article.title_fa,
        "title_en": article.title_en,
        "text_fa": article.text_fa,
        "text_en": article.text_en,
        "notes": [
            {"number": n.number, "text_fa": n.text_fa, "text_en": n.text_en}
            for n in article.notes.all()
        ],
        "citation_fa": citation(article, language="fa"),
        "citation_en": citation(article, language="en"),
        "url": article.get_absolute_url(),
        "cited_by": [c.decision.number for c in article.citations.all()],
    }


def _public_version(request, number: int) -> BylawVersion:
    try:
        return selectors.version_get_for_user(request.user, number=number)
    except BylawVersion.DoesNotExist:
        raise Http404 from None


@router.get("/bylaw/versions", response=list[VersionOut], summary="Versions of the bylaw")
def list_versions(request):
    return selectors.version_visible_to(request.user).order_by("number")


@router.get(
    "/bylaw/versions/{number}",
    response=VersionDetailOut,
    summary="One version with all its articles and notes",
)
def get_version(request, number: int = Path(..., ge=1, le=MAX_NUMBER)):
    version = _public_version(request, number)
    version.articles_out = [_article_out(a) for a in selectors.version_articles(version)]
    return version


@router.get(
    "/bylaw/versions/{number}/articles/{article}",
    response=ArticleOut,
    summary="One article, with its citation string",
)
def get_article(
    request,
    number: int = Path(..., ge=1, le=MAX_NUMBER),
    article: int = Path(..., ge=1, le=MAX_NUMBER),
):
    version = _public_version(request, number)
    found = selectors.version_articles(version).filter(number=article).first()
    if found is None:
        raise Http404
    return _article_out(found)


@router.get("/decisions", response=list[DecisionOut], summary="Adopted decisions")
@paginate(Pages)
def list_decisions(
    request,
    year: int | None = Query(
        None, ge=FIRST_YEAR, le=LAST_YEAR, description="Jalali (Solar Hijri) year, e.g. 1404."
    ),
    kind: DecisionKind | None = None,
):
    return selectors.decision_detail(
        selectors.decision_list(request.user, year=year, kind=kind, status="adopted")
    )


@router.get("/decisions/{year}/{seq}", response=DecisionDetailOut, summary="One decision")
def get_decision(
    request,
    year: int = Path(..., ge=FIRST_YEAR, le=LAST_YEAR),
    seq: int = Path(..., ge=1, le=MAX_NUMBER),
):
    decision = (
        selectors.decision_detail(selectors.decision_visible_to(request.user))
        .filter(year=year, seq=seq)
        .first()
    )
    if decision is None:
        raise Http404
    return decision
