"""Reads of inspections: who sees which inspection, report and finding; the inspector's day;
the quarter's plan with its reasons in words; checklists."""

from __future__ import annotations

import datetime

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from daftar.core.numbers import format_message
from daftar.governance.citation import citation
from daftar.offices.selectors import office_of_user
from daftar.supervision.choices import FindingStatus, InspectionStatus
from daftar.supervision.models import (
    ChecklistItem,
    ChecklistTemplate,
    ChecklistVersion,
    CorrectiveAction,
    Finding,
    Inspection,
    InspectionPhoto,
    InspectionPlan,
    InspectionReport,
)
from daftar.supervision.permissions import (
    can_read_all,
    is_inspector,
    is_office_manager,
    is_supervisor,
)

_RELATED = ("office", "inspector", "checklist__template")
OPEN = (InspectionStatus.ASSIGNED, InspectionStatus.IN_PROGRESS)


def managed_office(user):
    """The office `user` manages, or None (operators see nothing of supervision)."""
    if not is_office_manager(user):
        return None
    return office_of_user(user)


def inspections_visible_to(user) -> QuerySet[Inspection]:
    """The unit and the read-only roles: every inspection; an inspector: theirs; an office's
    manager: their office's submitted ones; everyone else: none."""
    qs = Inspection.objects.select_related(*_RELATED)
    if can_read_all(user):
        return qs
    visible = Q(pk__in=[])
    if is_inspector(user):
        visible |= Q(inspector=user)
    office = managed_office(user)
    if office is not None:
        visible |= Q(office=office, status=InspectionStatus.SUBMITTED)
    return qs.filter(visible)


def inspection_for_user(user, pk: int) -> Inspection | None:
    return inspections_visible_to(user).filter(pk=pk).first()


def inspector_day(user, today: datetime.date | None = None) -> dict[str, list[Inspection]]:
    """The inspector's open inspections: today's, the overdue ones, and the coming ones."""
    today = today or timezone.localdate()
    rows = list(
        Inspection.objects.filter(inspector=user, status__in=OPEN)
        .select_related(*_RELATED)
        .order_by("scheduled_on", "pk")[:200]
    )
    return {
        "overdue": [row for row in rows if row.scheduled_on < today],
        "today": [row for row in rows if row.scheduled_on == today],
        "coming": [row for row in rows if row.scheduled_on > today],
    }


