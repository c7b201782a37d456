"""The citizen portal: apply for a service online, answer a correction request, rate a
closed file, and the public tracking page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.cases import selectors, services
from daftar.cases.forms import (
    RatingForm,
    TrackForm,
    service_form_class,
    split_form,
)
from daftar.cases.views._shared import file_or_404, show_error
from daftar.catalogue.choices import Channel
from daftar.catalogue.selectors import service_with_form, service_withdrawn
from daftar.core import ratelimit
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError, RateLimited
from daftar.core.numbers import local_digits
from daftar.core.tracking import format_tracking_code


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, code: str) -> HttpResponse:
    service = service_with_form(code)
    if service is None and service_withdrawn(code) is not None:
        messages.error(request, _("This service is not offered any more."))
        return redirect("catalogue:services")
    if service is None or not service.channel_web or not user_has_role(request.user, Role.CITIZEN):
        raise Http404
    form = service_form_class(service)(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, documents = split_form(form)
        try:
            file = services.file_open(
                actor=Actor.for_user(request.user),
                service=service,
                channel=Channel.WEB,
                citizen=request.user,
                form_data=data,
                documents=documents,
            )
        except DaftarError as error:
            show_error(form, error)
        else:
            messages.success(
                request,
                _("Your request was registered with tracking code %(code)s.")
                % {"code": local_digits(format_tracking_code(file.tracking_code))},
            )
            return redirect(file)
    return render(request, "cases/apply.html", {"service": service, "form": form})


@require_POST
def file_correct(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """The citizen answers a correction request: new data and documents, then resubmits."""
    file = file_or_404(request, tracking_code)
    form = service_form_class(selectors.file_definition(file))(request.POST, request.FILES)
    if form.is_valid():
        data, documents = split_form(form)
        try:
            services.file_correct_and_resubmit(
                actor=Actor.for_user(request.user), file=file, form_data=data, documents=documents
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("Your corrections were sent."))
    return redirect(file)


@require_POST
def file_rate(request: HttpRequest, tracking_code: str) -> HttpResponse:
    file = file_or_404(request, tracking_code)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a score from 1 to 5."))
    else:
        try:
            services.file_rate(actor=Actor.for_user(request.user), file=file, **form.cleaned_data)
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("Thank you for rating the service."))
    return redirect(file)


@login_not_required
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None, initial={"tracking_code": request.GET.get("code", "")})
    found, status = None, 200
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        if not ratelimit.hit(f"track:{ip}", limit=settings.TRACK_RATE_LIMIT, window_seconds=600):
            form.add_error(None, RateLimited().render())
            status = 429
        elif form.is_valid():
            found = selectors.file_track(
                form.cleaned_data["tracking_code"], form.cleaned_data["national_code"]
            )
            if found is None:
                form.add_error(None, _("No file matches this tracking code and national code."))
    return render(request, "cases/track.html", {"form": form, "found": found}, status=status)
