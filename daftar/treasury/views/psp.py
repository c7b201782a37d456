"""The PSP's transaction book (ADR 0028): every transaction Daftar started at the real payment
gateway, with its state there, what is still to send, and the payment it belongs to. For the
treasury officer, and the auditor reading; anyone else gets 404."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from daftar.core.viewglue import require
from daftar.treasury import selectors
from daftar.treasury.forms import PspBookFilterForm
from daftar.treasury.permissions import can_read_psp_book, is_treasury_officer
from daftar.treasury.views.common import page_of


@require_GET
def psp_transactions(request: HttpRequest) -> HttpResponse:
    require(can_read_psp_book(request.user))
    form = PspBookFilterForm(request.GET or None)
    filters: dict = {}
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            filters = {
                "day_from": data["day_from"],
                "day_to": data["day_to"],
                "state": data["state"],
                **data["code"],
            }
        else:
            status = 400
    rows = (
        selectors.psp_transaction_book(request.user, **filters)
        if status == 200
        else selectors.psp_transaction_book(request.user).none()
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "treasury/psp_transactions.html",
        {
            "form": form,
            "page": page_of(request, rows),
            "query": query.urlencode(),
            "filtered": bool(filters) and any(filters.values()),
            "officer": is_treasury_officer(request.user),
        },
        status=status,
    )


@require_GET
def psp_transaction(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.psp_transaction_get(request.user, pk)
    require(found is not None)
    transaction, payment = found
    return render(
        request,
        "treasury/psp_transaction.html",
        {
            "transaction": transaction,
            "payment": payment,
            "officer": is_treasury_officer(request.user),
        },
    )
