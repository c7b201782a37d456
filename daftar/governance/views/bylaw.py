"""Bylaw pages: the text in force, versions, articles, comparison, drafting and merging."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.numbers import format_message
from daftar.core.viewglue import report_error, require
from daftar.governance import permissions, selectors, services
from daftar.governance.choices import VersionStatus
from daftar.governance.citation import citation
from daftar.governance.comparison import compare_versions
from daftar.governance.forms import (
    AdoptForm,
    ArticleForm,
    ChapterForm,
    CompareForm,
    DraftCreateForm,
    MergeForm,
)
from daftar.governance.models import BylawVersion, Commission
from daftar.governance.views.common import version_or_404

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
    return _render_version(request, version_or_404(request, number))


@login_not_required
@require_GET
def article_detail(request: HttpRequest, number: int, article: int) -> HttpResponse:
    version = version_or_404(request, number)
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
    require(permissions.can_create_draft(request.user))
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
                actor=Actor.for_user(request.user), bylaw=bylaw, **form.cleaned_data
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            return redirect("governance:draft_edit", number=version.number)
    return render(
        request, "governance/form.html", {"form": form, "title": _("New draft of the bylaw")}
    )


@require_http_methods(["GET", "POST"])
def draft_edit(request: HttpRequest, number: int) -> HttpResponse:
    version = version_or_404(request, number)
    require(permissions.can_edit_draft(request.user, version))
    chapter_form = ChapterForm(
        request.POST if "chapter" in request.POST else None, prefix="chapter"
    )
    if request.method == "POST" and "chapter" in request.POST and chapter_form.is_valid():
        try:
            services.chapter_save(
                actor=Actor.for_user(request.user), version=version, **chapter_form.cleaned_data
            )
        except DaftarError as error:
            report_error(chapter_form, error)
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
    version = version_or_404(request, number)
    require(permissions.can_edit_draft(request.user, version))
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
        services.article_delete(
            actor=Actor.for_user(request.user), version=version, number=existing.number
        )
        return redirect("governance:draft_edit", number=number)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.article_save(
                actor=Actor.for_user(request.user),
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
            report_error(form, error)
        else:
            messages.success(
                request, format_message(_("Article %(number)d saved."), {"number": data["number"]})
            )
            return redirect("governance:draft_edit", number=number)
    return render(
        request,
        "governance/article_form.html",
        {"form": form, "version": version, "existing": existing},
    )


@require_POST
def draft_submit(request: HttpRequest, number: int) -> HttpResponse:
    version = version_or_404(request, number)
    require(permissions.can_edit_draft(request.user, version))
    try:
        services.bylaw_version_submit(actor=Actor.for_user(request.user), version=version)
    except DaftarError as error:
        messages.error(request, error.render())
        return redirect("governance:draft_edit", number=number)
    messages.success(request, _("The draft was sent for review; its text is now frozen."))
    return redirect("governance:version", number=number)


@require_http_methods(["GET", "POST"])
def version_adopt(request: HttpRequest, number: int) -> HttpResponse:
    version = version_or_404(request, number)
    require(
        permissions.can_adopt_bylaw(request.user) and version.status == VersionStatus.UNDER_REVIEW
    )
    form = AdoptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.bylaw_version_adopt(
                actor=Actor.for_user(request.user), version=version, **form.cleaned_data
            )
        except DaftarError as error:
            report_error(form, error)
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
    require(permissions.can_create_draft(request.user))
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
                actor=Actor.for_user(request.user),
                left=left,
                right=right,
                choices=choices,
                label_fa=form.cleaned_data["label_fa"],
                label_en=form.cleaned_data["label_en"],
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("The merged draft was created."))
            return redirect("governance:version", number=merged.number)
    return render(
        request,
        "governance/merge.html",
        {"form": form, "comparison": comparison, "left": left, "right": right},
    )
