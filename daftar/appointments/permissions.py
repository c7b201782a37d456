"""Who may run an office's queue (predicates, no side effects)."""

from __future__ import annotations

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.offices.selectors import office_of_user


def can_run_queue(user, office) -> bool:
    """The office's own operators and manager, while they work there: they issue its tickets
    and call them to its counters. Nobody else, not even another office's staff."""
    if not getattr(user, "is_authenticated", False) or office is None:
        return False
    if not user_has_role(user, Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER):
        return False
    own = office_of_user(user)
    return own is not None and own.pk == office.pk
