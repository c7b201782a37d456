"""The system administrator's people pages: a staff member's account, roles, office post and
department place changed together, in one audited transaction (docs/adr/0027-people-and-roles.md).

Accounts owns the account and its roles, catalogue the department places, offices the office
posts; these services validate the whole change first, then call each app's own service, so a
refusal changes nothing and every part is in the audit log.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.accounts.permissions import is_staff_administrator
from daftar.accounts.services import (
    staff_password_generate,
    user_create_staff,
    user_deactivate,
    user_reactivate,
    user_set_details,
    user_set_roles,
)
from daftar.audit.services import audit_nothing_changed, audit_record, audited, office_stream
from daftar.catalogue.models import Department
from daftar.catalogue.services import department_member_remove, department_member_set
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.staffing import Departure, staff_departed
from daftar.offices.choices import StaffRole
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import Office, OfficeStaff
from daftar.offices.services.registry import office_staff_add, office_staff_leave, require_operable

OFFICE_ROLES = frozenset({Role.OFFICE_OPERATOR.value, Role.OFFICE_MANAGER.value})
MANAGER_STAFF_ROLES = frozenset({StaffRole.MANAGER.value})
OPERATOR_STAFF_ROLES = frozenset({StaffRole.OPERATOR.value, StaffRole.TECHNICAL_MANAGER.value})


def role_for_staff_role(staff_role: StaffRole | str) -> Role:
    """The account role an office post needs: managers manage, the others operate."""
    return Role.OFFICE_MANAGER if str(staff_role) == StaffRole.MANAGER else Role.OFFICE_OPERATOR


@dataclass(frozen=True)
class Placement:
    """Where a staff member works: roles, and the office post and department place they need."""

    roles: tuple[str, ...]
    office: Office | None = None
    staff_role: str = ""
    department: Department | None = None
    is_head: bool = False


def _require_administrator(actor: Actor) -> None:
    if not is_staff_administrator(actor):
        raise Forbidden(
            _("Only a system administrator administers staff accounts."),
            code=OfficesErrorCode.NOT_STAFF_ADMINISTRATOR,
        )


def placement_check(placement: Placement) -> None:
    """Refuse a placement whose parts disagree: an office role without an office (or with a
    post of the other kind), an office without an office role, a reviewer without a department,
    a department for someone who reviews for none."""
    roles = {str(role) for role in placement.roles}
    office_roles = roles & OFFICE_ROLES
    if office_roles and (placement.office is None or not placement.staff_role):
        raise InvalidInput(
            _("An office operator or manager works at an office: choose the office and the post."),
            code=OfficesErrorCode.STAFF_OFFICE_REQUIRED,
            field="office" if placement.office is None else "staff_role",
        )
    if not office_roles and (placement.office is not None or placement.staff_role):
        raise InvalidInput(
            _(
                "Only an office operator or manager works at an office: add the role or leave "
                "the office empty."
            ),
            code=OfficesErrorCode.OFFICE_WITHOUT_OFFICE_ROLE,
            field="office",
        )
    if office_roles:
        wanted = MANAGER_STAFF_ROLES if Role.OFFICE_MANAGER.value in roles else OPERATOR_STAFF_ROLES
        if placement.staff_role not in wanted:
            raise InvalidInput(
                _(
                    "The post does not match the roles: an office manager holds the manager's "
                    "post; an operator is an operator or the technical manager."
                ),
                code=OfficesErrorCode.STAFF_ROLE_MISMATCH,
                field="staff_role",
            )
        require_operable(placement.office)
    reviewer = Role.DEPARTMENT_REVIEWER.value in roles
    if reviewer and placement.department is None:
        raise InvalidInput(
            _("A department reviewer reviews for a department: choose it."),
            code=OfficesErrorCode.DEPARTMENT_REQUIRED,
            field="department",
        )
    if not reviewer and (placement.department is not None or placement.is_head):
        raise InvalidInput(
            _(
                "Only a department reviewer belongs to a department: add the role or leave "
                "the department empty."
            ),
            code=OfficesErrorCode.DEPARTMENT_WITHOUT_REVIEWER_ROLE,
            field="department",
        )


def _current_post(user: User) -> OfficeStaff | None:
    return (
        OfficeStaff.objects.select_for_update()
        .select_related("office")
        .filter(user=user, left_on__isnull=True)
        .first()
    )


def _place(*, actor: Actor, user: User, placement: Placement, today: datetime.date) -> None:
    """Make `user`'s office post and department place what `placement` says."""
    post = _current_post(user)
    if placement.office is None:
        if post is not None:
            office_staff_leave(actor=actor, post=post, left_on=max(today, post.hired_on))
    elif post is None or post.office_id != placement.office.pk:
        if post is not None:
            office_staff_leave(actor=actor, post=post, left_on=max(today, post.hired_on))
        office_staff_add(
            actor=actor,
            office=placement.office,
            user=user,
            role=StaffRole(placement.staff_role),
            hired_on=today,
        )
    elif post.role != placement.staff_role:
        office_staff_set_role(actor=actor, post=post, role=StaffRole(placement.staff_role))
    if placement.department is None:
        department_member_remove(actor=actor, user=user)
    else:
        department_member_set(
            actor=actor, user=user, department=placement.department, is_head=placement.is_head
        )
    user.__dict__.pop("_daftar_office", None)


