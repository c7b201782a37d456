"""Licensing staff pages: calls (draft, quotas, opening, lifecycle steps), applications and
document review."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.viewglue import report_error, require
from daftar.licensing import permissions, selectors, services
from daftar.licensing.choices import REVIEW_STATUSES, ApplicationStatus, CallStatus
from daftar.licensing.forms import CallForm, DecisionForm, QuotaForm, ReviewForm
from daftar.licensing.views.common import call_or_404
from daftar.offices.selectors import sub_district_coverage

STEPS = {
    "close-registration": (services.call_close_registration, CallStatus.OPEN),
    "mark-scored": (services.call_mark_scored, CallStatus.REGISTRATION_CLOSED),
    "close-objections": (services.call_close_objections, CallStatus.RESULTS_PUBLISHED),
    "close": (services.call_close, None),
}


@require_GET
def staff_home(request: HttpRequest) -> HttpResponse:
    require(permissions.is_licensing_staff(request.user))
    return render(
        request,
        "licensing/staff_home.html",
        {
            "calls": selectors.call_visible_to(request.user).order_by("-registration_opens"),
            "can_manage": permissions.can_manage_calls(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def call_create(request: HttpRequest) -> HttpResponse:
    require(permissions.can_manage_calls(request.user))
    form = CallForm(
        request.POST or None,
        initial={
            "people_per_office": 100_000,
            "max_preferences": 3,
            "applicant_min_age": 27,
            "applicant_max_age": 55,
            "tm_min_age": 25,
            "tm_max_age": 55,
            "degree_levels": ["bachelor", "master", "doctorate"],
            "clean_record_required": True,
            "exam_weight": "1.00",
            "points_bachelor": "0",
            "points_master": "5",
            "points_doctorate": "10",
            "experience_points_per_year": "1.00",
            "experience_points_cap": "10.00",
            "pass_mark": "50.00",
            "mandatory_documents": ["identity", "degree", "clean_record", "tm_degree"],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(
                actor=Actor.for_user(request.user),
                code=form.cleaned_data["code"],
                settings=form.settings(),
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("Draft call %(code)s created.") % {"code": call.code})
            return redirect("licensing:manage", code=call.code)
    return render(request, "licensing/form.html", {"form": form, "title": _("New call")})


@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, code: str) -> HttpResponse:
    require(permissions.can_manage_calls(request.user))
    call = call_or_404(request, code)
    require(call.status == CallStatus.DRAFT)
    form = CallForm(request.POST or None, initial=CallForm.initial_from(call), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(
                actor=Actor.for_user(request.user), call=call, settings=form.settings()
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("The call was saved."))
            return redirect("licensing:manage", code=call.code)
    return render(
        request,
        "licensing/form.html",
        {"form": form, "title": _("Edit call %(code)s") % {"code": call.code}, "call": call},
    )


@require_http_methods(["GET", "POST"])
def quotas(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    require(permissions.is_licensing_staff(request.user))
    editable = call.status == CallStatus.DRAFT and permissions.can_manage_calls(request.user)
    rows = list(selectors.call_quotas(call))
    form = QuotaForm(request.POST or None, quotas=rows) if editable else None
    if request.method == "POST":
        require(editable)
        try:
            if request.POST.get("action") == "propose":
                services.call_quotas_propose(actor=Actor.for_user(request.user), call=call)
                messages.success(request, _("Quotas reset to the formula's proposal."))
                return redirect("licensing:quotas", code=call.code)
            if form.is_valid():
                services.call_quotas_set(
                    actor=Actor.for_user(request.user), call=call, quotas=form.quotas()
                )
                messages.success(request, _("Quotas saved."))
                return redirect("licensing:quotas", code=call.code)
        except DaftarError as error:
            report_error(form, error)
    # for information beside the formula (which it does not enter): today's sub-districts
    # without an active office, against the 1386 plan of one office per sub-district
    coverage = sub_district_coverage()
    return render(
        request,
        "licensing/quotas.html",
        {
            "call": call,
            "rows": [
                (
                    row,
                    form[f"district_{row.district.number}"] if form else None,
                    coverage.get(row.district.number),
                )
                for row in rows
            ],
            "form": form,
            "total": sum(row.quota for row in rows),
        },
    )


@require_GET
def call_manage(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    require(permissions.is_licensing_staff(request.user))
    can_manage = permissions.can_manage_calls(request.user)
    return render(
        request,
        "licensing/manage.html",
        {
            "call": call,
            "figures": selectors.call_figures(call),
            "can_manage": can_manage,
            "open_form": DecisionForm(decisions=selectors.licence_decisions())
            if can_manage and call.status == CallStatus.DRAFT
            else None,
            "steps": [
                name
                for name, (_service, status) in STEPS.items()
                if can_manage
                and (
                    call.status == status
                    or (
                        status is None
                        and call.status in (CallStatus.OBJECTIONS_CLOSED, CallStatus.AWARDED)
                    )
                )
            ],
        },
    )


@require_POST
def call_open(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    require(permissions.can_manage_calls(request.user))
    form = DecisionForm(request.POST, decisions=selectors.licence_decisions())
    if not form.is_valid():
        messages.error(request, _("Choose the adopted decision that opens the call."))
    else:
        try:
            services.call_open(
                actor=Actor.for_user(request.user),
                call=call,
                decision=form.cleaned_data["decision"],
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("Call %(code)s is open.") % {"code": call.code})
    return redirect("licensing:manage", code=call.code)


@require_POST
def call_step(request: HttpRequest, code: str, step: str) -> HttpResponse:
    call = call_or_404(request, code)
    require(permissions.can_manage_calls(request.user) and step in STEPS)
    service, _status = STEPS[step]
    try:
        service(actor=Actor.for_user(request.user), call=call)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        call.refresh_from_db()
        messages.success(
            request,
            _("Call %(code)s is now: %(status)s.")
            % {"code": call.code, "status": call.get_status_display()},
        )
    return redirect("licensing:manage", code=call.code)


@require_GET
def application_list(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    require(permissions.is_licensing_staff(request.user))
    status = request.GET.get("status", "")
    applications = selectors.application_list(
        request.user, call, status=status if status in ApplicationStatus.values else None
    )
    page = Paginator(applications, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "licensing/application_list.html",
        {"call": call, "page": page, "status": status, "statuses": ApplicationStatus},
    )


@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.is_licensing_staff(request.user))
    application = (
        selectors.application_detail(selectors.application_visible_to(request.user))
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    can_review = (
        permissions.can_review_documents(request.user)
        and application.call.status in REVIEW_STATUSES
    )
    return render(
        request,
        "licensing/application_detail.html",
        {
            "application": application,
            "call": application.call,
            "review_form": ReviewForm() if can_review else None,
            "objection": getattr(application, "objection", None),
            "agreement": getattr(application, "agreement", None),
        },
    )


@require_POST
def document_review(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.can_review_documents(request.user))
    document = selectors.document_visible_to(request.user).filter(pk=pk).first()
    if document is None:
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or reject."))
    else:
        try:
            services.document_review(
                actor=Actor.for_user(request.user),
                document=document,
                accepted=form.cleaned_data["verdict"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("The review was recorded."))
    return redirect("licensing:application", pk=document.application_id)
