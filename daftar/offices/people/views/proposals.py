"""Staff proposals (`/people/proposals/`): office managers propose, the supervision unit
decides."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.core.errors import DaftarError
from daftar.core.logging import mask_national_code
from daftar.core.viewglue import report_error, require
from daftar.offices import services
from daftar.offices.choices import ProposalStatus
from daftar.offices.context import actor_context
from daftar.offices.people import selectors
from daftar.offices.people.forms import (
    ApproveForm,
    ProposalForm,
    ReasonForm,
)
from daftar.offices.permissions import is_training_unit, managed_office


@require_GET
def proposals(request: HttpRequest) -> HttpResponse:
    deciding = is_training_unit(request.user)
    office = None if deciding else managed_office(request.user)
    require(deciding or office is not None)
    status = request.GET.get("status", ProposalStatus.PENDING if deciding else "")
    if status not in ProposalStatus.values:
        status = ""
    page = Paginator(selectors.proposals_visible_to(request.user, status=status), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "offices/people/proposals.html",
        {
            "page": page,
            "deciding": deciding,
            "office": office,
            "status": status,
            "statuses": ProposalStatus.choices,
        },
    )


@require_http_methods(["GET", "POST"])
def proposal_new(request: HttpRequest) -> HttpResponse:
    office = managed_office(request.user)
    require(office is not None)
    form = ProposalForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.staff_proposal_submit(
                actor=actor_context(request).actor, **form.cleaned_data
            )
        except DaftarError as error:
            report_error(form, error)
            status = error.http_status
        else:
            messages.success(
                request,
                _(
                    "Proposal sent. The supervision unit approves or rejects it; you will see "
                    "its decision here."
                ),
            )
            return redirect("people:proposal", pk=proposal.pk)
    return render(
        request, "offices/people/proposal_new.html", {"form": form, "office": office}, status=status
    )


def _proposal_or_404(request: HttpRequest, pk: int):
    proposal = selectors.proposal_for(request.user, pk)
    require(proposal is not None)
    return proposal


@require_GET
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    item = _proposal_or_404(request, pk)
    deciding = is_training_unit(request.user) and item.status == ProposalStatus.PENDING
    return _proposal_page(request, item, deciding=deciding)


def _proposal_page(request, item, *, deciding, approve=None, reject=None, status=200):
    return render(
        request,
        "offices/people/proposal.html",
        {
            "proposal": item,
            "national_code": mask_national_code(item.national_code),
            "deciding": deciding,
            "approve": approve or ApproveForm(),
            "reject": reject or ReasonForm(),
        },
        status=status,
    )


@require_POST
def proposal_approve(request: HttpRequest, pk: int) -> HttpResponse:
    item = _proposal_or_404(request, pk)
    require(is_training_unit(request.user))
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.staff_proposal_approve(
                actor=actor_context(request).actor,
                proposal=item,
                username=form.cleaned_data["username"],
            )
        except DaftarError as error:
            report_error(form, error)
            return _proposal_page(
                request, item, deciding=True, approve=form, status=error.http_status
            )
        messages.success(
            request,
            _(
                "Approved: the account and the post at the office are created. The system "
                "administrator issues the first password; record the person's certifications "
                "on the certifications page."
            ),
        )
        return redirect("people:proposal", pk=item.pk)
    return _proposal_page(request, item, deciding=True, approve=form, status=400)


@require_POST
def proposal_reject(request: HttpRequest, pk: int) -> HttpResponse:
    item = _proposal_or_404(request, pk)
    require(is_training_unit(request.user))
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.staff_proposal_reject(
                actor=actor_context(request).actor,
                proposal=item,
                reason=form.cleaned_data["reason"],
            )
        except DaftarError as error:
            report_error(form, error)
            return _proposal_page(
                request, item, deciding=True, reject=form, status=error.http_status
            )
        messages.success(request, _("Rejected. The office manager sees the reason."))
        return redirect("people:proposal", pk=item.pk)
    return _proposal_page(request, item, deciding=True, reject=form, status=400)
