from django.contrib import admin

from daftar.audit.models import AuditCheckpoint, AuditEntry, AuditStream
from daftar.core.admin import ReadOnlyModelAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyModelAdmin):
    list_display = (
        "stream",
        "seq",
        "created_at",
        "actor_label",
        "action",
        "object_type",
        "object_id",
    )
    list_filter = ("stream", "action")
    search_fields = ("object_id", "actor_label", "action")
    show_full_result_count = False


@admin.register(AuditStream)
class AuditStreamAdmin(ReadOnlyModelAdmin):
    list_display = ("name", "last_seq", "last_hash")


@admin.register(AuditCheckpoint)
class AuditCheckpointAdmin(ReadOnlyModelAdmin):
    list_display = ("number", "created_at", "stream_count", "entry_count", "merkle_root")
