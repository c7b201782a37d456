"""Reads for the bylaw and the committee, each scoped to what the user may see.

Adopted (and superseded) bylaw text and adopted decisions are public. Drafts of the bylaw
are for the steering committee and the council's commissions, and versions under review
for the whole council too; draft decisions for the committee and the council (read-only),
rejected ones for auditors too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.core.jalali import fiscal_year, jalali_year_bounds
from daftar.governance.choices import DecisionStatus, VersionStatus
from daftar.governance.models import (
    Article,
    ArticleNote,
    Bylaw,
    BylawVersion,
    CommitteeMember,
    Decision,
    DecisionCitation,
    Meeting,
    QuorumRule,
)


def user_sees_drafts(user) -> bool:
    """Committee members and council members sitting on a commission see bylaw drafts."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user_has_role(user, Role.COMMITTEE_MEMBER) or (
        user_has_role(user, Role.COUNCIL_MEMBER) and user.commissions.exists()
    )


def _merged_into() -> Subquery:
    """The number of the first version merged from this one (None if none was)."""
    return Subquery(
        BylawVersion.objects.filter(
            Q(merged_from_left=OuterRef("pk")) | Q(merged_from_right=OuterRef("pk"))
        )
        .order_by("number")
        .values("number")[:1]
    )


def version_visible_to(user) -> QuerySet[BylawVersion]:
    """The versions `user` may see, each with `merged_into` (see `BylawVersion.status_label`)."""
    versions = BylawVersion.objects.select_related("bylaw", "commission").annotate(
        merged_into=_merged_into()
    )
    if user_sees_drafts(user):
        return versions
    public = [VersionStatus.ADOPTED, VersionStatus.SUPERSEDED]
    if user_has_role(user, Role.COUNCIL_MEMBER):  # the council reviews and adopts
        public.append(VersionStatus.UNDER_REVIEW)
    return versions.filter(status__in=public)


def version_get_for_user(user, *, number: int, bylaw: Bylaw | None = None) -> BylawVersion:
    """The version; DoesNotExist if it does not exist *or* the user may not see it."""
    versions = version_visible_to(user)
    if bylaw is not None:
        versions = versions.filter(bylaw=bylaw)
    return versions.get(number=number)


def bylaw_default() -> Bylaw | None:
    return Bylaw.objects.order_by("pk").first()


def version_in_force(bylaw: Bylaw | None = None) -> BylawVersion | None:
    versions = BylawVersion.objects.select_related("bylaw").filter(status=VersionStatus.ADOPTED)
    if bylaw is not None:
        versions = versions.filter(bylaw=bylaw)
    return versions.first()


def version_articles(version: BylawVersion) -> QuerySet[Article]:
    """Articles with their notes, chapters and the decisions that cite them (two queries + one)."""
    public_citations = (
        DecisionCitation.objects.filter(decision__status=DecisionStatus.ADOPTED)
        .select_related("decision", "note")
        .order_by("decision__year", "decision__seq")
    )
    return (
        Article.objects.filter(version=version)
        .select_related("chapter", "version", "version__bylaw")
        .prefetch_related(
            Prefetch("notes", queryset=ArticleNote.objects.order_by("number")),
            Prefetch("citations", queryset=public_citations),
        )
        .order_by("number")
    )


def decision_visible_to(user) -> QuerySet[Decision]:
    """Adopted decisions for everyone; rejected ones for auditors too; every decision, drafts
    awaiting a vote included, for the committee and the council — the council's oversight is
    read-only but of everything (DESIGN §1), and /committee/ lists the drafts to it."""
    decisions = Decision.objects.all()
    if user_has_role(user, Role.COMMITTEE_MEMBER, Role.COUNCIL_MEMBER):
        return decisions
    if user_has_role(user, Role.AUDITOR):
        return decisions.exclude(status=DecisionStatus.DRAFT)
    return decisions.filter(status=DecisionStatus.ADOPTED)


def decision_list(
    user, *, year: int | None = None, kind: str | None = None, status: str | None = None
) -> QuerySet[Decision]:
    decisions = decision_visible_to(user)
    if year:
        first, last = jalali_year_bounds(year)
        decisions = decisions.filter(decided_on__range=(first, last))
    if kind:
        decisions = decisions.filter(kind=kind)
    if status:
        decisions = decisions.filter(status=status)
    return decisions.order_by("-decided_on", "-seq", "-pk")


