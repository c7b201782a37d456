"""Supervision pages: sanctions — the ladder, proposals (from upheld complaints and findings),
the committee's queue and decisions, the office manager's sanctions and appeal, the treasury
officer's fines to record. Who may see a sanction is `sanction_visible_to`; who may act is
each service's own check (the page shows a form only to whom it may serve)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.viewglue import report_error, require
from daftar.offices.selectors import office_of_user
from daftar.supervision import permissions
from daftar.supervision.choices import (
    SEVERITY_RANK,
    AppealOutcome,
    SanctionKind,
    SanctionStatus,
    Severity,
)
from daftar.supervision.forms.sanctions import (
    AppealDecideForm,
    AppealForm,
    DecideForm,
    LadderAdoptForm,
    LadderTermsForm,
    ProposeForm,
    StepForm,
    WithdrawForm,
)
from daftar.supervision.selectors import sanctions as selectors
from daftar.supervision.services import sanctions as services

PAGE_SIZE = 25


def _page(request: HttpRequest, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _is_secretary(request: HttpRequest) -> bool:
    return permissions.is_committee_secretary(request.user)


def _sanction_or_404(request: HttpRequest, pk: int):
    sanction = selectors.sanction_get_for_user(request.user, pk)
    if sanction is None:
        raise Http404
    return sanction


# --- lists --------------------------------------------------------------------------------


@require_GET
def sanction_list(request: HttpRequest) -> HttpResponse:
    """Every sanction, filtered by status and kind (the unit, the committee, council, auditors)."""
    require(permissions.can_read_all(request.user))
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    return render(
        request,
        "supervision/sanctions/list.html",
        {
            "page": _page(request, selectors.sanction_list(request.user, status=status, kind=kind)),
            "status": status,
            "kind": kind,
            "statuses": SanctionStatus.choices,
            "kinds": SanctionKind.choices,
            "can_propose": permissions.is_supervisor(request.user),
        },
    )


@require_GET
def to_decide(request: HttpRequest) -> HttpResponse:
    """The committee's queue: proposals and appeals awaiting its decision, oldest first."""
    require(permissions.is_committee_member(request.user))
    return render(
        request,
        "supervision/sanctions/to_decide.html",
        {
            "page": _page(request, selectors.sanctions_awaiting_committee()),
            "is_secretary": _is_secretary(request),
        },
    )


@require_GET
def my_sanctions(request: HttpRequest) -> HttpResponse:
    """The office manager's page: decided sanctions on their office and the appeal deadline."""
    require(permissions.is_office_manager(request.user))
    office = office_of_user(request.user)
    require(office is not None and permissions.is_manager_of(request.user, office))
    return render(
        request,
        "supervision/sanctions/mine.html",
        {
            "office": office,
            "page": _page(request, selectors.sanctions_of_my_office(request.user)),
            "today": timezone.localdate(),
        },
    )


@require_GET
def fines_to_record(request: HttpRequest) -> HttpResponse:
    """The treasury officer's list: imposed fines not yet recorded as penalties."""
    require(permissions.is_treasury_officer(request.user))
    return render(
        request,
        "supervision/sanctions/fines.html",
        {"page": _page(request, selectors.fines_to_record())},
    )


@require_POST
def fine_record(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.is_treasury_officer(request.user))
    sanction = _sanction_or_404(request, pk)
    try:
        penalty = services.sanction_fine_record(actor=_actor(request), sanction=sanction)
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(
            request,
            _(
                "The fine on office %(code)s is recorded; the next settlements deduct it from "
                "the office's fee share."
            )
            % {"code": penalty.office.code},
        )
    return redirect("supervision:fines_to_record")


# --- proposing ------------------------------------------------------------------------------


def _source_from(request: HttpRequest):
    source = request.GET.get("complaint") or request.POST.get("complaint")
    if source and source.isdigit():
        complaint = selectors.complaint_sanctionable_get(int(source))
        if complaint is None:
            raise Http404
        return {"complaint": complaint}
    source = request.GET.get("finding") or request.POST.get("finding")
    if source and source.isdigit():
        finding = selectors.finding_sanctionable_get(int(source))
        if finding is None:
            raise Http404
        return {"finding": finding}
    return {}


