"""FAVA's page for partner apps: issue a key (shown once), revoke."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.api.models import PartnerApp
from daftar.api.services import SCOPES, partner_create, partner_revoke
from daftar.core.errors import DaftarError


class PartnerForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Scopes"),
        choices=[(s, s) for s in SCOPES],
        widget=forms.CheckboxSelectMultiple,
    )
    requests_per_minute = forms.IntegerField(
        label=gettext_lazy("Requests per minute"), min_value=1, max_value=10_000, initial=120
    )


def _require_fava(request) -> None:
    if not user_has_role(request.user, Role.SYSTEM_ADMIN):
        raise Http404


@require_http_methods(["GET", "POST"])
def partners(request: HttpRequest) -> HttpResponse:
    _require_fava(request)
    form = PartnerForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        try:
            _app, key = partner_create(actor=request.user, **form.cleaned_data)
        except DaftarError as error:
            form.add_error(error.field if error.field in form.fields else None, error.render())
    response = render(
        request,
        "api/partners.html",
        {"form": form, "key": key, "apps": PartnerApp.objects.order_by("-created_at")},
    )
    response["Cache-Control"] = "no-store"  # the page may show a key
    return response


@require_POST
def partner_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_fava(request)
    app = PartnerApp.objects.filter(pk=pk).first()
    if app is None:
        raise Http404
    try:
        partner_revoke(actor=request.user, partner=app)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("The key of %(name)s no longer works.") % {"name": app.name})
    return redirect("partners")