def decision_detail(decision_qs: QuerySet[Decision]) -> QuerySet[Decision]:
    return decision_qs.select_related("meeting", "amends", "rule", "created_by").prefetch_related(
        Prefetch(
            "citations",
            queryset=DecisionCitation.objects.select_related(
                "article", "article__version", "article__version__bylaw", "note"
            ),
        ),
        "votes__member__user",
        "present__user",
        "amendments",
        "effects__content_type",
    )


def decision_years(user) -> list[int]:
    dates = decision_visible_to(user).values_list("decided_on", flat=True).distinct()
    return sorted({fiscal_year(day) for day in dates}, reverse=True)


def committee_members_active(on: datetime.date | None = None) -> QuerySet[CommitteeMember]:
    members = CommitteeMember.objects.select_related("user")
    if on is None:
        return members.filter(until__isnull=True)
    return members.filter(since__lte=on).filter(Q(until__isnull=True) | Q(until__gte=on))


def committee_member_of(user) -> CommitteeMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CommitteeMember.objects.filter(user=user, until__isnull=True).first()


def quorum_rule_on(day: datetime.date) -> QuorumRule | None:
    return QuorumRule.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


@dataclass(frozen=True)
class Tally:
    present: int
    yes: int
    no: int
    abstain: int
    seats: int
    quorum: int
    needed: int

    @property
    def quorate(self) -> bool:
        return self.present >= self.quorum

    @property
    def carried(self) -> bool:
        return self.quorate and self.yes >= self.needed


def decision_amendable() -> QuerySet[Decision]:
    return Decision.objects.filter(status=DecisionStatus.ADOPTED).order_by("-year", "-seq")


def decision_drafts() -> QuerySet[Decision]:
    return (
        Decision.objects.filter(status=DecisionStatus.DRAFT)
        .prefetch_related("votes__member")
        .order_by("-decided_on", "-pk")
    )


def versions_in_progress() -> QuerySet[BylawVersion]:
    """Drafts still being worked on and versions before the council: a draft that has been
    merged into another lives on in that one and is not listed."""
    return (
        BylawVersion.objects.select_related("commission")
        .annotate(merged_into=_merged_into())
        .filter(status__in=[VersionStatus.DRAFT, VersionStatus.UNDER_REVIEW])
        .exclude(status=VersionStatus.DRAFT, merged_into__isnull=False)
        .order_by("-number")
    )


def meeting_recent(limit: int = 10) -> QuerySet[Meeting]:
    return Meeting.objects.prefetch_related("decisions").order_by("-held_on", "-number")[:limit]


def decisions_adopted(kind) -> QuerySet[Decision]:
    """Adopted decisions of `kind` (a DecisionKind), newest first: what a form offers as the
    decision behind an act."""
    return Decision.objects.filter(kind=kind, status=DecisionStatus.ADOPTED).order_by(
        "-year", "-seq"
    )


def decision_drafts_awaiting_vote(user) -> int:
    """How many draft decisions `user`, a sitting committee member, has not voted on yet."""
    member = committee_member_of(user)
    if member is None:
        return 0
    return (
        Decision.objects.filter(status=DecisionStatus.DRAFT).exclude(votes__member=member).count()
    )


def versions_in_progress_count() -> dict[str, int]:
    """Bylaw versions being drafted, and sent to the council floor (under review)."""
    return (
        versions_in_progress()
        .order_by()
        .aggregate(
            drafts=Count("pk", filter=Q(status=VersionStatus.DRAFT)),
            under_review=Count("pk", filter=Q(status=VersionStatus.UNDER_REVIEW)),
        )
    )


def decisions_adopted_between(first: datetime.date, last: datetime.date) -> QuerySet[Decision]:
    """Adopted (numbered) decisions dated `first`..`last` inclusive, in their order: the council
    report's list of the period's decisions (public: adopted decisions are for everyone)."""
    return Decision.objects.filter(
        status=DecisionStatus.ADOPTED, decided_on__gte=first, decided_on__lte=last
    ).order_by("decided_on", "year", "seq")


def versions_adopted_between(first: datetime.date, last: datetime.date) -> QuerySet[BylawVersion]:
    """Bylaw versions adopted `first`..`last` inclusive (still in force or superseded since)."""
    return (
        BylawVersion.objects.filter(
            status__in=[VersionStatus.ADOPTED, VersionStatus.SUPERSEDED],
            adopted_on__gte=first,
            adopted_on__lte=last,
        )
        .select_related("bylaw")
        .order_by("adopted_on", "number")
    )
