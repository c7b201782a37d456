"""Read-only admin for the SMS outbox (see `daftar/core/admin.py`)."""

from django.contrib import admin

from daftar.core.admin import ReadOnlyModelAdmin
from daftar.notifications.models import SmsMessage


@admin.register(SmsMessage)
class SmsMessageAdmin(ReadOnlyModelAdmin):
    list_display = ("id", "to", "purpose", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "purpose")

    def get_exclude(self, request, obj=None):
        # A one-time code waiting in the queue is not for the administrator's eyes.
        return ("body",) if obj is not None and obj.sensitive else ()
