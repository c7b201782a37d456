"""Who may administer staff accounts (predicates, no side effects).

The system administrator (FAVA) creates staff accounts and changes their roles; the supervision
unit creates office staff accounts only, when it approves an office manager's proposal
(docs/adr/0027-people-and-roles.md). System jobs (the demo seed, the command line) may do both.
"""

from __future__ import annotations

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.core.actors import Actor

OFFICE_ROLES = frozenset({Role.OFFICE_OPERATOR.value, Role.OFFICE_MANAGER.value})


def is_staff_administrator(actor: Actor) -> bool:
    """A system job, or a signed-in system administrator."""
    return actor.is_system or (actor.is_user and user_has_role(actor.user, Role.SYSTEM_ADMIN))


def may_create_staff_with(actor: Actor, roles) -> bool:
    """May `actor` create a staff account holding `roles`?"""
    if is_staff_administrator(actor):
        return True
    names = {str(role) for role in roles}
    return (
        actor.is_user
        and user_has_role(actor.user, Role.SUPERVISOR)
        and bool(names)
        and names <= OFFICE_ROLES
    )
