"""Reads of complaints. One access path: `complaint_visible_to(user)` — the supervision unit,
committee members, council members and auditors see every complaint; an office's manager the
complaints about their office (without the complainant); a citizen their own."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_roles
from daftar.core.actors import Actor
from daftar.core.identifiers import normalize_mobile
from daftar.core.jalali import TEHRAN
from daftar.governance.selectors import version_articles, version_in_force
from daftar.offices.selectors import office_of_user
from daftar.supervision.choices import (
    UPHELD_RULINGS,
    AppealOutcome,
    ComplaintStatus,
    RuleStatus,
)
from daftar.supervision.models import Complaint, ComplaintAppeal, ComplaintEvent, ComplaintRule
from daftar.supervision.permissions import READER_ROLES
from daftar.supervision.services.complaints import (
    OPEN_STATUSES,
    REOPEN_LIMIT,
    appeal_deadline,
    complaint_code_normalise,
    reopen_deadline,
)

_LIST_RELATED = ("office", "file", "handler")


def complaint_visible_to(user) -> QuerySet[Complaint]:
    if not getattr(user, "is_authenticated", False):
        return Complaint.objects.none()
    roles = user_roles(user)
    if roles & {str(r) for r in READER_ROLES}:
        return Complaint.objects.all()
    condition = Q(pk__in=[])
    if Role.CITIZEN in roles:
        condition |= Q(complainant=user)
    if Role.OFFICE_MANAGER in roles:
        office = office_of_user(user)
        if office is not None:
            condition |= Q(office=office)
    return Complaint.objects.filter(condition)


def complaint_for_user(user, code: str) -> Complaint | None:
    code = complaint_code_normalise(code)
    if code is None:
        return None
    return (
        complaint_visible_to(user)
        .select_related(*_LIST_RELATED, "complainant", "staff_member", "file__service")
        .filter(tracking_code=code)
        .first()
    )


def complaints_of_citizen(user) -> QuerySet[Complaint]:
    return Complaint.objects.filter(complainant=user).select_related("office", "file")


def complaints_about_office(office) -> QuerySet[Complaint]:
    return Complaint.objects.filter(office=office).select_related("office", "file")


def complaint_track(code: str, mobile: str) -> Complaint | None:
    """The public tracking page: a complaint by its code and the mobile that gets its SMS."""
    code = complaint_code_normalise(code)
    try:
        mobile = normalize_mobile(mobile, check_prefix=False)
    except Exception:  # a malformed mobile matches nothing
        return None
    if code is None:
        return None
    complaint = (
        Complaint.objects.select_related("office", "complainant").filter(tracking_code=code).first()
    )
    if complaint is None:
        return None
    on_record = {complaint.contact_mobile}
    if complaint.complainant_id:
        on_record.add(complaint.complainant.mobile)
    known = {normalize_mobile(m, check_prefix=False) for m in on_record if m}
    if mobile not in known:
        return None
    return complaint


def complaint_of_partner(*, partner_id: int, code: str) -> Complaint | None:
    """A complaint the partner app filed (others' are not found)."""
    code = complaint_code_normalise(code)
    if code is None:
        return None
    return (
        Complaint.objects.select_related("office", "file")
        .filter(tracking_code=code, filed_by=Actor.partner(partner_id).label)
        .first()
    )


# --- the supervision unit's queue -------------------------------------------------------------


def _sla_state(complaint: Complaint, now: datetime.datetime) -> str:
    if complaint.status not in OPEN_STATUSES:
        return ""
    deadline = (
        complaint.triage_due_at
        if complaint.status == ComplaintStatus.RECEIVED
        else complaint.due_at
    )
    if deadline < now:
        return "overdue"
    if deadline - now < datetime.timedelta(days=2):
        return "due"
    return "on_time"


def complaint_queue(
    user, *, category: str = "", office_code: str = "", status: str = ""
) -> QuerySet[Complaint]:
    """Open complaints (or those of `status`), the earliest deadline first."""
    complaints = complaint_visible_to(user).select_related(*_LIST_RELATED)
    complaints = (
        complaints.filter(status=status) if status else complaints.filter(status__in=OPEN_STATUSES)
    )
    if category:
        complaints = complaints.filter(category=category)
    if office_code:
        complaints = complaints.filter(office__code=office_code)
    return complaints.order_by("triage_due_at", "due_at", "pk")


def with_sla(complaints) -> list[tuple[Complaint, str]]:
    now = timezone.now()
    return [(c, _sla_state(c, now)) for c in complaints]


def complaint_deadline(complaint: Complaint) -> datetime.datetime:
    return (
        complaint.triage_due_at
        if complaint.status == ComplaintStatus.RECEIVED
        else complaint.due_at
    )


def complaint_counts() -> dict[str, int]:
    """For the supervision unit's home: to triage, overdue, appeals pending."""
    now = timezone.now()
    return Complaint.objects.aggregate(
        received=Count("pk", filter=Q(status=ComplaintStatus.RECEIVED)),
        investigating=Count("pk", filter=Q(status=ComplaintStatus.INVESTIGATING)),
        overdue=Count(
            "pk",
            filter=Q(status=ComplaintStatus.RECEIVED, triage_due_at__lt=now)
            | Q(status=ComplaintStatus.INVESTIGATING, due_at__lt=now),
        ),
        appealed=Count("pk", filter=Q(status=ComplaintStatus.APPEALED)),
        first_due=Min("due_at", filter=Q(status__in=OPEN_STATUSES)),
    )


def appeals_pending() -> QuerySet[ComplaintAppeal]:
    return (
        ComplaintAppeal.objects.filter(outcome=AppealOutcome.PENDING)
        .select_related("complaint", "complaint__office")
        .order_by("filed_at", "pk")
    )


def appeal_of(complaint: Complaint) -> ComplaintAppeal | None:
    return ComplaintAppeal.objects.filter(complaint=complaint).select_related("decision").first()


def articles_cited(pks) -> list:
    """The articles of the bylaw in force with these ids, as (article, None) citations."""
    version = version_in_force()
    wanted = [int(pk) for pk in pks if str(pk).isdigit()]
    if version is None or not wanted:
        return []
    return [(article, None) for article in version_articles(version).filter(pk__in=wanted)]


def rules_in_force() -> QuerySet[ComplaintRule]:
    return ComplaintRule.objects.filter(status=RuleStatus.ADOPTED).select_related("decision")


def rules_drafted() -> QuerySet[ComplaintRule]:
    return ComplaintRule.objects.filter(status=RuleStatus.DRAFT).order_by("category", "pk")


# --- one complaint ----------------------------------------------------------------------------


_EVENT_SENTENCES = {
    "filed": gettext_noop("The complaint was received."),
    "investigating": gettext_noop("The supervision unit started investigating the complaint."),
    "ruled": gettext_noop("The supervision unit ruled on the complaint."),
    "appealed": gettext_noop("The complainant appealed the ruling to the steering committee."),
    "appeal_upheld": gettext_noop("The steering committee upheld the appeal."),
    "appeal_rejected": gettext_noop("The steering committee rejected the appeal."),
    "reopened": gettext_noop("The complainant reopened the complaint; it is investigated again."),
    "rated": gettext_noop("The complainant said how satisfied they are."),
    "closed": gettext_noop("The complaint was closed."),
    "assigned": gettext_noop("The complaint was given to an officer."),
    "evidence": gettext_noop("Evidence was added."),
    "escalated_1": gettext_noop("Escalated: not triaged in time."),
    "escalated_2": gettext_noop("Escalated: not ruled on in time."),
}


@dataclass(frozen=True)
class EventLine:
    at: datetime.datetime
    sentence: str
    note: str
    public: bool


def complaint_timeline(complaint: Complaint, *, public_only: bool) -> list[EventLine]:
    events = ComplaintEvent.objects.filter(complaint=complaint).order_by("at", "pk")
    if public_only:
        events = events.filter(public=True)
    lines = []
    for event in events:
        sentence = _(_EVENT_SENTENCES.get(event.kind, event.kind))
        # The ruling and the score are shown in words elsewhere on the page, not as codes.
        note = "" if event.kind in ("ruled", "rated", "filed") else event.text
        lines.append(EventLine(event.at, sentence, note, event.public))
    return lines


@dataclass(frozen=True)
class ComplainantSteps:
    can_appeal: bool
    appeal_until: datetime.datetime | None
    can_reopen: bool
    reopen_until: datetime.datetime | None
    can_rate: bool


def complainant_steps(complaint: Complaint, user) -> ComplainantSteps:
    """What the complainant may do now (the page shows only these buttons)."""
    mine = getattr(user, "pk", None) is not None and complaint.complainant_id == user.pk
    now = timezone.now()
    appeal_until = appeal_deadline(complaint)
    reopen_until = reopen_deadline(complaint)
    has_appeal = ComplaintAppeal.objects.filter(complaint=complaint).exists() if mine else True
    return ComplainantSteps(
        can_appeal=bool(
            mine
            and complaint.status == ComplaintStatus.RULED
            and not has_appeal
            and appeal_until
            and now <= appeal_until
        ),
        appeal_until=appeal_until,
        can_reopen=bool(
            mine
            and complaint.status in (ComplaintStatus.RULED, ComplaintStatus.CLOSED)
            and complaint.reopened_count < REOPEN_LIMIT
            and reopen_until
            and now <= reopen_until
        ),
        reopen_until=reopen_until,
        can_rate=bool(mine and complaint.ruled_at and complaint.satisfaction is None),
    )


# --- transparency's daily aggregates (daftar.transparency.services.aggregates) ---------------


def complaints_for_aggregates(ranges):
    """Complaints about an office received, and those upheld (wholly or partly), inside any of
    the [start, end) `ranges` (two queries): ([(received_at, office id, district id)],
    [(ruled_at, office id, district id)])."""
    received = Q(pk__in=[])
    ruled = Q(pk__in=[])
    for start, end in ranges:
        received |= Q(received_at__gte=start, received_at__lt=end)
        ruled |= Q(ruled_at__gte=start, ruled_at__lt=end)
    about_office = Complaint.objects.filter(office__isnull=False)
    fields = ("office_id", "office__district_id")
    return (
        list(about_office.filter(received).values_list("received_at", *fields)),
        list(
            about_office.filter(ruled, ruling__in=UPHELD_RULINGS).values_list("ruled_at", *fields)
        ),
    )


def complaint_moments_changed_since(since: datetime.datetime) -> list[datetime.datetime]:
    """The receipt and ruling instants of complaints received or ruled after `since` (one
    query), for the aggregates' incremental build."""
    moments: list[datetime.datetime] = []
    for received_at, ruled_at in Complaint.objects.filter(
        Q(received_at__gt=since) | Q(ruled_at__gt=since), office__isnull=False
    ).values_list("received_at", "ruled_at"):
        moments.append(received_at)
        if ruled_at is not None:
            moments.append(ruled_at)
    return moments


def complaints_first_received_at() -> datetime.datetime | None:
    """When the first complaint about an office was received (None without one)."""
    return Complaint.objects.filter(office__isnull=False).aggregate(first=Min("received_at"))[
        "first"
    ]


def complaint_counts_by_day(first: datetime.date | None, last: datetime.date) -> list[dict]:
    """Complaints per Tehran day × district of the office complained about (None: no office) ×
    category, from `first` (None: the first complaint) to `last` inclusive, for the open data:
    `received` on the day the complaint arrived, `upheld` on the day it was ruled upheld or
    partly upheld (as grading counts them). Counts only — nothing of who complained or what
    they wrote. Two grouped queries; rows ordered by day, district, category."""
    after = last + datetime.timedelta(days=1)
    end = datetime.datetime.combine(after, datetime.time.min, tzinfo=TEHRAN)
    received, ruled = Q(received_at__lt=end), Q(ruled_at__lt=end)
    if first is not None:
        start = datetime.datetime.combine(first, datetime.time.min, tzinfo=TEHRAN)
        received, ruled = received & Q(received_at__gte=start), ruled & Q(ruled_at__gte=start)
    table: dict[tuple, dict] = {}
    for field, filters, measure in (
        ("received_at", received, "received"),
        (
            "ruled_at",
            ruled & Q(ruling__in=UPHELD_RULINGS),
            "upheld",
        ),
    ):
        for day, district, category, n in (
            Complaint.objects.filter(filters)
            .annotate(day=TruncDate(field, tzinfo=TEHRAN))
            .values("day", "office__district__number", "category")
            .annotate(n=Count("pk"))
            .values_list("day", "office__district__number", "category", "n")
        ):
            empty = {"day": day, "district": district, "category": category}
            row = table.setdefault((day, district, category), {**empty, "received": 0, "upheld": 0})
            row[measure] = n
    return sorted(
        table.values(), key=lambda row: (row["day"], row["district"] or 0, row["category"])
    )
