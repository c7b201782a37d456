"""Identity: role assignment, staff accounts, and (from the `identity` package) citizen sign-in,
consent codes and the binding of national codes to mobiles."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy

from daftar.accounts.choices import Role
from daftar.accounts.identity import (  # noqa: F401 - the accounts app's services, in one place
    IDENTITY_STREAM,
    OtpIssued,
    Reclaimed,
    citizen_for_partner,
    citizen_otp_request,
    citizen_otp_verify,
    citizen_reclaim,
    citizen_reclaim_request,
    counter_consent_request,
    counter_consent_verify,
    partner_consent_confirm,
    partner_consent_request,
)
from daftar.accounts.models import User
from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import InvalidInput


@audited
def user_create_staff(
    *,
    actor: Actor,
    username: str,
    password: str,
    roles: list[Role],
    first_name: str = "",
    last_name: str = "",
    national_code: str | None = None,
    mobile: str = "",
) -> User:
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        national_code=national_code or None,
        mobile=mobile,
        is_staff=Role.SYSTEM_ADMIN in roles,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set(Group.objects.filter(name__in=[str(role) for role in roles]))
    audit_record(
        actor=actor,
        action="user.created",
        obj=user,
        summary=f"staff account {username} created",
        after={"username": username, "roles": sorted(str(r) for r in roles)},
    )
    return user


@audited
def user_set_roles(*, actor: Actor, user: User, roles: list[Role]) -> User:
    before = sorted(user.groups.values_list("name", flat=True))
    user.groups.set(Group.objects.filter(name__in=[str(role) for role in roles]))
    user.is_staff = Role.SYSTEM_ADMIN in roles
    user.save(update_fields=["is_staff"])
    audit_record(
        actor=actor,
        action="user.roles_changed",
        obj=user,
        before={"roles": before},
        after={"roles": sorted(str(role) for role in roles)},
        summary=f"roles of {user.username} changed",
    )
    return user


@audited
def citizen_name_record(*, actor: Actor, citizen: User, first_name: str, last_name: str) -> User:
    """Record a citizen's name (taken at an office counter from the national card)."""
    first_name, last_name = first_name.strip(), last_name.strip()
    if not first_name or not last_name:
        raise InvalidInput(
            gettext_lazy("Enter the citizen's first and last name."),
            code=CoreErrorCode.REQUIRED,
            field="first_name" if not first_name else "last_name",
        )
    before = {"first_name": citizen.first_name, "last_name": citizen.last_name}
    citizen.first_name, citizen.last_name = first_name[:150], last_name[:150]
    citizen.save(update_fields=["first_name", "last_name"])
    audit_record(
        actor=actor,
        action="citizen.name_recorded",
        stream=IDENTITY_STREAM,
        obj=citizen,
        before=before,
        after={"first_name": first_name, "last_name": last_name},
    )
    return citizen
