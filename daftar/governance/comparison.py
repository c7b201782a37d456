"""Article-by-article comparison of two bylaw versions, with word-level diffs of Persian text.

Articles are matched by number (the bylaw's numbering is shared by both drafts; a number one
draft does not use is simply absent there). Words are runs of non-space characters, so the
zero-width non-joiner stays inside its word («می‌شود» is one word) and a diff never splits it.
Words are compared after Persian normalisation (Arabic ي/ك, kashida), so a keyboard variant of
the same letter is not reported as a change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field

from daftar.core.text import normalize_persian
from daftar.governance.models import Article, BylawVersion

_TOKENS = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class NoteSnapshot:
    number: int
    text_fa: str
    text_en: str


@dataclass(frozen=True)
class ArticleSnapshot:
    number: int
    chapter_number: int | None
    chapter_title_fa: str
    title_fa: str
    title_en: str
    text_fa: str
    text_en: str
    notes: tuple[NoteSnapshot, ...]

    @classmethod
    def of(cls, article: Article) -> ArticleSnapshot:
        return cls(
            number=article.number,
            chapter_number=article.chapter.number if article.chapter else None,
            chapter_title_fa=article.chapter.title_fa if article.chapter else "",
            title_fa=article.title_fa,
            title_en=article.title_en,
            text_fa=article.text_fa,
            text_en=article.text_en,
            notes=tuple(NoteSnapshot(n.number, n.text_fa, n.text_en) for n in article.notes.all()),
        )

    def key(self) -> tuple:
        """What must be equal for two articles to count as unchanged."""
        return (
            normalize_persian(self.title_fa),
            normalize_persian(self.text_fa),
            self.title_en.strip(),
            self.text_en.strip(),
            tuple((normalize_persian(n.text_fa), n.text_en.strip()) for n in self.notes),
        )


Op = tuple[str, str]  # ("equal" | "insert" | "delete", text)


def word_diff(left: str, right: str) -> list[Op]:
    """Word-level operations turning `left` into `right`, whitespace kept as typed."""
    a, b = _TOKENS.findall(left), _TOKENS.findall(right)
    matcher = difflib.SequenceMatcher(
        a=[normalize_persian(t) if t.strip() else " " for t in a],
        b=[normalize_persian(t) if t.strip() else " " for t in b],
        autojunk=False,
    )
    ops: list[Op] = []

    def emit(kind: str, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == kind:
            ops[-1] = (kind, ops[-1][1] + text)
        else:
            ops.append((kind, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit("equal", "".join(b[j1:j2]))
        else:
            emit("delete", "".join(a[i1:i2]))
            emit("insert", "".join(b[j1:j2]))
    return ops


@dataclass(frozen=True)
class NoteDiff:
    number: int
    change: str
    ops: list[Op]


@dataclass(frozen=True)
class ArticleDiff:
    number: int
    change: str  # added (only right), removed (only left), changed, unchanged
    left: ArticleSnapshot | None
    right: ArticleSnapshot | None
    title_ops: list[Op] = field(default_factory=list)
    text_ops: list[Op] = field(default_factory=list)
    notes: list[NoteDiff] = field(default_factory=list)


@dataclass(frozen=True)
class Comparison:
    left: BylawVersion
    right: BylawVersion
    articles: list[ArticleDiff]

    def count(self, change: str) -> int:
        return sum(1 for article in self.articles if article.change == change)

    @property
    def summary(self) -> dict[str, int]:
        return {
            change: self.count(change) for change in ("added", "removed", "changed", "unchanged")
        }

    @property
    def differing(self) -> list[ArticleDiff]:
        return [article for article in self.articles if article.change != "unchanged"]

    def as_dict(self) -> dict:
        return {
            "left": {
                "version": self.left.number,
                "label": self.left.label_fa,
                "status": self.left.status,
            },
            "right": {
                "version": self.right.number,
                "label": self.right.label_fa,
                "status": self.right.status,
            },
            "summary": self.summary,
            "articles": [
                {
                    "number": diff.number,
                    "change": diff.change,
                    "left": asdict(diff.left) if diff.left else None,
                    "right": asdict(diff.right) if diff.right else None,
                    "title_diff": [list(op) for op in diff.title_ops],
                    "text_diff": [list(op) for op in diff.text_ops],
                    "notes_diff": [
                        {"number": n.number, "change": n.change, "diff": [list(op) for op in n.ops]}
                        for n in diff.notes
                    ],
                }
                for diff in self.articles
            ],
        }


def _snapshots(version: BylawVersion) -> dict[int, ArticleSnapshot]:
    articles = (
        Article.objects.filter(version=version)
        .select_related("chapter")
        .prefetch_related("notes")
        .order_by("number")
    )
    return {article.number: ArticleSnapshot.of(article) for article in articles}


def _note_diffs(left: ArticleSnapshot, right: ArticleSnapshot) -> list[NoteDiff]:
    lefts = {n.number: n for n in left.notes}
    rights = {n.number: n for n in right.notes}
    diffs = []
    for number in sorted(lefts.keys() | rights.keys()):
        a, b = lefts.get(number), rights.get(number)
        if a is None:
            diffs.append(NoteDiff(number, "added", [("insert", b.text_fa)]))
        elif b is None:
            diffs.append(NoteDiff(number, "removed", [("delete", a.text_fa)]))
        else:
            same = normalize_persian(a.text_fa) == normalize_persian(b.text_fa)
            diffs.append(
                NoteDiff(
                    number, "unchanged" if same else "changed", word_diff(a.text_fa, b.text_fa)
                )
            )
    return diffs


def compare_versions(left: BylawVersion, right: BylawVersion) -> Comparison:
    lefts, rights = _snapshots(left), _snapshots(right)
    diffs = []
    for number in sorted(lefts.keys() | rights.keys()):
        a, b = lefts.get(number), rights.get(number)
        if a is None:
            diffs.append(ArticleDiff(number, "added", None, b, [], [("insert", b.text_fa)]))
        elif b is None:
            diffs.append(ArticleDiff(number, "removed", a, None, [], [("delete", a.text_fa)]))
        else:
            change = "unchanged" if a.key() == b.key() else "changed"
            diffs.append(
                ArticleDiff(
                    number,
                    change,
                    a,
                    b,
                    title_ops=word_diff(a.title_fa, b.title_fa),
                    text_ops=word_diff(a.text_fa, b.text_fa),
                    notes=_note_diffs(a, b),
                )
            )
    return Comparison(left=left, right=right, articles=diffs)
