"""The system administrator's staff accounts (`/fava/people/`): the list, a new staff member,
one staff member's page and its actions (deactivate, reactivate, a new password, a second factor
reset). Thin: a form parses, a selector scopes (404 for what the user may not see), one service
decides; a service's refusal is shown on the form and changes nothing."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.accounts.choices import Role
from daftar.accounts.enrolment import enrolment_code_display, second_factor_reset
from daftar.accounts.services import user_password_issue
from daftar.core.errors import DaftarError
from daftar.core.logging import mask_national_code
from daftar.core.viewglue import report_error, require
from daftar.offices import services
from daftar.offices.context import actor_context
from daftar.offices.people import selectors
from daftar.offices.people.forms import (
    PeopleSearchForm,
    ReasonForm,
    StaffCreateForm,
    StaffMemberForm,
)

ROLE_LABELS = {role.value: role.label for role in Role}


def _require_admin(request: HttpRequest):
    context = actor_context(request)
    require(context.has_role(Role.SYSTEM_ADMIN))
    return context.actor


def _member_or_404(request: HttpRequest, pk: int):
    _require_admin(request)
    member = selectors.staff_member_for(request.user, pk)
    require(member is not None)
    return member


def _role_labels(user) -> list[str]:
    names = {group.name for group in user.groups.all()}
    return [str(label) for value, label in ROLE_LABELS.items() if value in names]


# --- the system administrator: staff accounts -------------------------------------------------


@require_GET
def people_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    search = PeopleSearchForm(request.GET or None)
    data = search.cleaned_data if search.is_valid() else {}
    people = selectors.staff_visible_to(
        request.user,
        query=data.get("q", ""),
        role=data.get("role", ""),
        status=data.get("status") or "active",
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    rows = [
        {
            "member": member,
            "roles": _role_labels(member),
            "national_code": mask_national_code(member.national_code or ""),
        }
        for member in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "offices/people/list.html",
        {"search": search, "page": page, "rows": rows, "query": query.urlencode()},
    )


@require_http_methods(["GET", "POST"])
@never_cache
def person_create(request: HttpRequest) -> HttpResponse:
    actor = _require_admin(request)
    form = StaffCreateForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.staff_member_create(
                actor=actor,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                mobile=data["mobile"],
                placement=form.placement(),
            )
        except DaftarError as error:
            report_error(form, error)
            status = error.http_status
        else:
            # Shown once, on this response only (not cached, no redirect): never stored in clear.
            return render(
                request,
                "offices/people/password.html",
                {"member": created.user, "password": created.password, "created": True},
            )
    return render(request, "offices/people/create.html", {"form": form}, status=status)


def _initial(member) -> dict:
    return {
        "first_name": member.first_name,
        "last_name": member.last_name,
        "mobile": member.mobile,
        "roles": [group.name for group in member.groups.all()],
        "office": member.office_id_now,
        "staff_role": member.staff_role or "",
        "department": member.department_id_now,
        "is_head": bool(member.is_head),
    }


@require_http_methods(["GET", "POST"])
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """A staff member: change name, mobile, roles, office and department; the actions
    (deactivate, new password, second factor) are forms posting to their own URLs."""
    member = _member_or_404(request, pk)
    actor = actor_context(request).actor
    form = StaffMemberForm(request.POST or None, initial=_initial(member))
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.staff_member_update(
                actor=actor,
                user=member,
                first_name=data["first_name"],
                last_name=data["last_name"],
                mobile=data["mobile"],
                placement=form.placement(),
            )
        except DaftarError as error:
            report_error(form, error)
            status = error.http_status
        else:
            messages.success(request, _("Saved. The changes are in the audit log."))
            return redirect("people:person", pk=member.pk)
    return render(
        request,
        "offices/people/person.html",
        {
            "member": member,
            "roles": _role_labels(member),
            "form": form,
            "reason_form": ReasonForm(),
            "is_self": member.pk == request.user.pk,
            "national_code": mask_national_code(member.national_code or ""),
        },
        status=status,
    )


@require_POST
def person_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member_or_404(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the account is deactivated."))
        return redirect("people:person", pk=member.pk)
    try:
        services.staff_member_deactivate(
            actor=actor_context(request).actor, user=member, reason=form.cleaned_data["reason"]
        )
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(
            request,
            _(
                "%(name)s can no longer sign in and has left their office and department. "
                "Reactivate the account to let them back."
            )
            % {"name": member.get_full_name() or member.username},
        )
    return redirect("people:person", pk=member.pk)


@require_POST
def person_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member_or_404(request, pk)
    try:
        services.staff_member_reactivate(actor=actor_context(request).actor, user=member)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(
            request,
            _("The account is active again. Choose their office or department below."),
        )
    return redirect("people:person", pk=member.pk)


@require_POST
@never_cache
def person_password(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member_or_404(request, pk)
    try:
        password = user_password_issue(actor=actor_context(request).actor, user=member)
    except DaftarError as error:
        messages.error(request, error.render())
        return redirect("people:person", pk=member.pk)
    return render(
        request,
        "offices/people/password.html",
        {"member": member, "password": password, "created": False},
    )


@require_POST
@never_cache
def person_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member_or_404(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the second factor is reset (e.g. phone lost)."))
        return redirect("people:person", pk=member.pk)
    try:
        code, plain = second_factor_reset(
            actor=actor_context(request).actor, user=member, reason=form.cleaned_data["reason"]
        )
    except DaftarError as error:
        messages.error(request, error.render())
        return redirect("people:person", pk=member.pk)
    return render(
        request,
        "offices/people/enrolment_code.html",
        {"member": member, "code": enrolment_code_display(plain), "expires_at": code.expires_at},
    )
