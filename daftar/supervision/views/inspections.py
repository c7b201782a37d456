"""Supervision pages: inspections — the inspector's day and the form at the office (made for a
phone), the supervision unit's plan, scheduling, reports and checklists, and the office
manager's findings."""

from __future__ import annotations

from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.core.viewglue import report_error, require
from daftar.supervision.choices import AnswerResult, InspectionKind, InspectionStatus, RuleStatus
from daftar.supervision.forms.inspections import (
    ActionForm,
    AdoptForm,
    AnswerForm,
    CheckInForm,
    ConflictForm,
    CorrectForm,
    ItemForm,
    MysteryFileForm,
    PlanForm,
    RespondForm,
    ResponseDaysForm,
    ScheduleForm,
    SectionForm,
    SubmitForm,
    TemplateForm,
)
from daftar.supervision.models import ChecklistItem
from daftar.supervision.permissions import (
    can_read_all,
    can_read_inspections,
    is_inspector,
    is_supervisor,
)
from daftar.supervision.selectors import inspections as selectors
from daftar.supervision.services import checklists as checklist_services
from daftar.supervision.services import inspections as services

PAGE_SIZE = 25


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _inspection_or_404(request: HttpRequest, pk: int):
    inspection = selectors.inspection_for_user(request.user, pk)
    require(inspection is not None)
    return inspection


def _fail(request: HttpRequest, error: DaftarError) -> None:
    messages.error(request, error.render())
    for reason in getattr(error, "reasons", []):
        messages.error(request, str(reason))


# --- the inspector ------------------------------------------------------------------------------


@require_GET
def my_inspections(request: HttpRequest) -> HttpResponse:
    """Today's inspections, the overdue ones and those to come."""
    require(is_inspector(request.user))
    return render(
        request,
        "supervision/inspections/mine.html",
        {"day": selectors.inspector_day(request.user), "today": timezone.localdate()},
    )


@require_GET
def inspection(request: HttpRequest, pk: int) -> HttpResponse:
    """The inspection: check in, the checklist to answer and sign off (its inspector, while
    open), or the report with its findings (everyone who may read it)."""
    inspection = _inspection_or_404(request, pk)
    mine = inspection.inspector_id == request.user.pk
    context = {
        "inspection": inspection,
        "mine": mine,
        "reports": selectors.inspection_reports(inspection),
        "findings": selectors.inspection_findings(inspection),
        "actions": selectors.follow_up_actions(inspection),
        "reasons": selectors.reason_sentences(inspection.risk_reasons),
        "result_choices": AnswerResult.choices,
        "can_correct": inspection.status == InspectionStatus.SUBMITTED
        and inspection.kind != InspectionKind.FOLLOW_UP
        and (mine or is_supervisor(request.user)),
    }
    if inspection.kind != InspectionKind.FOLLOW_UP:
        context["sheet"] = selectors.inspection_sheet(inspection)
    if mine and inspection.status == InspectionStatus.ASSIGNED:
        context["check_in_form"] = CheckInForm()
    if mine and inspection.status == InspectionStatus.IN_PROGRESS:
        context["submit_form"] = SubmitForm()
        context["mystery_form"] = MysteryFileForm()
    if context["can_correct"]:
        context["correct_form"] = CorrectForm(
            items=ChecklistItem.objects.filter(section__version=inspection.checklist_id)
        )
    return render(request, "supervision/inspections/inspection.html", context)


@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    form = CheckInForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        services.inspection_check_in(
            actor=_actor(request),
            inspection=inspection,
            latitude=data.get("latitude") or None,
            longitude=data.get("longitude") or None,
            accuracy_m=data.get("accuracy") or None,
        )
    except DaftarError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Checked in. Answer each item, then sign off the report."))
    return redirect("supervision:inspection", pk=pk)