def _preview(source: dict):
    """The step the ladder in force would give the source now (None without a ladder)."""
    ladder = selectors.ladder_in_force()
    if ladder is None or not source:
        return ladder, None, 0
    obj = next(iter(source.values()))
    severity = getattr(obj, "severity", "") or "minor"
    prior = selectors.office_prior_count(obj.office, ladder)
    return ladder, selectors.ladder_step_for(list(ladder.steps.all()), severity, prior), prior


@require_http_methods(["GET", "POST"])
def sanction_new(request: HttpRequest) -> HttpResponse:
    """The unit's starting point: upheld complaints and unresolved findings with no sanction
    open; choosing one shows the step the ladder gives and the proposal form."""
    require(permissions.is_supervisor(request.user))
    source = _source_from(request)
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sanction = services.sanction_propose(
                actor=_actor(request), reason=form.cleaned_data["reason"], **source
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request, _("The sanction is proposed; the committee will decide on it.")
            )
            return redirect("supervision:sanction", pk=sanction.pk)
    ladder, step, prior = _preview(source)
    return render(
        request,
        "supervision/sanctions/new.html",
        {
            "form": form,
            "source": source,
            "ladder": ladder,
            "step": step,
            "step_label": selectors.step_label(step) if step else "",
            "step_citation": selectors.step_citation(step) if step else "",
            "prior": prior,
            "complaints": selectors.complaints_sanctionable()[:50],
            "findings": selectors.findings_sanctionable()[:50],
        },
    )


# --- one sanction -----------------------------------------------------------------------------


def _detail(request: HttpRequest, sanction, *, forms: dict | None = None, status: int = 200):
    user = request.user
    forms = forms or {}
    office_record = []
    if permissions.can_read_all(user):
        office_record = list(
            selectors.office_sanctions_in_window(sanction.office, sanction.step.ladder).exclude(
                pk=sanction.pk
            )
        )
    appeal = getattr(sanction, "appeal", None)
    secretary = _is_secretary(request)
    context = {
        "sanction": sanction,
        "why": selectors.sanction_why(sanction),
        "step_label": selectors.step_label(sanction.step),
        "step_citation": selectors.step_citation(sanction.step),
        "appeal": appeal,
        "office_record": office_record,
        "suspension_ends": selectors.suspension_ends(sanction),
        "withdraw_form": (
            forms.get("withdraw") or WithdrawForm()
            if "withdraw" in forms
            or (permissions.is_supervisor(user) and sanction.status == SanctionStatus.PROPOSED)
            else None
        ),
        "decide_form": (
            forms.get("decide") or DecideForm()
            if "decide" in forms or (secretary and sanction.status == SanctionStatus.PROPOSED)
            else None
        ),
        "appeal_form": (
            forms.get("appeal") or AppealForm()
            if "appeal" in forms
            or (
                permissions.is_manager_of(user, sanction.office)
                and sanction.status == SanctionStatus.IMPOSED
                and appeal is None
                and sanction.appeal_by
                and sanction.appeal_by >= timezone.localdate()
            )
            else None
        ),
        "appeal_decide_form": (
            forms.get("appeal_decide") or AppealDecideForm()
            if "appeal_decide" in forms
            or (
                secretary
                and appeal is not None
                and appeal.outcome == AppealOutcome.PENDING
                and sanction.status == SanctionStatus.APPEALED
            )
            else None
        ),
        "can_record_fine": permissions.is_treasury_officer(user)
        and sanction.kind == SanctionKind.FINE
        and sanction.penalty_id is None
        and sanction.status in selectors.IN_FORCE,
    }
    return render(request, "supervision/sanctions/detail.html", context, status=status)


@require_GET
def sanction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _sanction_or_404(request, pk))


def _act(request: HttpRequest, pk: int, key: str, form_class, call, done: str) -> HttpResponse:
    """Bind `form_class`, run `call(sanction, cleaned_data)`; on an error show the sanction's
    page again with the error on the form (nothing changed)."""
    sanction = _sanction_or_404(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(sanction, form.cleaned_data)
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, done)
            return redirect("supervision:sanction", pk=sanction.pk)
    return _detail(request, sanction, forms={key: form})


