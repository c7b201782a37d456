"""Licensing staff pages after registration: exam scores, ranking and publication,
objections and rulings, agreements in principle and operating licences."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.numbers import format_message
from daftar.core.viewglue import report_error, require
from daftar.licensing import permissions, selectors, services
from daftar.licensing.choices import CallStatus
from daftar.licensing.forms import (
    AwardForm,
    LicenceForm,
    RulingForm,
    ScoreEntryForm,
    ScoreImportForm,
)
from daftar.licensing.services.awards import AWARD_STATUSES
from daftar.licensing.views.common import call_or_404


@require_http_methods(["GET", "POST"])
def scores(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    require(permissions.can_enter_scores(request.user))
    open_for_scores = call.status == CallStatus.REGISTRATION_CLOSED
    import_form = ScoreImportForm()
    entry_form = ScoreEntryForm()
    row_errors = []
    if request.method == "POST":
        require(open_for_scores)
        if "file" in request.FILES or request.POST.get("action") == "import":
            import_form = ScoreImportForm(request.POST, request.FILES)
            if import_form.is_valid():
                try:
                    count = services.scores_import(
                        actor=Actor.for_user(request.user),
                        call=call,
                        content=import_form.cleaned_data["file"].read(),
                    )
                except services.ScoreImportRejected as error:
                    row_errors = error.errors
                    report_error(import_form, error)
                except DaftarError as error:
                    report_error(import_form, error)
                else:
                    messages.success(
                        request, format_message(_("%(count)d score(s) imported."), {"count": count})
                    )
                    return redirect("licensing:scores", code=call.code)
        else:
            entry_form = ScoreEntryForm(request.POST)
            if entry_form.is_valid():
                try:
                    application = services.score_enter(
                        actor=Actor.for_user(request.user), call=call, **entry_form.cleaned_data
                    )
                except DaftarError as error:
                    report_error(entry_form, error)
                else:
                    messages.success(
                        request, _("Score of %(code)s recorded.") % {"code": application.code}
                    )
                    return redirect("licensing:scores", code=call.code)
    return render(
        request,
        "licensing/scores.html",
        {
            "call": call,
            "open_for_scores": open_for_scores,
            "import_form": import_form,
            "entry_form": entry_form,
            "row_errors": row_errors,
            "counts": selectors.score_counts(call),
        },
    )


@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    # The preview is the publication before it is public: only those who may publish see it.
    require(permissions.can_manage_calls(request.user))
    if request.method == "POST":
        try:
            publication = services.call_publish_results(
                actor=Actor.for_user(request.user), call=call
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(
                request,
                format_message(
                    _("Results publication %(number)d is public."), {"number": publication.number}
                ),
            )
            return redirect(call)
    preview = selectors.ranking_preview(call) if call.status == CallStatus.SCORED else None
    return render(
        request,
        "licensing/publish.html",
        {
            "call": call,
            "preview": preview,
            "rows": [
                (rank, preview.scored[code], preview.allocation[code])
                for rank, code in enumerate(preview.order, start=1)
            ]
            if preview
            else [],
            "not_ranked": [preview.scored[code] for code in preview.not_ranked] if preview else [],
            "parameters": call.parameters.as_dict(),
        },
    )


@require_http_methods(["GET"])
def objections(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    require(permissions.is_licensing_staff(request.user))
    can_rule = permissions.can_manage_calls(request.user) and (
        call.status == CallStatus.RESULTS_PUBLISHED
    )
    return render(
        request,
        "licensing/objections.html",
        {
            "call": call,
            "rows": [
                (
                    objection,
                    RulingForm(auto_id=f"id_o{objection.pk}_%s")
                    if can_rule and objection.status == "pending"
                    else None,
                )
                for objection in selectors.objection_list(call)
            ],
        },
    )


@require_POST
def objection_rule(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.can_manage_calls(request.user))
    objection = selectors.objection_visible_to(request.user).filter(pk=pk).first()
    if objection is None:
        raise Http404
    form = RulingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a ruling and give the reason."))
    else:
        try:
            services.objection_rule(
                actor=Actor.for_user(request.user),
                objection=objection,
                upheld=form.cleaned_data["outcome"] == "upheld",
                reason=form.cleaned_data["reason"],
                corrected_score=form.cleaned_data["corrected_score"] or None,
            )
        except DaftarError as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("The ruling was recorded."))
    return redirect("licensing:objections", code=objection.application.call.code)


def _award_choices(call) -> tuple[list[tuple[str, str]], list[str]]:
    """Every (applicant, district) the latest ranking allows, and the allocation pre-ticked."""
    results = selectors.published_results(call)
    if results is None:
        return [], []
    awarded = set(call.agreements.values_list("application__code", flat=True))
    names = {q.district.number: q.district.name for q in selectors.call_quotas(call)}
    choices = []
    for number, district in sorted(
        results["results"]["districts"].items(), key=lambda i: int(i[0])
    ):
        for row in district["ranking"]:
            if row["code"] in awarded:
                continue
            label = format_message(
                _("%(code)s — %(district)s, rank %(rank)d, total %(total)s"),
                {
                    "code": row["code"],
                    "district": names.get(int(number), number),
                    "rank": row["rank"],
                    "total": row["total"],
                },
            )
            choices.append((f"{row['code']}:{number}", label))
    proposed = [
        f"{a.code}:{a.district}" for a in services.proposed_awards(call) if a.code not in awarded
    ]
    return choices, proposed


@require_http_methods(["GET", "POST"])
def awards(request: HttpRequest, code: str) -> HttpResponse:
    call = call_or_404(request, code)
    require(permissions.is_licensing_staff(request.user))
    can_award = permissions.can_manage_calls(request.user) and call.status in AWARD_STATUSES
    form = None
    if can_award:
        choices, proposed = _award_choices(call)
        form = AwardForm(
            request.POST or None,
            initial={"awards": proposed},
            decisions=selectors.licence_decisions(),
            choices=choices,
        )
        if request.method == "POST" and form.is_valid():
            try:
                created = services.agreements_award(
                    actor=Actor.for_user(request.user),
                    call=call,
                    decision=form.cleaned_data["decision"],
                    awards=form.chosen(),
                    setup_deadline=form.cleaned_data["setup_deadline"],
                )
            except DaftarError as error:
                report_error(form, error)
            else:
                messages.success(
                    request,
                    format_message(
                        _("%(count)d agreement(s) in principle awarded."), {"count": len(created)}
                    ),
                )
                return redirect("licensing:awards", code=call.code)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "licensing/awards.html",
        {
            "call": call,
            "form": form,
            "agreements": selectors.agreement_list(call),
            "today": timezone.localdate(),
            "can_license": permissions.can_manage_calls(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def agreement_licence(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_visible_to(request.user).filter(pk=pk).first()
    if agreement is None:
        raise Http404
    form = LicenceForm(request.POST or None, decisions=selectors.licence_decisions())
    if request.method == "POST" and form.is_valid():
        try:
            licence = services.agreement_issue_licence(
                actor=Actor.for_user(request.user), agreement=agreement, **form.cleaned_data
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request,
                _("Operating licence %(number)s issued for office %(office)s.")
                % {"number": licence.number, "office": licence.office.code},
            )
            return redirect("licensing:awards", code=agreement.call.code)
    return render(
        request,
        "licensing/form.html",
        {
            "form": form,
            "title": _("Operating licence for %(code)s (district %(district)s)")
            % {"code": agreement.application.code, "district": agreement.district.name},
            "call": agreement.call,
        },
    )
