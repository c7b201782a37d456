"""Reads of the sanction ladder and of sanctions: the ladder in force and the step it gives,
who sees which sanction, the queues (the committee's, the treasury's, the manager's), the
sources a proposal may start from, and the office's public record."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from daftar.core.numbers import format_message, format_number
from daftar.governance.citation import citation
from daftar.offices.models import Office
from daftar.offices.selectors import office_of_user
from daftar.supervision import permissions
from daftar.supervision.choices import (
    SEVERITY_RANK,
    UPHELD_RULINGS,
    AppealOutcome,
    FindingStatus,
    PeriodStatus,
    RuleStatus,
    SanctionKind,
    SanctionStatus,
    Severity,
)
from daftar.supervision.models import (
    Complaint,
    Finding,
    OfficeGrade,
    Sanction,
    SanctionLadder,
    SanctionStep,
)

# A sanction that counts against the office (and blocks a second one from the same source).
IN_FORCE = (SanctionStatus.IMPOSED, SanctionStatus.APPEALED)
OPEN = (SanctionStatus.PROPOSED, *IN_FORCE)


# --- the ladder ----------------------------------------------------------------------------


def _steps() -> Prefetch:
    return Prefetch(
        "steps",
        queryset=SanctionStep.objects.select_related("article__version__bylaw", "note").order_by(
            "order"
        ),
    )


def ladder_in_force() -> SanctionLadder | None:
    return (
        SanctionLadder.objects.filter(status=RuleStatus.ADOPTED)
        .select_related("decision")
        .prefetch_related(_steps())
        .first()
    )


def ladders_all() -> QuerySet[SanctionLadder]:
    """Every version, newest first, with its steps (the ladder page)."""
    return SanctionLadder.objects.select_related("decision").prefetch_related(_steps())


def ladder_get(pk: int) -> SanctionLadder | None:
    return ladders_all().filter(pk=pk).first()


def ladder_draft_latest() -> SanctionLadder | None:
    return ladders_all().filter(status=RuleStatus.DRAFT).first()


def ladder_step_for(
    steps: list[SanctionStep], severity: str, prior_count: int
) -> SanctionStep | None:
    """The highest step whose minimum severity and minimum earlier sanctions are both met."""
    rank = SEVERITY_RANK[Severity(severity)]
    chosen = None
    for step in sorted(steps, key=lambda s: s.order):
        if SEVERITY_RANK[Severity(step.min_severity)] <= rank and step.min_prior <= prior_count:
            chosen = step
    return chosen


def window_start(ladder: SanctionLadder, at: datetime.datetime | None = None) -> datetime.datetime:
    return (at or timezone.now()) - datetime.timedelta(days=ladder.window_days)


def office_sanctions_in_window(
    office: Office, ladder: SanctionLadder, at: datetime.datetime | None = None
) -> QuerySet[Sanction]:
    """The sanctions imposed on `office` within the ladder's rolling window before `at`."""
    at = at or timezone.now()
    return Sanction.objects.filter(
        office=office,
        status__in=IN_FORCE,
        imposed_at__gte=window_start(ladder, at),
        imposed_at__lte=at,
    ).select_related("decision")


def office_prior_count(
    office: Office, ladder: SanctionLadder, at: datetime.datetime | None = None
) -> int:
    return office_sanctions_in_window(office, ladder, at).count()


def step_citation(step: SanctionStep) -> str:
    return citation(step.article, step.note)


def step_label(step: SanctionStep) -> str:
    """ "Fine of ۵۰٬۰۰۰٬۰۰۰ rials", "Suspension for ۳۰ days", or the kind's name."""
    if step.kind == SanctionKind.FINE:
        return format_message(
            _("Fine of %(amount)s rials"),
            {"amount": format_number(step.fine_amount, grouping=True)},
        )
    if step.kind == SanctionKind.SUSPENSION:
        return format_message(_("Suspension for %(days)d days"), {"days": step.suspension_days})
    return str(SanctionKind(step.kind).label)


