"""The catalogue team's Open311 page (/manage/open311/): the mapped services with what each
becomes and how many reports came in, a form to add or change one, and listing/unlisting.
Every change goes through `open311_service_define` or `open311_service_set_listed` (audited);
only the catalogue team and FAVA reach these pages, everyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.catalogue.selectors import service_list
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.viewglue import report_error, require
from daftar.open311 import selectors
from daftar.open311.forms import MappingForm
from daftar.open311.permissions import can_map_open311_services
from daftar.open311.services import open311_service_define, open311_service_set_listed


def _mapper(request: HttpRequest) -> Actor:
    require(can_map_open311_services(request.user))
    return Actor.for_user(request.user)


@require_GET
def mappings(request: HttpRequest) -> HttpResponse:
    _mapper(request)
    return render(
        request,
        "open311/manage/index.html",
        {"services": selectors.open311_services_for_administration()},
    )


def _form(data=None, *, service=None) -> MappingForm:
    catalogue_services = list(service_list())
    current = service.catalogue_service if service is not None else None
    if current is not None and current.code not in {s.code for s in catalogue_services}:
        catalogue_services.append(current)
    return MappingForm(
        data,
        initial=MappingForm.initial_of(service) if service is not None else None,
        catalogue_services=catalogue_services,
        editing=service is not None,
    )


def _save(request: HttpRequest, actor: Actor, form: MappingForm, *, new: bool):
    if not form.is_valid():
        return None
    try:
        service = open311_service_define(actor=actor, new=new, **form.service_arguments())
    except DaftarError as error:
        report_error(form, error)
        return None
    if service.active:
        messages.success(
            request,
            _("%(name)s is saved. Apps see it in their list and its reports come in at once.")
            % {"name": service.name},
        )
    else:
        messages.success(
            request,
            _("%(name)s is saved, unlisted: apps do not see it and cannot report to it.")
            % {"name": service.name},
        )
    return redirect("open311_manage:mappings")


@require_http_methods(["GET", "POST"])
def mapping_new(request: HttpRequest) -> HttpResponse:
    actor = _mapper(request)
    if request.method == "GET":
        form = _form()
    else:
        form = _form(request.POST)
        saved = _save(request, actor, form, new=True)
        if saved is not None:
            return saved
    return render(
        request,
        "open311/manage/form.html",
        {"form": form, "service": None},
        status=200 if request.method == "GET" else 400,
    )


@require_http_methods(["GET", "POST"])
def mapping_edit(request: HttpRequest, code: str) -> HttpResponse:
    actor = _mapper(request)
    service = selectors.open311_service_for_administration(code)
    if service is None:
        raise Http404
    if request.method == "GET":
        form = _form(service=service)
    else:
        form = _form(request.POST, service=service)
        saved = _save(request, actor, form, new=False)
        if saved is not None:
            return saved
    return render(
        request,
        "open311/manage/form.html",
        {"form": form, "service": service},
        status=200 if request.method == "GET" else 400,
    )


@require_POST
def mapping_listing(request: HttpRequest, code: str) -> HttpResponse:
    """List (`listed=1`) or unlist (`listed=0`) a service from its row."""
    actor = _mapper(request)
    service = selectors.open311_service_for_administration(code)
    if service is None:
        raise Http404
    listed = request.POST.get("listed")
    if listed not in {"0", "1"}:
        messages.error(request, _("Choose whether the service is listed or not."))
        return redirect("open311_manage:mappings")
    try:
        service = open311_service_set_listed(
            actor=actor, service_code=service.service_code, listed=listed == "1"
        )
    except DaftarError as error:
        messages.error(request, error.render())
        return redirect("open311_manage:mappings")
    if service.active:
        messages.success(
            request, _("%(name)s is listed again: apps may report to it.") % {"name": service.name}
        )
    else:
        messages.success(
            request,
            _(
                "%(name)s is unlisted: apps no longer see it and new reports are refused; the "
                "reports it took are kept and can still be followed."
            )
            % {"name": service.name},
        )
    return redirect("open311_manage:mappings")
