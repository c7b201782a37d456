"""Treasury pages: paying a file (gateway, card at the counter), the simulated gateway, receipt
verification, and the treasury officer's work (today's collections, reconciliation, slips,
settlements, refunds, penalties); the office's statement; read-only summaries for oversight."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.cases.models import File
from daftar.cases.selectors import file_by_pk, file_by_tracking_code, file_for_user
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.routers import replica_reads
from daftar.core.viewglue import report_error, require
from daftar.offices.permissions import can_manage_office
from daftar.offices.selectors import office_of_user
from daftar.treasury import selectors, services
from daftar.treasury.forms import (
    PenaltyForm,
    PosForm,
    ResolveForm,
    SettlementForm,
    SlipForm,
    StatementForm,
)
from daftar.treasury.gateways import SimulatedGateway
from daftar.treasury.models import (
    GatewayTransaction,
    Payment,
    Receipt,
    ReconciliationDay,
    Refund,
    Settlement,
    StatementLine,
)
from daftar.treasury.services.reconciliation import StatementRejected


def _officer(request) -> None:
    require(user_has_role(request.user, Role.TREASURY_OFFICER))


# --- paying a file --------------------------------------------------------------------------


@require_POST
def pay_online(request: HttpRequest, tracking_code: str) -> HttpResponse:
    file = file_for_user(request.user, tracking_code)
    require(file is not None and file.citizen_id == request.user.pk)
    try:
        _payment, url = services.payment_start_gateway(
            actor=Actor.for_user(request.user),
            file=file,
            callback_url=request.build_absolute_uri(reverse("treasury:gateway_callback")),
        )
    except DaftarError as error:
        messages.error(request, error.render())
        return redirect(file)
    return redirect(url)


@require_http_methods(["GET", "POST"])
def pay_at_counter(request: HttpRequest, tracking_code: str) -> HttpResponse:
    office = office_of_user(request.user)
    file = file_for_user(request.user, tracking_code)
    require(
        file is not None
        and office is not None
        and user_has_role(request.user, Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER)
    )
    form = PosForm(
        request.POST or None,
        terminals=office.terminals.filter(active=True),
        initial={"amount": file.amount},
    )
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.payment_record_pos(
                actor=Actor.for_user(request.user), file=file, **form.cleaned_data
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request, _("Payment recorded; receipt %(number)s.") % {"number": receipt.number}
            )
            return redirect(file)
    return render(
        request,
        "treasury/form.html",
        {"form": form, "title": _("Card payment at the counter"), "file": file},
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def gateway_sim(request: HttpRequest, token: str) -> HttpResponse:
    """The simulated bank's payment page (stands in for the PSP's page)."""
    record = GatewayTransaction.objects.filter(token=token).first()
    if record is None:
        raise Http404
    if request.method == "POST":
        return redirect(SimulatedGateway.decide(token, pay=request.POST.get("pay") == "1"))
    return render(request, "treasury/gateway_sim.html", {"record": record})


@login_not_required
@require_GET
def gateway_callback(request: HttpRequest) -> HttpResponse:
    try:
        payment = services.payment_gateway_callback(
            token=request.GET.get("token", ""),
            status=request.GET.get("status", ""),
            amount=request.GET.get("amount", ""),
            bank_reference=request.GET.get("ref", ""),
            signature=request.GET.get("sig", ""),
        )
    except DaftarError as error:
        return render(
            request,
            "treasury/payment_result.html",
            {"error": error.render()},
            status=error.http_status,
        )
    return render(request, "treasury/payment_result.html", {"payment": payment})


@login_not_required
@require_GET
def receipt_verify(request: HttpRequest, code: str) -> HttpResponse:
    receipt = (
        Receipt.objects.select_related("payment", "payment__file__service", "payment__office")
        .filter(verification_code=code.upper())
        .first()
    )
    return render(
        request,
        "treasury/receipt_verify.html",
        {"receipt": receipt},
        status=200 if receipt else 404,
    )


# --- the treasury officer ------------------------------------------------------------------------


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    _officer(request)
    today = timezone.localdate()
    return render(
        request,
        "treasury/dashboard.html",
        {
            "today": today,
            "by_channel": selectors.collections_by_channel(today, today),
            "by_office": selectors.collections_by_office(today, today),
            "position": selectors.treasury_position(),
            "days": selectors.reconciliation_days(14),
        },
    )


@require_http_methods(["GET", "POST"])
def reconciliation(request: HttpRequest) -> HttpResponse:
    _officer(request)
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
            return redirect("treasury:day", day=record.day.day.isoformat())
    return render(
        request,
        "treasury/reconciliation.html",
        {"form": form, "line_errors": errors, "days": selectors.reconciliation_days()},
    )


def _day(day: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None


@require_GET
def day(request: HttpRequest, day: str) -> HttpResponse:
    _officer(request)
    date = _day(day)
    record = ReconciliationDay.objects.filter(day=date).first()
    require(record is not None)
    report = services.reconciliation_report(date)
    # A day may hold a million lines: the totals come aggregated, the lines to explain and the
    # payments outstanding a page at a time.
    lines = Paginator(report["discrepancies"], 50).get_page(request.GET.get("page"))
    outstanding = Paginator(report["outstanding"], 50).get_page(request.GET.get("outstanding"))
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
    _officer(request)
    line = StatementLine.objects.select_related("statement__day").filter(pk=pk).first()
    require(line is not None)
    form = ResolveForm(request.POST)
    if form.is_valid():
        payment = None
        if form.cleaned_data["payment"]:
            payment = Payment.objects.filter(reference=form.cleaned_data["payment"].strip()).first()
            if payment is None:
                messages.error(request, _("No payment has this reference."))
                return redirect("treasury:day", day=line.statement.day.day.isoformat())
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
        messages.error(request, _("Give the explanation."))
    return redirect("treasury:day", day=line.statement.day.day.isoformat())


@require_POST
def close_day(request: HttpRequest, day: str) -> HttpResponse:
    _officer(request)
    try:
        services.reconciliation_close(actor=Actor.for_user(request.user), day=_day(day))
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("The day is closed."))
    return redirect("treasury:day", day=day)


@require_http_methods(["GET", "POST"])
def slip(request: HttpRequest) -> HttpResponse:
    _officer(request)
    form = SlipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        file = file_by_tracking_code(form.cleaned_data["tracking_code"])
        if file is None:
            form.add_error("tracking_code", _("No file has this tracking code."))
        else:
            try:
                receipt = services.payment_record_slip(
                    actor=Actor.for_user(request.user),
                    file=file,
                    bank_reference=form.cleaned_data["bank_reference"],
                    amount=form.cleaned_data["amount"],
                )
            except DaftarError as error:
                report_error(form, error)
            else:
                messages.success(
                    request, _("Slip recorded; receipt %(number)s.") % {"number": receipt.number}
                )
                return redirect("treasury:slip")
    return render(request, "treasury/form.html", {"form": form, "title": _("Record a bank slip")})


@require_http_methods(["GET", "POST"])
def settlements(request: HttpRequest) -> HttpResponse:
    _officer(request)
    form = SettlementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            settlement = services.settlement_run(
                actor=Actor.for_user(request.user), **form.cleaned_data
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            return redirect("treasury:settlement", pk=settlement.pk)
    return render(
        request,
        "treasury/settlements.html",
        {"form": form, "settlements": selectors.settlements(request.user)},
    )


@require_GET
def settlement(request: HttpRequest, pk: int) -> HttpResponse:
    _officer(request)
    found = Settlement.objects.filter(pk=pk).first()
    require(found is not None)
    if request.GET.get("download") == "bank":
        response = HttpResponse(services.settlement_bank_file(found), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="settlement-{found.pk}.csv"'
        return response
    return render(
        request,
        "treasury/settlement.html",
        {
            "settlement": found,
            "lines": found.lines.select_related("office").order_by("office__code"),
        },
    )


@require_http_methods(["GET", "POST"])
def refunds(request: HttpRequest) -> HttpResponse:
    _officer(request)
    if request.method == "POST":
        action, pk = request.POST.get("action", ""), request.POST.get("pk", "")
        try:
            if action == "request":
                file = file_by_pk(pk)
                services.refund_request(
                    actor=Actor.for_user(request.user),
                    file=file,
                    reason=request.POST.get("reason", "") or "رد پرونده",
                )
            else:
                refund = Refund.objects.get(pk=pk)
                if action == "approve":
                    services.refund_approve(actor=Actor.for_user(request.user), refund=refund)
                elif action == "pay":
                    services.refund_pay(actor=Actor.for_user(request.user), refund=refund)
                elif action == "reject":
                    services.refund_reject(
                        actor=Actor.for_user(request.user),
                        refund=refund,
                        reason=request.POST.get("reason", ""),
                    )
        except (DaftarError, File.DoesNotExist, Refund.DoesNotExist, ValueError) as error:
            messages.error(
                request, error.render() if isinstance(error, DaftarError) else _("Not found.")
            )
        return redirect("treasury:refunds")
    return render(
        request,
        "treasury/refunds.html",
        {
            "due": services.refunds_due()[:100],
            "open": Refund.objects.filter(status__in=["requested", "approved"])
            .select_related("payment__file")
            .order_by("created_at"),
            "summary": selectors.refunds_summary(),
        },
    )


@require_http_methods(["GET", "POST"])
def penalties(request: HttpRequest) -> HttpResponse:
    _officer(request)
    form = PenaltyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            penalty = services.penalty_record(
                actor=Actor.for_user(request.user), **form.cleaned_data
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request,
                _("Penalty on office %(code)s recorded; the next settlements deduct it.")
                % {"code": penalty.office.code},
            )
            return redirect("treasury:penalties")
    return render(
        request,
        "treasury/penalties.html",
        {
            "form": form,
            "outstanding": selectors.penalties_outstanding(),
            "deducted": selectors.penalties_deducted(),
            "totals": selectors.penalties_totals(),
        },
    )


# --- office and oversight ------------------------------------------------------------------------


@require_GET
def office_statement(request: HttpRequest) -> HttpResponse:
    office = office_of_user(request.user)
    require(office is not None and can_manage_office(request.user, office))
    return render(
        request,
        "treasury/office_statement.html",
        {"office": office, "statement": selectors.office_statement(office)},
    )


@require_GET
@replica_reads
def summary(request: HttpRequest) -> HttpResponse:
    require(user_has_role(request.user, Role.TREASURY_OFFICER, Role.COUNCIL_MEMBER, Role.AUDITOR))
    return render(
        request,
        "treasury/summary.html",
        {
            "months": selectors.monthly_summary(),
            "position": selectors.treasury_position(),
            "refunds": selectors.refunds_summary(),
            "settlements": selectors.settlements(request.user, 12),
        },
    )
