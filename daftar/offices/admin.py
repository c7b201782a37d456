from django import forms
from django.contrib import admin

from daftar.core.errors import DaftarError
from daftar.offices.models import District, Office, OfficeStaff, SubDistrict
from daftar.offices.services.registry import require_sub_district_in


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("number", "name_fa", "name_en", "population", "population_year")


@admin.register(SubDistrict)
class SubDistrictAdmin(admin.ModelAdmin):
    list_display = ("district", "number", "name_fa", "name_en", "population", "population_year")
    list_filter = ("district",)
    list_select_related = ("district",)
    ordering = ("district__number", "number")

    def get_readonly_fields(self, request, obj=None):
        # a sub-district does not move to another district (its offices would be left outside)
        return ("district",) if obj is not None else ()


class OfficeAdminForm(forms.ModelForm):
    """Refuses a sub-district of another district with the services' message (the database
    would refuse it too, less kindly)."""

    def clean(self):
        data = super().clean()
        district, sub_district = data.get("district"), data.get("sub_district")
        if district is not None:
            try:
                require_sub_district_in(district, sub_district)
            except DaftarError as error:
                self.add_error("sub_district", error.render())
        return data


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    form = OfficeAdminForm
    list_display = ("code", "name", "district", "sub_district", "status")
    list_filter = ("status", "district")
    list_select_related = ("district", "sub_district__district")
    search_fields = ("code", "name")
    readonly_fields = ("status",)  # changed only through the office lifecycle service


@admin.register(OfficeStaff)
class OfficeStaffAdmin(admin.ModelAdmin):
    list_display = ("user", "office", "role", "hired_on", "left_on")
    list_filter = ("role",)
