"""Merging two drafts into a new one, article by article, recording each article's origin."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.errors import Forbidden, InvalidInput
from daftar.governance import permissions
from daftar.governance.choices import (
    ArticleOrigin,
)
from daftar.governance.comparison import ArticleSnapshot, compare_versions
from daftar.governance.error_codes import GovernanceErrorCode
from daftar.governance.models import (
    Article,
    ArticleNote,
    BylawVersion,
    Chapter,
)
from daftar.governance.services.bylaw import NoteText, next_version_number
from daftar.governance.services.common import STREAM

# --- merging two drafts ----------------------------------------------------------------------

LEFT, RIGHT = "left", "right"


@dataclass(frozen=True)
class EditedArticle:
    text_fa: str
    title_fa: str = ""
    title_en: str = ""
    text_en: str = ""
    notes: tuple[NoteText, ...] = ()


MergeChoice = str | EditedArticle


@audited
def bylaw_merge(
    *,
    actor: Actor,
    left: BylawVersion,
    right: BylawVersion,
    choices: dict[int, MergeChoice],
    label_fa: str,
    label_en: str = "",
) -> BylawVersion:
    """A new draft from two versions: identical articles as they are, each differing article
    from the side chosen (or an edited text). Each article records where it came from."""
    if not permissions.can_create_draft(actor.user):
        raise Forbidden(_("Only commission members and the committee secretary merge drafts."))
    if left.bylaw_id != right.bylaw_id:
        raise InvalidInput(
            _("Drafts of different bylaws cannot be merged."),
            code=GovernanceErrorCode.DIFFERENT_BYLAW,
        )
    if left.pk == right.pk:
        raise InvalidInput(
            _("Choose two different versions to merge."), code=GovernanceErrorCode.SAME_VERSION
        )
    comparison = compare_versions(left, right)
    differing = {diff.number for diff in comparison.differing}
    missing = sorted(differing - choices.keys())
    if missing:
        raise InvalidInput(
            _(
                "Choose left, right or an edited text for every differing article; "
                "missing: %(numbers)s."
            ),
            code=GovernanceErrorCode.MERGE_INCOMPLETE,
            params={"numbers": "، ".join(map(str, missing))},
        )
    extra = sorted(choices.keys() - differing)
    if extra:
        raise InvalidInput(
            _("These articles do not differ and need no choice: %(numbers)s."),
            code=GovernanceErrorCode.MERGE_UNNEEDED,
            params={"numbers": ", ".join(map(str, extra))},
        )
    for number, choice in choices.items():
        if not isinstance(choice, EditedArticle) and choice not in (LEFT, RIGHT):
            raise InvalidInput(
                _("Article %(number)d: choose left, right or an edited text."),
                code=GovernanceErrorCode.MERGE_CHOICE,
                params={"number": number},
            )
        if isinstance(choice, EditedArticle) and not choice.text_fa.strip():
            raise InvalidInput(
                _("Article %(number)d: the edited text is empty."),
                code=GovernanceErrorCode.MERGE_CHOICE,
                params={"number": number},
            )

    merged = BylawVersion.objects.create(
        bylaw=left.bylaw,
        number=next_version_number(left.bylaw),
        label_fa=label_fa.strip(),
        label_en=label_en.strip(),
        merged_from_left=left,
        merged_from_right=right,
        created_by=actor.user,
    )
    chapters: dict[int, Chapter] = {}

    def chapter_for(snapshot: ArticleSnapshot) -> Chapter | None:
        if snapshot.chapter_number is None:
            return None
        if snapshot.chapter_number not in chapters:
            source = (
                left.chapters.filter(number=snapshot.chapter_number).first()
                or right.chapters.filter(number=snapshot.chapter_number).first()
            )
            chapters[snapshot.chapter_number] = Chapter.objects.create(
                version=merged,
                number=snapshot.chapter_number,
                title_fa=source.title_fa,
                title_en=source.title_en,
            )
        return chapters[snapshot.chapter_number]

    def place(
        snapshot: ArticleSnapshot, origin: ArticleOrigin, edited: EditedArticle | None = None
    ):
        article = Article.objects.create(
            version=merged,
            chapter=chapter_for(snapshot),
            number=snapshot.number,
            title_fa=(edited.title_fa or snapshot.title_fa) if edited else snapshot.title_fa,
            title_en=(edited.title_en or snapshot.title_en) if edited else snapshot.title_en,
            text_fa=edited.text_fa.strip() if edited else snapshot.text_fa,
            text_en=edited.text_en.strip() if edited else snapshot.text_en,
            origin=origin,
        )
        notes = (
            edited.notes
            if edited
            else tuple(NoteText(n.text_fa, n.text_en) for n in snapshot.notes)
        )
        ArticleNote.objects.bulk_create(
            [
                ArticleNote(article=article, number=i, text_fa=n.text_fa, text_en=n.text_en)
                for i, n in enumerate(notes, start=1)
            ]
        )

    origins = {}
    for diff in comparison.articles:
        if diff.change == "unchanged":
            place(diff.left, ArticleOrigin.BOTH)
            origins[diff.number] = ArticleOrigin.BOTH.value
            continue
        choice = choices[diff.number]
        if isinstance(choice, EditedArticle):
            place(diff.left or diff.right, ArticleOrigin.EDITED, choice)
            origins[diff.number] = ArticleOrigin.EDITED.value
        else:
            snapshot = diff.left if choice == LEFT else diff.right
            origins[diff.number] = f"{choice}{'' if snapshot else ' (dropped)'}"
            if snapshot is not None:
                place(snapshot, ArticleOrigin.LEFT if choice == LEFT else ArticleOrigin.RIGHT)
    audit_record(
        actor=actor,
        action="bylaw.drafts_merged",
        stream=STREAM,
        obj=merged,
        summary=f"v{merged.number} merged from v{left.number} and v{right.number}",
        after={
            "left": left.number,
            "right": right.number,
            "origins": {str(k): v for k, v in origins.items()},
        },
    )
    return merged
