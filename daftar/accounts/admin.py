"""Read-only admin for accounts, roles, second factors and sign-in attempts.

Roles are changed by `accounts.services.user_set_roles` (audited), never by the admin's user
or group forms; see `daftar/core/admin.py`.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from daftar.accounts.models import OneTimeCode, User
from daftar.core.admin import ReadOnlyAdminMixin, ReadOnlyModelAdmin, read_only_admin


@admin.register(User)
class DaftarUserAdmin(ReadOnlyAdminMixin, UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Identity"), {"fields": ("national_code", "mobile", "mobile_verified_at")}),
    )
    list_display = ("username", "first_name", "last_name", "is_active", "last_login")
    list_filter = ("groups", "is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "national_code")


@admin.register(OneTimeCode)
class OneTimeCodeAdmin(ReadOnlyModelAdmin):
    list_display = ("id", "created_at", "expires_at", "attempts", "consumed_at", "superseded_at")
    exclude = ("code_hash", "salt")


def _second_factors_read_only() -> None:
    """TOTP devices: read-only, and never their secret. The secret, or the QR code views that
    show it, would let whoever reads the admin pass as the device's owner."""
    from django_otp.plugins.otp_totp import admin as totp_admin
    from django_otp.plugins.otp_totp.models import TOTPDevice

    class TOTPDeviceAdmin(ReadOnlyAdminMixin, totp_admin.TOTPDeviceAdmin):
        def get_list_display(self, request):
            return [name for name in super().get_list_display(request) if name != "qrcode_link"]

        def get_fieldsets(self, request, obj=None):
            hidden = {"key", "qrcode_link"}
            return [
                (title, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
                for title, options in super().get_fieldsets(request, obj)
                if [f for f in options["fields"] if f not in hidden]
            ]

        def get_urls(self):
            # Drop the package's config/ and qrcode/ views: only the standard read-only ones.
            return admin.ModelAdmin.get_urls(self)

    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)
    admin.site.register(TOTPDevice, TOTPDeviceAdmin)


def _sign_in_attempts_read_only() -> None:
    """django-axes' attempts and logs: deleting an attempt unlocks an account unaudited."""
    import axes.admin  # noqa: F401 - registers the package's admins (when AXES_ENABLE_ADMIN)
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        read_only_admin(model)


# Importing django.contrib.auth.admin registered the group admin (its permissions form).
read_only_admin(Group)
_second_factors_read_only()
_sign_in_attempts_read_only()
