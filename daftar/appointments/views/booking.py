"""The citizen's booking pages: choose office → service → day → time, the appointment with its
QR code, cancel and move; the public QR page the SMS links to; the supervision unit's page
recording the no-show rule adopted by decision. Thin: selectors read, services write."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.appointments.forms import DistrictForm, NoShowRuleForm, SlotForm
from daftar.appointments.selectors import booking as selectors
from daftar.appointments.services import booking as services
from daftar.appointments.slots import booking_code_in_text, format_booking_code
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.qr import qr_svg
from daftar.core.viewglue import report_error, require
from daftar.governance.choices import DecisionKind
from daftar.governance.selectors import decisions_adopted
from daftar.offices.hours import tehran_today
from daftar.offices.selectors import districts_with_active_offices


def _citizen(request: HttpRequest) -> None:
    require(user_has_role(request.user, Role.CITIZEN))


def _own(request: HttpRequest, code: str):
    _citizen(request)
    appointment = selectors.appointment_get_for_user(request.user, code)
    require(appointment is not None)
    return appointment


def mine(request: HttpRequest) -> HttpResponse:
    _citizen(request)
    return render(
        request,
        "appointments/booking/mine.html",
        {
            "upcoming": list(selectors.appointments_upcoming(request.user)),
            "past": selectors.appointments_past(request.user),
            "blocked": selectors.booking_block(request.user),
        },
    )


def _parse_day(text: str, days: list[datetime.date]) -> datetime.date | None:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return day if day in days else None


@require_http_methods(["GET", "POST"])
def book(request: HttpRequest) -> HttpResponse:
    """One page, four steps chosen by the query string: office, service, day, time."""
    _citizen(request)
    context: dict = {"blocked": selectors.booking_block(request.user)}
    office = selectors.bookable_office(request.GET.get("office", "").strip())
    if office is None:
        district_form = DistrictForm(request.GET or None, districts=districts_with_active_offices())
        district = district_form.cleaned_data["district"] if district_form.is_valid() else None
        context.update(
            step="office",
            district_form=district_form,
            offices=list(selectors.bookable_offices(district)[:100]) if district else [],
        )
        return render(request, "appointments/booking/book.html", context)
    context["office"] = office
    service = selectors.bookable_service(office, request.GET.get("service", "").strip())
    if service is None:
        context.update(step="service", services=list(selectors.bookable_services(office)))
        return render(request, "appointments/booking/book.html", context)
    context["service"] = service
    days = selectors.booking_days()
    day = _parse_day(request.GET.get("day", ""), days)
    if day is None:
        context.update(step="day", days=selectors.days_with_free_slots(office, service))
        return render(request, "appointments/booking/book.html", context)
    form = SlotForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                appointment = services.appointment_book(
                    actor=Actor.for_user(request.user),
                    citizen=request.user,
                    office=office,
                    service=service,
                    starts_at=form.cleaned_data["slot"],
                )
            except DaftarError as error:
                report_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your appointment is booked: code %(code)s. We sent it to you by SMS.")
                    % {"code": booking_code_in_text(appointment.code)},
                )
                return redirect("appointments:detail", code=appointment.code)
        status = 400
    context.update(
        step="slot", day=day, form=form, slots=selectors.free_slots(office, service, day)
    )
    return render(request, "appointments/booking/book.html", context, status=status)


def detail(request: HttpRequest, code: str) -> HttpResponse:
    appointment = _own(request, code)
    return render(
        request,
        "appointments/booking/detail.html",
        {
            "appointment": appointment,
            "qr": qr_svg(appointment.code, scale=6),
            "code_shown": format_booking_code(appointment.code),
            "changeable": _changeable(appointment),
            "qr_link": reverse("appointments:qr", kwargs={"token": services.qr_token(code)}),
        },
    )


def _changeable(appointment) -> bool:
    from django.utils import timezone

    from daftar.appointments.slots import CHANGE_DEADLINE

    return (
        appointment.status == "booked" and appointment.starts_at - timezone.now() >= CHANGE_DEADLINE
    )


@require_POST
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    appointment = _own(request, code)
    try:
        services.appointment_cancel(actor=Actor.for_user(request.user), appointment=appointment)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("Your appointment was cancelled; the time is free for others."))
    return redirect("appointments:detail", code=code)


@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, code: str) -> HttpResponse:
    appointment = _own(request, code)
    days = selectors.booking_days()
    day = _parse_day(request.GET.get("day", ""), days)
    context = {"appointment": appointment, "office": appointment.office}
    context["service"] = appointment.service
    if day is None:
        context.update(
            step="day",
            days=selectors.days_with_free_slots(appointment.office, appointment.service),
        )
        return render(request, "appointments/booking/move.html", context)
    form = SlotForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.appointment_move(
                    actor=Actor.for_user(request.user),
                    appointment=appointment,
                    starts_at=form.cleaned_data["slot"],
                )
            except DaftarError as error:
                report_error(form, error)
            else:
                messages.success(request, _("Your appointment was moved. We sent you an SMS."))
                return redirect("appointments:detail", code=code)
        status = 400
    context.update(
        step="slot",
        day=day,
        form=form,
        slots=selectors.free_slots(appointment.office, appointment.service, day),
    )
    return render(request, "appointments/booking/move.html", context, status=status)


@login_not_required
def qr(request: HttpRequest, token: str) -> HttpResponse:
    """The page the SMS links to: the QR code the office scans, the time and the office (no
    personal data: anyone holding the link sees only this)."""
    code = services.qr_code_from_token(token)
    appointment = selectors.appointment_by_code(code) if code else None
    if appointment is None:
        raise Http404
    return render(
        request,
        "appointments/booking/qr.html",
        {
            "appointment": appointment,
            "qr": qr_svg(appointment.code, scale=6),
            "code_shown": format_booking_code(appointment.code),
        },
    )


@require_http_methods(["GET", "POST"])
def no_show_rule(request: HttpRequest) -> HttpResponse:
    """The supervision unit records the no-show rule an adopted policy decision sets."""
    require(user_has_role(request.user, Role.SUPERVISOR, Role.SYSTEM_ADMIN))
    decisions = list(decisions_adopted(DecisionKind.POLICY))
    form = NoShowRuleForm(request.POST or None, decisions=decisions)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            decision = next((d for d in decisions if d.pk == data["decision"]), None)
            try:
                services.no_show_rule_record(
                    actor=Actor.for_user(request.user),
                    decision=decision,
                    max_no_shows=data["max_no_shows"],
                    window_days=data["window_days"],
                    block_days=data["block_days"],
                )
            except DaftarError as error:
                report_error(form, error)
            else:
                messages.success(request, _("The no-show rule is in force from today."))
                return redirect("appointments:no_show_rule")
        status = 400
    return render(
        request,
        "appointments/booking/no_show_rule.html",
        {
            "form": form,
            "rule": selectors.no_show_rule_in_force(),
            "rules": list(selectors.no_show_rules()[:20]),
            "today": tehran_today(),
        },
        status=status,
    )
