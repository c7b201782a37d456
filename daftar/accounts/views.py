"""Sign-in pages and the role dashboards. Thin: forms validate, services decide."""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import django_otp
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from daftar.accounts.choices import STAFF_ROLES, Role
from daftar.accounts.enrolment import (
    authenticator_confirm,
    authenticator_reset,
    enrolment_code_display,
    enrolment_code_issue,
    enrolment_code_redeem,
    enrolment_device_pending,
)
from daftar.accounts.forms import (
    AuthenticatorResetForm,
    CitizenCodeForm,
    CitizenStartForm,
    EnrolmentCodeForm,
    StaffLoginForm,
    StaffSearchForm,
    TotpConfirmForm,
)
from daftar.accounts.selectors import (
    staff_account_for_admin,
    staff_authenticator_list,
    user_has_role,
    user_roles,
)
from daftar.accounts.services import (
    citizen_otp_request,
    citizen_otp_verify,
)
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.homes import role_home
from daftar.core.qr import qr_svg
from daftar.core.ratelimit import client_ip

_SESSION_NATIONAL_CODE = "citizen_sign_in_national_code"
_SESSION_MASKED_MOBILE = "citizen_sign_in_masked_mobile"
_SESSION_NEXT = "citizen_sign_in_next"


def _safe_next(request: HttpRequest) -> str:
    """The `next` page asked for, if it is one of ours (never another site)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


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
    next_url = _safe_next(request)
    if next_url:  # where a signed-out visit was going: back there after the code
        request.session[_SESSION_NEXT] = next_url
    elif request.method == "GET":  # a fresh start forgets an abandoned one's page
        request.session.pop(_SESSION_NEXT, None)
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
    return render(
        request,
        "accounts/citizen_login_start.html",
        {"form": form, "next": next_url},
        status=status,
    )


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
            next_url = request.session.pop(_SESSION_NEXT, "")
            login(request, citizen, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(next_url or "accounts:dashboard")
    return render(
        request,
        "accounts/citizen_login_verify.html",
        {
            "form": form,
            "masked_mobile": request.session.get(_SESSION_MASKED_MOBILE, ""),
        },
    )


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The home of each of the user's roles: what needs them today (counts with links), then
    their main actions. The apps contribute the parts (daftar/core/homes.py); an action two
    roles share is shown once, under the first."""
    roles = user_roles(request.user)
    homes, shown = [], set()
    for role in Role:
        if role not in roles:
            continue
        home = role_home(role, request.user)
        home.actions = [action for action in home.actions if action.url not in shown]
        shown.update(action.url for action in home.actions)
        homes.append((role, home))
    return render(request, "accounts/dashboard.html", {"homes": homes})


_SESSION_ENROLMENT_DEVICE = "authenticator_enrolment_device"


@require_http_methods(["GET", "POST"])
@never_cache
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Pass the second factor with the authenticator app already enrolled, or enrol one: first
    the enrolment code from the system administrator, then the QR code and one code to confirm.
    The secret is shown only to the session that entered a valid enrolment code. Staff only:
    citizens sign in with a code by SMS and have no authenticator to set up."""
    user = request.user
    if not (user_roles(user) & set(STAFF_ROLES) or user.is_superuser):
        raise Http404
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        if user.is_verified():
            return render(request, "accounts/totp_done.html")
        return _totp_confirm(request, device, enrolling=False)
    pending = enrolment_device_pending(user, request.session.get(_SESSION_ENROLMENT_DEVICE))
    if pending is not None:
        return _totp_confirm(request, pending, enrolling=True)
    form = EnrolmentCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            pending = enrolment_code_redeem(
                actor=Actor.for_user(user), code=form.cleaned_data["code"]
            )
        except DaftarError as error:
            _report(form, error)
            status = error.http_status
        else:
            request.session[_SESSION_ENROLMENT_DEVICE] = pending.pk
            return redirect("accounts:totp_setup")
    return render(request, "accounts/enrolment_code.html", {"form": form}, status=status)


def _totp_confirm(request: HttpRequest, device: TOTPDevice, *, enrolling: bool) -> HttpResponse:
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            if enrolling:
                try:
                    authenticator_confirm(actor=Actor.for_user(request.user), device=device)
                except DaftarError as error:
                    request.session.pop(_SESSION_ENROLMENT_DEVICE, None)
                    messages.error(request, error.render())
                    return redirect("accounts:totp_setup")
                request.session.pop(_SESSION_ENROLMENT_DEVICE, None)
                messages.success(request, _("Your authenticator app is set up."))
            django_otp.login(request, device)
            return redirect("accounts:dashboard")
        form.add_error("token", _("The code is not correct. Check the time on your phone."))
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        context |= {"qr": qr_svg(device.config_url), "secret": b32encode(device.bin_key).decode()}
    return render(request, "accounts/totp_setup.html", context)


# --- the system administrator's page: enrolment codes and lost authenticators ----------------


def _require_system_admin(request: HttpRequest) -> None:
    if not user_has_role(request.user, Role.SYSTEM_ADMIN):
        raise Http404  # not allowed looks the same as not there


def _staff_or_404(request: HttpRequest, pk: int):
    _require_system_admin(request)
    staff = staff_account_for_admin(pk)
    if staff is None:
        raise Http404
    return staff


@require_GET
def staff_authenticators(request: HttpRequest) -> HttpResponse:
    _require_system_admin(request)
    search = StaffSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    page = Paginator(staff_authenticator_list(query=query), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/staff_authenticators.html",
        {"search": search, "page": page, "query": query, "now": timezone.now()},
    )


@require_POST
@never_cache
def staff_enrolment_code_issue(request: HttpRequest, pk: int) -> HttpResponse:
    staff = _staff_or_404(request, pk)
    try:
        code, plain = enrolment_code_issue(actor=Actor.for_user(request.user), user=staff)
    except DaftarError as error:
        messages.error(request, error.render())
        return redirect("accounts:staff_authenticators")
    # Shown once, on this response only (no redirect, not cached): the code is not stored.
    return render(
        request,
        "accounts/enrolment_code_issued.html",
        {"staff": staff, "code": enrolment_code_display(plain), "expires_at": code.expires_at},
    )


@require_http_methods(["GET", "POST"])
def staff_authenticator_reset(request: HttpRequest, pk: int) -> HttpResponse:
    staff = _staff_or_404(request, pk)
    form = AuthenticatorResetForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            authenticator_reset(
                actor=Actor.for_user(request.user), user=staff, reason=form.cleaned_data["reason"]
            )
        except DaftarError as error:
            _report(form, error)
            status = error.http_status
        else:
            messages.success(
                request,
                _(
                    "The authenticator of %(username)s was removed. Issue an enrolment code "
                    "so they can set up a new one."
                )
                % {"username": staff.get_username()},
            )
            return redirect(
                reverse("accounts:staff_authenticators") + "?" + urlencode({"q": staff.username})
            )
    return render(
        request,
        "accounts/authenticator_reset.html",
        {"form": form, "staff": staff},
        status=status,
    )
