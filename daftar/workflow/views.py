"""The workflow editor (the catalogue team only; everyone else gets 404): the list of workflows
and versions, a version's page (diagram, transitions, problems; a draft's states and actions
with their forms), the SVG alone, and publishing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.numbers import format_message, join_list
from daftar.core.viewglue import report_error, require
from daftar.workflow import selectors, services
from daftar.workflow.departments import department_choices
from daftar.workflow.diagram import workflow_svg
from daftar.workflow.forms import ActionForm, DraftForm, StateForm, WorkflowForm
from daftar.workflow.models import WorkflowVersion
from daftar.workflow.permissions import can_edit_workflows
from daftar.workflow.validation import role_label, workflow_validate


def _editor(request: HttpRequest) -> Actor:
    require(can_edit_workflows(request.user))
    return Actor.for_user(request.user)


def _version(code: str, number: int, *, draft: bool = False) -> WorkflowVersion:
    version = selectors.workflow_version_get(code, number)
    require(version is not None and (version.is_draft or not draft))
    return version


def _form_page(request, version, form, title: str, **extra) -> HttpResponse:
    return render(
        request, "workflow/form.html", {"form": form, "title": title, "version": version, **extra}
    )


@require_GET
def workflow_list(request: HttpRequest) -> HttpResponse:
    _editor(request)
    return render(request, "workflow/list.html", {"workflows": selectors.workflows_for_editor()})


@require_http_methods(["GET", "POST"])
def workflow_new(request: HttpRequest) -> HttpResponse:
    actor = _editor(request)
    form = WorkflowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.workflow_create(actor=actor, **form.cleaned_data)
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("The workflow was created; add its states and actions."))
            return redirect("workflow:version", code=version.workflow.code, number=version.version)
    return _form_page(request, None, form, _("New workflow"))


@require_POST
def draft_new(request: HttpRequest, code: str) -> HttpResponse:
    actor = _editor(request)
    workflow = selectors.workflow_by_code(code)
    require(workflow is not None)
    form = DraftForm(request.POST)
    source = None
    if form.is_valid() and form.cleaned_data["source"]:
        source = selectors.workflow_version_get(code, form.cleaned_data["source"])
        require(source is not None)
    try:
        draft = services.workflow_draft_create(actor=actor, workflow=workflow, source=source)
    except DaftarError as error:
        messages.error(request, error.render())
        return redirect("workflow:list")
    messages.success(request, _("A new draft was made; change it, then publish it."))
    return redirect("workflow:version", code=code, number=draft.version)


def _transitions(definition) -> list[dict]:
    states = {state.code: state for state in definition.states}
    rows = []
    for action in definition.actions:
        source, target = states.get(action.from_state), states.get(action.to_state)
        rows.append(
            {
                "action": action,
                "from": source.label if source else action.from_state,
                "to": target.label if target else action.to_state,
                "roles": join_list(role_label(role) for role in action.roles),
            }
        )
    return rows


@require_GET
def version(request: HttpRequest, code: str, number: int) -> HttpResponse:
    _editor(request)
    version = _version(code, number)
    definition = selectors.version_definition(version)
    departments = dict(department_choices())
    states = selectors.version_states(version)
    for state in states:
        state.department_name = departments.get(state.department, state.department)
        state.parallel_names = join_list(
            departments.get(code, code) for code in state.parallel_departments
        )
    context = {
        "version": version,
        "workflow": version.workflow,
        "svg": workflow_svg(definition, title=version.workflow.name, departments=departments),
        "transitions": _transitions(definition),
        "problems": workflow_validate(definition),
        "states": states,
    }
    return render(request, "workflow/version.html", context)


@require_GET
def version_svg(request: HttpRequest, code: str, number: int) -> HttpResponse:
    _editor(request)
    version = _version(code, number)
    svg = workflow_svg(
        selectors.version_definition(version),
        title=version.workflow.name,
        departments=dict(department_choices()),
    )
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def _state_values(form: StateForm) -> dict:
    return dict(form.cleaned_data)


@require_http_methods(["GET", "POST"])
def state_new(request: HttpRequest, code: str, number: int) -> HttpResponse:
    actor = _editor(request)
    version = _version(code, number, draft=True)
    form = StateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.workflow_state_save(actor=actor, version=version, **_state_values(form))
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("The state was added."))
            return redirect("workflow:version", code=code, number=number)
    return _form_page(request, version, form, _("New state"))


@require_http_methods(["GET", "POST"])
def state_edit(request: HttpRequest, code: str, number: int, state: str) -> HttpResponse:
    actor = _editor(request)
    version = _version(code, number, draft=True)
    row = selectors.version_state(version, state)
    require(row is not None)
    initial = {name: getattr(row, name) for name in services.STATE_FIELDS}
    form = StateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.workflow_state_save(
                actor=actor, version=version, state=row, **_state_values(form)
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("The state was saved."))
            return redirect("workflow:version", code=code, number=number)
    return _form_page(
        request,
        version,
        form,
        _("State: %(name)s") % {"name": row.name},
        delete_action=reverse(
            "workflow:state_delete", kwargs={"code": code, "number": number, "state": row.code}
        ),
        delete_label=_("Remove this state"),
    )


@require_POST
def state_delete(request: HttpRequest, code: str, number: int, state: str) -> HttpResponse:
    actor = _editor(request)
    version = _version(code, number, draft=True)
    row = selectors.version_state(version, state)
    require(row is not None)
    try:
        services.workflow_state_delete(actor=actor, state=row)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("The state was removed."))
    return redirect("workflow:version", code=code, number=number)


def _action_values(form: ActionForm, version: WorkflowVersion) -> dict:
    values = dict(form.cleaned_data)
    values["from_state"] = selectors.version_state(version, values["from_state"])
    values["to_state"] = selectors.version_state(version, values["to_state"])
    return values


@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, code: str, number: int) -> HttpResponse:
    actor = _editor(request)
    version = _version(code, number, draft=True)
    states = selectors.version_states(version)
    form = ActionForm(request.POST or None, states=states)
    if request.method == "POST" and form.is_valid():
        try:
            services.workflow_action_save(
                actor=actor, version=version, **_action_values(form, version)
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("The action was added."))
            return redirect("workflow:version", code=code, number=number)
    return _form_page(request, version, form, _("New action"))


@require_http_methods(["GET", "POST"])
def action_edit(
    request: HttpRequest, code: str, number: int, state: str, action: str
) -> HttpResponse:
    actor = _editor(request)
    version = _version(code, number, draft=True)
    row = selectors.version_action(version, state, action)
    require(row is not None)
    initial = {name: getattr(row, name) for name in services.ACTION_FIELDS}
    initial |= {"from_state": row.from_state.code, "to_state": row.to_state.code}
    form = ActionForm(
        request.POST or None, states=selectors.version_states(version), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.workflow_action_save(
                actor=actor, version=version, action=row, **_action_values(form, version)
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("The action was saved."))
            return redirect("workflow:version", code=code, number=number)
    return _form_page(
        request,
        version,
        form,
        _("Action: %(name)s") % {"name": row.name},
        delete_action=reverse(
            "workflow:action_delete",
            kwargs={"code": code, "number": number, "state": state, "action": action},
        ),
        delete_label=_("Remove this action"),
    )


@require_POST
def action_delete(
    request: HttpRequest, code: str, number: int, state: str, action: str
) -> HttpResponse:
    actor = _editor(request)
    version = _version(code, number, draft=True)
    row = selectors.version_action(version, state, action)
    require(row is not None)
    services.workflow_action_delete(actor=actor, action=row)
    messages.success(request, _("The action was removed."))
    return redirect("workflow:version", code=code, number=number)


@require_POST
def publish(request: HttpRequest, code: str, number: int) -> HttpResponse:
    actor = _editor(request)
    version = _version(code, number, draft=True)
    try:
        services.workflow_version_publish(actor=actor, version=version)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        text = _(
            "Version %(number)s is published. Services can now use it; files already "
            "open keep the version they started with."
        )
        messages.success(request, format_message(text, {"number": number}))
    return redirect("workflow:version", code=code, number=number)
