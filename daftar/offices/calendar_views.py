"""Pages of the working calendar: the official holidays (catalogue and system administrators)
and an office's weekly hours and closures (its manager and the supervision unit)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.jalali import fiscal_year, format_date
from daftar.core.numbers import local_digits
from daftar.core.official_calendar import official_years
from daftar.core.viewglue import report_error, require
from daftar.offices import hours as calendar_reads
from daftar.offices import permissions, services
from daftar.offices.calendar_forms import ClosureForm, HolidayForm, HoursForm
from daftar.offices.models import Office


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise Http404 from None


def _year(request: HttpRequest) -> int:
    """The Jalali year asked for; this year when the answer is not a plausible year."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return calendar_reads.current_year()
    return year if 1300 <= year <= 1500 else calendar_reads.current_year()


def _holidays_url(year: int) -> str:
    return f"{reverse('offices:holidays')}?year={year}"


def _moved_message(result) -> str:
    if result.rest_day:
        return _("It is a Friday, already a weekly rest day: no deadline moved.")
    if not result.files_changed:
        return _("No open file counted that day: no deadline moved.")
    return _("Deadlines moved: %(count)s open file(s).") % {
        "count": local_digits(result.files_changed, get_language())
    }


@require_http_methods(["GET", "POST"])
def holidays(request: HttpRequest) -> HttpResponse:
    """The year's holidays; add one."""
    require(permissions.can_keep_calendar(request.user))
    year = _year(request)
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.holiday_add(
                actor=Actor.for_user(request.user),
                day=data["date"],
                name_fa=data["name_fa"],
                name_en=data["name_en"],
                reason=data["reason"],
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request,
                _("%(date)s is now a holiday.")
                % {"date": format_date(result.holiday.date, language=get_language())}
                + " "
                + _moved_message(result),
            )
            return redirect(_holidays_url(fiscal_year(result.holiday.date)))
    years = sorted(set(official_years()) | {calendar_reads.current_year()})
    rows = calendar_reads.holidays_of_year(year)
    return render(
        request,
        "offices/holidays.html",
        {
            "form": form,
            "year": year,
            "years": years,
            "known_year": year in official_years(),
            "coming": [row for row in rows if not row.passed],
            "passed": [row for row in rows if row.passed],
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def holiday_remove(request: HttpRequest, day: str) -> HttpResponse:
    require(permissions.can_keep_calendar(request.user))
    date = _day(day)
    try:
        result = services.holiday_remove(actor=Actor.for_user(request.user), day=date)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(
            request,
            _("%(date)s is a working day again.")
            % {"date": format_date(date, language=get_language())}
            + " "
            + _moved_message(result),
        )
    return redirect(_holidays_url(fiscal_year(date)))


def _office(request: HttpRequest, code: str) -> Office:
    office = Office.objects.select_related("district").filter(code=code).first()
    require(office is not None and permissions.can_keep_office_hours(request.user, office))
    return office


@require_http_methods(["GET", "POST"])
def office_hours(request: HttpRequest, code: str) -> HttpResponse:
    """An office's weekly hours and its closures."""
    office = _office(request, code)
    hours_form = HoursForm(
        request.POST if "hours" in request.POST else None,
        hours=office.hours.order_by("weekday"),
        prefix="h",
    )
    closure_form = ClosureForm(request.POST if "closure" in request.POST else None, prefix="c")
    actor = Actor.for_user(request.user)
    if request.method == "POST":
        form = hours_form if "hours" in request.POST else closure_form
        if form.is_valid():
            try:
                if form is hours_form:
                    services.office_hours_set(actor=actor, office=office, hours=form.hours())
                    done = _("The weekly hours are saved; the office's page shows them now.")
                else:
                    closure = services.office_closure_add(
                        actor=actor,
                        office=office,
                        day=form.cleaned_data["date"],
                        reason=form.cleaned_data["reason"],
                    )
                    done = _("The office is closed on %(date)s; its page says so.") % {
                        "date": format_date(closure.date, language=get_language())
                    }
            except DaftarError as error:
                report_error(form, error)
            else:
                messages.success(request, done)
                return redirect("offices:hours", code=office.code)
    today = calendar_reads.tehran_today()
    return render(
        request,
        "offices/office_hours.html",
        {
            "office": office,
            "hours_form": hours_form,
            "closure_form": closure_form,
            "closures": calendar_reads.office_closures_from(office, today),
            "holidays": calendar_reads.holidays_coming(today),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def closure_remove(request: HttpRequest, code: str, day: str) -> HttpResponse:
    office = _office(request, code)
    date = _day(day)
    try:
        services.office_closure_remove(actor=Actor.for_user(request.user), office=office, day=date)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(
            request,
            _("The office opens on %(date)s as its weekly hours say.")
            % {"date": format_date(date, language=get_language())},
        )
    return redirect("offices:hours", code=office.code)
