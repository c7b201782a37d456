"""A reviewer deactivated, or no longer reviewing for a department, leaves its queue: their open
assigned files return to the department's shared queue with a timeline note and an audit entry
each; other reviewers' files are untouched (issue 17, ADR 0031)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.tests.factories import UserFactory
from daftar.audit.models import AuditEntry
from daftar.cases import selectors, services
from daftar.cases.models import File, FileEvent
from daftar.cases.tests.fixtures import open_file
from daftar.catalogue.models import DepartmentMember
from daftar.core.actors import Actor
from daftar.core.errors import InvalidInput
from daftar.offices import services as people
from daftar.offices.services import Placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(personas, catalogue):
    """Two open files assigned to the persona reviewer, one closed file assigned to them, and
    one open file assigned to a colleague of the same department."""
    colleague = UserFactory(username="colleague", roles=[Role.DEPARTMENT_REVIEWER])
    DepartmentMember.objects.create(department=catalogue.department, user=colleague)
    head = Actor.for_user(catalogue.head)
    files = []
    for reviewer in (personas.reviewer, personas.reviewer, personas.reviewer, colleague):
        file = services.file_apply_action(
            actor=Actor.system("treasury"), file=open_file(personas, catalogue), action="pay"
        )
        files.append(services.file_assign(actor=head, file=file, reviewer=reviewer))
    File.objects.filter(pk=files[2].pk).update(closed_at=timezone.now())
    return files, colleague


def _admin(personas) -> Actor:
    return Actor.for_user(personas.admin)


def _update(personas, user, placement: Placement):
    return people.staff_member_update(
        actor=_admin(personas),
        user=user,
        first_name=user.first_name or "نام",
        last_name=user.last_name or "خانوادگی",
        mobile="",
        placement=placement,
    )


def _assignees(files) -> list:
    return [File.objects.get(pk=file.pk).assignee_id for file in files]


def _staff_sentences(file) -> list[str]:
    return [entry.sentence for entry in selectors.file_timeline(file, public_only=False)]


def test_deactivating_a_reviewer_returns_their_open_files_to_the_shared_queue(
    personas, catalogue, queue
):
    files, colleague = queue
    reviewer = personas.reviewer
    people.staff_member_deactivate(actor=_admin(personas), user=reviewer, reason="بازنشسته شد")

    # their two open files: unassigned; the closed one keeps its history; the colleague's stays
    assert _assignees(files) == [None, None, reviewer.pk, colleague.pk]
    for file in files[:2]:
        sentences = _staff_sentences(file)
        assert any("غیرفعال" in s and "صف مشترک" in s for s in sentences), sentences
        note = FileEvent.objects.get(file=file, action="unassign_deactivated")
        assert not note.public  # a staff note: the citizen's timeline does not show it
    assert not FileEvent.objects.filter(file__in=files[2:], action__startswith="unassign").exists()
    entries = AuditEntry.objects.filter(action="file.unassign")
    assert {entry.object_id for entry in entries} == {str(files[0].pk), str(files[1].pk)}
    assert all(entry.after["why"] == "account deactivated" for entry in entries)

    # the head sees them in the department's queue, assigned to nobody
    head_queue = {f.pk: f for f in selectors.inbox(catalogue.head)}
    assert {files[0].pk, files[1].pk} <= set(head_queue)
    assert head_queue[files[0].pk].assignee_id is None
    assert list(selectors.inbox(colleague, assigned_to_me=True)) == [files[3]]


def test_removing_the_reviewer_role_returns_their_files(personas, catalogue, queue):
    files, colleague = queue
    _update(personas, personas.reviewer, Placement(roles=(Role.AUDITOR,)))
    assert _assignees(files) == [None, None, personas.reviewer.pk, colleague.pk]
    assert FileEvent.objects.filter(file__in=files[:2], action="unassign_left").count() == 2
    assert any("دیگر" in s for s in _staff_sentences(files[0]))
    assert AuditEntry.objects.filter(action="file.unassign").count() == 2


def test_moving_the_reviewer_to_another_department_returns_their_files(personas, catalogue, queue):
    files, colleague = queue
    _update(
        personas,
        personas.reviewer,
        Placement(roles=(Role.DEPARTMENT_REVIEWER,), department=catalogue.other_department),
    )
    assert _assignees(files) == [None, None, personas.reviewer.pk, colleague.pk]


def test_changing_a_reviewer_within_their_department_keeps_their_files(personas, catalogue, queue):
    files, colleague = queue
    _update(
        personas,
        personas.reviewer,
        Placement(roles=(Role.DEPARTMENT_REVIEWER,), department=catalogue.department),
    )
    assert _assignees(files) == [personas.reviewer.pk] * 3 + [colleague.pk]
    assert not AuditEntry.objects.filter(action="file.unassign").exists()


def test_a_refused_change_returns_nothing(personas, catalogue, queue):
    files, colleague = queue
    with pytest.raises(InvalidInput):  # a reviewer without a department
        _update(personas, personas.reviewer, Placement(roles=(Role.DEPARTMENT_REVIEWER,)))
    assert _assignees(files) == [personas.reviewer.pk] * 3 + [colleague.pk]
    assert not FileEvent.objects.filter(action__startswith="unassign_").exists()


def test_deactivation_through_the_page_returns_the_files(personas, catalogue, queue, client):
    files, _colleague = queue
    client.force_login(personas.admin)
    response = client.post(
        f"/fava/people/{personas.reviewer.pk}/deactivate/", {"reason": "انتقال"}, follow=True
    )
    assert response.status_code == 200
    assert _assignees(files[:2]) == [None, None]
