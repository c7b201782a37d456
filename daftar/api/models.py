"""Partner apps (machine clients such as "Tehran-e Man") and idempotency records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PartnerApp(models.Model):
    """A machine client. Its key is shown once; only a hash and a lookup prefix are stored."""

    name = models.CharField(_("name"), max_length=100)
    key_prefix = models.CharField(_("key prefix"), max_length=12, unique=True)
    key_hash = models.CharField(_("key hash"), max_length=64)
    scopes = models.JSONField(
        _("scopes"), default=list, help_text=_('e.g. ["catalogue", "files", "payments"]')
    )
    requests_per_minute = models.PositiveIntegerField(_("requests per minute"), default=120)
    require_signature = models.BooleanField(_("requests must be signed"), default=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner app")
        verbose_name_plural = _("partner apps")

    def __str__(self) -> str:
        return self.name


class IdempotencyRecord(models.Model):
    """The first response to a POST with an Idempotency-Key, replayed for retries."""

    partner = models.ForeignKey(
        PartnerApp,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner app"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    key = models.CharField(_("key"), max_length=100)
    endpoint = models.CharField(_("endpoint"), max_length=200)
    request_hash = models.CharField(_("request hash"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("status code"))
    response = models.JSONField(_("response"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "key"],
                condition=Q(partner__isnull=False),
                name="idempotency_partner_key_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=Q(user__isnull=False),
                name="idempotency_user_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(partner__isnull=False) | Q(user__isnull=False),
                name="idempotency_has_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class UsedNonce(models.Model):
    """A partner request's X-Nonce, kept until no request carrying it could be accepted."""

    partner = models.ForeignKey(
        PartnerApp, on_delete=models.CASCADE, related_name="+", verbose_name=_("partner app")
    )
    nonce = models.CharField(_("nonce"), max_length=64)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("used nonce")
        verbose_name_plural = _("used nonces")
        constraints = [
            models.UniqueConstraint(fields=["partner", "nonce"], name="api_nonce_partner_unique"),
        ]

    def __str__(self) -> str:
        return self.nonce
