"""Paying a file: online through the gateway (the citizen), by card at the counter (office
staff), by bank slip (a treasury officer); the simulated gateway; receipt verification and the
printable receipt of a file's payment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.accounts.choices import Role
from daftar.cases.selectors import file_by_tracking_code, file_for_user
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.numbers import local_digits
from daftar.core.qr import qr_svg
from daftar.core.viewglue import report_error, require
from daftar.core.words import number_in_words
from daftar.offices.context import actor_context
from daftar.treasury import selectors, services
from daftar.treasury.forms import PosForm, SlipForm
from daftar.treasury.gateways import SimulatedGateway, get_gateway
from daftar.treasury.views.common import require_officer


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
    context = actor_context(request)
    office = context.office
    file = file_for_user(request.user, tracking_code)
    require(
        file is not None
        and office is not None
        and context.has_role(Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER)
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
                request,
                _("Payment recorded; receipt %(number)s.")
                % {"number": local_digits(receipt.number)},
            )
            return redirect(file)
    return render(
        request,
        "treasury/form.html",
        {"form": form, "title": _("Card payment at the counter"), "file": file},
    )


@require_http_methods(["GET", "POST"])
def slip(request: HttpRequest) -> HttpResponse:
    require_officer(request)
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
                    request,
                    _("Slip recorded; receipt %(number)s.")
                    % {"number": local_digits(receipt.number)},
                )
                return redirect("treasury:slip")
    return render(request, "treasury/form.html", {"form": form, "title": _("Record a bank slip")})


@login_not_required
@require_http_methods(["GET", "POST"])
def gateway_sim(request: HttpRequest, token: str) -> HttpResponse:
    """The simulated bank's payment page (stands in for the PSP's page)."""
    record = selectors.gateway_transaction_by_token(token)
    if record is None:
        raise Http404
    if request.method == "POST":
        return redirect(SimulatedGateway.decide(token, pay=request.POST.get("pay") == "1"))
    return render(request, "treasury/gateway_sim.html", {"record": record})


@login_not_required
@require_GET
def gateway_redirect(request: HttpRequest, token: str) -> HttpResponse:
    """The step to a PSP whose payment page takes a POSTed form (Behpardakht Mellat): a page
    that posts the PSP's token to the bank's page (by script, or the citizen's click). Reached
    by the payment's unguessable token, like the PSP's own page; an unknown, finished or
    expired payment is 404."""
    payment = selectors.gateway_payment_pending(token)
    form = get_gateway().redirect_form(token=token) if payment is not None else None
    if form is None:
        raise Http404
    response = render(request, "treasury/gateway_redirect.html", {"payment": payment, "form": form})
    # What csp.decorators.csp_update does: this page's one form goes to the bank's address.
    response._csp_update = {"form-action": [form.action]}
    return response


# A PSP sends the citizen back with a GET (the simulator) or a cross-site POST (Mellat), which
# carries no CSRF token: the answer is trusted only once the adapter has checked it is the PSP's
# for a transaction we started, and the PSP has confirmed it server to server.
@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def gateway_callback(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    try:
        payment = services.payment_gateway_return(data={key: data.get(key, "") for key in data})
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
    receipt = selectors.receipt_by_verification_code(code)
    return render(
        request,
        "treasury/receipt_verify.html",
        {"receipt": receipt},
        status=200 if receipt else 404,
    )


@require_GET
def payment_receipt(request: HttpRequest, tracking_code: str, pk: int) -> HttpResponse:
    """A payment's receipt to print or save as PDF (the page has a print stylesheet): what was
    paid for, by whom, where and when, the amount in digits and in words, and a QR code of the
    public address where anyone can verify it. Only who may see both the file and the payment
    reaches it; anyone else, and a payment of another file, gets 404."""
    file = file_for_user(request.user, tracking_code)
    payment = (
        selectors.file_payment_with_receipt(request.user, file, pk) if file is not None else None
    )
    if payment is None:
        raise Http404
    verify_url = request.build_absolute_uri(
        reverse("treasury:receipt_verify", kwargs={"code": payment.receipt.verification_code})
    )
    return render(
        request,
        "treasury/payment_receipt.html",
        {
            "file": file,
            "payment": payment,
            "receipt": payment.receipt,
            "amount_in_words": number_in_words(payment.amount),
            "office": payment.office or file.office,
            "verify_url": verify_url,
            "qr": qr_svg(verify_url),
        },
    )
