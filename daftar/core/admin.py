"""The Django admin is read-only: a window for the system administrator, never a way to write.

Every change in Daftar goes through an audited service (`@audited`, with its audit entry in the
same transaction) and the staff page that calls it. The admin's forms would write around both
(a role given through the user form, an office's payout Sheba edited in place), so every
model admin derives from `ReadOnlyModelAdmin` here, or wraps a third-party admin with
`read_only_admin`: no add, change or delete permission for anyone (superusers included), no
actions, and any write that still reaches the admin is refused. Viewing stays open to the staff
accounts the admin site admits (`is_staff`, which `accounts.services` gives the system
administrator role only). `daftar/core/tests/test_admin.py` walks `admin.site._registry` and
holds every registered model to this.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied


class ReadOnlyAdminMixin:
    """Put before a `ModelAdmin` (or inline) class to make it read-only."""

    def has_add_permission(self, request, obj=None) -> bool:  # inlines pass `obj`
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff)

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def get_actions(self, request):
        return {}  # "delete selected" and any app's own actions (axes' clean-up) all write

    # A second line behind the permissions: whatever path reaches a write is refused.

    def save_model(self, request, obj, form, change):
        raise PermissionDenied

    def save_related(self, request, form, formsets, change):
        raise PermissionDenied

    def delete_model(self, request, obj):
        raise PermissionDenied

    def delete_queryset(self, request, queryset):
        raise PermissionDenied


class ReadOnlyModelAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The base of every model admin in Daftar."""


def read_only_admin(model, *, site: admin.AdminSite = admin.site) -> None:
    """Replace the admin another package registered for `model` by a read-only copy of it
    (lists, filters and search kept). Does nothing if the package registered none."""
    if not site.is_registered(model):
        return
    registered = type(site.get_model_admin(model))
    if issubclass(registered, ReadOnlyAdminMixin):
        return
    read_only = type(f"ReadOnly{registered.__name__}", (ReadOnlyAdminMixin, registered), {})
    site.unregister(model)
    site.register(model, read_only)
