"""Files routed between departments in sequence (a state names its department), and assigned to
one reviewer within a department by its head (issue 17, ADR 0025)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daftar.accounts.tests.factories import UserFactory
from daftar.audit.models import AuditEntry
from daftar.cases import selectors, services
from daftar.cases.tests.fixtures import open_file
from daftar.catalogue.models import DepartmentMember, Service
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.workflow import services as workflows
from daftar.workflow.selectors import version_action, version_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def fire_reviewer(catalogue):
    """A reviewer of the second department (transport, standing in for fire safety)."""
    user = UserFactory(username="fire_reviewer", roles=["department_reviewer"])
    DepartmentMember.objects.create(department=catalogue.other_department, user=user)
    return user


@pytest.fixture
def routed(personas, catalogue):
    """The service's workflow, republished with a second review by the other department
    between the first department's approval and "approved"."""
    editor = Actor.for_user(personas.catalogue_admin)
    published = catalogue.service.workflow
    draft = workflows.workflow_draft_create(
        actor=editor, workflow=published.workflow, source=published
    )
    second = workflows.workflow_state_save(
        actor=editor,
        version=draft,
        code="second_review",
        name_fa="بررسی معاونت دوم",
        name_en="Second review",
        sla_days=4,
        in_department=True,
        department=catalogue.other_department.code,
    )
    approve = version_action(draft, "in_review", "approve")
    workflows.workflow_action_save(
        actor=editor,
        version=draft,
        action=approve,
        from_state=approve.from_state,
        to_state=second,
    )
    for code, fa, target, reason in (
        ("approve", "تأیید", "approved", False),
        ("reject", "رد", "rejected", True),
    ):
        workflows.workflow_action_save(
            actor=editor,
            version=draft,
            from_state=second,
            to_state=version_state(draft, target),
            code=code,
            name_fa=fa,
            name_en=code.title(),
            roles=["department_reviewer"],
            requires_reason=reason,
        )
    workflows.workflow_version_publish(actor=editor, version=draft)
    Service.objects.filter(pk=catalogue.service.pk).update(workflow=draft)
    catalogue.service.refresh_from_db()
    return draft


def _in_review(personas, catalogue):
    file = open_file(personas, catalogue)
    return services.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")


def test_a_file_passes_from_the_first_department_to_the_second_in_sequence(
    personas, catalogue, routed, fire_reviewer
):
    file = _in_review(personas, catalogue)
    assert file.department == catalogue.department
    assert list(selectors.inbox(personas.reviewer)) == [file]
    assert list(selectors.inbox(fire_reviewer)) == []

    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )
    assert (file.state.code, file.department) == ("second_review", catalogue.other_department)
    assert list(selectors.inbox(fire_reviewer)) == [file]
    assert list(selectors.inbox(personas.reviewer)) == []
    with pytest.raises(Forbidden):  # the first department has handed it on
        services.file_apply_action(
            actor=Actor.for_user(personas.reviewer), file=file, action="approve"
        )

    file = services.file_apply_action(
        actor=Actor.for_user(fire_reviewer), file=file, action="approve"
    )
    assert file.state.code == "approved"
    assert file.department == catalogue.department  # "approved" names none: the service's
    sentences = [entry.sentence for entry in selectors.file_timeline(file, public_only=True)]
    assert any(catalogue.other_department.name in sentence for sentence in sentences)


def test_the_second_department_refusing_follows_the_refusal_action(
    personas, catalogue, routed, fire_reviewer
):
    file = _in_review(personas, catalogue)
    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )
    with pytest.raises(InvalidInput):
        services.file_apply_action(actor=Actor.for_user(fire_reviewer), file=file, action="reject")
    file = services.file_apply_action(
        actor=Actor.for_user(fire_reviewer), file=file, action="reject", reason="خروجی اضطراری"
    )
    assert file.state.code == "rejected"


