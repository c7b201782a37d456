"""Reads about users and roles."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import STAFF_ROLES, CodePurpose, Role
from daftar.accounts.models import OneTimeCode, User


def user_roles(user) -> frozenset[str]:
    """The role names of `user`, cached on the instance for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_daftar_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._daftar_roles = cached
    return cached


def user_has_role(user, *roles: Role | str) -> bool:
    return bool(user_roles(user) & {str(role) for role in roles})


def user_is_privileged(user) -> bool:
    return bool(user_roles(user) & set(settings.PRIVILEGED_ROLES)) or getattr(
        user, "is_superuser", False
    )


def citizen_get_by_national_code(national_code: str) -> User | None:
    return User.objects.filter(national_code=national_code).first()


def otp_latest_active(
    national_code: str, purpose: CodePurpose = CodePurpose.SIGN_IN, audience: str = ""
) -> OneTimeCode | None:
    """The code of `purpose` (asked by `audience`) that may still be typed back, if any."""
    return (
        OneTimeCode.objects.filter(
            national_code=national_code,
            purpose=purpose,
            audience=audience,
            consumed_at__isnull=True,
            superseded_at__isnull=True,
        )
        .order_by("-created_at")
        .first()
    )


def _staff() -> Q:
    """Staff accounts: a staff role's members, or a superuser (the first administrator).

    Read from the role memberships of the staff groups (by their ids, one small query first,
    so PostgreSQL knows from its statistics that they are few) and from the superusers' own
    partial index: never by walking every account. The city's citizens are millions, its staff
    thousands; `EXISTS (… staff group …) OR is_superuser` read every account, three times on the
    system administrator's home (docs/benchmarks.md, "Role homes at a million files")."""
    from django.contrib.auth.models import Group

    groups = list(
        Group.objects.filter(name__in=[str(role) for role in STAFF_ROLES]).values_list(
            "pk", flat=True
        )
    )
    members = User.groups.through.objects.filter(group_id__in=groups).values("user_id")
    superusers = User.objects.filter(is_superuser=True).values("pk")
    return Q(pk__in=members.union(superusers))


def staff_authenticator_list(*, query: str = "") -> QuerySet[User]:
    """Active staff accounts (a staff role, or a superuser such as the first administrator)
    with the state of their second factor, for the system
    administrator's page: `has_authenticator`, `open_code_expires_at` (an enrolment code
    issued and not yet used or revoked) and their roles (prefetched)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from daftar.accounts.models import AuthenticatorEnrolmentCode

    open_codes = AuthenticatorEnrolmentCode.objects.filter(
        user=OuterRef("pk"), used_at__isnull=True, revoked_at__isnull=True
    )
    users = (
        User.objects.filter(_staff(), is_active=True)
        .annotate(
            has_authenticator=Exists(
                TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
            ),
            open_code_expires_at=Subquery(open_codes.values("expires_at")[:1]),
        )
        .prefetch_related("groups")
        .order_by("username")
    )
    query = query.strip()
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    return users


def staff_account_for_admin(pk: int) -> User | None:
    """A staff account the system administrator may act on (None for anyone else)."""
    return staff_authenticator_list().filter(pk=pk).first()


def staff_without_authenticator_count() -> int:
    """Active staff accounts with no confirmed authenticator (the system administrator's
    home: each needs an enrolment code)."""
    return staff_authenticator_list().filter(has_authenticator=False).count()


def user_display_name(user) -> str:
    """What pages call a person: their full name, else the name of their role ("Department
    reviewer"), never their username — usernames are sign-in identifiers, not names."""
    full = user.get_full_name().strip()
    if full:
        return full
    roles = [group.name for group in user.groups.all()]
    for role in Role:
        if role.value in roles:
            return str(role.label)
    return str(_("A member of staff"))


def user_display_names(usernames) -> dict[str, str]:
    """`user_display_name` of each user named in `usernames` (unknown names are left out), in
    at most two queries."""
    wanted = {name for name in usernames if name}
    if not wanted:
        return {}
    users = User.objects.filter(username__in=wanted).prefetch_related("groups")
    return {user.username: user_display_name(user) for user in users}


def users_with_role(role: Role | str) -> QuerySet[User]:
    """Active users holding `role`, by id (e.g. the inspectors a plan assigns in turn)."""
    return User.objects.filter(groups__name=str(role), is_active=True).order_by("pk")


def staff_accounts(*, query: str = "", role: str = "", status: str = "active") -> QuerySet[User]:
    """Staff accounts (a staff role, or a superuser) for the system administrator's people
    pages: `status` "active", "inactive" or "all"; `role` a role name; `query` part of the
    username or the name (Arabic ي/ك and digits folded). Roles prefetched."""
    from daftar.core.text import search_key

    accounts = User.objects.filter(_staff()).prefetch_related("groups")
    if status == "active":
        accounts = accounts.filter(is_active=True)
    elif status == "inactive":
        accounts = accounts.filter(is_active=False)
    if role:
        accounts = accounts.filter(groups__name=role)
    query = query.strip()
    if query:
        words = Q(username__icontains=query)
        for part in {query, search_key(query)}:
            words |= Q(first_name__icontains=part) | Q(last_name__icontains=part)
        accounts = accounts.filter(words)
    return accounts


def staff_without_password(accounts: QuerySet[User]) -> QuerySet[User]:
    """Those of `accounts` with no usable password (created by an approved proposal and
    waiting for their first password)."""
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    return accounts.filter(password__startswith=UNUSABLE_PASSWORD_PREFIX)
