"""Identity: role assignment, staff accounts, and (from the `identity` package) citizen sign-in,
consent codes and the binding of national codes to mobiles."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy

from daftar.accounts.choices import STAFF_ROLES, Role
from daftar.accounts.error_codes import AccountsErrorCode
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
from daftar.accounts.models import AuthenticatorEnrolmentCode, User
from daftar.accounts.permissions import is_staff_administrator, may_create_staff_with
from daftar.audit.services import audit_nothing_changed, audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput, validation_error_to_daftar
from daftar.core.identifiers import normalize_mobile
from daftar.core.logging import mask_identifiers


def _require_staff_administrator(actor: Actor) -> None:
    if not is_staff_administrator(actor):
        raise Forbidden(
            gettext_lazy("Only a system administrator administers staff accounts."),
            code=AccountsErrorCode.NOT_ALLOWED_TO_ADMINISTER_STAFF,
        )


def _staff_roles(roles) -> list[Role]:
    """`roles` as Role members: staff roles only, at least one, each once, in Role order."""
    names = {str(role) for role in roles}
    chosen = [role for role in STAFF_ROLES if role.value in names]
    if not chosen or len(chosen) != len(names):
        raise InvalidInput(
            gettext_lazy("Choose at least one staff role."),
            code=AccountsErrorCode.ROLES_REQUIRED,
            field="roles",
        )
    return chosen


def _canonical_mobile(mobile: str) -> str:
    if not (mobile or "").strip():
        return ""
    try:
        return normalize_mobile(mobile)
    except ValidationError as error:
        raise validation_error_to_daftar(error, field="mobile") from error


def _check_username(username: str) -> str:
    username = (username or "").strip()
    if not username:
        raise InvalidInput(
            gettext_lazy("Enter a username."), code=CoreErrorCode.REQUIRED, field="username"
        )
    try:
        User.username_validator(username)
    except ValidationError as error:
        raise InvalidInput(
            gettext_lazy(
                "A username has only Latin letters, digits and @ . + - _ (at most 150 "
                "characters), e.g. s.ahmadi."
            ),
            code=AccountsErrorCode.USERNAME_INVALID,
            field="username",
        ) from error
    if len(username) > 150:
        raise InvalidInput(
            gettext_lazy("A username has at most 150 characters."),
            code=AccountsErrorCode.USERNAME_INVALID,
            field="username",
        )
    if User.objects.filter(username__iexact=username).exists():
        raise InvalidInput(
            gettext_lazy("The username %(username)s is taken; choose another."),
            code=AccountsErrorCode.USERNAME_TAKEN,
            field="username",
            params={"username": username},
        )
    return username


def staff_password_generate() -> str:
    """A first (or replacement) password: 16 characters from an alphabet without look-alikes,
    in four groups, read out or handed over once and changed by its owner."""
    alphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


@audited
def user_create_staff(
    *,
    actor: Actor,
    username: str,
    password: str | None,
    roles: list[Role],
    first_name: str = "",
    last_name: str = "",
    national_code: str | None = None,
    mobile: str = "",
) -> User:
    """Create a staff account. `password=None` leaves it without a usable password: the
    system administrator issues one (`user_password_issue`) before its first sign-in."""
    chosen = _staff_roles(roles)
    if not may_create_staff_with(actor, chosen):
        raise Forbidden(
            gettext_lazy("Only a system administrator administers staff accounts."),
            code=AccountsErrorCode.NOT_ALLOWED_TO_ADMINISTER_STAFF,
        )
    username = _check_username(username)
    mobile = _canonical_mobile(mobile)
    user = User(
        username=username,
        first_name=first_name.strip()[:150],
        last_name=last_name.strip()[:150],
        national_code=national_code or None,
        mobile=mobile,
        is_staff=Role.SYSTEM_ADMIN in chosen,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        raise validation_error_to_daftar(error) from error
    user.save()
    user.groups.set(Group.objects.filter(name__in=[str(role) for role in chosen]))
    audit_record(
        actor=actor,
        action="user.created",
        obj=user,
        summary=f"staff account {username} created",
        after={"username": username, "roles": sorted(str(r) for r in chosen)},
    )
    return user


@audited
def user_set_roles(*, actor: Actor, user: User, roles: list[Role]) -> User:
    """Replace `user`'s roles. A system administrator never removes their own."""
    _require_staff_administrator(actor)
    chosen = _staff_roles(roles)
    if actor.user_id == user.pk and Role.SYSTEM_ADMIN not in chosen:
        raise InvalidInput(
            gettext_lazy(
                "You cannot remove your own system administrator role: ask another system "
                "administrator."
            ),
            code=AccountsErrorCode.OWN_SYSTEM_ADMIN_ROLE,
            field="roles",
        )
    before = sorted(user.groups.values_list("name", flat=True))
    after = sorted(str(role) for role in chosen)
    if before == after:
        audit_nothing_changed()
        return user
    user.groups.set(Group.objects.filter(name__in=[str(role) for role in chosen]))
    user.is_staff = Role.SYSTEM_ADMIN in chosen
    user.save(update_fields=["is_staff"])
    user.__dict__.pop("_daftar_roles", None)
    audit_record(
        actor=actor,
        action="user.roles_changed",
        obj=user,
        before={"roles": before},
        after={"roles": after},
        summary=f"roles of {user.username} changed",
    )
    return user