def test_files_on_the_standard_workflow_stay_with_the_service_department(personas, catalogue):
    file = _in_review(personas, catalogue)
    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )
    assert file.department == catalogue.department


def test_the_head_assigns_a_file_and_the_reviewer_sees_it_as_theirs(personas, catalogue, client):
    file = _in_review(personas, catalogue)
    client.force_login(catalogue.head)
    page = client.get(file.get_absolute_url()).content.decode()
    assert 'data-testid="assign-form"' in page
    response = client.post(
        reverse("cases:assign", args=[file.tracking_code]), {"reviewer": personas.reviewer.pk}
    )
    assert response.status_code == 302
    file.refresh_from_db()
    assert file.assignee == personas.reviewer
    assert AuditEntry.objects.filter(action="file.assign").count() == 1
    assert list(selectors.inbox(personas.reviewer, assigned_to_me=True)) == [file]
    assert list(selectors.inbox(catalogue.head, assigned_to_me=True)) == []

    client.force_login(personas.reviewer)
    inbox = client.get(reverse("cases:inbox"), {"mine": "1"}).content.decode()
    assert 'data-testid="assigned-to-me"' in inbox
    assert file.tracking_code in inbox
    page = client.get(file.get_absolute_url()).content.decode()
    assert 'data-testid="assign-form"' not in page  # a reviewer does not assign


def test_a_reviewer_who_is_not_the_head_cannot_assign(personas, catalogue):
    file = _in_review(personas, catalogue)
    with pytest.raises(Forbidden) as refused:
        services.file_assign(
            actor=Actor.for_user(personas.reviewer), file=file, reviewer=personas.reviewer
        )
    assert refused.value.code == "not_department_head"


def test_the_head_cannot_assign_to_someone_outside_the_department(
    personas, catalogue, fire_reviewer, client
):
    file = _in_review(personas, catalogue)
    with pytest.raises(InvalidInput) as refused:
        services.file_assign(
            actor=Actor.for_user(catalogue.head), file=file, reviewer=fire_reviewer
        )
    assert refused.value.code == "not_a_reviewer_here"
    client.force_login(catalogue.head)
    response = client.post(
        reverse("cases:assign", args=[file.tracking_code]),
        {"reviewer": fire_reviewer.pk},
        follow=True,
    )
    assert "فهرست" in response.content.decode()  # "choose a reviewer ... from the list"
    file.refresh_from_db()
    assert file.assignee is None


def test_the_assignment_ends_when_the_file_passes_to_another_department(
    personas, catalogue, routed, fire_reviewer
):
    file = _in_review(personas, catalogue)
    services.file_assign(
        actor=Actor.for_user(catalogue.head), file=file, reviewer=personas.reviewer
    )
    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )
    file.refresh_from_db()
    assert file.department == catalogue.other_department
    assert file.assignee is None


# --- parallel sign-off ----------------------------------------------------------------------


@pytest.fixture
def parallel(personas, catalogue):
    """The service's workflow, republished with a state after the first review that the first
    and the second department both sign off ("approve") or either refuses ("reject")."""
    editor = Actor.for_user(personas.catalogue_admin)
    published = catalogue.service.workflow
    draft = workflows.workflow_draft_create(
        actor=editor, workflow=published.workflow, source=published
    )
    both = workflows.workflow_state_save(
        actor=editor,
        version=draft,
        code="joint_review",
        name_fa="بررسی هم‌زمان",
        name_en="Joint review",
        sla_days=5,
        in_department=True,
        parallel_departments=[catalogue.department.code, catalogue.other_department.code],
    )
    approve = version_action(draft, "in_review", "approve")
    workflows.workflow_action_save(
        actor=editor, version=draft, action=approve, from_state=approve.from_state, to_state=both
    )
    for code, target, reason in (("approve", "approved", False), ("reject", "rejected", True)):
        workflows.workflow_action_save(
            actor=editor,
            version=draft,
            from_state=both,
            to_state=version_state(draft, target),
            code=code,
            name_fa=code,
            name_en=code.title(),
            roles=["department_reviewer"],
            requires_reason=reason,
        )
    workflows.workflow_version_publish(actor=editor, version=draft)
    Service.objects.filter(pk=catalogue.service.pk).update(workflow=draft)
    catalogue.service.refresh_from_db()
    return draft


