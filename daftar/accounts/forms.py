"""Sign-in forms. Validation of identifiers is the kernel's; the rules are the services'."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device

from daftar.core.fields import MobileFormField, NationalCodeFormField
from daftar.core.forms import LocalisedErrorsForm, LocalisedErrorsMixin


class StaffLoginForm(LocalisedErrorsMixin, AuthenticationForm):
    """Username and password; a TOTP code as well for users who have an authenticator."""

    otp_token = forms.CharField(
        label=_("Authenticator code"),
        required=False,
        max_length=12,
        help_text=_("Only if you have set up an authenticator app."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "otp_required": _("Enter the 6-digit code from your authenticator app."),
        "otp_invalid": _("The authenticator code is not correct."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.otp_device = None

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user_has_device(user, confirmed=True):
            return
        token = (self.cleaned_data.get("otp_token") or "").strip()
        if not token:
            raise forms.ValidationError(self.error_messages["otp_required"], code="otp_required")
        device = match_token(user, token)
        if device is None:
            raise forms.ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
        self.otp_device = device


class CitizenStartForm(LocalisedErrorsForm):
    national_code = NationalCodeFormField(label=_("National code"))
    mobile = MobileFormField(
        label=_("Mobile number"), help_text=_("The one-time code is sent to this number.")
    )


class CitizenCodeForm(LocalisedErrorsForm):
    code = forms.CharField(
        label=_("One-time code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "dir": "ltr",
                "autofocus": True,
            }
        ),
    )


class TotpConfirmForm(LocalisedErrorsForm):
    token = forms.CharField(
        label=_("Code shown by the app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )


class EnrolmentCodeForm(LocalisedErrorsForm):
    code = forms.CharField(
        label=_("Enrolment code"),
        max_length=32,
        help_text=_("The 12-digit code the system administrator gave you in person or by phone."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "dir": "ltr", "autofocus": True}
        ),
    )


class StaffSearchForm(LocalisedErrorsForm):
    q = forms.CharField(label=_("Username or name"), max_length=100, required=False)


class AuthenticatorResetForm(LocalisedErrorsForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Recorded in the audit log, e.g. “phone lost; identity checked in person”."),
    )
