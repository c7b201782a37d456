"""Reads for licensing, each scoped to what the user may see.

- Calls: published (non-draft) calls are public; drafts are for the steering committee.
- Applications and their documents: the applicant (matched by national code), licensing
  reviewers and committee members. Anyone else gets nothing (views answer 404).
- Public figures of a call never name anyone: only applicant codes and counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from daftar.governance.choices import DecisionKind
from daftar.governance.selectors import decisions_adopted
from daftar.licensing import permissions, ranking
from daftar.licensing.choices import AgreementStatus, ApplicationStatus, CallStatus
from daftar.licensing.models import (
    Agreement,
    Application,
    ApplicationDocument,
    Call,
    CallDistrictQuota,
    DistrictPreference,
    Objection,
    Publication,
)
from daftar.licensing.services.results import ranking_candidates, ranking_quotas


def call_visible_to(user) -> QuerySet[Call]:
    calls = Call.objects.select_related("decision")
    if permissions.can_manage_calls(user):
        return calls
    return calls.exclude(status=CallStatus.DRAFT)


def call_get_for_user(user, code: str) -> Call | None:
    return call_visible_to(user).filter(code=code).first()


def call_list_public() -> QuerySet[Call]:
    return (
        Call.objects.exclude(status=CallStatus.DRAFT)
        .select_related("decision")
        .annotate(places=Sum("quotas__quota"))
        .order_by("-registration_opens", "-code")
    )


def call_quotas(call: Call) -> QuerySet[CallDistrictQuota]:
    return call.quotas.select_related("district").order_by("district__number")


def application_visible_to(user) -> QuerySet[Application]:
    applications = Application.objects.select_related("call")
    if permissions.is_licensing_staff(user):
        return applications.exclude(call__status=CallStatus.DRAFT)
    national_code = getattr(user, "national_code", None) if permissions.can_apply(user) else None
    if national_code:
        return applications.filter(national_code=national_code)
    return applications.none()


def _preferences() -> Prefetch:
    return Prefetch(
        "preferences",
        queryset=DistrictPreference.objects.select_related("district").order_by("position"),
    )


def application_list(user, call: Call, *, status: str | None = None) -> QuerySet[Application]:
    """A call's applications for licensing staff (empty for anyone else), in order."""
    applications = application_visible_to(user).filter(call=call)
    if not permissions.is_licensing_staff(user):
        return applications.none()
    if status:
        applications = applications.filter(status=status)
    return (
        applications.prefetch_related(_preferences())
        .annotate(
            documents_pending=Count(
                "documents", filter=Q(documents__current=True, documents__status="pending")
            )
        )
        .order_by("seq")
    )


def application_detail(queryset: QuerySet[Application]) -> QuerySet[Application]:
    return queryset.select_related("call", "call__decision").prefetch_related(
        _preferences(),
        "checks",
        Prefetch(
            "documents",
            queryset=ApplicationDocument.objects.filter(current=True)
            .select_related("reviewed_by")
            .order_by("kind"),
            to_attr="current_documents",
        ),
    )


def application_of(user, call: Call) -> Application | None:
    """The user's own application to `call`, if any."""
    if not permissions.can_apply(user):
        return None
    return application_detail(
        Application.objects.filter(call=call, national_code=user.national_code)
    ).first()


def document_visible_to(user) -> QuerySet[ApplicationDocument]:
    return ApplicationDocument.objects.filter(
        application__in=application_visible_to(user)
    ).select_related("application", "application__call")


def publication_list(call: Call) -> QuerySet[Publication]:
    return call.publications.order_by("-number")


def publication_get(call: Call, number: int | None = None) -> Publication | None:
    publications = call.publications.order_by("-number")
    return publications.filter(number=number).first() if number else publications.first()


def objection_list(call: Call) -> QuerySet[Objection]:
    return (
        Objection.objects.filter(application__call=call)
        .select_related("application", "publication", "ruled_by", "republished_as")
        .order_by("status", "filed_at")
    )


def agreement_list(call: Call) -> QuerySet[Agreement]:
    return call.agreements.select_related(
        "application", "district", "decision", "office", "licence"
    ).order_by("district__number", "application__seq")