def test_a_parallel_state_moves_on_only_when_every_department_signed(
    personas, catalogue, parallel, fire_reviewer, client
):
    file = _in_review(personas, catalogue)
    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )
    assert file.state.code == "joint_review"
    assert file in selectors.inbox(fire_reviewer)  # the second department sees it too
    assert file in selectors.inbox(personas.reviewer)

    file = services.file_apply_action(
        actor=Actor.for_user(fire_reviewer), file=file, action="approve"
    )
    file.refresh_from_db()
    assert file.state.code == "joint_review"  # waiting for the first department
    assert AuditEntry.objects.filter(action="file.sign_off").count() == 1
    with pytest.raises(Conflict) as refused:  # signed already: cannot push it through
        services.file_apply_action(actor=Actor.for_user(fire_reviewer), file=file, action="approve")
    assert refused.value.code == "sign_off_pending"
    assert file not in selectors.inbox(fire_reviewer)  # nothing left for it to do

    client.force_login(personas.reviewer)
    page = client.get(file.get_absolute_url()).content.decode()
    assert 'data-testid="sign-offs"' in page

    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )
    assert file.state.code == "approved"
    assert not file.signoffs.exists()


def test_one_department_refusing_a_parallel_state_moves_the_file_at_once(
    personas, catalogue, parallel, fire_reviewer
):
    file = _in_review(personas, catalogue)
    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )
    file = services.file_apply_action(
        actor=Actor.for_user(fire_reviewer), file=file, action="reject", reason="راه خروج ندارد"
    )
    assert file.state.code == "rejected"
    assert not file.signoffs.exists()


def test_only_the_last_departments_approval_is_the_files_approval(
    personas, catalogue, routed, fire_reviewer, django_capture_on_commit_callbacks, monkeypatch
):
    from daftar.cases import outcomes

    heard = []
    monkeypatch.setitem(outcomes._BY_ACTION, "approve", [heard.append])
    file = _in_review(personas, catalogue)
    with django_capture_on_commit_callbacks(execute=True):
        file = services.file_apply_action(
            actor=Actor.for_user(personas.reviewer), file=file, action="approve"
        )
    assert heard == []  # handed on to the second department
    with django_capture_on_commit_callbacks(execute=True):
        services.file_apply_action(actor=Actor.for_user(fire_reviewer), file=file, action="approve")
    assert heard == [file.pk]


# --- a department that passed a file on still reads it (ADR 0031) ---------------------------


@pytest.fixture
def outsider_reviewer():
    """A reviewer of a third department the file never passes through."""
    from daftar.catalogue.models import Department

    department = Department.objects.create(code="finance", name_fa="معاونت مالی", name_en="Finance")
    user = UserFactory(username="finance_reviewer", roles=["department_reviewer"])
    DepartmentMember.objects.create(department=department, user=user)
    return user


def _handed_on(personas, catalogue):
    file = _in_review(personas, catalogue)
    return services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )


def test_the_first_department_finds_and_reads_a_file_it_passed_on(
    personas, catalogue, routed, fire_reviewer, client
):
    file = _handed_on(personas, catalogue)
    reviewer = personas.reviewer
    assert list(selectors.inbox(reviewer)) == []  # not in its queue any more
    assert list(selectors.inbox(reviewer, handled=True)) == [file]
    assert list(selectors.inbox(fire_reviewer, handled=True)) == []  # it has not passed it on
    assert selectors.file_for_user(reviewer, file.tracking_code) == file

    client.force_login(reviewer)
    listing = client.get(reverse("cases:inbox"), {"handled": "1"}).content.decode()
    assert 'data-testid="handled-note"' in listing
    assert file.tracking_code in listing
    page = client.get(file.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="passed-on"' in html
    assert catalogue.other_department.name in html  # says who holds it now
    assert reverse("cases:action", args=[file.tracking_code]) not in html  # no action buttons
    assert "ارجاع" in html


def test_the_first_department_cannot_act_on_a_file_it_passed_on(
    personas, catalogue, routed, fire_reviewer, client
):
    file = _handed_on(personas, catalogue)
    with pytest.raises(Forbidden):
        services.file_apply_action(
            actor=Actor.for_user(personas.reviewer), file=file, action="approve"
        )
    with pytest.raises(Forbidden):  # its head cannot assign it either
        services.file_assign(
            actor=Actor.for_user(catalogue.head), file=file, reviewer=personas.reviewer
        )
    client.force_login(personas.reviewer)
    response = client.post(
        reverse("cases:action", args=[file.tracking_code]), {"action": "approve"}, follow=True
    )
    assert response.status_code == 200
    file.refresh_from_db()
    assert file.state.code == "second_review"
    assert file.department == catalogue.other_department
    client.force_login(catalogue.head)
    response = client.post(
        reverse("cases:assign", args=[file.tracking_code]), {"reviewer": personas.reviewer.pk}
    )
    assert response.status_code == 404
    file.refresh_from_db()
    assert file.assignee is None


def test_an_unrelated_department_cannot_read_a_routed_file(
    personas, catalogue, routed, fire_reviewer, outsider_reviewer, client
):
    file = _handed_on(personas, catalogue)
    assert selectors.file_for_user(outsider_reviewer, file.tracking_code) is None
    assert list(selectors.inbox(outsider_reviewer, handled=True)) == []
    client.force_login(outsider_reviewer)
    assert client.get(file.get_absolute_url()).status_code == 404


def test_the_departments_of_a_parallel_sign_off_keep_reading_the_file(
    personas, catalogue, parallel, fire_reviewer, outsider_reviewer
):
    file = _handed_on(personas, catalogue)  # into the joint review
    services.file_apply_action(actor=Actor.for_user(fire_reviewer), file=file, action="approve")
    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )
    assert file.state.code == "approved"
    assert selectors.file_for_user(fire_reviewer, file.tracking_code) == file
    assert list(selectors.inbox(fire_reviewer, handled=True)) == [file]
    assert selectors.file_for_user(outsider_reviewer, file.tracking_code) is None


def test_the_files_passed_on_read_a_constant_number_of_queries(
    personas, catalogue, routed, fire_reviewer, client
):
    from tests.test_query_counts import assert_constant

    def grow():
        for _ in range(2):
            _handed_on(personas, catalogue)

    grow()
    client.force_login(personas.reviewer)
    url = f"{reverse('cases:inbox')}?handled=1"
    first, second = assert_constant(lambda: client.get(url).content.decode(), grow)
    assert second.count("data-file=") == 2 * first.count("data-file=") == 4


