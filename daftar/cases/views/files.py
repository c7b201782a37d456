"""A file's page (its timeline, data, documents and the actions open to the viewer) and the
workflow action posted from it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daftar.cases import selectors, services
from daftar.cases.forms import (
    ActionForm,
    RatingForm,
    service_form_class,
)
from daftar.cases.permissions import actor_scopes
from daftar.cases.services.workflow import available_actions
from daftar.cases.views._shared import file_or_404
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError


@require_GET
def file_detail(request: HttpRequest, tracking_code: str) -> HttpResponse:
    file = file_or_404(request, tracking_code)
    scopes = actor_scopes(Actor.for_user(request.user), file)
    is_citizen = scopes == {"citizen"}
    edit_form = None
    if "citizen" in scopes and file.state.citizen_editable and not file.state.is_start:
        edit_form = service_form_class(file.service)(initial=file.form_data)
    return render(
        request,
        "cases/file.html",
        {
            "file": file,
            "timeline": selectors.file_timeline(file, public_only=is_citizen or not scopes),
            "attachments": selectors.file_attachments(file),
            "actions": [
                (action, ActionForm(initial={"action": action.code}))
                for action in available_actions(file, Actor.for_user(request.user))
            ],
            "edit_form": edit_form,
            "rating_form": RatingForm()
            if "citizen" in scopes and file.state.is_terminal and not hasattr(file, "rating")
            else None,
            "fields": [
                (f.label, file.form_data.get(f.name))
                for f in file.service.fields.all()
                if f.name in file.form_data
            ],
            "can_pay_online": "citizen" in scopes,
            "can_pay_card": bool(scopes & {"office_operator", "office_manager"}),
            "receipts": file.payments.filter(receipt__isnull=False).select_related("receipt"),
        },
    )


@require_POST
def file_action(request: HttpRequest, tracking_code: str) -> HttpResponse:
    file = file_or_404(request, tracking_code)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.file_apply_action(
                actor=Actor.for_user(request.user),
                file=file,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("Done."))
    return redirect(file)
