"""Placing reviewers in departments: a reviewer reviews for one department; a department has at
most one head, who receives its escalated files. Changed by the system administrator from the
people pages (daftar/offices/services/people.py) and by system jobs (the demo)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from daftar.accounts.permissions import is_staff_administrator
from daftar.audit.services import audit_nothing_changed, audit_record, audited
from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.catalogue.models import Department, DepartmentMember
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden

STREAM = "catalogue"


def _require_administrator(actor: Actor) -> None:
    if not is_staff_administrator(actor):
        raise Forbidden(
            _("Only a system administrator places reviewers in departments."),
            code=CatalogueErrorCode.DEPARTMENT_MEMBERS_NOT_ADMINISTERED,
        )


def _snapshot(member: DepartmentMember | None) -> dict | None:
    if member is None:
        return None
    return {"department": member.department.code, "is_head": member.is_head}


@audited
def department_member_set(
    *, actor: Actor, user, department: Department, is_head: bool = False
) -> DepartmentMember:
    """Place `user` in `department` (moving them from another one), as its head or not."""
    _require_administrator(actor)
    member = (
        DepartmentMember.objects.select_for_update()
        .select_related("department")
        .filter(user=user)
        .first()
    )
    if is_head:
        head = (
            DepartmentMember.objects.filter(department=department, is_head=True)
            .exclude(user=user)
            .select_related("user")
            .first()
        )
        if head is not None:
            raise Conflict(
                _("%(department)s already has a head (%(head)s); remove their head flag first."),
                code=CatalogueErrorCode.DEPARTMENT_HEAD_TAKEN,
                field="is_head",
                params={
                    "department": department.name,
                    "head": head.user.get_full_name() or head.user.get_username(),
                },
            )
    before = _snapshot(member)
    if member is None:
        member = DepartmentMember.objects.create(user=user, department=department, is_head=is_head)
    elif member.department_id == department.pk and member.is_head == is_head:
        audit_nothing_changed()
        return member
    else:
        member.department, member.is_head = department, is_head
        member.save(update_fields=["department", "is_head"])
    user.__dict__.pop("_daftar_department", None)
    audit_record(
        actor=actor,
        action="department.member_set",
        stream=STREAM,
        obj=member,
        summary=f"{user.get_username()} reviews for {department.code}"
        + (" as head" if is_head else ""),
        before=before,
        after=_snapshot(member),
    )
    return member


@audited
def department_member_remove(*, actor: Actor, user) -> bool:
    """Take `user` out of their department (they no longer see its queue). False if they
    were in none."""
    _require_administrator(actor)
    member = (
        DepartmentMember.objects.select_for_update()
        .select_related("department")
        .filter(user=user)
        .first()
    )
    if member is None:
        audit_nothing_changed()
        return False
    before = _snapshot(member)
    member.delete()
    user.__dict__.pop("_daftar_department", None)
    audit_record(
        actor=actor,
        action="department.member_removed",
        stream=STREAM,
        object_type="catalogue.departmentmember",
        object_id=user.pk,
        summary=f"{user.get_username()} no longer reviews for {before['department']}",
        before=before,
    )
    return True