def sanction_why(sanction: Sanction) -> str:
    """Why the ladder gives this step, in one sentence."""
    step = sanction.step
    return format_message(
        _(
            "The violation is %(severity)s and the office had %(prior)d earlier sanctions in "
            "the %(window)d days before the proposal, so step %(step)d of ladder version "
            "%(ladder)d applies: %(what)s (%(article)s)."
        ),
        {
            "severity": Severity(sanction.severity).label,
            "prior": sanction.prior_count,
            "window": step.ladder.window_days,
            "step": step.order,
            "ladder": step.ladder.number,
            "what": step_label(step),
            "article": step_citation(step),
        },
    )


# --- who sees which sanction ----------------------------------------------------------------


def _with_related(qs: QuerySet[Sanction]) -> QuerySet[Sanction]:
    return qs.select_related(
        "office",
        "office__district",
        "step__ladder",
        "step__article__version__bylaw",
        "step__note",
        "decision",
        "complaint",
        "finding",
        "appeal",
        "appeal__decision",
        "penalty",
    )


def sanction_visible_to(user) -> QuerySet[Sanction]:
    """Readers (the unit, the committee, the council, auditors) see every sanction; an office's
    manager the decided sanctions on their office; a treasury officer the imposed fines."""
    qs = Sanction.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if permissions.can_read_all(user):
        return _with_related(qs)
    decided = ~Q(status__in=(SanctionStatus.PROPOSED, SanctionStatus.WITHDRAWN))
    scope = Q(pk__in=[])
    if permissions.is_treasury_officer(user):
        scope |= Q(kind=SanctionKind.FINE) & ~Q(status=SanctionStatus.NOT_IMPOSED)
    office = office_of_user(user)
    if office is not None and permissions.is_manager_of(user, office):
        scope |= Q(office=office)
    return _with_related(qs.filter(decided & scope))


def sanction_get_for_user(user, pk: int) -> Sanction | None:
    return sanction_visible_to(user).filter(pk=pk).first()


def sanction_list(user, *, status: str = "", kind: str = "") -> QuerySet[Sanction]:
    qs = sanction_visible_to(user)
    if status in SanctionStatus.values:
        qs = qs.filter(status=status)
    if kind in SanctionKind.values:
        qs = qs.filter(kind=kind)
    return qs


def sanctions_awaiting_committee() -> QuerySet[Sanction]:
    """Proposals and appeals the committee has still to decide, oldest first."""
    return _with_related(
        Sanction.objects.filter(
            Q(status=SanctionStatus.PROPOSED)
            | Q(status=SanctionStatus.APPEALED, appeal__outcome=AppealOutcome.PENDING)
        )
    ).order_by("proposed_at", "pk")


def sanctions_awaiting_committee_count() -> int:
    return (
        Sanction.objects.filter(
            Q(status=SanctionStatus.PROPOSED)
            | Q(status=SanctionStatus.APPEALED, appeal__outcome=AppealOutcome.PENDING)
        )
        .values("pk")
        .count()
    )


def sanctions_proposed_count() -> int:
    return Sanction.objects.filter(status=SanctionStatus.PROPOSED).count()


def fines_to_record() -> QuerySet[Sanction]:
    """Imposed fines the treasury has not yet recorded as penalties, oldest first."""
    return _with_related(
        Sanction.objects.filter(kind=SanctionKind.FINE, status__in=IN_FORCE, penalty__isnull=True)
    ).order_by("imposed_at", "pk")


def sanctions_of_my_office(user) -> QuerySet[Sanction]:
    """The decided sanctions on the manager's office, newest first (empty for anyone else)."""
    office = office_of_user(user)
    if office is None or not permissions.is_manager_of(user, office):
        return Sanction.objects.none()
    return _with_related(
        Sanction.objects.filter(office=office).exclude(
            status__in=(SanctionStatus.PROPOSED, SanctionStatus.WITHDRAWN)
        )
    ).order_by("-imposed_at", "-pk")


