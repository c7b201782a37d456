"""The per-request ActorContext: roles, office and department, resolved once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from daftar.catalogue.models import Department, DepartmentMember
from daftar.core.actors import Actor
from daftar.offices.context import actor_context

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_an_operator_context_holds_their_actor_roles_and_office(personas):
    context = actor_context(_request(personas.operator_a))
    assert context.actor == Actor.for_user(personas.operator_a)
    assert context.roles == {"office_operator"}
    assert context.office == personas.office_a
    assert context.department is None
    assert context.has_role("office_operator")
    assert not context.has_role("auditor")


def test_a_reviewer_context_holds_their_department_and_no_office(personas):
    department = Department.objects.create(code="d1", name_fa="د", name_en="D")
    DepartmentMember.objects.create(department=department, user=personas.reviewer)
    context = actor_context(_request(personas.reviewer))
    assert (context.office, context.department) == (None, department)


def test_the_context_is_resolved_once_per_request(personas, django_assert_num_queries):
    request = _request(personas.operator_a)
    with django_assert_num_queries(2):  # roles, then the office
        first = actor_context(request)
    with django_assert_num_queries(0):
        assert actor_context(request) is first
        actor_context(request).office  # noqa: B018 - reading it must not query


def test_a_user_without_office_or_review_roles_costs_one_query(personas, django_assert_num_queries):
    with django_assert_num_queries(1):
        context = actor_context(_request(personas.auditor))
    assert (context.office, context.department) == (None, None)


def test_an_anonymous_request_has_no_actor_and_no_roles(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        context = actor_context(_request(AnonymousUser()))
    assert context.actor is None
    assert context.roles == frozenset()
