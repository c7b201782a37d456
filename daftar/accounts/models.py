"""Users (staff and citizens) and the one-time codes citizens sign in with."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from daftar.core.fields import MobileField, NationalCodeField


class User(AbstractUser):
    """A person who signs in. Roles are groups (see choices.Role).

    Citizens are keyed by their canonical national code and have no usable password;
    staff sign in with username and password (+ TOTP where required).
    """

    national_code = NationalCodeField(_("national code"), unique=True, null=True, blank=True)
    mobile = MobileField(_("mobile"), blank=True)
    mobile_verified_at = models.DateTimeField(_("mobile verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class OneTimeCode(models.Model):
    """A code sent by SMS. Only a salted HMAC of the code is stored."""

    national_code = NationalCodeField(_("national code"), db_index=True)
    mobile = MobileField(_("mobile"))
    salt = models.CharField(_("salt"), max_length=32)
    code_hash = models.CharField(_("code hash"), max_length=64)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    consumed_at = models.DateTimeField(_("used at"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    requested_from_ip = models.GenericIPAddressField(_("requested from"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [
            models.Index(fields=["national_code", "-created_at"], name="otp_code_recent_idx")
        ]

    def __str__(self) -> str:
        return f"OTP #{self.pk}"
