"""Refunds: the files due one (rejected or cancelled, fee collected, service refundable), a
preview of the arithmetic before the officer requests it, then approval, payout or rejection."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from daftar.cases.selectors import file_by_tracking_code
from daftar.catalogue.selectors import account_labels
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.templatetags.daftar import tracking_code as shown_tracking_code
from daftar.core.viewglue import require
from daftar.treasury import selectors, services
from daftar.treasury.forms import RefundRequestForm
from daftar.treasury.views.common import amount, page_of, percent, require_officer

# What each decision does, and what the officer is told after it.
_DECISIONS = {
    "approve": (
        services.refund_approve,
        gettext_lazy(
            "Refund of %(amount)s for file %(code)s approved; pay it out when the bank has sent it."
        ),
    ),
    "pay": (
        services.refund_pay,
        gettext_lazy("Refund of %(amount)s for file %(code)s marked as paid out."),
    ),
    "reject": (
        services.refund_reject,
        gettext_lazy("Refund of %(amount)s for file %(code)s rejected."),
    ),
}


@require_http_methods(["GET", "POST"])
def refunds(request: HttpRequest) -> HttpResponse:
    """The files due a refund, the refunds in progress (approve, reject, pay out) and those
    decided, each list a page at a time."""
    require_officer(request)
    if request.method == "POST":
        return _decide(request)
    due = page_of(request, services.refunds_due(), param="due")
    return render(
        request,
        "treasury/refunds.html",
        {
            "due": due,
            "due_rows": [(file, percent(file.service.refundable_basis_points)) for file in due],
            "open": page_of(request, selectors.refunds_in_progress(request.user)),
            "decided": page_of(request, selectors.refunds_decided(request.user), param="done"),
            "summary": selectors.refunds_summary(request.user),
        },
    )


def _decide(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "")
    refund = (
        selectors.refund_visible_to(request.user)
        .select_related("payment__file")
        .filter(pk=request.POST.get("pk") if str(request.POST.get("pk", "")).isdigit() else None)
        .first()
    )
    if action not in _DECISIONS or refund is None:
        messages.error(request, _("Not found."))
        return redirect("treasury:refunds")
    service, done = _DECISIONS[action]
    extra = {"reason": request.POST.get("reason", "")} if action == "reject" else {}
    try:
        service(actor=Actor.for_user(request.user), refund=refund, **extra)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(
            request,
            done
            % {
                "amount": amount(refund.amount),
                "code": shown_tracking_code(refund.payment.file.tracking_code),
            },
        )
    return redirect("treasury:refunds")


@require_http_methods(["GET", "POST"])
def refund_preview(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """GET: the refund the file would get — paid, refundable share, the part kept, the refund
    and what each beneficiary gives back — nothing booked. POST: request it (once)."""
    require_officer(request)
    file = file_by_tracking_code(tracking_code)
    require(file is not None)
    actor = Actor.for_user(request.user)
    form = RefundRequestForm(request.POST if request.method == "POST" else None)
    quote, refused = None, None
    try:
        quote = services.refund_preview(actor=actor, file=file)
    except DaftarError as error:
        refused = error.render()
    if quote is not None and request.method == "POST" and form.is_valid():
        try:
            refund = services.refund_request(
                actor=actor,
                file=file,
                reason=form.cleaned_data["reason"] or _("The file was rejected or cancelled."),
            )
        except DaftarError as error:
            refused = error.render()
        else:
            messages.success(
                request,
                _("Refund of %(amount)s requested for file %(code)s; approve it below.")
                % {
                    "amount": amount(refund.amount),
                    "code": shown_tracking_code(file.tracking_code),
                },
            )
            return redirect("treasury:refunds")
    labels = account_labels(quote.parts) if quote else {}
    return render(
        request,
        "treasury/refund_preview.html",
        {
            "file": file,
            "quote": quote,
            "percent": percent(quote.basis_points) if quote else "",
            "parts": [(labels[name], part) for name, part in quote.parts.items()] if quote else [],
            "refused": refused,
            "form": form,
        },
        status=409 if refused and request.method == "POST" else 200,
    )
