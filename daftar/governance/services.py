"""Writes for the bylaw and the steering committee. Each is one audited transaction.

Status changes happen in `_version_move` (versions) and `_decision_move` (decisions) only.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.digits import to_ascii_digits
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.jalali import fiscal_year
from daftar.governance import permissions
from daftar.governance.choices import (
    ArticleOrigin,
    DecisionKind,
    DecisionStatus,
    MajorityBasis,
    Seat,
    VersionStatus,
    VoteChoice,
)
from daftar.governance.comparison import ArticleSnapshot, compare_versions
from daftar.governance.models import (
    Article,
    ArticleNote,
    Bylaw,
    BylawVersion,
    Chapter,
    Commission,
    CommitteeMember,
    Decision,
    DecisionCitation,
    DecisionCounter,
    DecisionEffect,
    Meeting,
    QuorumRule,
    Vote,
)
from daftar.governance.selectors import committee_member_of, quorum_rule_on

STREAM = "governance"

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
            code="version_transition",
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
            code="version_frozen",
            params={"status": version.get_status_display()},
        )


def _next_version_number(bylaw: Bylaw) -> int:
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
    actor,
    bylaw: Bylaw,
    label_fa: str,
    label_en: str = "",
    commission: Commission | None = None,
    copy_from: BylawVersion | None = None,
) -> BylawVersion:
    """A new draft, empty or starting from the text of another version of the same bylaw."""
    if not permissions.can_create_draft(actor):
        raise Forbidden(_("Only commission members and the committee secretary draft the bylaw."))
    if copy_from is not None and copy_from.bylaw_id != bylaw.pk:
        raise InvalidInput(
            _("A draft can only start from a version of the same bylaw."), code="different_bylaw"
        )
    if not label_fa.strip():
        raise InvalidInput(_("Give the draft a label."), code="required", field="label_fa")
    version = BylawVersion.objects.create(
        bylaw=bylaw,
        number=_next_version_number(bylaw),
        label_fa=label_fa.strip(),
        label_en=label_en.strip(),
        commission=commission,
        created_by=actor,
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
    *, actor, version: BylawVersion, number: int, title_fa: str, title_en: str = ""
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


def _require_can_edit(actor, version: BylawVersion) -> None:
    _require_editable(version)
    if not permissions.can_edit_draft(actor, version):
        raise Forbidden(
            _(
                "Only the drafting commission's members and the committee secretary "
                "may edit this draft."
            )
        )


@audited
def article_save(
    *,
    actor,
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
            _("The Persian text of the article is required."), code="required", field="text_fa"
        )
    if number < 1:
        raise InvalidInput(_("Article numbers start at 1."), code="invalid", field="number")
    chapter = None
    if chapter_number is not None:
        chapter = Chapter.objects.filter(version=version, number=chapter_number).first()
        if chapter is None:
            raise InvalidInput(
                _("Chapter %(number)d does not exist in this version."),
                code="invalid",
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
def article_delete(*, actor, version: BylawVersion, number: int) -> None:
    _require_can_edit(actor, version)
    article = Article.objects.filter(version=version, number=number).first()
    if article is None:
        raise InvalidInput(
            _("Article %(number)d does not exist in this version."),
            code="not_found",
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
def bylaw_version_submit(*, actor, version: BylawVersion) -> BylawVersion:
    """Send a draft for review: its text freezes."""
    _require_can_edit(actor, version)
    if not version.articles.exists():
        raise InvalidInput(_("An empty draft cannot be sent for review."), code="empty")
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
    *, actor, version: BylawVersion, adopted_on: datetime.date, council_session: int
) -> BylawVersion:
    """Record the council's adoption; the version in force until now is superseded."""
    if not permissions.can_adopt_bylaw(actor):
        raise Forbidden(_("Only a council member records the adoption of the bylaw."))
    if version.status != VersionStatus.UNDER_REVIEW:
        raise Conflict(_("Only a version under review can be adopted."), code="version_transition")
    if council_session is None or council_session < 1:
        raise InvalidInput(
            _("Enter the council session number."), code="required", field="council_session"
        )
    if adopted_on > timezone.localdate():
        raise InvalidInput(
            _("The adoption date cannot be in the future."), code="invalid", field="adopted_on"
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
                code="invalid",
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
    actor,
    left: BylawVersion,
    right: BylawVersion,
    choices: dict[int, MergeChoice],
    label_fa: str,
    label_en: str = "",
) -> BylawVersion:
    """A new draft from two versions: identical articles as they are, each differing article
    from the side chosen (or an edited text). Each article records where it came from."""
    if not permissions.can_create_draft(actor):
        raise Forbidden(_("Only commission members and the committee secretary merge drafts."))
    if left.bylaw_id != right.bylaw_id:
        raise InvalidInput(
            _("Drafts of different bylaws cannot be merged."), code="different_bylaw"
        )
    if left.pk == right.pk:
        raise InvalidInput(_("Choose two different versions to merge."), code="same_version")
    comparison = compare_versions(left, right)
    differing = {diff.number for diff in comparison.differing}
    missing = sorted(differing - choices.keys())
    if missing:
        raise InvalidInput(
            _(
                "Choose left, right or an edited text for every differing article; "
                "missing: %(numbers)s."
            ),
            code="merge_incomplete",
            params={"numbers": "، ".join(map(str, missing))},
        )
    extra = sorted(choices.keys() - differing)
    if extra:
        raise InvalidInput(
            _("These articles do not differ and need no choice: %(numbers)s."),
            code="merge_unneeded",
            params={"numbers": ", ".join(map(str, extra))},
        )
    for number, choice in choices.items():
        if not isinstance(choice, EditedArticle) and choice not in (LEFT, RIGHT):
            raise InvalidInput(
                _("Article %(number)d: choose left, right or an edited text."),
                code="merge_choice",
                params={"number": number},
            )
        if isinstance(choice, EditedArticle) and not choice.text_fa.strip():
            raise InvalidInput(
                _("Article %(number)d: the edited text is empty."),
                code="merge_choice",
                params={"number": number},
            )

    merged = BylawVersion.objects.create(
        bylaw=left.bylaw,
        number=_next_version_number(left.bylaw),
        label_fa=label_fa.strip(),
        label_en=label_en.strip(),
        merged_from_left=left,
        merged_from_right=right,
        created_by=actor,
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


# --- committee -------------------------------------------------------------------------------


@audited
def committee_member_appoint(
    *, actor, user, seat: Seat, since: datetime.date, is_secretary: bool = False
) -> CommitteeMember:
    from daftar.accounts.choices import Role
    from daftar.accounts.selectors import user_has_role

    if not user_has_role(user, Role.COMMITTEE_MEMBER):
        raise InvalidInput(
            _("Only a user with the committee member role can take a seat."),
            code="not_committee_member",
            field="user",
        )
    current = CommitteeMember.objects.select_for_update().filter(seat=seat, until__isnull=True)
    for member in current:
        member.until = since
        member.save(update_fields=["until"])
    member = CommitteeMember.objects.create(
        user=user, seat=seat, since=since, is_secretary=is_secretary
    )
    audit_record(
        actor=actor,
        action="committee.member_appointed",
        stream=STREAM,
        obj=member,
        summary=f"{user.username} takes the {seat} seat",
        after={"user": user.username, "seat": str(seat), "secretary": is_secretary},
    )
    return member


@audited
def meeting_record(
    *,
    actor,
    number: int,
    held_on: datetime.date,
    attendees: Iterable[CommitteeMember],
    location: str = "",
    minutes: str = "",
) -> Meeting:
    if not permissions.is_committee_secretary(actor):
        raise Forbidden(_("Only the committee secretary records meetings."))
    if Meeting.objects.filter(number=number).exists():
        raise InvalidInput(
            _("Meeting number %(number)d is already recorded."),
            code="duplicate",
            field="number",
            params={"number": number},
        )
    meeting = Meeting.objects.create(
        number=number, held_on=held_on, location=location, minutes=minutes, recorded_by=actor
    )
    attendees = list(attendees)
    meeting.attendees.set(attendees)
    audit_record(
        actor=actor,
        action="committee.meeting_recorded",
        stream=STREAM,
        obj=meeting,
        summary=f"meeting {number} on {held_on}",
        after={"attendees": sorted(str(a.seat) for a in attendees)},
    )
    return meeting


# --- decisions -------------------------------------------------------------------------------

Citation = tuple[Article, ArticleNote | None]


def _check_citations(citations: Sequence[Citation], *, allow_superseded: bool) -> None:
    allowed = {VersionStatus.ADOPTED, *([VersionStatus.SUPERSEDED] if allow_superseded else [])}
    for article, note in citations:
        if article.version.status not in allowed:
            raise InvalidInput(
                _(
                    "Article %(number)d of «%(version)s» is not adopted text; a decision may only "
                    "cite the bylaw in force."
                ),
                code="cites_draft",
                field="citations",
                params={"number": article.number, "version": article.version.label_fa},
            )
        if note is not None and note.article_id != article.pk:
            raise InvalidInput(
                _("The cited note does not belong to article %(number)d."),
                code="invalid",
                field="citations",
                params={"number": article.number},
            )


def _decision_fields(subject: str, body: str) -> None:
    if not subject.strip():
        raise InvalidInput(
            _("Enter the subject of the decision."), code="required", field="subject"
        )
    if not body.strip():
        raise InvalidInput(_("Enter the text of the decision."), code="required", field="body")


@audited
def decision_draft(
    *,
    actor,
    kind: DecisionKind,
    subject: str,
    body: str,
    decided_on: datetime.date,
    subject_en: str = "",
    meeting: Meeting | None = None,
    citations: Sequence[Citation] = (),
    amends: Decision | None = None,
) -> Decision:
    if not permissions.can_draft_decision(actor):
        raise Forbidden(_("Only members of the steering committee draft decisions."))
    _decision_fields(subject, body)
    _check_citations(citations, allow_superseded=False)
    if amends is not None and amends.status != DecisionStatus.ADOPTED:
        raise InvalidInput(
            _("Only an adopted decision can be amended."), code="invalid", field="amends"
        )
    decision = Decision.objects.create(
        kind=kind,
        subject=subject.strip(),
        subject_en=subject_en.strip(),
        body=body.strip(),
        decided_on=decided_on,
        meeting=meeting,
        amends=amends,
        created_by=actor,
    )
    DecisionCitation.objects.bulk_create(
        [DecisionCitation(decision=decision, article=a, note=n) for a, n in citations]
    )
    audit_record(
        actor=actor,
        action="decision.drafted",
        stream=STREAM,
        obj=decision,
        summary=f"draft decision: {subject[:80]}",
        after={
            "kind": str(kind),
            "decided_on": decided_on,
            "citations": [a.pk for a, _n in citations],
        },
    )
    return decision


@audited
def decision_update_draft(
    *,
    actor,
    decision: Decision,
    subject: str,
    body: str,
    decided_on: datetime.date,
    kind: DecisionKind,
    citations: Sequence[Citation] = (),
    subject_en: str = "",
) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.DRAFT:
        raise Conflict(
            _(
                "An adopted or rejected decision cannot change; "
                "a correction is a new decision that amends it."
            ),
            code="decision_closed",
        )
    if not permissions.can_draft_decision(actor):
        raise Forbidden(_("Only members of the steering committee draft decisions."))
    _decision_fields(subject, body)
    _check_citations(citations, allow_superseded=False)
    before = {"subject": decision.subject, "body": decision.body}
    decision.subject, decision.body, decision.decided_on = subject.strip(), body.strip(), decided_on
    decision.kind, decision.subject_en = kind, subject_en.strip()
    decision.save(update_fields=["subject", "body", "decided_on", "kind", "subject_en"])
    decision.citations.all().delete()
    DecisionCitation.objects.bulk_create(
        [DecisionCitation(decision=decision, article=a, note=n) for a, n in citations]
    )
    audit_record(
        actor=actor,
        action="decision.edited",
        stream=STREAM,
        obj=decision,
        before=before,
        after={"subject": decision.subject, "body": decision.body},
    )
    return decision


@audited
def decision_cast_vote(*, actor, decision: Decision, choice: VoteChoice) -> Vote:
    """A member votes (and is thereby present). A member may change their vote until closing."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.DRAFT:
        raise Conflict(_("Voting on this decision has closed."), code="decision_closed")
    member = committee_member_of(actor)
    if member is None:
        raise Forbidden(_("Only members of the steering committee vote."))
    vote, _created = Vote.objects.update_or_create(
        decision=decision, member=member, defaults={"choice": choice}
    )
    decision.present.add(member)
    audit_record(
        actor=actor,
        action="decision.vote_cast",
        stream=STREAM,
        obj=decision,
        summary=f"{member.seat} voted {choice}",
        after={"seat": member.seat, "vote": str(choice)},
    )
    return vote


@audited
def decision_set_present(
    *, actor, decision: Decision, members: Iterable[CommitteeMember]
) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.DRAFT:
        raise Conflict(_("Voting on this decision has closed."), code="decision_closed")
    if not permissions.is_committee_secretary(actor):
        raise Forbidden(_("Only the committee secretary records who is present."))
    members = list(members)
    voted = set(decision.votes.values_list("member_id", flat=True))
    if not voted <= {m.pk for m in members}:
        raise InvalidInput(_("A member who has voted is present."), code="invalid", field="present")
    decision.present.set(members)
    audit_record(
        actor=actor,
        action="decision.presence_recorded",
        stream=STREAM,
        obj=decision,
        after={"present": sorted(str(m.seat) for m in members)},
    )
    return decision


def decision_tally(decision: Decision, rule: QuorumRule):
    from daftar.governance.selectors import Tally

    present_ids = set(decision.present.values_list("pk", flat=True))
    votes = [v.choice for v in decision.votes.all() if v.member_id in present_ids]
    seats = len(Seat)
    basis = len(present_ids) if rule.majority_basis == MajorityBasis.PRESENT else seats
    return Tally(
        present=len(present_ids),
        yes=votes.count(VoteChoice.YES),
        no=votes.count(VoteChoice.NO),
        abstain=votes.count(VoteChoice.ABSTAIN),
        seats=seats,
        quorum=rule.min_present,
        needed=basis // 2 + 1,
    )


_NUMBER = re.compile(r"^\s*(\d{4})\s*/\s*(\d{1,4})\s*$")


def _decision_move(decision: Decision, to: DecisionStatus, **fields) -> None:
    """The one place a decision's status changes (draft → adopted or rejected)."""
    if decision.status != DecisionStatus.DRAFT or to == DecisionStatus.DRAFT:
        raise Conflict(_("This decision is already closed."), code="decision_closed")
    decision.status = to
    decision.closed_at = timezone.now()
    for name, value in fields.items():
        setattr(decision, name, value)
    decision.save(update_fields=["status", "closed_at", *fields])


def _allocate_number(decision: Decision, number: str | None) -> tuple[int, int]:
    year = fiscal_year(decision.decided_on)
    counter, _created = DecisionCounter.objects.get_or_create(year=year)
    counter = DecisionCounter.objects.select_for_update().get(pk=counter.pk)
    if number:
        match = _NUMBER.match(to_ascii_digits(number))
        if not match:
            raise InvalidInput(
                _("A decision number looks like 1404/27."), code="invalid", field="number"
            )
        given_year, seq = int(match.group(1)), int(match.group(2))
        if given_year != year or seq < 1:
            raise InvalidInput(
                _("Decision %(number)s is not in year %(year)d of its date."),
                code="invalid",
                field="number",
                params={"number": number, "year": year},
            )
        if Decision.objects.filter(year=year, seq=seq).exists():
            raise Conflict(
                _("Decision number %(number)s is already taken."),
                code="duplicate",
                field="number",
                params={"number": f"{year}/{seq}"},
            )
    else:
        seq = counter.last_seq + 1
    counter.last_seq = max(counter.last_seq, seq)
    counter.save(update_fields=["last_seq"])
    return year, seq


@audited
def decision_close(*, actor, decision: Decision, number: str | None = None) -> Decision:
    """Count the votes: with quorum, adopt (and number) or reject. Without quorum, refuse."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not permissions.is_committee_secretary(actor):
        raise Forbidden(_("Only the committee secretary closes the vote."))
    if decision.status != DecisionStatus.DRAFT:
        raise Conflict(_("This decision is already closed."), code="decision_closed")
    rule = quorum_rule_on(decision.decided_on)
    if rule is None:
        raise Conflict(
            _("No quorum rule is in force on the date of this decision."), code="no_quorum_rule"
        )
    tally = decision_tally(decision, rule)
    if not tally.quorate:
        raise InvalidInput(
            _(
                "The decision cannot be adopted without a quorum: %(present)d member(s) present, "
                "%(quorum)d required."
            ),
            code="no_quorum",
            params={"present": tally.present, "quorum": tally.quorum},
        )
    citations = [
        (c.article, c.note) for c in decision.citations.select_related("article__version", "note")
    ]
    if tally.carried:
        _check_citations(citations, allow_superseded=True)
        year, seq = _allocate_number(decision, number)
        _decision_move(decision, DecisionStatus.ADOPTED, year=year, seq=seq, rule=rule)
    else:
        _decision_move(decision, DecisionStatus.REJECTED, rule=rule)
    audit_record(
        actor=actor,
        action=f"decision.{decision.status}",
        stream=STREAM,
        obj=decision,
        summary=f"decision {decision.number or decision.pk} {decision.status}",
        after={
            "number": decision.number,
            "yes": tally.yes,
            "no": tally.no,
            "abstain": tally.abstain,
            "present": tally.present,
        },
    )
    return decision


# --- the hook other capabilities use ---------------------------------------------------------


def decision_require(*, decision: Decision | None, kind: DecisionKind) -> Decision:
    """Check that an adopted decision of `kind` authorises an action; raise otherwise."""
    if decision is None:
        raise InvalidInput(
            _("This action needs an adopted decision of the steering committee."),
            code="decision_required",
            field="decision",
        )
    if decision.status != DecisionStatus.ADOPTED:
        raise InvalidInput(
            _("Decision «%(subject)s» is not adopted, so it cannot authorise this action."),
            code="decision_not_adopted",
            field="decision",
            params={"subject": decision.subject},
        )
    if decision.kind != kind:
        raise InvalidInput(
            _(
                "Decision %(number)s is a %(kind)s decision; this action needs a %(needed)s "
                "decision."
            ),
            code="decision_wrong_kind",
            field="decision",
            params={
                "number": decision.number,
                "kind": decision.get_kind_display(),
                "needed": DecisionKind(kind).label,
            },
        )
    return decision


def decision_record_effect(*, decision: Decision, obj, summary: str) -> DecisionEffect:
    """Record, inside the caller's transaction, what `decision` changed (shown on its page)."""
    return DecisionEffect.objects.create(
        decision=decision,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        summary=summary[:300],
    )


@audited
def quorum_rule_set(
    *,
    actor,
    decision: Decision,
    effective_from: datetime.date,
    min_present: int,
    majority_basis: MajorityBasis,
) -> QuorumRule:
    decision_require(decision=decision, kind=DecisionKind.POLICY)
    if not 1 <= min_present <= len(Seat):
        raise InvalidInput(
            _("The quorum must be between 1 and %(seats)d members."),
            code="invalid",
            field="min_present",
            params={"seats": len(Seat)},
        )
    rule, _created = QuorumRule.objects.update_or_create(
        effective_from=effective_from,
        defaults={"min_present": min_present, "majority_basis": majority_basis, "set_by": decision},
    )
    decision_record_effect(
        decision=decision, obj=rule, summary=f"quorum {min_present}, majority of {majority_basis}"
    )
    audit_record(
        actor=actor,
        action="committee.quorum_rule_set",
        stream=STREAM,
        obj=rule,
        after={
            "effective_from": effective_from,
            "min_present": min_present,
            "majority_basis": str(majority_basis),
            "decision": decision.number,
        },
    )
    return rule
