"""Open311's tables in the read-only admin (changes go through `open311_service_define`)."""

from django.contrib import admin

from daftar.core.admin import ReadOnlyModelAdmin
from daftar.open311.models import Open311Request, Open311Service


@admin.register(Open311Service)
class Open311ServiceAdmin(ReadOnlyModelAdmin):
    list_display = ("service_code", "name_fa", "target", "catalogue_service", "complaint_category")
    list_filter = ("target", "active")


@admin.register(Open311Request)
class Open311RequestAdmin(ReadOnlyModelAdmin):
    list_display = ("service_request_id", "service", "requested_at")
    list_select_related = ("service",)
    raw_id_fields = ("file", "complaint")