def agreement_visible_to(user) -> QuerySet[Agreement]:
    if not permissions.can_manage_calls(user):
        return Agreement.objects.none()
    return Agreement.objects.select_related("application", "district", "call", "decision")


def ranking_preview(call: Call) -> ranking.Outcome:
    """What publishing now would publish (computed, not stored)."""
    return ranking.compute(call.parameters, ranking_quotas(call), ranking_candidates(call))


# --- public figures -------------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictFigures:
    number: int
    name: str
    population: int | None
    active_offices: int
    proposed: int
    quota: int
    applicants_first_choice: int
    applicants_any_choice: int
    ranked: int
    cutoff: Decimal | None
    awarded: int


@dataclass(frozen=True)
class CallFigures:
    applicants: int
    eligible: int
    ineligible: int
    ranked: int
    awarded: int
    places: int
    districts: list[DistrictFigures]


def call_figures(call: Call) -> CallFigures:
    """Every public figure of a call, from counts and the latest publication (no names)."""
    counts = dict(call.applications.values_list("status").annotate(n=Count("pk")).order_by())
    preferences = DistrictPreference.objects.filter(application__call=call)
    first = dict(
        preferences.filter(position=1)
        .values_list("district__number")
        .annotate(n=Count("pk"))
        .order_by()
    )
    anywhere = dict(preferences.values_list("district__number").annotate(n=Count("pk")).order_by())
    awarded = dict(  # agreements that hold a place: a lapsed one has freed its place
        call.agreements.exclude(status=AgreementStatus.LAPSED)
        .values_list("district__number")
        .annotate(n=Count("pk"))
        .order_by()
    )
    latest = publication_get(call)
    results = ranking.loads(latest.content)["results"] if latest else None
    districts = []
    for q in call_quotas(call):
        number = q.district.number
        published = (results or {}).get("districts", {}).get(str(number), {})
        if q.quota == 0 and not anywhere.get(number):
            continue
        districts.append(
            DistrictFigures(
                number=number,
                name=q.district.name,
                population=q.population,
                active_offices=q.active_offices,
                proposed=q.proposed,
                quota=q.quota,
                applicants_first_choice=first.get(number, 0),
                applicants_any_choice=anywhere.get(number, 0),
                ranked=len(published.get("ranking", [])),
                cutoff=Decimal(published["cutoff"]) if published.get("cutoff") else None,
                awarded=awarded.get(number, 0),
            )
        )
    return CallFigures(
        applicants=sum(counts.values()),
        eligible=counts.get(ApplicationStatus.ELIGIBLE, 0),
        ineligible=counts.get(ApplicationStatus.INELIGIBLE, 0),
        ranked=len(results["order"]) if results else 0,
        awarded=sum(awarded.values()),
        places=sum(d.quota for d in districts),
        districts=districts,
    )


def published_results(call: Call, number: int | None = None) -> dict | None:
    publication = publication_get(call, number)
    return ranking.loads(publication.content) if publication else None


def licence_decisions():
    """Adopted decisions of kind LICENCE, newest first (what may open a call or award)."""
    return decisions_adopted(DecisionKind.LICENCE)


def objection_visible_to(user) -> QuerySet[Objection]:
    if not permissions.is_licensing_staff(user):
        return Objection.objects.none()
    return Objection.objects.select_related("application", "application__call")


def score_counts(call: Call) -> dict[str, int]:
    """Eligible applicants, and how many have a score or are marked absent (one query)."""
    eligible = call.applications.filter(status=ApplicationStatus.ELIGIBLE)
    return eligible.aggregate(
        eligible=Count("pk"),
        scored=Count("pk", filter=Q(exam_score__isnull=False)),
        absent=Count("pk", filter=Q(exam_absent=True)),
    )


def calls_in_progress_count() -> int:
    """Calls opened and not yet closed: the licensing staff's work (their home's count)."""
    return Call.objects.exclude(status__in=[CallStatus.DRAFT, CallStatus.CLOSED]).count()


def applications_of_citizen(user) -> QuerySet[Application]:
    """The citizen's own applications to calls, newest call first (their home lists them)."""
    if not permissions.can_apply(user):
        return Application.objects.none()
    return application_visible_to(user).order_by("-call__registration_opens", "-pk")
