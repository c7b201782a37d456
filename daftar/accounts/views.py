"""Sign-in pages and the role dashboards. Thin: forms validate, services decide."""

from __future__ import annotations

from base64 import b32encode

import django_otp
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from daftar.accounts.choices import Role
from daftar.accounts.forms import CitizenCodeForm, CitizenStartForm, StaffLoginForm, TotpConfirmForm
from daftar.accounts.selectors import user_roles
from daftar.accounts.services import (
    citizen_otp_request,
    citizen_otp_verify,
    user_confirm_totp,
)
from daftar.core.errors import DaftarError
from daftar.core.qr import qr_svg
from daftar.core.ratelimit import client_ip

_SESSION_NATIONAL_CODE = "citizen_sign_in_national_code"
_SESSION_MASKED_MOBILE = "citizen_sign_in_masked_mobile"


@method_decorator(login_not_required, name="dispatch")
class StaffLoginView(LoginView):
    form_class = StaffLoginForm
    template_name = "accounts/staff_login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            django_otp.login(self.request, form.otp_device)
        return response


def _report(form, error: DaftarError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.render())


@login_not_required
@require_http_methods(["GET", "POST"])
def citizen_login_start(request: HttpRequest) -> HttpResponse:
    form = CitizenStartForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            issued = citizen_otp_request(
                national_code=form.cleaned_data["national_code"],
                mobile=form.cleaned_data["mobile"],
                ip=client_ip(request),
            )
        except DaftarError as error:
            _report(form, error)
            status = error.http_status
        else:
            request.session[_SESSION_NATIONAL_CODE] = issued.otp.national_code
            request.session[_SESSION_MASKED_MOBILE] = issued.masked_mobile
            return redirect("accounts:citizen_login_verify")
    return render(request, "accounts/citizen_login_start.html", {"form": form}, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def citizen_login_verify(request: HttpRequest) -> HttpResponse:
    national_code = request.session.get(_SESSION_NATIONAL_CODE)
    if not national_code:
        return redirect("accounts:citizen_login")
    form = CitizenCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            citizen = citizen_otp_verify(
                national_code=national_code, code=form.cleaned_data["code"]
            )
        except DaftarError as error:
            _report(form, error)
        else:
            request.session.pop(_SESSION_NATIONAL_CODE, None)
            request.session.pop(_SESSION_MASKED_MOBILE, None)
            login(request, citizen, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("accounts:dashboard")
    return render(
        request,
        "accounts/citizen_login_verify.html",
        {
            "form": form,
            "masked_mobile": request.session.get(_SESSION_MASKED_MOBILE, ""),
        },
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    roles = user_roles(request.user)
    panels = [role for role in Role if role in roles]
    return render(request, "accounts/dashboard.html", {"panels": panels})


@require_http_methods(["GET", "POST"])
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app (QR code, then one code to confirm), or pass the second
    factor with an app already enrolled."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if not enrolling and user.is_verified():
        return render(request, "accounts/totp_done.html")
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            if enrolling:
                user_confirm_totp(actor=user, device=device)
                messages.success(request, _("Your authenticator app is set up."))
            django_otp.login(request, device)
            return redirect("accounts:dashboard")
        form.add_error("token", _("The code is not correct. Check the time on your phone."))
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        context |= {"qr": qr_svg(device.config_url), "secret": b32encode(device.bin_key).decode()}
    return render(request, "accounts/totp_setup.html", context)