def inspector_counts(user, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    return Inspection.objects.filter(inspector=user, status__in=OPEN).aggregate(
        today=Count("pk", filter=Q(scheduled_on=today)),
        overdue=Count("pk", filter=Q(scheduled_on__lt=today)),
        in_progress=Count("pk", filter=Q(status=InspectionStatus.IN_PROGRESS)),
    )


def inspection_sheet(inspection: Inspection) -> list[dict]:
    """The checklist's sections, each with its items, each with its answer and photos."""
    items = (
        ChecklistItem.objects.filter(section__version=inspection.checklist_id)
        .select_related("section")
        .prefetch_related("citations__article__version__bylaw", "citations__note")
        .order_by("section__order", "order")
    )
    answers = {a.item_id: a for a in inspection.answers.all()}
    photos: dict[int, list[InspectionPhoto]] = {}
    for photo in inspection.photos.order_by("pk"):
        photos.setdefault(photo.item_id, []).append(photo)
    sections: list[dict] = []
    for item in items:
        if not sections or sections[-1]["section"].pk != item.section_id:
            sections.append({"section": item.section, "items": []})
        sections[-1]["items"].append(
            {
                "item": item,
                "answer": answers.get(item.pk),
                "photos": photos.get(item.pk, []),
                "citations": item_citations(item),
            }
        )
    return sections


def item_citations(item: ChecklistItem) -> list[str]:
    """The bylaw articles an item enforces, cited as governance writes them."""
    return [citation(c.article, c.note) for c in item.citations.all()]


def follow_up_actions(inspection: Inspection) -> QuerySet[CorrectiveAction]:
    if inspection.follow_up_of_id is None:
        return CorrectiveAction.objects.none()
    return CorrectiveAction.objects.filter(
        finding__inspection=inspection.follow_up_of_id
    ).select_related("finding")


def inspection_reports(inspection: Inspection) -> list[InspectionReport]:
    return list(inspection.reports.select_related("submitted_by").order_by("-version"))


def inspection_findings(inspection: Inspection) -> QuerySet[Finding]:
    return inspection.findings.select_related("item", "action").order_by("pk")


def photo_for_user(user, inspection_pk: int, pk: int) -> InspectionPhoto | None:
    inspection = inspection_for_user(user, inspection_pk)
    if inspection is None:
        return None
    return inspection.photos.filter(pk=pk).first()


def reports_visible_to(user) -> QuerySet[Inspection]:
    """Submitted inspections the user may read, the latest first."""
    return (
        inspections_visible_to(user)
        .filter(status=InspectionStatus.SUBMITTED)
        .order_by("-submitted_at", "-pk")
    )


def plans() -> QuerySet[InspectionPlan]:
    return InspectionPlan.objects.order_by("-year", "-quarter")


def plan_rows(plan: InspectionPlan) -> QuerySet[Inspection]:
    return plan.inspections.select_related(*_RELATED).order_by("risk_rank", "pk")


def plan_progress(plan: InspectionPlan) -> dict[str, int]:
    return plan.inspections.aggregate(
        total=Count("pk"),
        submitted=Count("pk", filter=Q(status=InspectionStatus.SUBMITTED)),
        overdue=Count("pk", filter=Q(status__in=OPEN, scheduled_on__lt=timezone.localdate())),
    )


def reason_sentences(reasons: list[dict]) -> list[str]:
    """Why an office is in the plan, as sentences in the reader's language."""
    texts = {
        "grade": _("Its latest grade is %(grade)s."),
        "complaints": _("%(count)d upheld complaints in the last twelve months."),
        "sla": _("%(count)d files missed their deadline in the last quarter."),
        "reconciliation": _("%(count)d unexplained reconciliation lines in the last quarter."),
        "uptime": _("Its terminals were online %(percent)d%% of opening hours."),
        "not_inspected": _("Not inspected in the last twelve months."),
    }
    sentences = []
    for reason in reasons:
        text = texts.get(reason.get("reason"))
        if text is not None:
            params = {k: v for k, v in reason.items() if k != "reason"}
            sentences.append(format_message(text, params) if params else text)
    return sentences


def findings_visible_to(user) -> QuerySet[Finding]:
    qs = Finding.objects.select_related("office", "item", "inspection", "action")
    if can_read_all(user):
        return qs
    office = managed_office(user)
    if office is not None:
        return qs.filter(office=office)
    if is_inspector(user):
        return qs.filter(inspection__inspector=user)
    return qs.none()


def finding_for_user(user, pk: int) -> Finding | None:
    return findings_visible_to(user).filter(pk=pk).first()


def office_findings_counts(user) -> dict[str, int]:
    office = managed_office(user)
    if office is None:
        return {"to_answer": 0, "actions_due": 0}
    today = timezone.localdate()
    counts = Finding.objects.filter(office=office).aggregate(
        to_answer=Count("pk", filter=Q(status=FindingStatus.OPEN, respond_by__gte=today)),
        actions_due=Count(
            "pk",
            filter=Q(
                status=FindingStatus.ACTION_AGREED,
                action__due_on__lte=today + datetime.timedelta(days=14),
            ),
        ),
    )
    return counts


def findings_overdue_for_response() -> int:
    return Finding.objects.filter(
        status=FindingStatus.OPEN, respond_by__lt=timezone.localdate()
    ).count()


def office_reports(office) -> QuerySet[Inspection]:
    return (
        Inspection.objects.filter(office=office, status=InspectionStatus.SUBMITTED)
        .select_related(*_RELATED)
        .prefetch_related(
            Prefetch("findings", queryset=Finding.objects.select_related("action").order_by("pk"))
        )
        .order_by("-submitted_at", "-pk")
    )


def checklist_templates() -> QuerySet[ChecklistTemplate]:
    return ChecklistTemplate.objects.prefetch_related(
        Prefetch(
            "versions",
            queryset=ChecklistVersion.objects.select_related("decision").order_by("-number"),
        )
    ).order_by("code")


def checklist_version_get(pk: int) -> ChecklistVersion | None:
    return ChecklistVersion.objects.select_related("template", "decision").filter(pk=pk).first()


def open_inspections_for_follow_up() -> QuerySet[Inspection]:
    """Submitted inspections with agreed corrective actions (candidates for a follow-up)."""
    return (
        Inspection.objects.filter(
            status=InspectionStatus.SUBMITTED,
            findings__status=FindingStatus.ACTION_AGREED,
        )
        .select_related("office")
        .distinct()
        .order_by("-submitted_at")
    )


def is_unit(user) -> bool:
    return is_supervisor(user)


# --- transparency's daily aggregates (daftar.transparency.services.aggregates) ---------------


def inspections_for_aggregates(ranges):
    """Inspections whose report was submitted inside any of the [start, end) `ranges` (one
    query): [(submitted_at, office id, district id)]."""
    condition = Q(pk__in=[])
    for start, end in ranges:
        condition |= Q(submitted_at__gte=start, submitted_at__lt=end)
    return list(
        Inspection.objects.filter(condition).values_list(
            "submitted_at", "office_id", "office__district_id"
        )
    )


def inspection_moments_changed_since(since: datetime.datetime) -> list[datetime.datetime]:
    """The submission instants of inspection reports submitted after `since` (one query)."""
    return list(
        Inspection.objects.filter(submitted_at__gt=since).values_list("submitted_at", flat=True)
    )


def inspections_first_submitted_at() -> datetime.datetime | None:
    """When the first inspection report was submitted (None without one)."""
    return Inspection.objects.aggregate(first=Min("submitted_at"))["first"]
