"""The public catalogue: services by domain, each with its fields, documents, channels, SLA
and the tariff in force (with the decision that set it), and a fee calculator."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_roles
from daftar.catalogue.choices import Channel
from daftar.catalogue.models import ServiceDomain
from daftar.catalogue.schema import clean_form
from daftar.catalogue.selectors import (
    price_quote,
    quote_explained,
    service_list,
    service_with_form,
    service_withdrawn,
    tariff_in_force,
)
from daftar.core.errors import DaftarError


@login_not_required
@require_GET
def services(request: HttpRequest) -> HttpResponse:
    domain = request.GET.get("domain", "")
    query = request.GET.get("q", "")
    page = Paginator(service_list(domain=domain or None, query=query), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "catalogue/services.html",
        {"page": page, "domains": ServiceDomain.objects.all(), "domain": domain, "q": query},
    )


def _is_staff(user) -> bool:
    """Staff read a tariff's formula beside its plain words; citizens and visitors only the
    words."""
    return bool(user_roles(user) - {Role.CITIZEN})


@login_not_required
@require_GET
def service(request: HttpRequest, code: str) -> HttpResponse:
    found = service_with_form(code)
    if found is None:
        withdrawn = service_withdrawn(code)
        if withdrawn is None:
            raise Http404
        return render(request, "catalogue/withdrawn.html", {"service": withdrawn}, status=410)
    return render(
        request,
        "catalogue/service.html",
        {
            "service": found,
            "tariff": tariff_in_force(found, timezone.localdate()),
            "channels": [c for c in Channel if found.allows(c)],
            "show_formula": _is_staff(request.user),
        },
    )


@login_not_required
@require_POST
def quote(request: HttpRequest, code: str) -> HttpResponse:
    """htmx: the fee for the values typed so far (nothing is stored)."""
    found = service_with_form(code)
    if found is None:
        raise Http404
    data = {f.name: request.POST.get(f.name, "") for f in found.fields.all()}
    cleaned, errors = clean_form(found.fields.all(), data)
    context = {"errors": errors}
    if not errors:
        channel = Channel.OFFICE if request.POST.get("channel") == "office" else Channel.WEB
        try:
            quote = price_quote(found, cleaned, channel=channel, on=timezone.localdate())
            context["quote"] = quote_explained(found, quote, cleaned)
        except DaftarError as error:
            context["errors"] = {"": error.render()}
    return render(request, "catalogue/_quote.html", context)
