from django.contrib import admin

from daftar.catalogue.models import Department, ServiceDomain


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fa", "name_en")


@admin.register(ServiceDomain)
class ServiceDomainAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fa", "department")
    list_filter = ("department",)
