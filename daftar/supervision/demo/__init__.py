"""Demo supervision: a half-year of inspections, complaints and two grading periods across the
demo offices, so that every supervision role has work on sign-in. Each area seeds itself in
its own module, in this order (later areas read what earlier ones made), each adopting its
own rules through committee decisions first: inspections, complaints, grading, sanctions.

Idempotent: a section that finds its rows already there says so and does nothing.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from unittest import mock

from daftar.core.actors import Actor
from daftar.governance import services as governance
from daftar.governance.choices import DecisionKind, VersionStatus, VoteChoice
from daftar.governance.models import Article, ArticleNote, Decision
from daftar.governance.selectors import committee_members_active, version_in_force


def bylaw_article(number: int) -> Article | None:
    """Article `number` of the bylaw in force (None if the demo has no such article)."""
    version = version_in_force()
    if version is None or version.status != VersionStatus.ADOPTED:
        return None
    return version.articles.filter(number=number).first()


def adopt_decision(
    *,
    kind: DecisionKind,
    subject_fa: str,
    subject_en: str,
    body_fa: str,
    day: datetime.date,
    citations: Sequence[tuple[Article, ArticleNote | None]] = (),
) -> Decision:
    """A decision the demo committee adopts unanimously through governance's services (the
    subject names it, so a second run finds it instead of adopting it again)."""
    existing = Decision.objects.filter(subject_en=subject_en, kind=kind).first()
    if existing is not None:
        return existing
    members = list(committee_members_active(day).select_related("user"))
    secretary = next(m for m in members if m.is_secretary).user
    decision = governance.decision_draft(
        actor=Actor.for_user(secretary),
        kind=kind,
        subject=subject_fa,
        subject_en=subject_en,
        body=body_fa,
        decided_on=day,
        citations=citations,
    )
    for member in members:
        governance.decision_cast_vote(
            actor=Actor.for_user(member.user), decision=decision, choice=VoteChoice.YES
        )
    return governance.decision_close(actor=Actor.for_user(secretary), decision=decision)


@contextmanager
def demo_clock(at: datetime.datetime) -> Iterator[None]:
    """Run the services as if it were `at`, a minute later at each reading of the clock: the
    demo's past inspections are signed off, and their reports, findings and audit entries
    dated, on the days they were planned for (a submitted report is immutable, so it cannot be
    dated afterwards). For the demo generator only; nothing else moves the clock."""
    ticks = itertools.count()

    def now() -> datetime.datetime:
        return at + datetime.timedelta(minutes=next(ticks))

    with mock.patch("django.utils.timezone.now", side_effect=now):
        yield


def seed_supervision(ctx) -> None:
    from daftar.supervision.demo import complaints, grading, inspections, sanctions

    for area in (inspections, complaints, grading, sanctions):
        area.seed(ctx)
