"""The SMS outbox: every message is a row first, sent after commit, retried until it goes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from daftar.core.fields import MobileField
from daftar.notifications.choices import SmsStatus

REDACTED = "[redacted]"


class SmsMessage(models.Model):
    to = MobileField(_("to"))
    body = models.TextField(_("text"))
    purpose = models.CharField(_("purpose"), max_length=50)
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("The text (e.g. a one-time code) is erased once the message is sent."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SmsStatus.choices, default=SmsStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    provider_reference = models.CharField(_("provider reference"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("SMS message")
        verbose_name_plural = _("SMS messages")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="sms_due_idx")]

    def __str__(self) -> str:
        return f"SMS #{self.pk} ({self.status})"
