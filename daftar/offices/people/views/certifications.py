"""The training unit's certifications (`/people/certifications/`): the list by expiry and
"record a certification"."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from daftar.core.errors import DaftarError
from daftar.core.viewglue import report_error, require
from daftar.offices import services
from daftar.offices.context import actor_context
from daftar.offices.people import selectors
from daftar.offices.people.forms import (
    CertificationFilterForm,
    CertificationForm,
)
from daftar.offices.permissions import is_training_unit


@require_GET
def certifications(request: HttpRequest) -> HttpResponse:
    require(is_training_unit(request.user))
    filters = CertificationFilterForm(request.GET or {"within": "30"})
    within = filters.cleaned_data.get("within") if filters.is_valid() else "30"
    rows = selectors.certifications_visible_to(
        request.user, within_days=int(within) if within else None
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "offices/people/certifications.html",
        {
            "filters": filters,
            "page": page,
            "today": timezone.localdate(),
            "within": within or "",
        },
    )


@require_http_methods(["GET", "POST"])
def certification_new(request: HttpRequest) -> HttpResponse:
    require(is_training_unit(request.user))
    form = CertificationForm(request.POST or None, initial={"staff": request.GET.get("staff")})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            certification = services.certification_record(
                actor=actor_context(request).actor, **data
            )
        except DaftarError as error:
            report_error(form, error)
            status = error.http_status
        else:
            messages.success(
                request,
                _(
                    "Certificate %(number)s recorded. Reminders go to the staff member and "
                    "their office manager before it expires."
                )
                % {"number": certification.number},
            )
            return redirect("people:certifications")
    return render(request, "offices/people/certification_new.html", {"form": form}, status=status)
