"""Who may edit workflows (a predicate, no side effects): the catalogue team."""

from __future__ import annotations

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role


def can_edit_workflows(user) -> bool:
    """List, draft, edit and publish workflow versions: the catalogue administrators."""
    return bool(getattr(user, "is_authenticated", False)) and user_has_role(
        user, Role.CATALOGUE_ADMIN
    )
