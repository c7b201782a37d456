"""A file's page (its deadlines, what happens next, timeline, data, documents and the actions
open to the viewer) and the workflow action posted from it."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.cases import selectors, services
from daftar.cases.forms import (
    ActionForm,
    AssignForm,
    RatingForm,
    answers_as_typed,
    service_form_class,
)
from daftar.cases.permissions import actor_scopes, handled_by_department_of
from daftar.cases.services.assignment import may_assign
from daftar.cases.services.workflow import available_actions
from daftar.cases.views._shared import file_or_404
from daftar.catalogue.selectors import department_reviewers
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.panels import page_panels
from daftar.core.viewglue import require

# How an action's button looks: the step forward is the primary button, a refusal or a
# cancellation the danger one, the rest (ask for a correction, schedule a visit) secondary.
_POSITIVE = {"approve", "deliver", "close", "submit", "resubmit", "record_visit"}
_NEGATIVE = {"reject", "cancel"}
# Decisions that cannot be taken back ask "are you sure?" first (a <details> panel: it works
# without JavaScript and the final button is the one that posts).
_CONFIRMED = {"approve", "reject", "cancel"}


@dataclass(frozen=True, slots=True)
class ActionButton:
    action: object
    form: ActionForm
    style: str
    confirm: bool


def _button(action) -> ActionButton:
    style = (
        "primary"
        if action.code in _POSITIVE
        else "danger"
        if action.code in _NEGATIVE
        else "outline-secondary"
    )
    return ActionButton(
        action=action,
        form=ActionForm(initial={"action": action.code}),
        style=style,
        confirm=action.code in _CONFIRMED,
    )


@require_GET
def file_detail(request: HttpRequest, tracking_code: str) -> HttpResponse:
    file = file_or_404(request, tracking_code)
    actor = Actor.for_user(request.user)
    scopes = actor_scopes(actor, file)
    is_citizen = "citizen" in scopes
    edit_form = None
    if is_citizen and file.state.citizen_editable and not file.state.is_start:
        edit_form = service_form_class(selectors.file_definition(file))(
            initial=answers_as_typed(selectors.file_definition(file), file.form_data)
        )
    has_rating = hasattr(file, "rating")
    # A reviewer whose department handled the file and passed it on reads it, staff timeline
    # included, and may not act on it (ADR 0031).
    passed_on = (
        not scopes
        and user_has_role(request.user, Role.DEPARTMENT_REVIEWER)
        and handled_by_department_of(request.user, file)
    )
    actions = available_actions(file, actor)
    if edit_form is not None:
        # One way to answer a correction request: the form below sends the corrections and
        # resubmits; a bare "resubmit" button beside it would resend the file unchanged.
        actions = [a for a in actions if a.code != "resubmit"]
    return render(
        request,
        "cases/file.html",
        {
            "file": file,
            "deadlines": selectors.file_deadlines(file),
            "next_steps": selectors.file_next_steps(file, has_rating=has_rating)
            if is_citizen
            else None,
            "correction": selectors.file_correction_request(file),
            "timeline": selectors.file_timeline(
                file, public_only=scopes == {"citizen"} or not (scopes or passed_on)
            ),
            "passed_on": passed_on,
            "attachments": selectors.file_attachments(file),
            "sign_offs": selectors.file_sign_offs(file),
            # The step forward first, refusals last.
            "actions": sorted(
                (_button(action) for action in actions),
                key=lambda b: ("primary", "outline-secondary", "danger").index(b.style),
            ),
            "edit_form": edit_form,
            "rating_form": RatingForm()
            if is_citizen and file.state.is_terminal and not has_rating
            else None,
            "fields": [
                (f.label, file.form_data.get(f.name))
                for f in selectors.file_definition(file).fields.all()
                if f.name in file.form_data
            ],
            "can_pay_online": is_citizen,
            "can_pay_card": bool(scopes & {"office_operator", "office_manager"}),
            "assign_form": AssignForm(
                reviewers=department_reviewers(file.department),
                initial={"reviewer": file.assignee_id or ""},
            )
            if file.in_department and may_assign(request.user, file)
            else None,
            # the payments and their receipts are treasury's (core/panels.py)
            "panels": page_panels("cases:file", request, file=file),
        },
    )


def _done_message(action: str, action_name: str, file) -> str:
    """What the reviewer (or the office) sees after an action: what happened and where the
    file is now, never a bare "done"."""
    state = file.state.name
    if action == "approve":
        return _("The file was approved and moved to “%(state)s”.") % {"state": state}
    if action == "reject":
        return _("The file was rejected (now “%(state)s”); the citizen sees your reason.") % {
            "state": state
        }
    if action == "request_correction":
        return _("A correction was requested; the file waits for the citizen (“%(state)s”).") % {
            "state": state
        }
    return _("“%(action)s” recorded; the file is now “%(state)s”.") % {
        "action": action_name,
        "state": state,
    }


@require_POST
def file_action(request: HttpRequest, tracking_code: str) -> HttpResponse:
    file = file_or_404(request, tracking_code)
    form = ActionForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        actor = Actor.for_user(request.user)
        names = {a.code: a.name for a in available_actions(file, actor)}
        try:
            moved = services.file_apply_action(
                actor=actor,
                file=file,
                action=action,
                reason=form.cleaned_data["reason"],
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _done_message(action, names.get(action, action), moved))
    return redirect(file)


@require_POST
def file_assign(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """The department head assigns the file to one of its reviewers (or to nobody)."""
    file = file_or_404(request, tracking_code)
    require(may_assign(request.user, file))
    form = AssignForm(request.POST, reviewers=department_reviewers(file.department))
    if not form.is_valid():
        messages.error(request, _("Choose a reviewer of the department from the list."))
        return redirect(file)
    reviewer = form.chosen()
    try:
        services.file_assign(actor=Actor.for_user(request.user), file=file, reviewer=reviewer)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(
            request,
            _("The file is assigned to %(name)s; it shows in their inbox as assigned to them.")
            % {"name": reviewer.get_full_name() or reviewer.get_username()}
            if reviewer
            else _("The file is no longer assigned; the whole department sees it as before."),
        )
    return redirect(file)
