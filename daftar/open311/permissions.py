"""Who may map Open311 services (a predicate, no side effects): the catalogue team and FAVA,
on the page and in the service alike."""

from __future__ import annotations

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role


def can_map_open311_services(user) -> bool:
    return getattr(user, "is_authenticated", False) and user_has_role(
        user, Role.SYSTEM_ADMIN, Role.CATALOGUE_ADMIN
    )
