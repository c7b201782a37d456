"""The daily reconciliation: importing the bank's statement, a day's report with the lines to
explain, explaining a line, closing the day (a treasury officer's pages)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.viewglue import require
from daftar.treasury import selectors, services
from daftar.treasury.forms import ResolveForm, StatementForm
from daftar.treasury.services.reconciliation import StatementRejected
from daftar.treasury.views.common import number, page_of, require_officer

# A day may hold a million lines: its totals come aggregated, its lines a page at a time.
LINES_PER_PAGE = 50


@require_http_methods(["GET", "POST"])
def reconciliation(request: HttpRequest) -> HttpResponse:
    require_officer(request)
    form = StatementForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            record = services.statement_import(
                actor=Actor.for_user(request.user),
                data=form.cleaned_data["file"].open(),  # read in chunks, not held whole
                format=form.cleaned_data["format"],
            )
        except StatementRejected as error:
            errors = error.errors
            form.add_error(None, error.render())
        except DaftarError as error:
            form.add_error(None, error.render())
        else:
            messages.success(
                request,
                _("Statement imported: %(count)s lines.") % {"count": number(record.line_count)},
            )
            return redirect("treasury:day", day=record.day.day.isoformat())
    days = page_of(request, selectors.reconciliation_day_list())
    return render(
        request,
        "treasury/reconciliation.html",
        {
            "form": form,
            "line_errors": errors,
            "days": selectors.with_unexplained(days),
            "page": days,
        },
    )


def _day(day: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None


@require_GET
def day(request: HttpRequest, day: str) -> HttpResponse:
    require_officer(request)
    date = _day(day)
    record = selectors.reconciliation_day_get(date)
    require(record is not None)
    report = services.reconciliation_report(date)
    lines = page_of(request, report["discrepancies"], size=LINES_PER_PAGE)
    outstanding = page_of(request, report["outstanding"], param="outstanding", size=LINES_PER_PAGE)
    return render(
        request,
        "treasury/day.html",
        {
            "record": record,
            "report": report,
            "lines": lines,
            "outstanding": outstanding,
            "resolve_form": ResolveForm(),
        },
    )


@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    require_officer(request)
    line = selectors.statement_line_get(pk)
    require(line is not None)
    back = redirect("treasury:day", day=line.statement.day.day.isoformat())
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the explanation."))
        return back
    payment = None
    if form.cleaned_data["payment"]:
        payment = (
            selectors.payment_visible_to(request.user)
            .filter(reference=form.cleaned_data["payment"].strip())
            .first()
        )
        if payment is None:
            messages.error(request, _("No payment has this reference."))
            return back
    try:
        services.statement_line_resolve(
            actor=Actor.for_user(request.user),
            line=line,
            payment=payment,
            resolution=form.cleaned_data["resolution"],
        )
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("The line is explained."))
    return back


@require_POST
def close_day(request: HttpRequest, day: str) -> HttpResponse:
    require_officer(request)
    try:
        services.reconciliation_close(actor=Actor.for_user(request.user), day=_day(day))
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("The day is closed."))
    return redirect("treasury:day", day=day)
