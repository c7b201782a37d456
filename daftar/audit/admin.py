from django.contrib import admin

from daftar.audit.models import AuditCheckpoint, AuditEntry, AuditStream


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
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
class AuditStreamAdmin(ReadOnlyAdmin):
    list_display = ("name", "last_seq", "last_hash")


@admin.register(AuditCheckpoint)
class AuditCheckpointAdmin(ReadOnlyAdmin):
    list_display = ("number", "created_at", "stream_count", "entry_count", "merkle_root")