@audited
def office_staff_set_role(*, actor: Actor, post: OfficeStaff, role: StaffRole) -> OfficeStaff:
    """Change a current post's role at the same office (its certifications stay with it)."""
    if post.left_on is not None:
        raise Conflict(
            _("This person has already left the office."), code=OfficesErrorCode.ALREADY_LEFT
        )
    before = post.role
    post.role = role
    post.save(update_fields=["role"])
    audit_record(
        actor=actor,
        action="office.staff_role_changed",
        stream=office_stream(post.office.code),
        obj=post,
        summary=f"{post.user.username} at {post.office.code}: {before} → {role}",
        before={"role": before},
        after={"role": str(role)},
    )
    return post


@dataclass(frozen=True)
class Created:
    user: User
    password: str  # shown once, never stored in clear


@audited
def staff_member_create(
    *,
    actor: Actor,
    username: str,
    first_name: str,
    last_name: str,
    mobile: str,
    placement: Placement,
    today: datetime.date | None = None,
) -> Created:
    """Create a staff account with its roles, office post and department place; returns it
    with its first password (to hand over once)."""
    _require_administrator(actor)
    if not first_name.strip() or not last_name.strip():
        raise InvalidInput(
            _("Enter the staff member's first and last name."),
            code=CoreErrorCode.REQUIRED,
            field="first_name" if not first_name.strip() else "last_name",
        )
    placement_check(placement)
    password = staff_password_generate()
    user = user_create_staff(
        actor=actor,
        username=username,
        password=password,
        roles=list(placement.roles),
        first_name=first_name,
        last_name=last_name,
        mobile=mobile,
    )
    _place(actor=actor, user=user, placement=placement, today=today or timezone.localdate())
    return Created(user=user, password=password)


@audited
def staff_member_update(
    *,
    actor: Actor,
    user: User,
    first_name: str,
    last_name: str,
    mobile: str,
    placement: Placement,
    today: datetime.date | None = None,
) -> User:
    """Change a staff member's name, mobile, roles, office post and department place."""
    _require_administrator(actor)
    placement_check(placement)
    user_set_details(
        actor=actor, user=user, first_name=first_name, last_name=last_name, mobile=mobile
    )
    user_set_roles(actor=actor, user=user, roles=list(placement.roles))
    if user.is_active:
        _place(actor=actor, user=user, placement=placement, today=today or timezone.localdate())
        # Files assigned to them in a department they no longer review for return to its
        # shared queue (cases registers with core.staffing, ADR 0031).
        kept = placement.department.pk if placement.department is not None else None
        staff_departed(
            actor=actor, departure=Departure(user=user, kept_department_id=kept, deactivated=False)
        )
    else:
        audit_nothing_changed()  # a deactivated account holds no post until reactivated
    return user


@audited
def staff_member_deactivate(
    *, actor: Actor, user: User, reason: str, today: datetime.date | None = None
) -> User:
    """Deactivate a staff member: they cannot sign in, and they leave every queue — their office
    post ends today, they leave their department (the audit log keeps both) and the open files
    assigned to them return to their departments' shared queues."""
    _require_administrator(actor)
    user_deactivate(actor=actor, user=user, reason=reason)
    today = today or timezone.localdate()
    post = _current_post(user)
    if post is not None:
        office_staff_leave(actor=actor, post=post, left_on=max(today, post.hired_on))
    department_member_remove(actor=actor, user=user)
    user.__dict__.pop("_daftar_office", None)
    # Their open assigned files return to their departments' shared queues (ADR 0031).
    staff_departed(
        actor=actor, departure=Departure(user=user, kept_department_id=None, deactivated=True)
    )
    return user


@audited
def staff_member_reactivate(*, actor: Actor, user: User) -> User:
    """Let a deactivated staff member sign in again; their office and department are then
    chosen again on the edit page (they were left at deactivation)."""
    _require_administrator(actor)
    return user_reactivate(actor=actor, user=user)
