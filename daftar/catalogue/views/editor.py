"""The catalogue team's service editor (issue 17, item 1; ADR 0024): the list of services with
their versions and drafts, a draft's attributes, form fields and documents, the preview of the
citizen's form with the fee for sample answers, and publishing. Only catalogue administrators
reach these pages; everyone else gets 404."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.catalogue import selectors
from daftar.catalogue import services as catalogue
from daftar.catalogue.choices import Channel, DraftStatus
from daftar.catalogue.citizen_form import service_form_class
from daftar.catalogue.definition import ServiceDefinition
from daftar.catalogue.forms import (
    DocumentForm,
    DraftGeneralForm,
    FieldForm,
    NewServiceForm,
    WithdrawalForm,
)
from daftar.catalogue.models import ServiceDraft
from daftar.catalogue.permissions import can_administer_catalogue
from daftar.catalogue.schema import clean_form
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.numbers import format_message
from daftar.core.viewglue import report_error, require
from daftar.workflow.selectors import workflow_versions_offered


def _admin(request: HttpRequest) -> Actor:
    require(can_administer_catalogue(request.user))
    return Actor.for_user(request.user)


def _open_draft(request: HttpRequest, pk: int) -> ServiceDraft:
    draft = selectors.service_draft_get(pk)
    if draft is None or draft.status != DraftStatus.OPEN:
        raise Http404
    return draft


@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    _admin(request)
    return _manage_page(request, NewServiceForm())


def _manage_page(request: HttpRequest, new_form: NewServiceForm, status: int = 200):
    stage = request.GET.get("tariffs", "")
    stage = stage if stage in selectors.TARIFF_STAGES else ""
    return render(
        request,
        "catalogue/manage/index.html",
        {
            "services": selectors.services_for_administration(),
            "open_drafts": selectors.service_drafts_open(),
            "tariff_drafts": (
                selectors.tariff_drafts_at(stage) if stage else selectors.tariff_drafts_pending()
            ),
            "tariff_stage": stage,
            "tariffs_coming": selectors.tariffs_coming(timezone.localdate()),
            "new_form": new_form,
        },
        status=status,
    )


@require_POST
def draft_start(request: HttpRequest) -> HttpResponse:
    """A draft of an existing service (`service`: its code) or of a new one (`code`)."""
    actor = _admin(request)
    code = request.POST.get("service", "")
    if code:
        service = selectors.service_for_administration(code)
        if service is None:
            raise Http404
        existing = service.drafts.filter(status=DraftStatus.OPEN).first()
        if existing is not None:
            return redirect("catalogue:draft_edit", pk=existing.pk)
        try:
            draft = catalogue.service_draft_start(actor=actor, service=service)
        except DaftarError as error:
            messages.error(request, error.render())
            return redirect("catalogue:manage")
        return redirect("catalogue:draft_edit", pk=draft.pk)
    form = NewServiceForm(request.POST)
    if form.is_valid():
        try:
            draft = catalogue.service_draft_start(actor=actor, code=form.cleaned_data["code"])
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "The draft is open. Fill in the service, its form and its documents, then "
                    "preview and publish it."
                ),
            )
            return redirect("catalogue:draft_edit", pk=draft.pk)
    return _manage_page(request, form, status=400)


def _general_form(draft: ServiceDraft, data=None) -> DraftGeneralForm:
    definition = ServiceDefinition.from_json(draft.definition)
    domains = selectors.service_domains()
    departments = selectors.departments()
    initial = {
        "code": definition.code,
        "title_fa": definition.title_fa,
        "title_en": definition.title_en,
        "description_fa": definition.description_fa,
        "description_en": definition.description_en,
        "domain": domains.filter(code=definition.domain).first(),
        "department": departments.filter(code=definition.department).first(),
        "channels": definition.channels,
        "sla_days": definition.sla_days,
        "refundable_percent": format(
            (Decimal(definition.refundable_basis_points) / 100).normalize(), "f"
        ),
        "workflow": definition.workflow,
    }
    return DraftGeneralForm(
        data,
        initial=initial,
        domains=domains,
        departments=departments,
        workflows=workflow_versions_offered(),
        is_new=draft.service_id is None,
    )


def _edit_page(
    request,
    draft,
    *,
    general=None,
    field_form=None,
    document_form=None,
    offer_form=None,
    status=200,
):
    definition = ServiceDefinition.from_json(draft.definition)
    offer_form = offer_form or WithdrawalForm(
        initial={
            "offered": "1" if definition.offered else "0",
            "reason": definition.withdrawal_reason,
        },
        prefix="offer",
    )
    return render(
        request,
        "catalogue/manage/draft.html",
        {
            "draft": draft,
            "definition": definition,
            "general": general or _general_form(draft),
            "field_forms": [
                (spec, FieldForm(initial=FieldForm.initial_of(spec, i), prefix=f"f{i}"))
                for i, spec in enumerate(definition.fields, 1)
            ],
            "field_form": field_form or FieldForm(prefix="new"),
            "document_form": document_form or DocumentForm(prefix="doc"),
            "offer_form": offer_form,
            "channels": [Channel(c).label for c in definition.channels if c in Channel.values],
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    draft = _open_draft(request, pk)
    if request.method == "GET":
        return _edit_page(request, draft)
    form = _general_form(draft, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            catalogue.service_draft_update(
                actor=actor,
                draft=draft,
                code=data.get("code"),
                title_fa=data["title_fa"],
                title_en=data["title_en"],
                description_fa=data["description_fa"],
                description_en=data["description_en"],
                domain=data["domain"],
                department=data["department"],
                channels=data["channels"],
                sla_days=int(data["sla_days"]),
                refundable_basis_points=form.basis_points(),
                workflow_id=data["workflow"],
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("The draft's details are saved."))
            return redirect("catalogue:draft_edit", pk=draft.pk)
    return _edit_page(request, draft, general=form, status=400)


@require_POST
def draft_field(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a form field, or change one (`replaces` names it); the form's prefix is posted."""
    actor = _admin(request)
    draft = _open_draft(request, pk)
    prefix = request.POST.get("prefix", "new")
    form = FieldForm(request.POST, prefix=prefix)
    if form.is_valid():
        position = form.cleaned_data["position"]
        try:
            catalogue.service_draft_field_save(
                actor=actor,
                draft=draft,
                spec=form.spec(),
                replaces=form.cleaned_data["replaces"],
                position=int(position) if position is not None else None,
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("The form field is saved in the draft."))
            return redirect(reverse("catalogue:draft_edit", args=[draft.pk]) + "#fields")
    return _edit_page(request, draft, field_form=form, status=400)


