from django.contrib import admin

from daftar.notifications.models import SmsMessage


@admin.register(SmsMessage)
class SmsMessageAdmin(admin.ModelAdmin):
    list_display = ("id", "to", "purpose", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "purpose")
    readonly_fields = [field.name for field in SmsMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
