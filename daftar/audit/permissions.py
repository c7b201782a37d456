"""Who may run the verification page and download the full export of the log.

The audit app sits below accounts (docs/architecture.md, "Layers"), so it cannot ask for a
role: it asks Django for a permission, and accounts' `RolePermissionBackend` grants the
permission to the roles that hold it (the auditor). The signed checkpoints stay public.
"""

from __future__ import annotations

VERIFY_LOG = "audit.verify_log"  # run the verification of every chain from the web page
EXPORT_LOG = "audit.export_log"  # download the whole log (it names actors and changes)


def can_verify(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(VERIFY_LOG))


def can_export(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(EXPORT_LOG))
