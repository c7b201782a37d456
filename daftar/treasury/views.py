"""Treasury pages (minimal for now): the simulated gateway, its callback, receipt checks."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from daftar.core.errors import DaftarError
from daftar.treasury.gateways import SimulatedGateway
from daftar.treasury.models import GatewayTransaction, Receipt
from daftar.treasury.services import payment_gateway_callback


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
        payment = payment_gateway_callback(
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