@require_POST
def sanction_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.is_supervisor(request.user))
    return _act(
        request,
        pk,
        "withdraw",
        WithdrawForm,
        lambda s, data: services.sanction_withdraw(
            actor=_actor(request), sanction=s, reason=data["reason"]
        ),
        _("The proposal is withdrawn."),
    )


@require_POST
def sanction_decide(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.is_committee_member(request.user))
    return _act(
        request,
        pk,
        "decide",
        DecideForm,
        lambda s, data: services.sanction_decide(
            actor=_actor(request),
            sanction=s,
            decision=data["decision"],
            imposed=data["outcome"] == "impose",
            reason=data["reason"],
        ),
        _("The committee's decision is recorded and carried out."),
    )


@require_POST
def sanction_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.is_office_manager(request.user))
    return _act(
        request,
        pk,
        "appeal",
        AppealForm,
        lambda s, data: services.sanction_appeal_file(
            actor=_actor(request), sanction=s, reason=data["reason"]
        ),
        _("Your appeal is filed; the steering committee will decide on it."),
    )


@require_POST
def sanction_appeal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.is_committee_member(request.user))
    return _act(
        request,
        pk,
        "appeal_decide",
        AppealDecideForm,
        lambda s, data: services.sanction_appeal_decide(
            actor=_actor(request),
            sanction=s,
            decision=data["decision"],
            upheld=data["outcome"] == "uphold",
        ),
        _("The committee's decision on the appeal is recorded."),
    )


# --- the ladder -------------------------------------------------------------------------------


def _ladder_rows(ladder):
    return [
        {
            "step": step,
            "label": selectors.step_label(step),
            "citation": selectors.step_citation(step),
        }
        for step in ladder.steps.all()
    ]


@require_GET
def ladder(request: HttpRequest) -> HttpResponse:
    """The ladder in force and the drafts (the unit drafts; a policy decision adopts)."""
    require(permissions.can_read_all(request.user))
    in_force = selectors.ladder_in_force()
    draft = selectors.ladder_draft_latest()
    is_supervisor = permissions.is_supervisor(request.user)
    return render(
        request,
        "supervision/sanctions/ladder.html",
        {
            "in_force": in_force,
            "in_force_rows": _ladder_rows(in_force) if in_force else [],
            "draft": draft,
            "draft_rows": _ladder_rows(draft) if draft else [],
            "is_supervisor": is_supervisor,
            "terms_form": LadderTermsForm(
                initial={"window_days": draft.window_days, "appeal_days": draft.appeal_days}
            )
            if draft and is_supervisor
            else None,
            "step_form": StepForm() if draft and is_supervisor else None,
            "adopt_form": LadderAdoptForm()
            if draft and (is_supervisor or _is_secretary(request))
            else None,
        },
    )


@require_POST
def ladder_draft(request: HttpRequest) -> HttpResponse:
    """A new draft, copying the ladder in force (the unit then changes its terms)."""
    require(permissions.is_supervisor(request.user))
    in_force = selectors.ladder_in_force()
    if in_force is None:
        messages.error(request, _("There is no ladder in force to start a draft from."))
        return redirect("supervision:ladder")
    try:
        services.sanction_ladder_draft(
            actor=_actor(request),
            window_days=in_force.window_days,
            appeal_days=in_force.appeal_days,
            steps=services.ladder_steps_as_specs(in_force),
        )
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("A new draft of the ladder is ready to change."))
    return redirect("supervision:ladder")


@require_POST
def ladder_terms(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.is_supervisor(request.user))
    draft = selectors.ladder_get(pk)
    require(draft is not None)
    form = LadderTermsForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("supervision:ladder")
    try:
        services.sanction_ladder_replace_steps(
            actor=_actor(request),
            ladder=draft,
            steps=services.ladder_steps_as_specs(draft),
            **form.cleaned_data,
        )
    except DaftarError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("The draft's terms are saved."))
    return redirect("supervision:ladder")