@audited
def user_set_details(
    *, actor: Actor, user: User, first_name: str, last_name: str, mobile: str
) -> User:
    """Correct a staff member's name and mobile."""
    _require_staff_administrator(actor)
    first_name, last_name = first_name.strip()[:150], last_name.strip()[:150]
    if not first_name or not last_name:
        raise InvalidInput(
            gettext_lazy("Enter the staff member's first and last name."),
            code=CoreErrorCode.REQUIRED,
            field="first_name" if not first_name else "last_name",
        )
    mobile = _canonical_mobile(mobile)
    before = {"first_name": user.first_name, "last_name": user.last_name, "mobile": user.mobile}
    after = {"first_name": first_name, "last_name": last_name, "mobile": mobile}
    if before == after:
        audit_nothing_changed()
        return user
    user.first_name, user.last_name, user.mobile = first_name, last_name, mobile
    user.save(update_fields=["first_name", "last_name", "mobile"])
    audit_record(
        actor=actor,
        action="user.details_changed",
        stream=IDENTITY_STREAM,
        obj=user,
        summary=f"name or mobile of {user.username} changed",
        before={**before, "mobile": mask_identifiers(before["mobile"])},
        after={**after, "mobile": mask_identifiers(mobile)},
    )
    return user


def _require_other_account(actor: Actor, user: User) -> None:
    if actor.user_id == user.pk:
        raise InvalidInput(
            gettext_lazy(
                "You cannot do this to your own account: ask another system administrator."
            ),
            code=AccountsErrorCode.OWN_ACCOUNT,
        )


@audited
def user_deactivate(*, actor: Actor, user: User, reason: str) -> User:
    """Stop `user` signing in (their open sessions end at their next request: Django refuses
    inactive users) and revoke their open enrolment code. Their roles are kept for the record;
    their office post and department place are ended by `staff_member_deactivate` (offices)."""
    _require_staff_administrator(actor)
    _require_other_account(actor, user)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(
            gettext_lazy("Say why the account is deactivated (e.g. left the office)."),
            code=CoreErrorCode.REQUIRED,
            field="reason",
        )
    if not user.is_active:
        raise Conflict(
            gettext_lazy("%(username)s is already deactivated."),
            code=AccountsErrorCode.USER_ALREADY_INACTIVE,
            params={"username": user.get_username()},
        )
    user.is_active = False
    user.save(update_fields=["is_active"])
    AuthenticatorEnrolmentCode.objects.filter(
        user=user, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    audit_record(
        actor=actor,
        action="user.deactivated",
        stream=IDENTITY_STREAM,
        obj=user,
        summary=f"staff account {user.username} deactivated",
        after={"reason": reason[:300]},
    )
    return user


@audited
def user_reactivate(*, actor: Actor, user: User) -> User:
    """Let a deactivated staff member sign in again (with the roles they had)."""
    _require_staff_administrator(actor)
    _require_other_account(actor, user)
    if user.is_active:
        raise Conflict(
            gettext_lazy("%(username)s is already active."),
            code=AccountsErrorCode.USER_ALREADY_ACTIVE,
            params={"username": user.get_username()},
        )
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="user.reactivated",
        stream=IDENTITY_STREAM,
        obj=user,
        summary=f"staff account {user.username} reactivated",
    )
    return user


@audited
def user_password_issue(*, actor: Actor, user: User) -> str:
    """A new password for a staff member (the first one, or a forgotten one): returned once,
    never stored in clear nor logged; the old one stops working at once."""
    _require_staff_administrator(actor)
    _require_other_account(actor, user)
    if not user.is_active:
        raise Conflict(
            gettext_lazy("%(username)s is deactivated; reactivate the account first."),
            code=AccountsErrorCode.USER_ALREADY_INACTIVE,
            params={"username": user.get_username()},
        )
    plain = staff_password_generate()
    user.set_password(plain)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor,
        action="user.password_issued",
        stream=IDENTITY_STREAM,
        obj=user,
        summary=f"new password issued for {user.username}",
    )
    return plain


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