def test_a_queue_read_in_two_steps_is_the_same_list_as_read_whole(
    personas, catalogue, parallel, fire_reviewer
):
    """With files waiting for the department's sign-off, the inbox reads the queue's first
    rows alone and adds the sign-offs (fast at a million files); under every filter, order and
    horizon it is the same list as the one query (ADR 0037)."""
    import datetime

    from django.utils import timezone

    from daftar.cases.models import File

    now = timezone.now()
    signing = []
    for days in (5, -2):  # two files in joint review: the second department signs them off
        file = _in_review(personas, catalogue)
        file = services.file_apply_action(
            actor=Actor.for_user(personas.reviewer), file=file, action="approve"
        )
        File.objects.filter(pk=file.pk).update(
            state_due_at=now + datetime.timedelta(days=days),
            due_at=now + datetime.timedelta(days=days + 1),
        )
        signing.append(file)
    queued = []
    for days in (-4, -1, 1, 3, 7, 9):  # and six files in the second department's own queue
        file = _in_review(personas, catalogue)
        File.objects.filter(pk=file.pk).update(
            department=catalogue.other_department,
            in_department=True,
            state_due_at=now + datetime.timedelta(days=days),
            due_at=now + datetime.timedelta(days=days + 2),
        )
        queued.append(file)
    whole = list(selectors.inbox(fire_reviewer))
    assert len(whole) == 8
    assert set(signing) <= set(whole)
    for filters in (
        {},
        {"newest_first": True},
        {"deadline": "overdue"},
        {"deadline": "on_time"},
        {"state": "joint_review"},
        {"search": selectors.InboxSearch(tracking_code=queued[2].tracking_code)},
        {"search": selectors.InboxSearch(invalid=True)},
    ):
        expected = list(selectors.inbox(fire_reviewer, now=now, **filters))
        for upto in (1, 2, 3, 5, 20):
            got = list(selectors.inbox(fire_reviewer, now=now, upto=upto, **filters))
            assert got[:upto] == expected[:upto], (filters, upto)


def test_the_reviewer_home_counts_the_queue_and_its_sign_offs_up_to_the_cap(
    personas, catalogue, parallel, fire_reviewer
):
    """The home's counts are the inbox's: the queue and the files waiting for the department's
    sign-off; due by the end of today by either deadline (the overdue too: the top of the
    queue); past a deadline. Each stops one past `at_most` (the home says "more than …")."""
    import datetime

    from django.utils import timezone

    from daftar.cases.models import File

    now = timezone.now()
    end_of_today = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=1), datetime.time()
        )
    )
    signing = _in_review(personas, catalogue)  # waits for the second department's sign-off
    signing = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=signing, action="approve"
    )
    File.objects.filter(pk=signing.pk).update(
        state_due_at=now - datetime.timedelta(days=1), due_at=now + datetime.timedelta(days=9)
    )
    deadlines = [  # (status deadline, overall deadline, breached) of the department's own files
        (now - datetime.timedelta(days=3), now + datetime.timedelta(days=5), True),
        (end_of_today - datetime.timedelta(seconds=1), now + datetime.timedelta(days=8), False),
        (now + datetime.timedelta(days=4), end_of_today - datetime.timedelta(seconds=1), False),
        (
            end_of_today + datetime.timedelta(days=2),
            end_of_today + datetime.timedelta(days=6),
            False,
        ),
        (end_of_today, end_of_today + datetime.timedelta(days=1), True),  # breached earlier on
    ]
    for state_due, due, breached in deadlines:
        file = _in_review(personas, catalogue)
        File.objects.filter(pk=file.pk).update(
            department=catalogue.other_department,
            in_department=True,
            state_due_at=state_due,
            due_at=due,
            breached_at=now - datetime.timedelta(hours=1) if breached else None,
        )
    elsewhere = _in_review(personas, catalogue)  # the first department's queue: not counted
    File.objects.filter(pk=elsewhere.pk).update(breached_at=now, state_due_at=now)

    exact = selectors.department_queue_counts(fire_reviewer, at_most=10)
    assert exact == {"total": 6, "due_today": 4, "breached": 2}
    assert exact["total"] == len(list(selectors.inbox(fire_reviewer)))
    assert exact["breached"] == len(list(selectors.inbox(fire_reviewer, breached=True)))
    assert selectors.department_queue_counts(fire_reviewer, at_most=2) == {
        "total": 4,  # three of the queue (the cap, plus one), and the sign-off
        "due_today": 4,
        "breached": 2,
    }
    assert selectors.department_queue_counts(personas.operator_a, at_most=10) == {
        "total": 0,
        "due_today": 0,
        "breached": 0,
    }
