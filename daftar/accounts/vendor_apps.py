"""The sign-in libraries' apps under names a Persian administrator reads (the admin showed
"AXES" and "OTP_TOTP"); their labels, models and migrations are unchanged."""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpAppConfig


class SignInLockouts(AxesAppConfig):
    verbose_name = _("Sign-in attempts and lockouts")


class Authenticators(TotpAppConfig):
    verbose_name = _("Authenticator apps (second factor)")
