"""Bylaw versions and their text: drafting, review, adoption. `_version_move` is the only
place a version's status changes."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.governance import permissions
from daftar.governance.choices import (
    ArticleOrigin,
    VersionStatus,
)
from daftar.governance.comparison import ArticleSnapshot
from daftar.governance.error_codes import GovernanceErrorCode
from daftar.governance.models import (
    Article,
    ArticleNote,
    Bylaw,
    BylawVersion,
    Chapter,
    Commission,
)
from daftar.governance.services.common import STREAM

# --- bylaw versions --------------------------------------------------------------------------

_VERSION_MOVES = {
    VersionStatus.DRAFT: {VersionStatus.UNDER_REVIEW},
    VersionStatus.UNDER_REVIEW: {VersionStatus.ADOPTED},
    VersionStatus.ADOPTED: {VersionStatus.SUPERSEDED},
    VersionStatus.SUPERSEDED: set(),
}


def _version_move(version: BylawVersion, to: VersionStatus, **fields) -> None:
    """The one place a version's status changes."""
    if to not in _VERSION_MOVES[VersionStatus(version.status)]:
        raise Conflict(
            _("A version that is %(status)s cannot become %(to)s."),
            code=GovernanceErrorCode.VERSION_TRANSITION,
            params={"status": version.get_status_display(), "to": to.label},
        )
    version.status = to
    for name, value in fields.items():
        setattr(version, name, value)
    version.save(update_fields=["status", *fields])


