"""Governance fixtures shared by every app's tests (loaded from the root conftest)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from daftar.accounts.choices import Role
from daftar.accounts.tests.factories import UserFactory
from daftar.core.actors import Actor
from daftar.governance import services
from daftar.governance.choices import Seat, VoteChoice
from daftar.governance.models import BylawVersion, CommitteeMember
from daftar.governance.tests.factories import (
    ADOPTED_ON,
    BylawFactory,
    CommissionFactory,
    VersionFactory,
    add_article,
)


@dataclass
class Committee:
    secretary: object  # the user holding the urban-planning seat, also secretary
    planning: object
    finance: object

    def member(self, user) -> CommitteeMember:
        return CommitteeMember.objects.get(user=user, until__isnull=True)


@pytest.fixture
def committee(personas) -> Committee:
    planning = UserFactory(username="deputy_planning", roles=[Role.COMMITTEE_MEMBER])
    finance = UserFactory(username="deputy_finance", roles=[Role.COMMITTEE_MEMBER])
    since = datetime.date(2025, 3, 21)
    services.committee_member_appoint(
        actor=Actor.system("test"),
        user=personas.committee,
        seat=Seat.URBAN_PLANNING,
        since=since,
        is_secretary=True,
    )
    services.committee_member_appoint(
        actor=Actor.system("test"), user=planning, seat=Seat.PLANNING, since=since
    )
    services.committee_member_appoint(
        actor=Actor.system("test"), user=finance, seat=Seat.FINANCE, since=since
    )
    return Committee(secretary=personas.committee, planning=planning, finance=finance)


@pytest.fixture
def commissions(personas):
    urban = CommissionFactory(code="urban-planning", name_fa="کمیسیون شهرسازی و معماری")
    budget = CommissionFactory(code="planning-budget", name_fa="کمیسیون برنامه و بودجه")
    urban.members.add(personas.council)
    return urban, budget


@pytest.fixture
def bylaw():
    return BylawFactory()


def adopt_version(version: BylawVersion, *, secretary, council, on=ADOPTED_ON, session=341):
    services.bylaw_version_submit(actor=Actor.for_user(secretary), version=version)
    return services.bylaw_version_adopt(
        actor=Actor.for_user(council), version=version, adopted_on=on, council_session=session
    )


@pytest.fixture
def in_force(bylaw, committee, personas) -> BylawVersion:
    """An adopted version with three articles; article 7 has two notes."""
    version = VersionFactory(bylaw=bylaw, number=1, label_fa="نسخه مصوب")
    add_article(version, 1, "این آیین‌نامه برای ساماندهی دفاتر خدمات الکترونیک شهر است.")
    add_article(
        version,
        7,
        "همه وجوه دریافتی به حساب خزانه واحد واریز می‌شود.",
        notes=["دفتر مجاز به نگهداری وجه نقد نیست.", "تسویه سهم دفتر ماهانه است."],
    )
    add_article(version, 12, "تعرفه‌ها فقط با مصوبه کمیته راهبری تعیین می‌شود.")
    return adopt_version(version, secretary=committee.secretary, council=personas.council)


@pytest.fixture
def adopt_decision(committee):
    """Adopt a decision of `kind` through the committee, as the services require."""

    def make(kind, subject: str = "مصوبه", day: datetime.date = datetime.date(2025, 12, 1)):
        decision = services.decision_draft(
            actor=Actor.for_user(committee.secretary),
            kind=kind,
            subject=subject,
            body="متن",
            decided_on=day,
        )
        for user in (committee.secretary, committee.planning):
            services.decision_cast_vote(
                actor=Actor.for_user(user), decision=decision, choice=VoteChoice.YES
            )
        return services.decision_close(actor=Actor.for_user(committee.secretary), decision=decision)

    return make
