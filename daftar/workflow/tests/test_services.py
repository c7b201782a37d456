"""The editor's services: drafts copy a version, edits change only drafts, publishing validates,
and every write is the catalogue team's and is audited."""

from __future__ import annotations

import pytest

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.workflow import services
from daftar.workflow.definitions import workflow_current, workflow_install
from daftar.workflow.selectors import version_definition, version_state
from daftar.workflow.validation import workflow_validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(personas):
    return Actor.for_user(personas.catalogue_admin)


@pytest.fixture
def permit():
    return workflow_install("permit")


@pytest.fixture
def draft(editor, permit):
    return services.workflow_draft_create(actor=editor, workflow=permit.workflow, source=permit)


def test_a_draft_copies_every_state_and_action_of_its_source(draft, permit):
    assert (draft.is_draft, draft.version) == (True, 2)
    assert version_definition(draft) == version_definition(permit)
    assert AuditEntry.objects.filter(action="workflow.draft").count() == 1


def test_a_draft_is_never_the_current_version(draft, permit):
    assert workflow_current("permit") == permit


def test_only_one_draft_per_workflow(editor, draft, permit):
    with pytest.raises(Conflict) as refused:
        services.workflow_draft_create(actor=editor, workflow=permit.workflow, source=permit)
    assert refused.value.code == "workflow_draft_exists"


def test_a_reviewer_may_not_draft(personas, permit):
    with pytest.raises(Forbidden) as refused:
        services.workflow_draft_create(
            actor=Actor.for_user(personas.reviewer), workflow=permit.workflow, source=permit
        )
    assert refused.value.code == "workflow_not_catalogue_admin"


def test_a_published_version_cannot_be_edited(editor, permit):
    with pytest.raises(Conflict) as refused:
        services.workflow_state_save(
            actor=editor, version=permit, state=version_state(permit, "submitted"), sla_days=3
        )
    assert refused.value.code == "workflow_not_a_draft"
    assert version_state(permit, "submitted").sla_days == 1


def test_editing_a_state_of_the_draft_changes_the_draft_only(editor, draft, permit):
    services.workflow_state_save(
        actor=editor, version=draft, state=version_state(draft, "in_review"), sla_days=9
    )
    assert version_state(draft, "in_review").sla_days == 9
    assert version_state(permit, "in_review").sla_days == 5
    entry = AuditEntry.objects.get(action="workflow.state_save")
    assert (entry.before["sla_days"], entry.after["sla_days"]) == (5, 9)


def test_a_second_state_with_the_same_code_is_refused(editor, draft):
    with pytest.raises(InvalidInput) as refused:
        services.workflow_state_save(
            actor=editor, version=draft, code="draft", name_fa="دوباره", name_en="Again"
        )
    assert (refused.value.code, refused.value.field) == ("workflow_duplicate_code", "code")


def test_marking_a_start_state_moves_the_start(editor, draft):
    services.workflow_state_save(
        actor=editor, version=draft, state=version_state(draft, "submitted"), is_start=True
    )
    assert list(draft.states.filter(is_start=True).values_list("code", flat=True)) == ["submitted"]


def test_an_unknown_department_is_refused(editor, draft):
    with pytest.raises(InvalidInput) as refused:
        services.workflow_state_save(
            actor=editor,
            version=draft,
            state=version_state(draft, "in_review"),
            department="no-such-department",
        )
    assert refused.value.code == "workflow_unknown_department"


def test_a_state_with_actions_cannot_be_removed(editor, draft):
    with pytest.raises(Conflict) as refused:
        services.workflow_state_delete(actor=editor, state=version_state(draft, "approved"))
    assert refused.value.code == "workflow_state_in_use"


def test_an_action_naming_an_unknown_role_is_refused(editor, draft):
    with pytest.raises(InvalidInput) as refused:
        services.workflow_action_save(
            actor=editor,
            version=draft,
            from_state=version_state(draft, "in_review"),
            to_state=version_state(draft, "approved"),
            code="fast",
            name_fa="سریع",
            name_en="Fast",
            roles=["treasury_officer"],
        )
    assert refused.value.field == "roles"


def test_an_invalid_draft_is_not_published_and_says_why(editor, draft):
    services.workflow_action_save(
        actor=editor,
        version=draft,
        from_state=version_state(draft, "closed"),
        to_state=version_state(draft, "in_review"),
        code="reopen",
        name_fa="بازگشایی",
        name_en="Reopen",
        roles=["department_reviewer"],
    )
    with pytest.raises(InvalidInput) as refused:
        services.workflow_version_publish(actor=editor, version=draft)
    assert refused.value.code == "workflow_invalid"
    assert refused.value.reasons
    draft.refresh_from_db()
    assert draft.is_draft
    assert not AuditEntry.objects.filter(action="workflow.publish").exists()


def test_a_valid_draft_is_published_and_becomes_current(editor, draft):
    services.workflow_version_publish(actor=editor, version=draft)
    draft.refresh_from_db()
    assert not draft.is_draft
    assert workflow_current("permit") == draft
    with pytest.raises(Conflict):
        services.workflow_version_publish(actor=editor, version=draft)


def test_a_new_workflow_starts_as_an_empty_draft(editor):
    version = services.workflow_create(
        actor=editor, code="fire-check", name_fa="بازرسی آتش‌نشانی", name_en="Fire check"
    )
    assert (version.is_draft, version.version) == (True, 1)
    problems = workflow_validate(version_definition(version))
    assert [p.code for p in problems] == ["no_start"]