def _require_editable(version: BylawVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise Conflict(
            _(
                "The text of this version can no longer change (it is %(status)s). "
                "A correction is a new version."
            ),
            code=GovernanceErrorCode.VERSION_FROZEN,
            params={"status": version.get_status_display()},
        )
    if version.is_merged:
        raise Conflict(
            _(
                "This draft was merged into a newer version and can no longer change. "
                "Edit the merged version instead."
            ),
            code=GovernanceErrorCode.DRAFT_MERGED,
        )


def next_version_number(bylaw: Bylaw) -> int:
    return (BylawVersion.objects.filter(bylaw=bylaw).aggregate(m=Max("number"))["m"] or 0) + 1


def _copy_text(source: BylawVersion, target: BylawVersion) -> None:
    chapters = {}
    for chapter in source.chapters.order_by("number"):
        chapters[chapter.pk] = Chapter.objects.create(
            version=target,
            number=chapter.number,
            title_fa=chapter.title_fa,
            title_en=chapter.title_en,
        )
    for article in source.articles.prefetch_related("notes").order_by("number"):
        copy = Article.objects.create(
            version=target,
            chapter=chapters.get(article.chapter_id),
            number=article.number,
            title_fa=article.title_fa,
            title_en=article.title_en,
            text_fa=article.text_fa,
            text_en=article.text_en,
            origin=ArticleOrigin.AUTHORED,
        )
        ArticleNote.objects.bulk_create(
            [
                ArticleNote(article=copy, number=n.number, text_fa=n.text_fa, text_en=n.text_en)
                for n in article.notes.all()
            ]
        )


@audited
def bylaw_version_create(
    *,
    actor: Actor,
    bylaw: Bylaw,
    label_fa: str,
    label_en: str = "",
    commission: Commission | None = None,
    copy_from: BylawVersion | None = None,
) -> BylawVersion:
    """A new draft, empty or starting from the text of another version of the same bylaw."""
    if not permissions.can_create_draft(actor.user):
        raise Forbidden(_("Only commission members and the committee secretary draft the bylaw."))
    if copy_from is not None and copy_from.bylaw_id != bylaw.pk:
        raise InvalidInput(
            _("A draft can only start from a version of the same bylaw."),
            code=GovernanceErrorCode.DIFFERENT_BYLAW,
        )
    if not label_fa.strip():
        raise InvalidInput(
            _("Give the draft a label."), code=CoreErrorCode.REQUIRED, field="label_fa"
        )
    version = BylawVersion.objects.create(
        bylaw=bylaw,
        number=next_version_number(bylaw),
        label_fa=label_fa.strip(),
        label_en=label_en.strip(),
        commission=commission,
        created_by=actor.user,
    )
    if copy_from is not None:
        _copy_text(copy_from, version)
    audit_record(
        actor=actor,
        action="bylaw.version_created",
        stream=STREAM,
        obj=version,
        summary=f"draft v{version.number} of {bylaw.slug}",
        after={
            "number": version.number,
            "label": version.label_fa,
            "copy_from": copy_from.number if copy_from else None,
        },
    )
    return version


@dataclass(frozen=True)
class NoteText:
    text_fa: str
    text_en: str = ""


@audited
def chapter_save(
    *, actor: Actor, version: BylawVersion, number: int, title_fa: str, title_en: str = ""
) -> Chapter:
    _require_can_edit(actor, version)
    chapter, created = Chapter.objects.update_or_create(
        version=version, number=number, defaults={"title_fa": title_fa, "title_en": title_en}
    )
    audit_record(
        actor=actor,
        action="bylaw.chapter_saved",
        stream=STREAM,
        obj=chapter,
        summary=f"v{version.number} chapter {number}",
        after={"title_fa": title_fa, "created": created},
    )
    return chapter


def _require_can_edit(actor: Actor, version: BylawVersion) -> None:
    _require_editable(version)
    if not permissions.can_edit_draft(actor.user, version):
        raise Forbidden(
            _(
                "Only the drafting commission's members and the committee secretary "
                "may edit this draft."
            )
        )


@audited
def article_save(
    *,
    actor: Actor,
    version: BylawVersion,
    number: int,
    text_fa: str,
    chapter_number: int | None = None,
    title_fa: str = "",
    title_en: str = "",
    text_en: str = "",
    notes: Sequence[NoteText] = (),
) -> Article:
    """Create or replace article `number` of a draft, notes included."""
    _require_can_edit(actor, version)
    if not text_fa.strip():
        raise InvalidInput(
            _("The Persian text of the article is required."),
            code=CoreErrorCode.REQUIRED,
            field="text_fa",
        )
    if number < 1:
        raise InvalidInput(
            _("Article numbers start at 1."),
            code=GovernanceErrorCode.ARTICLE_NUMBER_OUT_OF_RANGE,
            field="number",
        )
    chapter = None
    if chapter_number is not None:
        chapter = Chapter.objects.filter(version=version, number=chapter_number).first()
        if chapter is None:
            raise InvalidInput(
                _("Chapter %(number)d does not exist in this version."),
                code=GovernanceErrorCode.UNKNOWN_CHAPTER,
                field="chapter",
                params={"number": chapter_number},
            )
    existing = Article.objects.filter(version=version, number=number).first()
    before = ArticleSnapshot.of(existing).__dict__ if existing else None
    article, _created = Article.objects.update_or_create(
        version=version,
        number=number,
        defaults={
            "chapter": chapter,
            "title_fa": title_fa.strip(),
            "title_en": title_en.strip(),
            "text_fa": text_fa.strip(),
            "text_en": text_en.strip(),
        },
    )
    article.notes.all().delete()
    ArticleNote.objects.bulk_create(
        [
            ArticleNote(
                article=article, number=i, text_fa=n.text_fa.strip(), text_en=n.text_en.strip()
            )
            for i, n in enumerate((n for n in notes if n.text_fa.strip()), start=1)
        ]
    )
    audit_record(
        actor=actor,
        action="bylaw.article_saved",
        stream=STREAM,
        obj=article,
        summary=f"v{version.number} article {number}",
        before={"text_fa": before["text_fa"]} if before else None,
        after={"text_fa": article.text_fa, "notes": len(notes)},
    )
    return article


@audited
def article_delete(*, actor: Actor, version: BylawVersion, number: int) -> None:
    _require_can_edit(actor, version)
    article = Article.objects.filter(version=version, number=number).first()
    if article is None:
        raise InvalidInput(
            _("Article %(number)d does not exist in this version."),
            code=CoreErrorCode.NOT_FOUND,
            field="number",
            params={"number": number},
        )
    audit_record(
        actor=actor,
        action="bylaw.article_deleted",
        stream=STREAM,
        obj=article,
        summary=f"v{version.number} article {number} removed",
        before={"text_fa": article.text_fa},
    )
    article.delete()


@audited
def bylaw_version_submit(*, actor: Actor, version: BylawVersion) -> BylawVersion:
    """Send a draft for review: its text freezes."""
    _require_can_edit(actor, version)
    if not version.articles.exists():
        raise InvalidInput(
            _("An empty draft cannot be sent for review."), code=GovernanceErrorCode.EMPTY
        )
    _version_move(version, VersionStatus.UNDER_REVIEW)
    audit_record(
        actor=actor,
        action="bylaw.version_submitted",
        stream=STREAM,
        obj=version,
        summary=f"v{version.number} sent for review",
    )
    return version


@audited
def bylaw_version_adopt(
    *, actor: Actor, version: BylawVersion, adopted_on: datetime.date, council_session: int
) -> BylawVersion:
    """Record the council's adoption; the version in force until now is superseded."""
    if not permissions.can_adopt_bylaw(actor.user):
        raise Forbidden(_("Only a council member records the adoption of the bylaw."))
    if version.status != VersionStatus.UNDER_REVIEW:
        raise Conflict(
            _("Only a version under review can be adopted."),
            code=GovernanceErrorCode.VERSION_TRANSITION,
        )
    if council_session is None or council_session < 1:
        raise InvalidInput(
            _("Enter the council session number."),
            code=CoreErrorCode.REQUIRED,
            field="council_session",
        )
    if adopted_on > timezone.localdate():
        raise InvalidInput(
            _("The adoption date cannot be in the future."),
            code=GovernanceErrorCode.ADOPTION_DATE_FUTURE,
            field="adopted_on",
        )
    current = (
        BylawVersion.objects.select_for_update()
        .filter(bylaw=version.bylaw, status=VersionStatus.ADOPTED)
        .first()
    )
    if current is not None:
        if current.adopted_on and adopted_on < current.adopted_on:
            raise InvalidInput(
                _("The adoption date is earlier than that of the version in force."),
                code=GovernanceErrorCode.ADOPTION_DATE_BEFORE_CURRENT,
                field="adopted_on",
            )
        _version_move(current, VersionStatus.SUPERSEDED)
    _version_move(
        version, VersionStatus.ADOPTED, adopted_on=adopted_on, council_session=council_session
    )
    audit_record(
        actor=actor,
        action="bylaw.version_adopted",
        stream=STREAM,
        obj=version,
        summary=f"v{version.number} adopted in council session {council_session}",
        after={
            "adopted_on": adopted_on,
            "council_session": council_session,
            "superseded": current.number if current else None,
        },
    )
    return version
