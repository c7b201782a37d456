"""Who may change the bylaw and the committee's decisions: every write page × every persona.

The council drafts the bylaw in its commissions, sends a draft to the floor and records the
floor's adoption; the steering committee drafts, votes and closes decisions (its secretary also
drafts the bylaw and records meetings). Nobody else writes here (docs/governance.md, ADR 0008).
A membership (a commission seat, a committee seat) counts only with the role that goes with it,
so every account that can write here holds a role that must use a second factor.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from daftar.accounts.choices import Role
from daftar.accounts.services import user_set_roles
from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.governance import services
from daftar.governance.choices import DecisionKind, VersionStatus
from daftar.governance.tests.factories import VersionFactory, add_article

pytestmark = pytest.mark.django_db

BYLAW_WRITERS = {"committee", "council"}  # the committee's secretary, a commission's member


@dataclass
class Stage:
    """Objects every write page acts on, made once per test."""

    draft: object  # a draft of the urban-planning commission (the council persona sits on it)
    other_draft: object  # a draft of the budget commission, for merging
    under_review: object
    decision: object
    members: list


@pytest.fixture
def stage(in_force, committee, commissions, personas) -> Stage:
    urban, budget = commissions
    draft = VersionFactory(bylaw=in_force.bylaw, number=2, commission=urban)
    add_article(draft, 1, "متن مشترک")
    add_article(draft, 2, "فقط در پیش‌نویس کمیسیون شهرسازی")
    other = VersionFactory(bylaw=in_force.bylaw, number=3, commission=budget)
    add_article(other, 1, "متن مشترک")
    under_review = VersionFactory(bylaw=in_force.bylaw, number=4, commission=urban)
    add_article(under_review, 1, "متن برای صحن شورا")
    services.bylaw_version_submit(actor=Actor.for_user(committee.secretary), version=under_review)
    decision = services.decision_draft(
        actor=Actor.for_user(committee.secretary),
        kind=DecisionKind.POLICY,
        subject="سیاست تازه",
        body="متن",
        decided_on=in_force.adopted_on,
    )
    members = [committee.member(committee.secretary).pk, committee.member(committee.planning).pk]
    return Stage(draft, other, under_review, decision, members)


def _pages(stage: Stage) -> dict[str, tuple[str, dict]]:
    d, r, pk = stage.draft.number, stage.under_review.number, stage.decision.pk
    return {
        "new bylaw draft": ("/bylaw/drafts/new/", {"label_fa": "پیش‌نویس تازه"}),
        "chapter of a draft": (
            f"/bylaw/v/{d}/edit/",
            {"chapter": "1", "chapter-number": "2", "chapter-title_fa": "فصل دوم"},
        ),
        "article of a draft": (
            f"/bylaw/v/{d}/edit/articles/new/",
            {"number": "9", "text_fa": "ماده"},
        ),
        "delete an article": (f"/bylaw/v/{d}/edit/articles/2/", {"delete": "1"}),
        "send a draft for review": (f"/bylaw/v/{d}/submit/", {}),
        "merge two drafts": (
            f"/bylaw/merge/?left={d}&right={stage.other_draft.number}",
            {"label_fa": "ادغام", "choice_2": "left"},
        ),
        "adopt a version": (
            f"/bylaw/v/{r}/adopt/",
            {"adopted_on": "۱۴۰۴/۱۰/۲۰", "council_session": "355"},
        ),
        "new decision": (
            "/committee/decisions/new/",
            {"kind": "policy", "decided_on": "1404/09/10", "subject": "تازه", "body": "متن"},
        ),
        "edit a draft decision": (
            f"/committee/decisions/{pk}/edit/",
            {"kind": "policy", "decided_on": "1404/09/10", "subject": "ویرایش", "body": "متن"},
        ),
        "vote": (f"/committee/decisions/{pk}/vote/", {"choice": "yes"}),
        "close a decision": (f"/committee/decisions/{pk}/close/", {"present": stage.members}),
        "record a meeting": (
            "/committee/meetings/new/",
            {"number": "99", "held_on": "1404/09/10", "attendees": stage.members},
        ),
    }


EXPECTED = {
    "new bylaw draft": BYLAW_WRITERS,
    "chapter of a draft": BYLAW_WRITERS,
    "article of a draft": BYLAW_WRITERS,
    "delete an article": BYLAW_WRITERS,
    "send a draft for review": BYLAW_WRITERS,
    "merge two drafts": BYLAW_WRITERS,
    "adopt a version": {"council"},
    "new decision": {"committee"},
    "edit a draft decision": {"committee"},
    "vote": {"committee"},
    "close a decision": {"committee"},
    "record a meeting": {"committee"},
}


def _writes(user, url: str, data: dict) -> tuple[bool, int]:
    """Post as `user`; whether anything was written (an audit entry), then undo it."""
    client = Client()
    client.force_login(user)
    with transaction.atomic():
        before = AuditEntry.objects.count()
        status = client.post(url, data).status_code
        wrote = AuditEntry.objects.count() > before
        transaction.set_rollback(True)
    return wrote, status


def test_each_governance_write_page_is_open_to_its_roles_only(stage, personas):
    pages = _pages(stage)
    assert set(pages) == set(EXPECTED)
    for page, (url, data) in pages.items():
        writers = set()
        for name, user in personas.all().items():
            wrote, status = _writes(user, url, data)
            if wrote:
                writers.add(name)
            else:
                assert status in (302, 404), (page, name, status)  # refused: nothing to see
        assert writers == EXPECTED[page], page


def test_every_role_that_can_write_in_governance_must_use_a_second_factor(stage, personas):
    privileged = set(settings.PRIVILEGED_ROLES)
    for page, (url, data) in _pages(stage).items():
        for name, user in personas.all().items():
            if _writes(user, url, data)[0]:
                roles = set(user.groups.values_list("name", flat=True))
                assert roles, (page, name)
                assert roles <= privileged, (page, name, roles)


def test_a_commission_seat_without_the_council_role_writes_nothing(stage, personas):
    user_set_roles(actor=Actor.system("test"), user=personas.council, roles=[Role.OFFICE_OPERATOR])
    personas.council._daftar_roles = None
    d = stage.draft.number
    for url, data in (
        ("/bylaw/drafts/new/", {"label_fa": "پیش‌نویس تازه"}),
        (f"/bylaw/v/{d}/edit/articles/new/", {"number": "9", "text_fa": "ماده"}),
        (f"/bylaw/v/{d}/submit/", {}),
    ):
        assert _writes(personas.council, url, data) == (False, 404), url
    stage.draft.refresh_from_db()
    assert stage.draft.status == VersionStatus.DRAFT


def test_a_committee_seat_without_the_committee_role_writes_nothing(stage, personas, committee):
    user_set_roles(actor=Actor.system("test"), user=committee.secretary, roles=[Role.INSPECTOR])
    pages = _pages(stage)
    for page in (
        "new bylaw draft",
        "close a decision",
        "record a meeting",
        "send a draft for review",
    ):
        url, data = pages[page]
        assert not _writes(committee.secretary, url, data)[0], page
