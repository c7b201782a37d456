"""The office counter: identify a walk-in citizen by a consent code, open a file on their
behalf, move a national code to the citizen's own mobile, and record call-backs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from daftar.accounts.choices import Role
from daftar.accounts.services import (
    citizen_name_record,
    citizen_reclaim,
    citizen_reclaim_request,
    counter_consent_request,
    counter_consent_verify,
)
from daftar.cases import selectors, services
from daftar.cases.forms import (
    ConsentCodeForm,
    CounterCitizenForm,
    ReclaimForm,
    service_form_class,
    split_form,
)
from daftar.cases.views._shared import show_error
from daftar.catalogue.choices import Channel
from daftar.catalogue.selectors import service_list, service_with_form
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.viewglue import report_error
from daftar.offices.context import actor_context
from daftar.offices.selectors import office_deliverable_domain_ids

_COUNTER_CITIZEN = "counter_citizen_id"
_COUNTER_PENDING = "counter_pending"
_COUNTER_RECLAIM = "counter_reclaim"


def _operator_office(request):
    context = actor_context(request)
    if context.office is None or not context.has_role(Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER):
        raise Http404
    return context.office


def _offered_services(office) -> dict:
    deliverable = office_deliverable_domain_ids(office)
    return {s.code: s for s in service_list(channel=Channel.OFFICE) if s.domain_id in deliverable}


@require_http_methods(["GET", "POST"])
def counter(request: HttpRequest) -> HttpResponse:
    """Step 1: identify the walk-in citizen from the national card and choose the service; a
    consent code naming this office and that service goes to the citizen's mobile."""
    office = _operator_office(request)
    offered = _offered_services(office)
    form = CounterCitizenForm(request.POST or None, services=offered.values())
    status = 200
    if request.method == "POST" and form.is_valid():
        service = offered[form.cleaned_data["service"]]
        try:
            issued = counter_consent_request(
                actor=Actor.for_user(request.user),
                office_code=office.code,
                national_code=form.cleaned_data["national_code"],
                mobile=form.cleaned_data["mobile"],
                service_code=service.code,
                service_title=service.title_fa,
                identity_checked=form.cleaned_data["identity_checked"],
            )
        except DaftarError as error:
            report_error(form, error)
            status = error.http_status
        else:
            request.session[_COUNTER_PENDING] = {
                "national_code": issued.otp.national_code,
                "first_name": form.cleaned_data["first_name"],
                "last_name": form.cleaned_data["last_name"],
                "service": service.code,
                "masked_mobile": issued.masked_mobile,
            }
            return redirect("cases:counter_consent")
    return render(
        request,
        "cases/counter.html",
        {"form": form, "office": office, "has_services": bool(offered)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def counter_consent(request: HttpRequest) -> HttpResponse:
    """Step 2: the citizen reads the consent code out; the operator enters it."""
    office = _operator_office(request)
    pending = request.session.get(_COUNTER_PENDING)
    if not pending or "service" not in pending:
        return redirect("cases:counter")
    service = service_with_form(pending["service"])
    if service is None:
        raise Http404
    form = ConsentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            citizen = counter_consent_verify(
                actor=Actor.for_user(request.user),
                office_code=office.code,
                national_code=pending["national_code"],
                code=form.cleaned_data["code"],
                service_code=service.code,
            )
            if not citizen.get_full_name() and pending.get("first_name"):
                citizen_name_record(
                    actor=Actor.for_user(request.user),
                    citizen=citizen,
                    first_name=pending["first_name"],
                    last_name=pending.get("last_name", ""),
                )
        except DaftarError as error:
            form.add_error("code" if error.field == "code" else None, error.render())
        else:
            request.session.pop(_COUNTER_PENDING, None)
            request.session[_COUNTER_CITIZEN] = {"citizen": citizen.pk, "service": service.code}
            return redirect("cases:counter_file", code=service.code)
    return render(
        request,
        "cases/counter_consent.html",
        {
            "form": form,
            "office": office,
            "service": service,
            "masked_mobile": pending.get("masked_mobile", ""),
        },
    )


def _counter_citizen(request, service_code: str):
    """The citizen who consented at this counter to `service_code`, or 404."""
    consented = request.session.get(_COUNTER_CITIZEN)
    if not isinstance(consented, dict) or consented.get("service") != service_code:
        raise Http404
    citizen = get_user_model().objects.filter(pk=consented.get("citizen")).first()
    if citizen is None:
        raise Http404
    return citizen


@require_http_methods(["GET", "POST"])
def counter_file(request: HttpRequest, code: str) -> HttpResponse:
    office = _operator_office(request)
    citizen = _counter_citizen(request, code)
    service = service_with_form(code)
    if service is None or not service.channel_office:
        raise Http404
    form = service_form_class(service)(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, documents = split_form(form)
        try:
            file = services.file_open(
                actor=Actor.for_user(request.user),
                service=service,
                channel=Channel.OFFICE,
                citizen=citizen,
                form_data=data,
                documents=documents,
                office=office,
                operator=request.user,
            )
        except DaftarError as error:
            show_error(form, error)
        else:
            request.session.pop(_COUNTER_CITIZEN, None)
            return redirect("cases:receipt", tracking_code=file.tracking_code)
    return render(
        request,
        "cases/apply.html",
        {"service": service, "form": form, "citizen": citizen, "office": office},
    )


@require_http_methods(["GET", "POST"])
def counter_reclaim(request: HttpRequest) -> HttpResponse:
    """A citizen whose national code is bound to a mobile that is not (or no longer) theirs:
    the operator checks the national card and sends a code to the citizen's own mobile."""
    office = _operator_office(request)
    form = ReclaimForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            issued = citizen_reclaim_request(
                actor=Actor.for_user(request.user),
                office_code=office.code,
                national_code=form.cleaned_data["national_code"],
                mobile=form.cleaned_data["mobile"],
                identity_checked=form.cleaned_data["identity_checked"],
            )
        except DaftarError as error:
            report_error(form, error)
            status = error.http_status
        else:
            request.session[_COUNTER_RECLAIM] = {
                "national_code": issued.otp.national_code,
                "masked_mobile": issued.masked_mobile,
                "reason": form.cleaned_data["reason"],
            }
            return redirect("cases:counter_reclaim_code")
    return render(
        request, "cases/counter_reclaim.html", {"form": form, "office": office}, status=status
    )


@require_http_methods(["GET", "POST"])
def counter_reclaim_code(request: HttpRequest) -> HttpResponse:
    """The citizen reads out the code sent to the new mobile; the change is made."""
    office = _operator_office(request)
    pending = request.session.get(_COUNTER_RECLAIM)
    if not pending:
        return redirect("cases:counter_reclaim")
    form = ConsentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reclaimed = citizen_reclaim(
                actor=Actor.for_user(request.user),
                office_code=office.code,
                national_code=pending["national_code"],
                code=form.cleaned_data["code"],
                reason=pending["reason"],
            )
        except DaftarError as error:
            form.add_error("code" if error.field == "code" else None, error.render())
        else:
            request.session.pop(_COUNTER_RECLAIM, None)
            return render(
                request,
                "cases/counter_reclaim_done.html",
                {"office": office, "reclaimed": reclaimed},
            )
    return render(
        request,
        "cases/counter_reclaim_code.html",
        {"form": form, "office": office, "masked_mobile": pending["masked_mobile"]},
    )


@require_POST
def callback_done(request: HttpRequest, pk: int) -> HttpResponse:
    office = actor_context(request).office
    task = selectors.callback_of_office(office, pk) if office else None
    if task is None:
        raise Http404
    try:
        services.callback_done(
            actor=Actor.for_user(request.user), task=task, note=request.POST.get("note", "")
        )
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("Call-back recorded."))
    return redirect("offices:my_office")
