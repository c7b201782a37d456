"""Permissions by role, for apps below accounts that cannot ask for a role themselves.

An app below accounts in the layer order (audit) checks `user.has_perm("<app>.<codename>")`;
this backend answers from the user's roles, so the grant is code, reviewed with the rest, and
needs no permission rows (which a test flush would empty). Django's ModelBackend still answers
for superusers.
"""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_roles
from daftar.audit import permissions as audit

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.AUDITOR: frozenset({audit.VERIFY_LOG, audit.EXPORT_LOG}),
}


class RolePermissionBackend(BaseBackend):
    """Grants each role's permissions of `ROLE_PERMISSIONS`; authenticates nobody."""

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if obj is not None or not getattr(user_obj, "is_active", False):
            return set()
        if not getattr(user_obj, "is_authenticated", False):
            return set()
        granted: set[str] = set()
        for role in user_roles(user_obj):
            granted |= ROLE_PERMISSIONS.get(role, frozenset())
        return granted