def sanctions_appealable(user) -> QuerySet[Sanction]:
    """The manager's sanctions they may still appeal (imposed, not appealed, in time)."""
    today = timezone.localdate()
    return (
        sanctions_of_my_office(user)
        .filter(status=SanctionStatus.IMPOSED, appeal_by__gte=today, appeal__isnull=True)
        .order_by("appeal_by")
    )


def suspensions_due(now: datetime.datetime | None = None) -> list[int]:
    """Ids of the suspensions whose days have run out and whose office is not yet reinstated."""
    now = now or timezone.now()
    due = []
    for pk, imposed_at, days in Sanction.objects.filter(
        kind=SanctionKind.SUSPENSION, status__in=IN_FORCE, lifted_at__isnull=True
    ).values_list("pk", "imposed_at", "suspension_days"):
        if imposed_at + datetime.timedelta(days=days) <= now:
            due.append(pk)
    return due


def revocations_due(today: datetime.date | None = None) -> list[int]:
    """Ids of the imposed revocations not appealed in time and not yet carried out."""
    today = today or timezone.localdate()
    return list(
        Sanction.objects.filter(
            kind=SanctionKind.REVOCATION,
            status=SanctionStatus.IMPOSED,
            revoked_at__isnull=True,
            appeal_by__lt=today,
            appeal__isnull=True,
        ).values_list("pk", flat=True)
    )


def suspending_sanctions(office) -> QuerySet[Sanction]:
    """The sanctions in force that keep `office` suspended: suspensions not yet lifted and
    revocations awaiting their appeal."""
    return Sanction.objects.filter(
        office=office,
        status__in=IN_FORCE,
        kind__in=(SanctionKind.SUSPENSION, SanctionKind.REVOCATION),
        lifted_at__isnull=True,
        revoked_at__isnull=True,
    )


def suspension_ends(sanction: Sanction) -> datetime.datetime | None:
    if sanction.kind != SanctionKind.SUSPENSION or sanction.imposed_at is None:
        return None
    return sanction.imposed_at + datetime.timedelta(days=sanction.suspension_days)


# --- where a proposal starts -----------------------------------------------------------------


def _open_sanction_on(field: str) -> Exists:
    return Exists(Sanction.objects.filter(**{field: OuterRef("pk")}, status__in=OPEN))


def complaints_sanctionable() -> QuerySet[Complaint]:
    """Upheld (or partly upheld) complaints about an office with no sanction open on them."""
    return (
        Complaint.objects.filter(ruling__in=UPHELD_RULINGS, office__isnull=False)
        .filter(~_open_sanction_on("complaint"))
        .select_related("office")
        .order_by("-ruled_at", "-pk")
    )


def findings_sanctionable() -> QuerySet[Finding]:
    """Findings not yet corrected with no sanction open on them."""
    return (
        Finding.objects.exclude(status=FindingStatus.RESOLVED)
        .filter(~_open_sanction_on("finding"))
        .select_related("office")
        .order_by("-created_at", "-pk")
    )


def complaint_sanctionable_get(pk: int) -> Complaint | None:
    return Complaint.objects.select_related("office").filter(pk=pk).first()


def finding_sanctionable_get(pk: int) -> Finding | None:
    return Finding.objects.select_related("office").filter(pk=pk).first()


# --- the office's public record ------------------------------------------------------------


def office_public_sanctions(office: Office) -> QuerySet[Sanction]:
    """The sanctions imposed on the office (public: kind, date, decision, article)."""
    return (
        Sanction.objects.filter(office=office, status__in=(*IN_FORCE, SanctionStatus.ANNULLED))
        .select_related("decision", "step__article__version__bylaw", "step__note")
        .order_by("-imposed_at", "-pk")
    )


def office_grade_history(office: Office) -> QuerySet[OfficeGrade]:
    """The office's published grades, newest period first."""
    return (
        OfficeGrade.objects.filter(office=office, period__status=PeriodStatus.GRADED)
        .select_related("period")
        .order_by("-period__ends_on")
    )
