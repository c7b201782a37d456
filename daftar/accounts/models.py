"""Users (staff and citizens) and the one-time codes citizens sign in with."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import CodeBasis, CodePurpose, OwnershipProof
from daftar.core.fields import MobileField, NationalCodeField


class User(AbstractUser):
    """A person who signs in. Roles are groups (see choices.Role).

    Citizens are keyed by their canonical national code and have no usable password;
    staff sign in with username and password (+ TOTP where required).

    A citizen's mobile is *possessed* once a code sent to it was typed back
    (`mobile_verified_at`) and *owned* once the national mobile-ownership inquiry or an
    operator holding the national card confirmed that it is the national code holder's
    (`mobile_owner_verified_at`). Until then the account is provisional: it may sign in and
    apply for itself, but no office or partner app may open a file for it (ADR 0006).
    """

    national_code = NationalCodeField(_("national code"), unique=True, null=True, blank=True)
    mobile = MobileField(_("mobile"), blank=True)
    mobile_verified_at = models.DateTimeField(_("mobile verified at"), null=True, blank=True)
    mobile_owner_verified_at = models.DateTimeField(
        _("mobile ownership verified at"),
        null=True,
        blank=True,
        help_text=_(
            "When the mobile was confirmed as the national code holder's. "
            "Until then the account is provisional."
        ),
    )
    mobile_owner_verified_by = models.CharField(
        _("mobile ownership verified by"),
        max_length=10,
        choices=OwnershipProof.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(mobile_owner_verified_at__isnull=True, mobile_owner_verified_by="")
                    | (
                        models.Q(mobile_owner_verified_at__isnull=False)
                        & ~models.Q(mobile_owner_verified_by="")
                    )
                ),
                name="user_mobile_owner_proof_consistent",
            )
        ]
        indexes = [
            # The superusers (the first administrator), a handful among the city's citizens:
            # the staff lists read them here, not by walking every account.
            models.Index(
                fields=["id"], name="user_superuser_idx", condition=models.Q(is_superuser=True)
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_provisional(self) -> bool:
        """A citizen whose mobile is not confirmed as the national code holder's."""
        return bool(self.national_code) and self.mobile_owner_verified_at is None


class OneTimeCode(models.Model):
    """A code sent by SMS. Only a salted HMAC of the code is stored.

    Each code has one purpose (sign-in, consent, a new mobile at an office) and, for consent
    and office codes, the audience that asked for it (`office:T0101`, `partner:7`) and the
    service consented to: a code is accepted only for that purpose, audience and service.
    """

    national_code = NationalCodeField(_("national code"), db_index=True)
    mobile = MobileField(_("mobile"))
    purpose = models.CharField(
        _("purpose"), max_length=10, choices=CodePurpose.choices, default=CodePurpose.SIGN_IN
    )
    audience = models.CharField(
        _("asked by"), max_length=40, blank=True, help_text=_("office:T0101 or partner:7")
    )
    service_code = models.CharField(_("service"), max_length=60, blank=True)
    basis = models.CharField(
        _("mobile checked by"), max_length=20, choices=CodeBasis.choices, blank=True
    )
    salt = models.CharField(_("salt"), max_length=32)
    code_hash = models.CharField(_("code hash"), max_length=64)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    confirmed_at = models.DateTimeField(
        _("confirmed at"),
        null=True,
        blank=True,
        help_text=_("A consent code typed back correctly, before the request that uses it."),
    )
    consumed_at = models.DateTimeField(_("used at"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    requested_from_ip = models.GenericIPAddressField(_("requested from"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [
            models.Index(
                fields=["national_code", "purpose", "-created_at"], name="otp_code_purpose_idx"
            )
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
