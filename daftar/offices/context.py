"""The signed-in user's `ActorContext` (actor, roles, office, department), resolved once for
a request and kept on it, so a view and the selectors it calls stop asking again.

It lives in offices because offices is the lowest app that may see all three answers
(roles in accounts, departments in catalogue, offices here); see docs/architecture.md.
"""

from __future__ import annotations

from django.http import HttpRequest

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_roles
from daftar.catalogue.selectors import department_of_user
from daftar.core.actors import Actor, ActorContext
from daftar.offices.selectors import office_of_user

OFFICE_ROLES = frozenset({Role.OFFICE_OPERATOR.value, Role.OFFICE_MANAGER.value})
ANONYMOUS = ActorContext(actor=None, roles=frozenset())


def actor_context(request: HttpRequest) -> ActorContext:
    """The context of `request.user`: resolved at the first call (at most three queries:
    roles, then the office only for office staff and the department only for reviewers),
    the same object for every later call on this request."""
    cached = getattr(request, "_daftar_actor_context", None)
    if cached is not None:
        return cached
    user = request.user
    if not user.is_authenticated:
        context = ANONYMOUS
    else:
        roles = user_roles(user)
        context = ActorContext(
            actor=Actor.for_user(user),
            roles=roles,
            office=office_of_user(user) if roles & OFFICE_ROLES else None,
            department=(
                department_of_user(user) if Role.DEPARTMENT_REVIEWER.value in roles else None
            ),
        )
    request._daftar_actor_context = context
    return context
