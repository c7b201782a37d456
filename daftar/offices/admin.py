"""Read-only admin for the office registry (see `daftar/core/admin.py`): offices, their payout
Sheba, staff and districts change through the audited services in `offices.services`."""

from django.contrib import admin

from daftar.core.admin import ReadOnlyModelAdmin
from daftar.offices.models import District, Office, OfficeStaff, StaffLeave, SubDistrict


@admin.register(District)
class DistrictAdmin(ReadOnlyModelAdmin):
    list_display = ("number", "name_fa", "name_en", "population", "population_year")


@admin.register(SubDistrict)
class SubDistrictAdmin(ReadOnlyModelAdmin):
    list_display = ("district", "number", "name_fa", "name_en", "population", "population_year")
    list_filter = ("district",)
    list_select_related = ("district",)
    ordering = ("district__number", "number")


@admin.register(Office)
class OfficeAdmin(ReadOnlyModelAdmin):
    list_display = ("code", "name", "district", "sub_district", "status")
    list_filter = ("status", "district")
    list_select_related = ("district", "sub_district__district")
    search_fields = ("code", "name")


@admin.register(OfficeStaff)
class OfficeStaffAdmin(ReadOnlyModelAdmin):
    list_display = ("user", "office", "role", "hired_on", "left_on")
    list_filter = ("role",)


@admin.register(StaffLeave)
class StaffLeaveAdmin(ReadOnlyModelAdmin):
    """Recorded and cancelled by the office's manager on /people/leave/ (ADR 0036)."""

    list_display = ("staff", "first_day", "last_day", "reason", "recorded_at", "cancelled_at")
    list_filter = ("reason",)
    list_select_related = ("staff__user", "staff__office")
    date_hierarchy = "first_day"
