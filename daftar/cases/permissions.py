"""Who may see a file and who may act on it. One access path: `file_visible_to(user)`."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_roles
from daftar.cases.models import File, FileHandover, FileSignOff
from daftar.catalogue.models import Department
from daftar.catalogue.selectors import department_of_user
from daftar.core.actors import Actor
from daftar.offices.selectors import office_of_user

OFFICE_ROLES = (Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER)
# The supervision unit reads every file too: complaints are investigated on the file itself.
OVERSIGHT_ROLES = (Role.COUNCIL_MEMBER, Role.AUDITOR, Role.SUPERVISOR)


def user_department(user) -> Department | None:
    """The department `user` reviews for, or None (one query, cached for the request)."""
    return department_of_user(user)


def file_visible_to(user) -> QuerySet[File]:
    """Files `user` may see: a citizen their own, office staff their office's, a reviewer their
    department's and those it handled and passed on (to read); council members, auditors and the
    supervision unit all (read-only). Others none."""
    if not getattr(user, "is_authenticated", False):
        return File.objects.none()
    roles = user_roles(user)
    condition = Q(pk__in=[])
    if Role.CITIZEN in roles:
        condition |= Q(citizen=user)
    if roles & set(OFFICE_ROLES):
        office = office_of_user(user)
        if office is not None:
            condition |= Q(office=office)
    if Role.DEPARTMENT_REVIEWER in roles:
        department = user_department(user)
        if department is not None:
            # its own files, those waiting for its sign-off in parallel (cases/routing.py), and
            # those it handled and passed on: read-only, `actor_scopes` grants no action on
            # them (ADR 0031)
            condition |= (
                Q(department=department)
                | Q(pk__in=FileSignOff.objects.filter(department=department).values("file_id"))
                | Q(pk__in=FileHandover.objects.filter(department=department).values("file_id"))
            )
    if roles & set(OVERSIGHT_ROLES):
        return File.objects.all()
    return File.objects.filter(condition)


def handled_by_department_of(user, file: File) -> bool:
    """`user` reviews for a department that handled `file` and passed it on: they may read it
    (the staff timeline too) but not act on it unless it is back with them."""
    department = user_department(user) if user is not None else None
    return (
        department is not None
        and FileHandover.objects.filter(department=department, file=file).exists()
    )


def actor_scopes(actor: Actor, file: File) -> set[str]:
    """The roles under which `actor` may act on this particular file."""
    if actor.is_system:  # a job such as "system:sla"
        return {"system"}
    if actor.is_partner:
        return (
            {"partner"}
            if file.partner_id is not None and actor.partner_id == file.partner_id
            else set()
        )
    user = actor.user
    roles = user_roles(user)
    scopes = set()
    if Role.CITIZEN in roles and file.citizen_id == user.pk:
        scopes.add(Role.CITIZEN.value)
    if roles & set(OFFICE_ROLES) and file.office_id is not None:
        office = office_of_user(user)
        if office is not None and office.pk == file.office_id:
            scopes |= {role.value for role in OFFICE_ROLES if role in roles}
    if Role.DEPARTMENT_REVIEWER in roles:
        department = user_department(user)
        if department is not None and (
            department.pk == file.department_id
            or department.code in (file.state.parallel_departments or ())
        ):
            scopes.add(Role.DEPARTMENT_REVIEWER.value)
    return scopes
