"""Reads about users and roles."""

from __future__ import annotations

from django.conf import settings

from daftar.accounts.choices import CodePurpose, Role
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
