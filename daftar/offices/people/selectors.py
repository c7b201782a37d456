"""Reads for the people pages: one access path per list (`*_visible_to`)."""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.accounts.selectors import staff_accounts, staff_without_password, user_has_role
from daftar.catalogue.selectors import department_places
from daftar.offices.choices import ProposalStatus
from daftar.offices.models import Certification, Office, OfficeStaff, StaffLeave, StaffProposal
from daftar.offices.permissions import is_training_unit, managed_office


def _with_places(accounts: QuerySet[User]) -> QuerySet[User]:
    """`accounts` with their current office (`office_code`, `office_id_now`, `staff_role`) and
    department (`department_code`, `department_id_now`, `is_head`)."""
    posts = OfficeStaff.objects.filter(user=OuterRef("pk"), left_on__isnull=True)
    places = department_places().filter(user=OuterRef("pk"))
    return accounts.annotate(
        office_code=Subquery(posts.values("office__code")[:1]),
        office_id_now=Subquery(posts.values("office_id")[:1]),
        staff_role=Subquery(posts.values("role")[:1]),
        department_code=Subquery(places.values("department__code")[:1]),
        department_id_now=Subquery(places.values("department_id")[:1]),
        is_head=Subquery(places.values("is_head")[:1]),
    )


def staff_visible_to(
    user, *, query: str = "", role: str = "", status: str = "active"
) -> QuerySet[User]:
    """The staff accounts the system administrator lists (nobody else: an empty list)."""
    if not user_has_role(user, Role.SYSTEM_ADMIN):
        return staff_accounts().none()
    if status == "no_password":
        accounts = staff_without_password(staff_accounts(query=query, role=role))
    else:
        accounts = staff_accounts(query=query, role=role, status=status)
    accounts = _with_places(accounts)
    return accounts.order_by("-is_active", "last_name", "first_name", "username")


def staff_member_for(user, pk: int) -> User | None:
    """One staff account the system administrator may act on, or None."""
    return staff_visible_to(user, status="all").filter(pk=pk).first()


def staff_count_active() -> int:
    return staff_accounts().count()


def staff_without_password_count() -> int:
    """Active staff accounts that cannot sign in yet: created by an approved proposal, waiting
    for the system administrator to issue their first password."""
    return staff_without_password(staff_accounts()).count()


def certifications_visible_to(user, *, within_days: int | None = None) -> QuerySet[Certification]:
    """The certifications of current office staff the training unit lists (soonest expiry
    first); `within_days` keeps those expiring in that many days (expired ones included)."""
    if not is_training_unit(user):
        return Certification.objects.none()
    certifications = Certification.objects.filter(staff__left_on__isnull=True).select_related(
        "staff__user", "staff__office", "domain"
    )
    if within_days is not None:
        certifications = certifications.filter(
            expires_on__lte=timezone.localdate() + datetime.timedelta(days=within_days)
        )
    return certifications.order_by("expires_on", "number")


def certifications_expiring_count(user) -> int:
    """Certifications of current staff expired or expiring within 30 days (the supervisor's
    home; the same list the certifications page opens with)."""
    return certifications_visible_to(user, within_days=30).count()


def current_posts_for_certification() -> QuerySet[OfficeStaff]:
    """The posts a certification may be recorded for: current staff of every office."""
    return (
        OfficeStaff.objects.filter(left_on__isnull=True, user__is_active=True)
        .select_related("user", "office")
        .order_by("office__code", "user__last_name", "user__username")
    )


def proposals_visible_to(user, *, status: str = "") -> QuerySet[StaffProposal]:
    """The supervision unit sees every proposal; an office manager their office's; nobody
    else any."""
    proposals = StaffProposal.objects.select_related("office", "proposed_by", "decided_by")
    if not is_training_unit(user):
        office = managed_office(user)
        if office is None:
            return StaffProposal.objects.none()
        proposals = proposals.filter(office=office)
    if status:
        proposals = proposals.filter(status=status)
    return proposals.order_by("-proposed_at", "-pk")


def proposal_for(user, pk: int) -> StaffProposal | None:
    return proposals_visible_to(user).filter(pk=pk).first()


def proposals_pending_count(user) -> int:
    return proposals_visible_to(user, status=ProposalStatus.PENDING).count()


# --- staff leave (ADR 0036): the office's manager sees their office's --------------------------


def leave_visible_to(user) -> QuerySet[StaffLeave]:
    """The leave of the staff of the office `user` manages (nobody else sees any)."""
    office = managed_office(user)
    if office is None:
        return StaffLeave.objects.none()
    return StaffLeave.objects.filter(staff__office=office).select_related(
        "staff__user", "recorded_by"
    )


def leave_current_and_coming(user, today: datetime.date) -> QuerySet[StaffLeave]:
    """Leave under way or still to come (not cancelled), soonest first."""
    return (
        leave_visible_to(user)
        .filter(cancelled_at__isnull=True, last_day__gte=today)
        .order_by("first_day", "pk")
    )


def leave_for(user, pk: int) -> StaffLeave | None:
    return leave_visible_to(user).filter(pk=pk).first()


def office_current_posts(office: Office | None) -> QuerySet[OfficeStaff]:
    """The office's staff now working there, by name: who a leave may be recorded for."""
    if office is None:
        return OfficeStaff.objects.none()
    return (
        OfficeStaff.objects.filter(office=office, left_on__isnull=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
