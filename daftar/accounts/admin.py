from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from daftar.accounts.models import OneTimeCode, User


@admin.register(User)
class DaftarUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Identity"), {"fields": ("national_code", "mobile", "mobile_verified_at")}),
    )
    list_display = ("username", "first_name", "last_name", "is_active", "last_login")
    list_filter = ("groups", "is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "national_code")


@admin.register(OneTimeCode)
class OneTimeCodeAdmin(admin.ModelAdmin):
    list_display = ("id", "created_at", "expires_at", "attempts", "consumed_at", "superseded_at")
    readonly_fields = [field.name for field in OneTimeCode._meta.fields]
    exclude = ("code_hash", "salt")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
