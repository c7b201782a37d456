"""Read-only admin for licensing: every change goes through the services (and the audit log)."""

from django.contrib import admin

from daftar.core.admin import ReadOnlyModelAdmin
from daftar.licensing.models import (
    Agreement,
    Application,
    ApplicationDocument,
    Call,
    Objection,
    Publication,
)


@admin.register(Call)
class CallAdmin(ReadOnlyModelAdmin):
    list_display = ("code", "title", "status", "registration_opens", "registration_closes")
    list_filter = ("status",)


@admin.register(Application)
class ApplicationAdmin(ReadOnlyModelAdmin):
    list_display = ("code", "call", "status", "exam_score", "exam_absent")
    list_filter = ("call", "status")
    search_fields = ("code",)
    exclude = ("national_code", "tm_national_code")  # masked everywhere but the service pages


@admin.register(ApplicationDocument)
class ApplicationDocumentAdmin(ReadOnlyModelAdmin):
    list_display = ("application", "kind", "status", "current", "uploaded_at")
    list_filter = ("kind", "status")
    exclude = ("file",)  # served only through the access-checked view


@admin.register(Publication)
class PublicationAdmin(ReadOnlyModelAdmin):
    list_display = ("call", "number", "published_at", "sha256")


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyModelAdmin):
    list_display = ("application", "status", "filed_at", "ruled_at")
    list_filter = ("status",)


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyModelAdmin):
    list_display = ("application", "call", "district", "status", "setup_deadline")
    list_filter = ("call", "status")
