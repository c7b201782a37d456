"""Who may see and manage what in the office registry (predicates, no side effects)."""

from __future__ import annotations

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.offices.choices import StaffRole
from daftar.offices.models import Office, OfficeStaff


def is_fava_admin(user) -> bool:
    return user_has_role(user, Role.SYSTEM_ADMIN)


def can_manage_office(user, office: Office) -> bool:
    """The office's own manager, FAVA administrators and the committee secretary."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_fava_admin(user) or is_committee_secretary(user):
        return True
    return OfficeStaff.objects.filter(
        office=office, user=user, left_on__isnull=True, role=StaffRole.MANAGER
    ).exists()


def can_see_office_page(user, office: Office) -> bool:
    """The office's page ("my office"): whoever may manage it, and every member of its staff
    now working there (an operator reads the hours, terminals and certifications of the office
    they serve at; nothing on the page changes the office)."""
    if can_manage_office(user, office):
        return True
    return OfficeStaff.objects.filter(office=office, user=user, left_on__isnull=True).exists()


def is_committee_secretary(user) -> bool:
    from daftar.governance.permissions import is_committee_secretary as secretary

    return secretary(user)


def can_see_licence_document(user, office: Office) -> bool:
    return can_manage_office(user, office) or user_has_role(
        user, Role.COMMITTEE_MEMBER, Role.COUNCIL_MEMBER, Role.AUDITOR, Role.INSPECTOR
    )


# --- the working calendar (issue 17, item 4) ---------------------------------------------------


def can_keep_calendar(user) -> bool:
    """The official holidays: the catalogue administrators (who keep the services' SLAs) and
    the system administrators (FAVA)."""
    return user_has_role(user, Role.CATALOGUE_ADMIN, Role.SYSTEM_ADMIN)


def can_keep_office_hours(user, office: Office) -> bool:
    """An office's weekly hours and closures: its own manager and the supervision unit."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user_has_role(user, Role.SUPERVISOR):
        return True
    return OfficeStaff.objects.filter(
        office=office, user=user, left_on__isnull=True, role=StaffRole.MANAGER
    ).exists()


# --- people: the system administrator, the training unit, proposals (ADR 0027) ---------------


def is_training_unit(user) -> bool:
    """The supervision unit acts as the training unit: it records certifications and decides
    office managers' staff proposals (there is no training role; docs/adr/0027)."""
    return user_has_role(user, Role.SUPERVISOR)


def managed_office(user) -> Office | None:
    """The office `user` manages now (a current manager post), or None."""
    if not getattr(user, "is_authenticated", False) or not user_has_role(user, Role.OFFICE_MANAGER):
        return None
    post = (
        OfficeStaff.objects.filter(user=user, left_on__isnull=True, role=StaffRole.MANAGER)
        .select_related("office")
        .first()
    )
    return post.office if post else None
