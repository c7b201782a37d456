from django.contrib import admin

from daftar.offices.models import District, Office, OfficeStaff


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("number", "name_fa", "name_en", "population", "population_year")


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "district", "status")
    list_filter = ("status", "district")
    search_fields = ("code", "name")
    readonly_fields = ("status",)  # changed only through the office lifecycle service


@admin.register(OfficeStaff)
class OfficeStaffAdmin(admin.ModelAdmin):
    list_display = ("user", "office", "role", "hired_on", "left_on")
    list_filter = ("role",)