def _save_steps(request: HttpRequest, draft, steps) -> None:
    """Rewrite the draft's steps, each in its place (by severity, then earlier sanctions)."""
    ordered = sorted(steps, key=lambda s: (SEVERITY_RANK[Severity(s.min_severity)], s.min_prior))
    try:
        services.sanction_ladder_replace_steps(
            actor=_actor(request),
            ladder=draft,
            window_days=draft.window_days,
            appeal_days=draft.appeal_days,
            steps=ordered,
        )
    except DaftarError as error:
        messages.error(request, error.render())
        for reason in getattr(error, "reasons", []):
            messages.error(request, reason)
    else:
        messages.success(request, _("The draft's steps are saved."))


@require_POST
def ladder_step_add(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.is_supervisor(request.user))
    draft = selectors.ladder_get(pk)
    require(draft is not None)
    form = StepForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("supervision:ladder")
    data = form.cleaned_data
    step = services.StepSpec(
        kind=data["kind"],
        min_severity=data["min_severity"],
        min_prior=data["min_prior"],
        article=data["article"],
        fine_amount=data["fine_amount"] or 0,
        suspension_days=data["suspension_days"] or 0,
    )
    _save_steps(request, draft, [*services.ladder_steps_as_specs(draft), step])
    return redirect("supervision:ladder")


@require_POST
def ladder_step_remove(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    require(permissions.is_supervisor(request.user))
    draft = selectors.ladder_get(pk)
    require(draft is not None)
    steps = services.ladder_steps_as_specs(draft)
    require(1 <= order <= len(steps))
    _save_steps(request, draft, [s for i, s in enumerate(steps, start=1) if i != order])
    return redirect("supervision:ladder")


@require_POST
def ladder_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.is_supervisor(request.user) or _is_secretary(request))
    draft = selectors.ladder_get(pk)
    require(draft is not None)
    form = LadderAdoptForm(request.POST)
    if form.is_valid():
        try:
            services.sanction_ladder_adopt(
                actor=_actor(request), ladder=draft, decision=form.cleaned_data["decision"]
            )
        except DaftarError as error:
            messages.error(request, error.render())
            for reason in getattr(error, "reasons", []):
                messages.error(request, reason)
        else:
            messages.success(request, _("The ladder is in force."))
    return redirect("supervision:ladder")


urlpatterns = [
    path("supervision/sanctions/", sanction_list, name="sanctions"),
    path("supervision/sanctions/to-decide/", to_decide, name="sanctions_to_decide"),
    path("supervision/sanctions/mine/", my_sanctions, name="my_sanctions"),
    path("supervision/sanctions/fines/", fines_to_record, name="fines_to_record"),
    path("supervision/sanctions/new/", sanction_new, name="sanction_new"),
    path("supervision/sanctions/ladder/", ladder, name="ladder"),
    path("supervision/sanctions/ladder/draft/", ladder_draft, name="ladder_draft"),
    path("supervision/sanctions/ladder/<int:pk>/terms/", ladder_terms, name="ladder_terms"),
    path("supervision/sanctions/ladder/<int:pk>/adopt/", ladder_adopt, name="ladder_adopt"),
    path("supervision/sanctions/ladder/<int:pk>/steps/", ladder_step_add, name="ladder_step_add"),
    path(
        "supervision/sanctions/ladder/<int:pk>/steps/<int:order>/remove/",
        ladder_step_remove,
        name="ladder_step_remove",
    ),
    path("supervision/sanctions/<int:pk>/", sanction_detail, name="sanction"),
    path("supervision/sanctions/<int:pk>/withdraw/", sanction_withdraw, name="sanction_withdraw"),
    path("supervision/sanctions/<int:pk>/decide/", sanction_decide, name="sanction_decide"),
    path("supervision/sanctions/<int:pk>/appeal/", sanction_appeal, name="sanction_appeal"),
    path(
        "supervision/sanctions/<int:pk>/appeal/decide/",
        sanction_appeal_decide,
        name="sanction_appeal_decide",
    ),
    path("supervision/sanctions/<int:pk>/fine/", fine_record, name="fine_record"),
]