@require_POST
def draft_field_remove(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    draft = _open_draft(request, pk)
    try:
        catalogue.service_draft_field_remove(
            actor=actor, draft=draft, name=request.POST.get("name", "")
        )
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("The field is removed from the draft."))
    return redirect(reverse("catalogue:draft_edit", args=[draft.pk]) + "#fields")


@require_POST
def draft_document(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    draft = _open_draft(request, pk)
    form = DocumentForm(request.POST, prefix="doc")
    if form.is_valid():
        try:
            catalogue.service_draft_document_save(
                actor=actor, draft=draft, spec=form.spec(), replaces=form.cleaned_data["replaces"]
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("The document is saved in the draft."))
            return redirect(reverse("catalogue:draft_edit", args=[draft.pk]) + "#documents")
    return _edit_page(request, draft, document_form=form, status=400)


@require_POST
def draft_document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    draft = _open_draft(request, pk)
    try:
        catalogue.service_draft_document_remove(
            actor=actor, draft=draft, code=request.POST.get("code", "")
        )
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("The document is removed from the draft."))
    return redirect(reverse("catalogue:draft_edit", args=[draft.pk]) + "#documents")


@require_POST
def draft_offer(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the draft as withdrawing the service from the catalogue (with a reason), or as
    offering it again; publishing the draft is what changes the catalogue."""
    actor = _admin(request)
    draft = _open_draft(request, pk)
    form = WithdrawalForm(request.POST, prefix="offer")
    if form.is_valid():
        try:
            catalogue.service_draft_offer_set(
                actor=actor,
                draft=draft,
                offered=form.cleaned_data["offered"],
                reason=form.cleaned_data["reason"],
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request,
                _("Saved. Publishing this draft will offer the service to citizens.")
                if form.cleaned_data["offered"]
                else _(
                    "Saved. Publishing this draft will withdraw the service: no new files; "
                    "files in progress finish under their version."
                ),
            )
            return redirect(reverse("catalogue:draft_edit", args=[draft.pk]) + "#offer")
    return _edit_page(request, draft, offer_form=form, status=400)


@require_http_methods(["GET", "POST"])
def draft_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The citizen's form exactly as the portal will show it, and the fee of sample answers by
    the tariff in force and by each tariff draft of the service (nothing is stored)."""
    _admin(request)
    draft = _open_draft(request, pk)
    definition = ServiceDefinition.from_json(draft.definition)
    form_class = service_form_class(definition)
    form = form_class(request.POST or None)
    quotes, errors = [], {}
    if request.method == "POST":
        data = {f.name: request.POST.get(f.name, "") for f in definition.fields}
        cleaned, errors = clean_form(definition.fields, data)
        if not errors:
            quotes = selectors.draft_quotes(draft, cleaned, on=timezone.localdate())
    problems = selectors.draft_problems(draft)
    return render(
        request,
        "catalogue/manage/preview.html",
        {
            "draft": draft,
            "definition": definition,
            "form": form,
            "errors": errors,
            "quotes": quotes,
            "problems": problems,
        },
    )


@require_POST
def draft_publish(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    draft = _open_draft(request, pk)
    try:
        version = catalogue.service_draft_publish(actor=actor, draft=draft)
    except DaftarError as error:
        messages.error(request, error.render())
        return redirect("catalogue:draft_preview", pk=draft.pk)
    service = version.service
    if not service.active:
        messages.success(
            request,
            format_message(
                _(
                    "Version %(number)s of “%(service)s” is published and the service is "
                    "withdrawn: citizens, offices and partner apps can no longer start a file for "
                    "it; files already opened finish under the version they started with."
                ),
                {"number": version.number, "service": service.title},
            ),
        )
        return redirect("catalogue:manage")
    if not service.tariffs.exists():
        messages.success(
            request,
            format_message(
                _(
                    "Version %(number)s of “%(service)s” is published and in the catalogue. "
                    "Citizens can request it once a tariff is in force: draft one below and send "
                    "it to the steering committee."
                ),
                {"number": version.number, "service": service.title},
            ),
        )
        return redirect("catalogue:tariff_new", code=service.code)
    messages.success(
        request,
        format_message(
            _(
                "Version %(number)s of “%(service)s” is published: new requests use it from now "
                "on; files already opened keep the version they started with."
            ),
            {"number": version.number, "service": service.title},
        ),
    )
    return redirect(service)


@require_POST
def draft_discard(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _admin(request)
    draft = _open_draft(request, pk)
    catalogue.service_draft_discard(actor=actor, draft=draft)
    messages.success(request, _("The draft is discarded; the published service is unchanged."))
    return redirect("catalogue:manage")
