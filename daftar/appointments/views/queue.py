"""The queue's pages: the counter screen of the office a user works at (`/my-office/queue/`)
and the public waiting-room display of each office, with its live fragment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.appointments import permissions
from daftar.appointments.queue_forms import CheckInForm, WalkInForm
from daftar.appointments.selectors.queue import counter_board, display_board
from daftar.appointments.services import queue as services
from daftar.core.errors import DaftarError
from daftar.core.numbers import local_digits
from daftar.core.viewglue import report_error, require
from daftar.offices.context import actor_context
from daftar.offices.selectors import office_public_get

DISPLAY_REFRESH_SECONDS = 5


def _office(request: HttpRequest):
    context = actor_context(request)
    office = context.office
    require(office is not None and permissions.can_run_queue(request.user, office))
    return context, office


def _counter(request: HttpRequest, office) -> int:
    """The counter the operator works at: from the form or the link, else the one chosen
    last in this session, else 1 (always within the office's counters)."""
    raw = request.POST.get("counter") or request.GET.get("counter") or ""
    try:
        counter = int(raw)
    except ValueError:
        counter = request.session.get("queue_counter", 1)
    if not 1 <= counter <= office.counters:
        counter = 1
    request.session["queue_counter"] = counter
    return counter


def _back(counter: int) -> HttpResponse:
    return redirect(f"{reverse('appointments:queue')}?counter={counter}")


def _label(ticket) -> str:
    return local_digits(ticket.shown)


def _page(request, office, counter, *, check_in=None, walk_in=None, status=200) -> HttpResponse:
    board = counter_board(office, counter)
    return render(
        request,
        "appointments/queue/counter.html",
        {
            "office": office,
            "counter": counter,
            "counters": range(1, office.counters + 1),
            "board": board,
            "check_in_form": check_in or CheckInForm(),
            "walk_in_form": walk_in or WalkInForm(),
        },
        status=status,
    )


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The counter screen: check in, give walk-ins a ticket, call the next, close the call."""
    _context, office = _office(request)
    return _page(request, office, _counter(request, office))


@require_http_methods(["POST"])
def check_in(request: HttpRequest) -> HttpResponse:
    context, office = _office(request)
    counter = _counter(request, office)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            ticket = services.ticket_check_in(
                actor=context.actor,
                office=office,
                code=form.cleaned_data["code"],
                national_code=form.cleaned_data["national_code"],
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Checked in: ticket %(ticket)s. Give the number to the citizen; "
                    "it is called on the display."
                )
                % {"ticket": _label(ticket)},
            )
            return _back(counter)
    return _page(request, office, counter, check_in=form, status=400)


@require_http_methods(["POST"])
def walk_in(request: HttpRequest) -> HttpResponse:
    context, office = _office(request)
    counter = _counter(request, office)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            ticket = services.ticket_walk_in(
                actor=context.actor,
                office=office,
                service=form.cleaned_data["service"],
                national_code=form.cleaned_data["national_code"],
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Walk-in ticket %(ticket)s issued. It is called after the appointments "
                    "on time, never left behind."
                )
                % {"ticket": _label(ticket)},
            )
            return _back(counter)
    return _page(request, office, counter, walk_in=form, status=400)


@require_POST
def call_next(request: HttpRequest) -> HttpResponse:
    context, office = _office(request)
    counter = _counter(request, office)
    try:
        ticket = services.ticket_call_next(actor=context.actor, office=office, counter=counter)
    except DaftarError as error:
        messages.warning(request, error.render())
    else:
        messages.success(
            request,
            _("Ticket %(ticket)s is called to counter %(counter)s.")
            % {"ticket": _label(ticket), "counter": local_digits(counter)},
        )
    return _back(counter)


def _close(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    context, office = _office(request)
    counter = _counter(request, office)
    try:
        if action == "recall":
            ticket = services.ticket_recall(actor=context.actor, office=office, ticket_id=pk)
            text = _("Ticket %(ticket)s is called again.")
        else:
            ticket = services.ticket_finish(
                actor=context.actor, office=office, ticket_id=pk, served=action == "served"
            )
            text = (
                _("Ticket %(ticket)s served. Call the next one when ready.")
                if action == "served"
                else _("Ticket %(ticket)s marked as not come.")
            )
    except DaftarError as error:
        if error.http_status == 404:
            raise Http404 from None
        messages.warning(request, error.render())
    else:
        messages.success(request, text % {"ticket": _label(ticket)})
    return _back(counter)


@require_POST
def recall(request: HttpRequest, pk: int) -> HttpResponse:
    return _close(request, pk, "recall")


@require_POST
def served(request: HttpRequest, pk: int) -> HttpResponse:
    return _close(request, pk, "served")


@require_POST
def no_show(request: HttpRequest, pk: int) -> HttpResponse:
    return _close(request, pk, "no_show")


def _public_office(code: str):
    office = office_public_get(code)
    if office is None:
        raise Http404
    return office


@login_not_required
@require_GET
def display(request: HttpRequest, code: str) -> HttpResponse:
    """The waiting-room display (a TV browser): ticket and counter numbers only."""
    office = _public_office(code)
    return render(
        request,
        "appointments/queue/display.html",
        {
            "office": office,
            "board": display_board(office),
            "refresh": DISPLAY_REFRESH_SECONDS,
            "now": timezone.now(),
        },
    )


@login_not_required
@require_GET
def display_fragment(request: HttpRequest, code: str) -> HttpResponse:
    """The display's live part, fetched by htmx every few seconds."""
    office = _public_office(code)
    response = render(
        request,
        "appointments/queue/_display_board.html",
        {"office": office, "board": display_board(office), "now": timezone.now()},
    )
    response["Cache-Control"] = "no-store"
    return response
