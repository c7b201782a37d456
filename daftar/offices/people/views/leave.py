"""Staff leave (`/people/leave/`): the office's manager records who is away and when, and
cancels a leave; booking then offers fewer seats on those days (ADR 0036). The page also shows
appointments' warning of the days booked beyond the staff on duty (a panel: offices may not read
appointments)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from daftar.core.errors import DaftarError
from daftar.core.jalali import format_date
from daftar.core.panels import page_panels
from daftar.core.viewglue import report_error, require
from daftar.offices import services
from daftar.offices.context import actor_context
from daftar.offices.hours import tehran_today
from daftar.offices.people import selectors
from daftar.offices.people.forms import LeaveForm
from daftar.offices.permissions import managed_office


def _name(post) -> str:
    return post.user.get_full_name() or post.user.get_username()


@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest) -> HttpResponse:
    """Current and coming leave of the manager's office; record one."""
    office = managed_office(request.user)
    require(office is not None)
    form = LeaveForm(request.POST or None, office=office)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                recorded = services.staff_leave_record(
                    actor=actor_context(request).actor,
                    post=data["staff"],
                    first_day=data["first_day"],
                    last_day=data["last_day"],
                    reason=data["reason"],
                    note=data["note"],
                )
            except DaftarError as error:
                report_error(form, error)
                status = error.http_status
            else:
                language = get_language()
                away = (
                    _("Recorded: %(name)s is away on %(first)s.")
                    if recorded.first_day == recorded.last_day
                    else _("Recorded: %(name)s is away from %(first)s to %(last)s.")
                )
                messages.success(
                    request,
                    away
                    % {
                        "name": _name(recorded.staff),
                        "first": format_date(recorded.first_day, language=language),
                        "last": format_date(recorded.last_day, language=language),
                    }
                    + " "
                    + _(
                        "Citizens can no longer book the seats they would have served; "
                        "appointments already booked stay — any day now booked beyond the staff "
                        "on duty is listed below."
                    ),
                )
                return redirect("people:leave")
    today = tehran_today()
    return render(
        request,
        "offices/people/leave.html",
        {
            "office": office,
            "form": form,
            "leaves": selectors.leave_current_and_coming(request.user, today),
            "today": today,
            "panels": page_panels("people:leave", request, office=office),
        },
        status=status,
    )


@require_POST
def leave_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.leave_for(request.user, pk)
    require(item is not None)
    try:
        result = services.staff_leave_cancel(actor=actor_context(request).actor, leave=item)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        if result.cancelled_at is not None:
            done = _("The leave of %(name)s is cancelled; their seats can be booked again.")
        else:
            done = _(
                "%(name)s is back: the leave now ends on %(date)s, and their seats from today "
                "can be booked again."
            )
        messages.success(
            request,
            done
            % {
                "name": _name(result.staff),
                "date": format_date(result.last_day, language=get_language()),
            },
        )
    return redirect("people:leave")