@require_POST
def answer(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    item_obj = ChecklistItem.objects.filter(
        pk=item, section__version=inspection.checklist_id
    ).first()
    require(item_obj is not None)
    form = AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose whether the office complies with the item."))
        return redirect(f"{inspection_url(pk)}#item-{item}")
    try:
        services.inspection_answer(
            actor=_actor(request),
            inspection=inspection,
            item=item_obj,
            result=form.cleaned_data["result"],
            note=form.cleaned_data["note"],
        )
        if form.cleaned_data.get("photo"):
            services.inspection_photo_add(
                actor=_actor(request),
                inspection=inspection,
                item=item_obj,
                upload=form.cleaned_data["photo"],
            )
    except DaftarError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Answer saved."))
    return redirect(f"{inspection_url(pk)}#item-{item}")


def inspection_url(pk: int) -> str:
    return reverse("supervision:inspection", kwargs={"pk": pk})


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    form = SubmitForm(request.POST)
    form.is_valid()
    try:
        services.inspection_submit(
            actor=_actor(request),
            inspection=inspection,
            summary=form.cleaned_data.get("summary", ""),
        )
    except DaftarError as error:
        _fail(request, error)
    else:
        messages.success(
            request,
            _("Report signed off. The office's manager now sees it and its findings."),
        )
    return redirect("supervision:inspection", pk=pk)


@require_POST
def mystery_file(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    form = MysteryFileForm(request.POST)
    if form.is_valid():
        try:
            services.inspection_link_mystery_file(
                actor=_actor(request),
                inspection=inspection,
                tracking_code=form.cleaned_data["tracking_code"],
            )
        except DaftarError as error:
            _fail(request, error)
        else:
            messages.success(request, _("The file is linked to the visit."))
    else:
        messages.error(request, _("Enter the tracking code."))
    return redirect("supervision:inspection", pk=pk)


@require_POST
def verify_action(request: HttpRequest, pk: int, action: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    action_obj = selectors.follow_up_actions(inspection).filter(pk=action).first()
    require(action_obj is not None)
    try:
        services.corrective_action_verify(
            actor=_actor(request),
            inspection=inspection,
            action=action_obj,
            done=request.POST.get("done") == "1",
        )
    except DaftarError as error:
        _fail(request, error)
    return redirect("supervision:inspection", pk=pk)


@require_POST
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    form = CorrectForm(
        request.POST, items=ChecklistItem.objects.filter(section__version=inspection.checklist_id)
    )
    if form.is_valid():
        try:
            report = services.inspection_report_correct(
                actor=_actor(request), inspection=inspection, **form.cleaned_data
            )
        except DaftarError as error:
            _fail(request, error)
        else:
            messages.success(
                request, _("Version %(n)s of the report recorded.") % {"n": report.version}
            )
    else:
        messages.error(request, _("Choose the item, the result and give the reason."))
    return redirect("supervision:inspection", pk=pk)


@require_GET
def photo(request: HttpRequest, pk: int, photo: int) -> HttpResponse:
    found = selectors.photo_for_user(request.user, pk, photo)
    if found is None:
        raise Http404
    response = FileResponse(
        default_storage.open(found.stored_as, "rb"), content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def conflicts(request: HttpRequest) -> HttpResponse:
    require(is_inspector(request.user))
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_declare(actor=_actor(request), **form.cleaned_data)
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(
                request, _("Conflict declared; you will not be assigned to this office.")
            )
            return redirect("supervision:my_inspections")
    return render(request, "supervision/inspections/conflicts.html", {"form": form})


# --- the supervision unit -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    require(can_read_all(request.user))
    form = PlanForm(request.POST or None)
    if request.method == "POST":
        require(is_supervisor(request.user))
        if form.is_valid():
            try:
                services.inspection_plan_generate(actor=_actor(request), **form.cleaned_data)
            except DaftarError as error:
                report_error(form, error)
            else:
                messages.success(request, _("The quarter's plan is generated."))
                return redirect("supervision:inspection_plan")
    plans = list(selectors.plans()[:8])
    chosen = next(
        (p for p in plans if str(p.pk) == request.GET.get("plan")), plans[0] if plans else None
    )
    rows = (
        Paginator(selectors.plan_rows(chosen), PAGE_SIZE).get_page(request.GET.get("page"))
        if chosen
        else None
    )
    if rows is not None:
        for row in rows:
            row.reason_texts = selectors.reason_sentences(row.risk_reasons)
    return render(
        request,
        "supervision/inspections/plan.html",
        {
            "form": form if is_supervisor(request.user) else None,
            "plans": plans,
            "chosen": chosen,
            "rows": rows,
            "progress": selectors.plan_progress(chosen) if chosen else None,
        },
    )


@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest) -> HttpResponse:
    require(is_supervisor(request.user))
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        follow = data.pop("follow_up_of")
        data["follow_up_of"] = (
            selectors.inspections_visible_to(request.user).filter(pk=follow).first()
            if follow
            else None
        )
        try:
            created = services.inspection_schedule(actor=_actor(request), **data)
        except DaftarError as error:
            report_error(form, error)
        else:
            messages.success(request, _("Inspection scheduled."))
            return redirect("supervision:inspection", pk=created.pk)
    return render(
        request,
        "supervision/inspections/schedule.html",
        {"form": form, "follow_ups": selectors.open_inspections_for_follow_up()[:20]},
    )


@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    require(can_read_inspections(request.user))
    page = Paginator(selectors.reports_visible_to(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "supervision/inspections/reports.html", {"page": page})


@require_http_methods(["GET", "POST"])
def checklists(request: HttpRequest) -> HttpResponse:
    require(is_supervisor(request.user))
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = checklist_services.checklist_template_create(
                actor=_actor(request), **form.cleaned_data
            )
        except DaftarError as error:
            report_error(form, error)
        else:
            return redirect("supervision:checklist_version", pk=version.pk)
    return render(
        request,
        "supervision/inspections/checklists.html",
        {"form": form, "templates": selectors.checklist_templates()},
    )


@require_http_methods(["GET", "POST"])
def checklist_version(request: HttpRequest, pk: int) -> HttpResponse:
    """A version: read it; while a draft, add and remove sections and items, then record the
    decision that adopts it; once adopted, draft the next version."""
    require(is_supervisor(request.user))
    version = selectors.checklist_version_get(pk)
    require(version is not None)
    op = request.POST.get("op") if request.method == "POST" else None
    section_form = SectionForm(request.POST if op == "section" else None)
    item_form = ItemForm(request.POST if op == "item" else None, version=version)
    adopt_form = AdoptForm(request.POST if op == "adopt" else None)
    days_form = ResponseDaysForm(
        request.POST if op == "days" else None, initial={"response_days": version.response_days}
    )
    actor = _actor(request) if op else None
    try:
        if op == "section" and section_form.is_valid():
            checklist_services.checklist_section_add(
                actor=actor, version=version, **section_form.cleaned_data
            )
            return redirect("supervision:checklist_version", pk=pk)
        if op == "item" and item_form.is_valid():
            data = dict(item_form.cleaned_data)
            articles = data.pop("articles", [])
            checklist_services.checklist_item_add(
                actor=actor, citations=[(a, None) for a in articles], **data
            )
            return redirect("supervision:checklist_version", pk=pk)
        if op == "days" and days_form.is_valid():
            checklist_services.checklist_version_set_response_days(
                actor=actor, version=version, **days_form.cleaned_data
            )
            return redirect("supervision:checklist_version", pk=pk)
        if op == "remove_item":
            item = ChecklistItem.objects.filter(
                pk=request.POST.get("item") or 0, section__version=version
            ).first()
            require(item is not None)
            checklist_services.checklist_item_remove(actor=actor, item=item)
            return redirect("supervision:checklist_version", pk=pk)
        if op == "adopt" and adopt_form.is_valid():
            checklist_services.checklist_version_adopt(
                actor=actor, version=version, decision=adopt_form.cleaned_data["decision"]
            )
            messages.success(request, _("The version is adopted and in force; it cannot change."))
            return redirect("supervision:checklist_version", pk=pk)
        if op == "draft":
            draft = checklist_services.checklist_version_draft(
                actor=actor, template=version.template
            )
            return redirect("supervision:checklist_version", pk=draft.pk)
    except DaftarError as error:
        target = {
            "section": section_form,
            "item": item_form,
            "adopt": adopt_form,
            "days": days_form,
        }.get(op)
        if target is not None:
            report_error(target, error)
        else:
            _fail(request, error)
    return render(
        request,
        "supervision/inspections/checklist_version.html",
        {
            "version": version,
            "draft": version.status == RuleStatus.DRAFT,
            "sheet": _version_sheet(version),
            "section_form": section_form,
            "item_form": item_form,
            "adopt_form": adopt_form,
            "days_form": days_form,
        },
    )


def _version_sheet(version):
    items = (
        ChecklistItem.objects.filter(section__version=version)
        .select_related("section")
        .prefetch_related("citations__article__version__bylaw", "citations__note")
        .order_by("section__order", "order")
    )
    sections = {s.pk: {"section": s, "items": []} for s in version.sections.order_by("order")}
    for item in items:
        item.cited = selectors.item_citations(item)
        sections[item.section_id]["items"].append(item)
    return list(sections.values())


# --- the office manager -----------------------------------------------------------------------


@require_GET
def office_reports(request: HttpRequest) -> HttpResponse:
    office = selectors.managed_office(request.user)
    require(office is not None)
    page = Paginator(selectors.office_reports(office), 10).get_page(request.GET.get("page"))
    return render(
        request,
        "supervision/inspections/office_reports.html",
        {"office": office, "page": page, "today": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
def finding(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.finding_for_user(request.user, pk)
    require(found is not None)
    manager = selectors.managed_office(request.user) is not None
    op = request.POST.get("op") if request.method == "POST" else None
    respond_form = RespondForm(request.POST if op == "respond" else None)
    action_form = ActionForm(request.POST if op == "action" else None)
    if op:
        require(manager)
    try:
        if op == "respond" and respond_form.is_valid():
            services.finding_respond(
                actor=_actor(request), finding=found, **respond_form.cleaned_data
            )
            messages.success(request, _("Response sent to the supervision unit."))
            return redirect("supervision:finding", pk=pk)
        if op == "action" and action_form.is_valid():
            services.corrective_action_agree(
                actor=_actor(request), finding=found, **action_form.cleaned_data
            )
            messages.success(
                request, _("Corrective action agreed; a follow-up inspection will check it.")
            )
            return redirect("supervision:finding", pk=pk)
    except DaftarError as error:
        report_error(respond_form if op == "respond" else action_form, error)
    return render(
        request,
        "supervision/inspections/finding.html",
        {
            "finding": found,
            "manager": manager,
            "respond_form": respond_form,
            "action_form": action_form,
            "today": timezone.localdate(),
        },
    )


urlpatterns = [
    path("inspections/mine/", my_inspections, name="my_inspections"),
    path("inspections/conflicts/", conflicts, name="inspection_conflicts"),
    path("inspections/plan/", plan, name="inspection_plan"),
    path("inspections/new/", schedule, name="inspection_new"),
    path("inspections/reports/", reports, name="inspection_reports"),
    path("inspections/<int:pk>/", inspection, name="inspection"),
    path("inspections/<int:pk>/check-in/", check_in, name="inspection_check_in"),
    path("inspections/<int:pk>/items/<int:item>/", answer, name="inspection_answer"),
    path("inspections/<int:pk>/submit/", submit, name="inspection_submit"),
    path("inspections/<int:pk>/mystery-file/", mystery_file, name="inspection_mystery_file"),
    path("inspections/<int:pk>/actions/<int:action>/", verify_action, name="inspection_action"),
    path("inspections/<int:pk>/correct/", correct, name="inspection_correct"),
    path("inspections/<int:pk>/photos/<int:photo>/", photo, name="inspection_photo"),
    path("checklists/", checklists, name="checklists"),
    path("checklists/<int:pk>/", checklist_version, name="checklist_version"),
    path("my-office/inspections/", office_reports, name="office_inspections"),
    path("findings/<int:pk>/", finding, name="finding"),
]
