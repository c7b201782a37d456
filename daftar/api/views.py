"""FAVA's page for partner apps: issue a key (shown once), revoke; and the committee
secretary's page that records a decision granting or withdrawing a scope only the steering
committee may grant."""

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
from daftar.api.services import (
    SCOPES,
    SIGNED_IN_CITIZENS,
    partner_create,
    partner_revoke,
    partner_scope_grant,
    partner_scope_withdraw,
)
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.forms import LocalisedErrorsForm
from daftar.core.numbers import local_digits
from daftar.core.viewglue import report_error
from daftar.governance.choices import DecisionKind
from daftar.governance.models import Decision
from daftar.governance.permissions import is_committee_secretary
from daftar.governance.selectors import decisions_adopted


class PartnerForm(LocalisedErrorsForm):
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
            _app, key = partner_create(actor=Actor.for_user(request.user), **form.cleaned_data)
        except DaftarError as error:
            report_error(form, error)
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
        partner_revoke(actor=Actor.for_user(request.user), partner=app)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("The key of %(name)s no longer works.") % {"name": app.name})
    return redirect("partners")


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, decision: Decision) -> str:
        return f"{local_digits(decision.number)} — {decision.subject}"


class ScopeDecisionForm(LocalisedErrorsForm):
    partner = forms.ModelChoiceField(
        queryset=PartnerApp.objects.filter(active=True), widget=forms.HiddenInput
    )
    action = forms.ChoiceField(
        choices=[("grant", "grant"), ("withdraw", "withdraw")], widget=forms.HiddenInput
    )
    decision = DecisionChoiceField(
        label=gettext_lazy("Committee decision (service authorisation)"),
        queryset=decisions_adopted(DecisionKind.SERVICE_AUTHORISATION),
    )


@require_http_methods(["GET", "POST"])
def partner_authorisations(request: HttpRequest) -> HttpResponse:
    """The committee secretary records a decision that lets an app open files for citizens
    signed in with the city's own sign-in, without a consent code per file (or withdraws it)."""
    if not is_committee_secretary(request.user):
        raise Http404
    form = ScopeDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change = partner_scope_grant if data["action"] == "grant" else partner_scope_withdraw
        try:
            change(
                actor=Actor.for_user(request.user),
                partner=data["partner"],
                scope=SIGNED_IN_CITIZENS,
                decision=data["decision"],
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("Recorded."))
            return redirect("partner_authorisations")
    elif request.method == "POST":
        messages.error(request, _("Choose the committee decision."))
    apps = PartnerApp.objects.filter(active=True).order_by("name")
    return render(
        request,
        "api/partner_authorisations.html",
        {
            "apps": [(app, SIGNED_IN_CITIZENS in app.scopes) for app in apps],
            "decisions": form.fields["decision"].queryset,
        },
    )
