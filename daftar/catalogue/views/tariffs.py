"""The catalogue team's tariff drafts (issue 17, item 2): draft a change with its worked
examples (checked by the safe evaluator), send it to the steering committee as a tariff
decision, and put it in the tariff book once the committee adopts it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from daftar.catalogue import selectors
from daftar.catalogue import services as catalogue
from daftar.catalogue.choices import TariffDraftStatus
from daftar.catalogue.forms import TariffDraftForm
from daftar.catalogue.models import Service, TariffDraft
from daftar.catalogue.permissions import can_administer_catalogue
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.viewglue import report_error, require
from daftar.governance.choices import DecisionStatus


def _admin(request: HttpRequest) -> Actor:
    require(can_administer_catalogue(request.user))
    return Actor.for_user(request.user)


def _draft(pk: int) -> TariffDraft:
    draft = selectors.tariff_draft_get(pk)
    if draft is None:
        raise Http404
    return draft


def _initial(service: Service) -> dict:
    """A new draft starts from the tariff in force (or an empty one) and the form's fields."""
    current = selectors.tariff_in_force(service, timezone.localdate())
    numeric = [f.name for f in service.fields.all() if f.type not in ("text", "file", "date")]
    initial = {"samples": ", ".join(f"{name}=" for name in numeric)}
    if current is not None:
        initial.update(
            {
                "formula": current.formula,
                "description_fa": current.description_fa,
                "description_en": current.description_en,
                "splits": "\n".join(
                    f"{s['beneficiary']} | {s['basis_points']}" for s in current.splits
                ),
            }
        )
    return initial


def _checked(service: Service, form: TariffDraftForm):
    """The worked examples of a bound, valid form, or None with the problem on the form."""
    data = form.cleaned_data
    try:
        return selectors.tariff_samples_explained(
            service, formula=data["formula"], splits=data["splits"], samples=data["samples"]
        )
    except DaftarError as error:
        report_error(form, error)
        return None


def _page(request, service, form, *, draft=None, examples=None, status=200):
    return render(
        request,
        "catalogue/manage/tariff.html",
        {
            "service": service,
            "form": form,
            "draft": draft,
            "examples": examples,
            "current": selectors.tariff_in_force(service, timezone.localdate()),
            "adopted": draft is not None
            and draft.decision is not None
            and draft.decision.status == DecisionStatus.ADOPTED,
            "rejected": draft is not None
            and draft.decision is not None
            and draft.decision.status == DecisionStatus.REJECTED,
            "beneficiaries": selectors.beneficiaries(),
        },
        status=status,
    )


def _save(request, actor, service, form, draft=None) -> HttpResponse | None:
    """Check (the "check" button) or save; None when the page is shown again."""
    if not form.is_valid():
        return None
    examples = _checked(service, form)
    if examples is None or "check" in request.POST:
        request.examples = examples
        return None
    data = form.cleaned_data
    try:
        draft = catalogue.tariff_draft_save(
            actor=actor,
            service=service,
            draft=draft,
            formula=data["formula"],
            description_fa=data["description_fa"],
            description_en=data["description_en"],
            splits=data["splits"],
            samples=data["samples"],
            effective_from=data["effective_from"],
        )
    except DaftarError as error:
        report_error(form, error)
        return None
    messages.success(
        request,
        _("The tariff draft is saved. Check its examples, then send it to the steering committee."),
    )
    return redirect("catalogue:tariff_draft", pk=draft.pk)


@require_http_methods(["GET", "POST"])
def tariff_draft_new(request: HttpRequest, code: str) -> HttpResponse:
    actor = _admin(request)
    service = selectors.service_for_administration(code)
    if service is None:
        raise Http404
    if request.method == "GET":
        return _page(request, service, TariffDraftForm(initial=_initial(service)))
    form = TariffDraftForm(request.POST)
    done = _save(request, actor, service, form)
    if done is not None:
        return done
    examples = getattr(request, "examples", None)
    return _page(request, service, form, examples=examples, status=200 if examples else 400)


@require_http_methods(["GET", "POST"])
def tariff_draft(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    draft = _draft(pk)
    service = draft.service
    editable = draft.status == TariffDraftStatus.DRAFT
    if request.method == "POST":
        if not editable:
            raise Http404
        form = TariffDraftForm(request.POST)
        done = _save(request, actor, service, form, draft=draft)
        if done is not None:
            return done
        examples = getattr(request, "examples", None)
        return _page(
            request, service, form, draft=draft, examples=examples, status=200 if examples else 400
        )
    form = TariffDraftForm(initial=TariffDraftForm.initial_of(draft)) if editable else None
    examples = selectors.tariff_samples_explained(
        service, formula=draft.formula, splits=draft.splits, samples=draft.samples
    )
    return _page(request, service, form, draft=draft, examples=examples)


def _step(request: HttpRequest, pk: int, service_call, done: str) -> HttpResponse:
    actor = _admin(request)
    draft = _draft(pk)
    try:
        service_call(actor=actor, draft=draft)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, done)
    return redirect("catalogue:tariff_draft", pk=draft.pk)


@require_POST
def tariff_draft_send(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        catalogue.tariff_draft_send,
        _(
            "The tariff change is with the steering committee as a draft decision. When the "
            "committee adopts it, come back here to put it in the tariff book."
        ),
    )


@require_POST
def tariff_draft_apply(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        catalogue.tariff_draft_apply,
        _(
            "The adopted tariff is in the tariff book: requests submitted from its first day are "
            "priced by it; earlier files keep their price."
        ),
    )


@require_POST
def tariff_draft_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, catalogue.tariff_draft_withdraw, _("The tariff draft is withdrawn."))
