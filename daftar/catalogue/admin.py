"""Read-only admin for the catalogue's departments, domains, published service versions and
tariff drafts (see `daftar/core/admin.py`); changes are made on the catalogue team's pages."""

from django.contrib import admin

from daftar.catalogue.models import (
    Beneficiary,
    Department,
    ServiceDomain,
    ServiceVersion,
    TariffDraft,
)
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


@admin.register(ServiceVersion)
class ServiceVersionAdmin(ReadOnlyModelAdmin):
    list_display = ("service", "number", "published_at", "published_by")


@admin.register(TariffDraft)
class TariffDraftAdmin(ReadOnlyModelAdmin):
    list_display = ("service", "effective_from", "status", "decision")
    list_filter = ("status",)
