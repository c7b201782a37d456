"""Decision pages and the committee's work: drafting, voting, closing, meetings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError, Forbidden
from daftar.core.numbers import local_digits
from daftar.core.viewglue import report_error, require
from daftar.governance import permissions, selectors, services
from daftar.governance.choices import DecisionKind, DecisionStatus
from daftar.governance.citation import citation
from daftar.governance.forms import (
    CloseForm,
    DecisionForm,
    MeetingForm,
    VoteForm,
)
from daftar.governance.models import Decision

# --- decisions ------------------------------------------------------------------------------


@login_not_required
@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "")
    kind = request.GET.get("kind", "")
    decisions = selectors.decision_list(
        request.user,
        year=int(year) if year.isdigit() and len(year) == 4 else None,  # a Jalali year
        kind=kind if kind in DecisionKind.values else None,
    ).prefetch_related("citations__article__version", "citations__note")
    page = Paginator(decisions, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/decision_list.html",
        {
            "page": page,
            "years": selectors.decision_years(request.user),
            "kinds": DecisionKind,
            "year": year,
            "kind": kind,
        },
    )


def _decision_page(request, decision: Decision) -> HttpResponse:
    rule = decision.rule or selectors.quorum_rule_on(decision.decided_on)
    context = {
        "decision": decision,
        "citations": [(c, citation(c.article, c.note)) for c in decision.citations.all()],
        "tally": services.decision_tally(decision, rule) if rule else None,
        "can_vote": permissions.can_vote(request.user, decision),
        "can_close": permissions.can_close_decision(request.user, decision),
        "can_edit": decision.status == DecisionStatus.DRAFT
        and permissions.can_draft_decision(request.user),
    }
    if context["can_vote"]:
        member = selectors.committee_member_of(request.user)
        mine = decision.votes.filter(member=member).first()
        context["vote_form"] = VoteForm(initial={"choice": mine.choice if mine else None})
    if context["can_close"]:
        context["close_form"] = CloseForm(
            members=selectors.committee_members_active(),
            initial={"present": list(decision.present.all())},
        )
    return render(request, "governance/decision_detail.html", context)


@login_not_required
@require_GET
def decision_detail(request: HttpRequest, year: int, seq: int) -> HttpResponse:
    decision = (
        selectors.decision_detail(selectors.decision_visible_to(request.user))
        .filter(year=year, seq=seq)
        .first()
    )
    if decision is None:
        raise Http404
    return _decision_page(request, decision)


@require_GET
def decision_draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = (
        selectors.decision_detail(selectors.decision_visible_to(request.user)).filter(pk=pk).first()
    )
    if decision is None:
        raise Http404
    if decision.seq:
        return redirect(decision)
    return _decision_page(request, decision)


@require_http_methods(["GET", "POST"])
def decision_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(permissions.can_draft_decision(request.user))
    decision = None
    if pk is not None:
        decision = (
            selectors.decision_visible_to(request.user)
            .filter(pk=pk, status=DecisionStatus.DRAFT)
            .first()
        )
        if decision is None:
            raise Http404
    in_force = selectors.version_in_force(selectors.bylaw_default())
    articles = selectors.version_articles(in_force) if in_force else []
    initial = None
    if decision is not None:
        initial = {
            "kind": decision.kind,
            "decided_on": decision.decided_on,
            "subject": decision.subject,
            "subject_en": decision.subject_en,
            "body": decision.body,
            "citations": [
                f"{c.article.number}.{c.note.number}" if c.note else str(c.article.number)
                for c in decision.citations.select_related("article", "note")
            ],
        }
    form = DecisionForm(
        request.POST or None,
        initial=initial,
        articles=articles,
        amendable=selectors.decision_amendable(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if decision is None:
                decision = services.decision_draft(
                    actor=Actor.for_user(request.user),
                    kind=data["kind"],
                    subject=data["subject"],
                    subject_en=data["subject_en"],
                    body=data["body"],
                    decided_on=data["decided_on"],
                    citations=form.cited(),
                    amends=data["amends"],
                )
            else:
                services.decision_update_draft(
                    actor=Actor.for_user(request.user),
                    decision=decision,
                    kind=data["kind"],
                    subject=data["subject"],
                    subject_en=data["subject_en"],
                    body=data["body"],
                    decided_on=data["decided_on"],
                    citations=form.cited(),
                )
        except DaftarError as error:
            report_error(form, error)
        else:
            return redirect("governance:decision_draft", pk=decision.pk)
    return render(
        request,
        "governance/form.html",
        {"form": form, "title": _("Edit draft decision") if decision else _("New decision")},
    )


@require_POST
def decision_vote(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.can_draft_decision(request.user))  # the council reads drafts, not votes
    decision = selectors.decision_visible_to(request.user).filter(pk=pk).first()
    if decision is None:
        raise Http404
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a vote."))
    else:
        try:
            services.decision_cast_vote(
                actor=Actor.for_user(request.user),
                decision=decision,
                choice=form.cleaned_data["choice"],
            )
        except (DaftarError, Forbidden) as error:
            messages.error(request, error.render())
        else:
            messages.success(request, _("Your vote was recorded."))
    return redirect("governance:decision_draft", pk=pk)


@require_POST
def decision_close(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_visible_to(request.user).filter(pk=pk).first()
    if decision is None or not permissions.can_close_decision(request.user, decision):
        raise Http404
    form = CloseForm(request.POST, members=selectors.committee_members_active())
    if not form.is_valid():
        messages.error(request, _("Tick the members present."))
        return redirect("governance:decision_draft", pk=pk)
    try:
        services.decision_set_present(
            actor=Actor.for_user(request.user),
            decision=decision,
            members=form.cleaned_data["present"],
        )
        decision = services.decision_close(
            actor=Actor.for_user(request.user),
            decision=decision,
            number=form.cleaned_data["number"] or None,
        )
    except DaftarError as error:
        messages.error(request, error.render())
        return redirect("governance:decision_draft", pk=pk)
    if decision.status == DecisionStatus.ADOPTED:
        messages.success(
            request, _("Decision %(number)s adopted.") % {"number": local_digits(decision.number)}
        )
        return redirect(decision)
    messages.warning(request, _("The decision was rejected."))
    return redirect("governance:decision_draft", pk=pk)


# --- committee ----------------------------------------------------------------------------------


@require_GET
def committee_home(request: HttpRequest) -> HttpResponse:
    require(
        permissions.can_draft_decision(request.user) or permissions.can_create_draft(request.user)
    )
    return render(
        request,
        "governance/committee.html",
        {
            "members": selectors.committee_members_active(),
            "drafts": selectors.decision_drafts(),
            "versions": selectors.versions_in_progress(),
            "meetings": selectors.meeting_recent(),
            "is_secretary": permissions.is_committee_secretary(request.user),
            "can_draft": permissions.can_draft_decision(request.user),
            "can_create_version": permissions.can_create_draft(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    require(permissions.is_committee_secretary(request.user))
    form = MeetingForm(request.POST or None, members=selectors.committee_members_active())
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record(actor=Actor.for_user(request.user), **form.cleaned_data)
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("The meeting was recorded."))
            return redirect("governance:committee")
    return render(request, "governance/form.html", {"form": form, "title": _("Record a meeting")})
