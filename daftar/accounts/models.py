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


class AuthenticatorEnrolmentCode(models.Model):
    """A one-time code a system administrator issues so that one staff member can enrol an
    authenticator app (docs/adr/0008). The password alone never shows a TOTP secret.

    Only a salted HMAC of the code is stored; the administrator sees the code once and hands
    it over by another channel. A code is single use, expires, and dies after a few wrong tries;
    issuing a new code for the same person revokes the open one.
    """

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="enrolment_codes",
        verbose_name=_("staff member"),
    )
    issued_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
        help_text=_("Empty when issued on the server's command line."),
    )
    salt = models.CharField(_("salt"), max_length=32)
    code_hash = models.CharField(_("code hash"), max_length=64)
    created_at = models.DateTimeField(_("issued at"))
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    device = models.OneToOneField(
        "otp_totp.TOTPDevice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolment_code",
        verbose_name=_("authenticator enrolled with it"),
    )

    class Meta:
        verbose_name = _("authenticator enrolment code")
        verbose_name_plural = _("authenticator enrolment codes")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(used_at__isnull=True, revoked_at__isnull=True),
                name="enrolment_code_one_open_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="enrolment_code_expires_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"enrolment code #{self.pk}"
