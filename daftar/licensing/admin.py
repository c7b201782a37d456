"""Read-only admin for licensing: every change goes through the services (and the audit log)."""

from django.contrib import admin

from daftar.licensing.models import (
    Agreement,
    Application,
    ApplicationDocument,
    Call,
    Objection,
    Publication,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "status", "registration_opens", "registration_closes")
    list_filter = ("status",)


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("code", "call", "status", "exam_score", "exam_absent")
    list_filter = ("call", "status")
    search_fields = ("code",)
    exclude = ("national_code", "tm_national_code")  # masked everywhere but the service pages


@admin.register(ApplicationDocument)
class ApplicationDocumentAdmin(ReadOnlyAdmin):
    list_display = ("application", "kind", "status", "current", "uploaded_at")
    list_filter = ("kind", "status")
    exclude = ("file",)  # served only through the access-checked view


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("call", "number", "published_at", "sha256")


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdmin):
    list_display = ("application", "status", "filed_at", "ruled_at")
    list_filter = ("status",)


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ("application", "call", "district", "status", "setup_deadline")
    list_filter = ("call", "status")
