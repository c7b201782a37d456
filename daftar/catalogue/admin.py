"""Read-only admin for the catalogue's departments and domains (see `daftar/core/admin.py`)."""

from django.contrib import admin

from daftar.catalogue.models import Beneficiary, Department, ServiceDomain
from daftar.core.admin import ReadOnlyModelAdmin


@admin.register(Department)
class DepartmentAdmin(ReadOnlyModelAdmin):
    list_display = ("code", "name_fa", "name_en")


@admin.register(ServiceDomain)
class ServiceDomainAdmin(ReadOnlyModelAdmin):
    list_display = ("code", "name_fa", "department")
    list_filter = ("department",)


@admin.register(Beneficiary)
class BeneficiaryAdmin(ReadOnlyModelAdmin):
    list_display = ("key", "name_fa", "name_en")
