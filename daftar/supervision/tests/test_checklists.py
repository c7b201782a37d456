"""Checklists as data: drafting, adopting by a policy decision, frozen once adopted."""

# ruff: noqa: F811 - the fixtures are imported from fixtures_inspections by name

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.governance.choices import DecisionKind
from daftar.supervision.choices import RuleStatus
from daftar.supervision.error_codes import SupervisionErrorCode
from daftar.supervision.models import ChecklistItem, ChecklistSection
from daftar.supervision.services import checklists
from daftar.supervision.tests.fixtures_inspections import (  # noqa: F401
    checklist,
    policy,
)


def test_an_adopted_version_is_in_force_and_cites_the_bylaw(checklist, policy):
    assert checklist.status == RuleStatus.ADOPTED
    assert checklist.decision == policy
    item = ChecklistItem.objects.get(section__version=checklist, code="tariffs")
    assert item.citations.count() == 1


def test_a_frozen_version_refuses_edits_in_the_service(checklist, personas):
    section = checklist.sections.first()
    with pytest.raises(Conflict) as raised:
        checklists.checklist_section_add(
            actor=Actor.for_user(personas.supervisor), version=checklist, title_fa="بخش تازه"
        )
    assert raised.value.code == SupervisionErrorCode.RULES_FROZEN
    with pytest.raises(Conflict):
        checklists.checklist_item_remove(
            actor=Actor.for_user(personas.supervisor), item=section.items.first()
        )
    assert section.items.count() == 3


def test_a_frozen_version_refuses_edits_in_the_database(checklist):
    section = checklist.sections.first()
    item = section.items.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ChecklistItem.objects.filter(pk=item.pk).update(weight=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        ChecklistSection.objects.filter(pk=section.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        ChecklistSection.objects.create(version=checklist, order=9, title_fa="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        item.citations.all().delete()
    item.refresh_from_db()
    assert item.weight == 2


def test_a_new_draft_copies_the_previous_version_and_its_adoption_supersedes_it(
    checklist, personas, adopt_decision
):
    actor = Actor.for_user(personas.supervisor)
    draft = checklists.checklist_version_draft(actor=actor, template=checklist.template)
    assert draft.number == 2
    assert draft.status == RuleStatus.DRAFT
    assert ChecklistItem.objects.filter(section__version=draft).count() == 3
    item = ChecklistItem.objects.get(section__version=draft, code="tariffs")
    assert item.citations.count() == 1
    checklists.checklist_item_edit(
        actor=actor, item=item, text_fa="تعرفه‌ها نصب است", weight=3, evidence="photo"
    )
    adopted = checklists.checklist_version_adopt(
        actor=actor, version=draft, decision=adopt_decision(DecisionKind.POLICY, "نسخه دوم")
    )
    checklist.refresh_from_db()
    assert adopted.status == RuleStatus.ADOPTED
    assert checklist.status == RuleStatus.SUPERSEDED


def test_adoption_needs_an_adopted_policy_decision(personas, adopt_decision):
    actor = Actor.for_user(personas.supervisor)
    version = checklists.checklist_template_create(actor=actor, code="x", name_fa="چک‌لیست")
    section = checklists.checklist_section_add(actor=actor, version=version, title_fa="بخش")
    checklists.checklist_item_add(actor=actor, section=section, code="a", text_fa="مورد")
    with pytest.raises(InvalidInput):
        checklists.checklist_version_adopt(actor=actor, version=version, decision=None)
    with pytest.raises(InvalidInput):
        checklists.checklist_version_adopt(
            actor=actor, version=version, decision=adopt_decision(DecisionKind.TARIFF)
        )
    version.refresh_from_db()
    assert version.status == RuleStatus.DRAFT


def test_an_item_may_not_cite_draft_bylaw_text_or_weigh_nothing(personas, in_force):
    from daftar.governance.tests.factories import VersionFactory, add_article

    actor = Actor.for_user(personas.supervisor)
    version = checklists.checklist_template_create(actor=actor, code="x", name_fa="چک‌لیست")
    section = checklists.checklist_section_add(actor=actor, version=version, title_fa="بخش")
    draft = VersionFactory(bylaw=in_force.bylaw, number=2)
    draft_article = add_article(draft, 3, "متن پیش‌نویس")
    with pytest.raises(InvalidInput) as raised:
        checklists.checklist_item_add(
            actor=actor,
            section=section,
            code="a",
            text_fa="مورد",
            citations=[(draft_article, None)],
        )
    assert raised.value.code == SupervisionErrorCode.CHECKLIST_CITES_DRAFT
    with pytest.raises(InvalidInput):
        checklists.checklist_item_add(
            actor=actor, section=section, code="a", text_fa="مورد", weight=0
        )
    assert not ChecklistItem.objects.filter(section=section).exists()


def test_only_the_supervision_unit_edits_checklists(personas):
    for persona in (personas.inspector, personas.manager_a, personas.committee):
        with pytest.raises(Forbidden):
            checklists.checklist_template_create(
                actor=Actor.for_user(persona), code="x", name_fa="چک‌لیست"
            )


def test_the_response_window_is_set_on_a_draft_only(checklist, personas):
    actor = Actor.for_user(personas.supervisor)
    with pytest.raises(Conflict):
        checklists.checklist_version_set_response_days(
            actor=actor, version=checklist, response_days=5
        )
    draft = checklists.checklist_version_draft(actor=actor, template=checklist.template)
    with pytest.raises(InvalidInput):
        checklists.checklist_version_set_response_days(actor=actor, version=draft, response_days=0)
    draft = checklists.checklist_version_set_response_days(
        actor=actor, version=draft, response_days=5
    )
    assert draft.response_days == 5
    checklist.refresh_from_db()
    assert checklist.response_days == 10
