"""Pages for the bylaw (public and drafting) and for the committee's work. Thin views."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.core.errors import DaftarError, Forbidden
from daftar.governance import permissions, selectors, services
from daftar.governance.choices import DecisionKind, DecisionStatus, VersionStatus
from daftar.governance.citation import citation
from daftar.governance.comparison import compare_versions
from daftar.governance.forms import (
    AdoptForm,
    ArticleForm,
    ChapterForm,
    CloseForm,
    CompareForm,
    DecisionForm,
    DraftCreateForm,
    MeetingForm,
    MergeForm,
    VoteForm,
)
from daftar.governance.models import BylawVersion, Commission, Decision


def _version_or_404(request, number: int) -> BylawVersion:
    try:
        return selectors.version_get_for_user(request.user, number=number)
    except BylawVersion.DoesNotExist:
        raise Http404 from None


def _report(form, error: DaftarError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.render())


def _require(allowed: bool) -> None:
    if not allowed:
        raise Http404  # not allowed looks the same as not there


# --- public bylaw pages --------------------------------------------------------------------


def _render_version(request, version: BylawVersion, *, template="governance/version.html"):
    articles = list(selectors.version_articles(version))
    chapters: list[tuple[object, list]] = []
    for article in articles:
        if not chapters or chapters[-1][0] != article.chapter:
            chapters.append((article.chapter, []))
        chapters[-1][1].append(article)
    return render(
        request,
        template,
        {
            "version": version,
            "chapters": chapters,
            "in_force": version.status == VersionStatus.ADOPTED,
            "can_edit": permissions.can_edit_draft(request.user, version),
            "can_adopt": version.status == VersionStatus.UNDER_REVIEW
            and permissions.can_adopt_bylaw(request.user),
        },
    )


@login_not_required
@require_GET
def bylaw_in_force(request: HttpRequest) -> HttpResponse:
    version = selectors.version_in_force(selectors.bylaw_default())
    if version is None:
        return render(request, "governance/no_bylaw.html")
    return _render_version(request, version)


@login_not_required
@require_GET
def version_list(request: HttpRequest) -> HttpResponse:
    versions = selectors.version_visible_to(request.user).order_by("-number")
    return render(
        request,
        "governance/version_list.html",
        {"versions": versions, "can_create": permissions.can_create_draft(request.user)},
    )


@login_not_required
@require_GET
def version_detail(request: HttpRequest, number: int) -> HttpResponse:
    return _render_version(request, _version_or_404(request, number))


@login_not_required
@require_GET
def article_detail(request: HttpRequest, number: int, article: int) -> HttpResponse:
    version = _version_or_404(request, number)
    found = selectors.version_articles(version).filter(number=article).first()
    if found is None:
        raise Http404
    return render(
        request,
        "governance/article.html",
        {
            "version": version,
            "article": found,
            "citation_fa": citation(found, language="fa"),
            "citation_en": citation(found, language="en"),
            "later": selectors.version_visible_to(request.user)
            .filter(bylaw=version.bylaw, number__gt=version.number, articles__number=article)
            .order_by("number"),
        },
    )


def _comparison(request):
    versions = selectors.version_visible_to(request.user).order_by("number")
    form = CompareForm(request.GET or None, versions=versions)
    comparison = None
    if form.is_valid():
        comparison = compare_versions(form.cleaned_data["left"], form.cleaned_data["right"])
    return form, comparison


@login_not_required
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    form, comparison = _comparison(request)
    return render(
        request,
        "governance/compare.html",
        {
            "form": form,
            "comparison": comparison,
            "can_merge": comparison is not None
            and permissions.can_create_draft(request.user)
            and comparison.left.bylaw_id == comparison.right.bylaw_id,
        },
    )


@login_not_required
@require_GET
def compare_json(request: HttpRequest) -> JsonResponse:
    form, comparison = _comparison(request)
    if comparison is None:
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    return JsonResponse(comparison.as_dict(), json_dumps_params={"ensure_ascii": False})


# --- drafting ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def draft_create(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_create_draft(request.user))
    bylaw = selectors.bylaw_default()
    if bylaw is None:
        raise Http404
    commissions = (
        Commission.objects.all()
        if permissions.is_committee_secretary(request.user)
        else request.user.commissions.all()
    )
    form = DraftCreateForm(
        request.POST or None,
        commissions=commissions,
        versions=selectors.version_visible_to(request.user).filter(bylaw=bylaw),
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.bylaw_version_create(
                actor=request.user, bylaw=bylaw, **form.cleaned_data
            )
        except DaftarError as error:
            _report(form, error)
        else:
            return redirect("governance:draft_edit", number=version.number)
    return render(
        request, "governance/form.html", {"form": form, "title": _("New draft of the bylaw")}
    )


@require_http_methods(["GET", "POST"])
def draft_edit(request: HttpRequest, number: int) -> HttpResponse:
    version = _version_or_404(request, number)
    _require(permissions.can_edit_draft(request.user, version))
    chapter_form = ChapterForm(
        request.POST if "chapter" in request.POST else None, prefix="chapter"
    )
    if request.method == "POST" and "chapter" in request.POST and chapter_form.is_valid():
        try:
            services.chapter_save(actor=request.user, version=version, **chapter_form.cleaned_data)
        except DaftarError as error:
            _report(chapter_form, error)
        else:
            return redirect("governance:draft_edit", number=number)
    return render(
        request,
        "governance/draft_edit.html",
        {
            "version": version,
            "articles": selectors.version_articles(version),
            "chapters": version.chapters.all(),
            "chapter_form": chapter_form,
            "article_form": ArticleForm(),
            "compare_with": selectors.version_visible_to(request.user)
            .filter(bylaw=version.bylaw)
            .exclude(pk=version.pk)
            .order_by("-number"),
        },
    )


@require_http_methods(["GET", "POST"])
def article_edit(request: HttpRequest, number: int, article: int | None = None) -> HttpResponse:
    version = _version_or_404(request, number)
    _require(permissions.can_edit_draft(request.user, version))
    existing = version.articles.filter(number=article).first() if article else None
    if article and existing is None:
        raise Http404
    initial = None
    if existing is not None:
        initial = {
            "number": existing.number,
            "title_fa": existing.title_fa,
            "title_en": existing.title_en,
            "text_fa": existing.text_fa,
            "text_en": existing.text_en,
            "chapter_number": existing.chapter.number if existing.chapter else None,
            "notes_fa": "\n".join(existing.notes.values_list("text_fa", flat=True)),
        }
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and "delete" in request.POST and existing is not None:
        services.article_delete(actor=request.user, version=version, number=existing.number)
        return redirect("governance:draft_edit", number=number)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.article_save(
                actor=request.user,
                version=version,
                number=data["number"],
                chapter_number=data["chapter_number"],
                title_fa=data["title_fa"],
                title_en=data["title_en"],
                text_fa=data["text_fa"],
                text_en=data["text_en"],
                notes=[services.NoteText(text) for text in form.notes()],
            )
        except DaftarError as error:
            _report(form, error)
        else:
            messages.success(request, _("Article %(number)d saved.") % {"number": data["number"]})
            return redirect("governance:draft_edit", number=number)
    return render(
        request,
        "governance/article_form.html",
        {"form": form, "version": version, "existing": existing},
    )


@require_POST
def draft_submit(request: HttpRequest, number: int) -> HttpResponse:
    version = _version_or_404(request, number)
    _require(permissions.can_edit_draft(request.user, version))
    try:
        services.bylaw_version_submit(actor=request.user, version=version)
    except DaftarError as error:
        messages.error(request, error.render())
        return redirect("governance:draft_edit", number=number)
    messages.success(request, _("The draft was sent for review; its text is now frozen."))
    return redirect("governance:version", number=number)


@require_http_methods(["GET", "POST"])
def version_adopt(request: HttpRequest, number: int) -> HttpResponse:
    version = _version_or_404(request, number)
    _require(
        permissions.can_adopt_bylaw(request.user) and version.status == VersionStatus.UNDER_REVIEW
    )
    form = AdoptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.bylaw_version_adopt(actor=request.user, version=version, **form.cleaned_data)
        except DaftarError as error:
            _report(form, error)
        else:
            messages.success(request, _("The version is adopted and now in force."))
            return redirect("governance:bylaw")
    return render(
        request,
        "governance/form.html",
        {
            "form": form,
            "title": _("Record the council's adoption of %(label)s") % {"label": version.label},
        },
    )


@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_create_draft(request.user))
    versions = selectors.version_visible_to(request.user).order_by("number")
    picker = CompareForm(request.GET or None, versions=versions)
    if not picker.is_valid():
        return redirect(reverse("governance:compare") + "?" + request.GET.urlencode())
    left, right = picker.cleaned_data["left"], picker.cleaned_data["right"]
    comparison = compare_versions(left, right)
    form = MergeForm(request.POST or None, comparison=comparison)
    if request.method == "POST" and form.is_valid():
        choices = {}
        for diff in comparison.differing:
            choice = form.cleaned_data[f"choice_{diff.number}"]
            if choice == "edited":
                source = diff.left or diff.right
                choices[diff.number] = services.EditedArticle(
                    text_fa=form.cleaned_data[f"edited_{diff.number}"],
                    title_fa=source.title_fa,
                    title_en=source.title_en,
                    text_en="",
                    notes=tuple(services.NoteText(n.text_fa, n.text_en) for n in source.notes),
                )
            else:
                choices[diff.number] = choice
        try:
            merged = services.bylaw_merge(
                actor=request.user,
                left=left,
                right=right,
                choices=choices,
                label_fa=form.cleaned_data["label_fa"],
                label_en=form.cleaned_data["label_en"],
            )
        except DaftarError as error:
            _report(form, error)
        else:
            messages.success(request, _("The merged draft was created."))
            return redirect("governance:version", number=merged.number)
    return render(
        request,
        "governance/merge.html",
        {"form": form, "comparison": comparison, "left": left, "right": right},
    )


# --- decisions ------------------------------------------------------------------------------


@login_not_required
@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "")
    kind = request.GET.get("kind", "")
    decisions = selectors.decision_list(
        request.user,
        year=int(year) if year.isdigit() else None,
        kind=kind if kind in DecisionKind.values else None,
    ).prefetch_related("citations__article__version")
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
    _require(permissions.can_draft_decision(request.user))
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
                    actor=request.user,
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
                    actor=request.user,
                    decision=decision,
                    kind=data["kind"],
                    subject=data["subject"],
                    subject_en=data["subject_en"],
                    body=data["body"],
                    decided_on=data["decided_on"],
                    citations=form.cited(),
                )
        except DaftarError as error:
            _report(form, error)
        else:
            return redirect("governance:decision_draft", pk=decision.pk)
    return render(
        request,
        "governance/form.html",
        {"form": form, "title": _("Edit draft decision") if decision else _("New decision")},
    )


@require_POST
def decision_vote(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_visible_to(request.user).filter(pk=pk).first()
    if decision is None:
        raise Http404
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a vote."))
    else:
        try:
            services.decision_cast_vote(
                actor=request.user, decision=decision, choice=form.cleaned_data["choice"]
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
            actor=request.user, decision=decision, members=form.cleaned_data["present"]
        )
        decision = services.decision_close(
            actor=request.user, decision=decision, number=form.cleaned_data["number"] or None
        )
    except DaftarError as error:
        messages.error(request, error.render())
        return redirect("governance:decision_draft", pk=pk)
    if decision.status == DecisionStatus.ADOPTED:
        messages.success(request, _("Decision %(number)s adopted.") % {"number": decision.number})
        return redirect(decision)
    messages.warning(request, _("The decision was rejected."))
    return redirect("governance:decision_draft", pk=pk)


# --- committee ----------------------------------------------------------------------------------


@require_GET
def committee_home(request: HttpRequest) -> HttpResponse:
    _require(
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
    _require(permissions.is_committee_secretary(request.user))
    form = MeetingForm(request.POST or None, members=selectors.committee_members_active())
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record(actor=request.user, **form.cleaned_data)
        except DaftarError as error:
            _report(form, error)
        else:
            messages.success(request, _("The meeting was recorded."))
            return redirect("governance:committee")
    return render(request, "governance/form.html", {"form": form, "title": _("Record a meeting")})
