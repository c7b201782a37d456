"""The staff second factor: enrolment codes, enrolling and resetting an authenticator app.

Knowing a staff member's password is not enough to enrol an authenticator for them
(docs/adr/0008). A system administrator issues a one-time enrolment code for one person (only
its hash is stored; it is shown once and handed over by another channel: in person, by phone);
the person enters it on the enrolment page before the TOTP secret is shown, and an
authenticator can only be confirmed if it was created by redeeming such a code. The
administrator also resets a lost authenticator. Every step is audited in the identity stream.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from daftar.accounts.choices import STAFF_ROLES, Role
from daftar.accounts.error_codes import AccountsErrorCode
from daftar.accounts.models import AuthenticatorEnrolmentCode, User
from daftar.accounts.selectors import user_has_role
from daftar.accounts.services import IDENTITY_STREAM
from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.digits import to_ascii_digits
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput

ENROLMENT_CODE_DIGITS = 12
# How long after redeeming a code its authenticator may still be confirmed.
ENROLMENT_WINDOW = timedelta(minutes=30)
COMMAND_LINE_ACTOR = Actor.system("command-line")
_SALT = "daftar.accounts.enrolment-code"
_WRONG = "wrong"


def _hash(salt: str, code: str) -> str:
    return salted_hmac(_SALT, f"{salt}:{code}", algorithm="sha256").hexdigest()


def enrolment_code_display(code: str) -> str:
    """`123456789012` as `1234-5678-9012`: easier to read out and to type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _is_system_admin(actor: Actor) -> bool:
    return actor.is_user and user_has_role(actor.user, Role.SYSTEM_ADMIN)


def _require_admin_of(actor: Actor, user: User) -> None:
    """A system administrator (or the server's command line) acting on another staff account."""
    if not (actor == COMMAND_LINE_ACTOR or _is_system_admin(actor)):
        raise Forbidden(
            _("Only a system administrator issues enrolment codes and resets authenticators."),
            code=AccountsErrorCode.NOT_SYSTEM_ADMIN,
        )
    if actor.user_id == user.pk:
        raise Forbidden(
            _(
                "You cannot do this for your own account: ask another system administrator "
                "(or use the server's command line)."
            ),
            code=AccountsErrorCode.OWN_ACCOUNT,
        )
    if not user.is_active or not (user.is_superuser or user_has_role(user, *STAFF_ROLES)):
        raise InvalidInput(
            _("Authenticators are for active staff accounts only."),
            code=AccountsErrorCode.NOT_STAFF,
        )


@audited
def enrolment_code_issue(*, actor: Actor, user: User) -> tuple[AuthenticatorEnrolmentCode, str]:
    """Issue a code for `user` to enrol an authenticator; returns it with the plain code, which
    is never stored and must be shown once. An open code of the same person is revoked."""
    _require_admin_of(actor, user)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise Conflict(
            _("%(username)s already has an authenticator app. Reset it first if it was lost."),
            code=AccountsErrorCode.ALREADY_ENROLLED,
            params={"username": user.get_username()},
        )
    now = timezone.now()
    revoked = AuthenticatorEnrolmentCode.objects.filter(
        user=user, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    plain = f"{secrets.randbelow(10**ENROLMENT_CODE_DIGITS):0{ENROLMENT_CODE_DIGITS}d}"
    salt = secrets.token_hex(16)
    code = AuthenticatorEnrolmentCode.objects.create(
        user=user,
        issued_by=actor.user,
        salt=salt,
        code_hash=_hash(salt, plain),
        created_at=now,
        expires_at=now + settings.ENROLMENT_CODE_TTL,
    )
    audit_record(
        actor=actor,
        action="user.enrolment_code_issued",
        stream=IDENTITY_STREAM,
        obj=user,
        summary=f"authenticator enrolment code issued for {user.get_username()}",
        after={"code_id": code.pk, "expires_at": code.expires_at, "revoked_open_codes": revoked},
    )
    return code, plain


def enrolment_code_redeem(*, actor: Actor, code: str) -> TOTPDevice:
    """Check `actor`'s enrolment code; on success, a fresh unconfirmed authenticator whose
    secret may now be shown to them. Wrong codes are counted (and the count kept)."""
    typed = to_ascii_digits("".join(ch for ch in str(code) if ch.isalnum()))
    if not (typed.isdigit() and len(typed) == ENROLMENT_CODE_DIGITS):
        raise InvalidInput(
            _("Enter the %(length)d-digit enrolment code the system administrator gave you."),
            code=AccountsErrorCode.ENROLMENT_CODE_FORMAT,
            field="code",
            params={"length": ENROLMENT_CODE_DIGITS},
        )
    outcome = _redeem(actor=actor, typed=typed)
    if outcome == _WRONG:
        raise InvalidInput(
            _("The enrolment code is not correct."),
            code=AccountsErrorCode.ENROLMENT_CODE_WRONG,
            field="code",
        )
    return outcome


@audited
def _redeem(*, actor: Actor, typed: str) -> TOTPDevice | str:
    code = (
        AuthenticatorEnrolmentCode.objects.select_for_update()
        .filter(user=actor.user, used_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if code is None:
        raise InvalidInput(
            _("No enrolment code is open for your account. Ask the system administrator."),
            code=AccountsErrorCode.ENROLMENT_CODE_MISSING,
            field="code",
        )
    now = timezone.now()
    if code.expires_at <= now:
        raise InvalidInput(
            _("Your enrolment code has expired. Ask the system administrator for a new one."),
            code=AccountsErrorCode.ENROLMENT_CODE_EXPIRED,
            field="code",
        )
    if code.attempts >= settings.ENROLMENT_CODE_MAX_ATTEMPTS:
        raise InvalidInput(
            _("Too many wrong attempts. Ask the system administrator for a new code."),
            code=AccountsErrorCode.ENROLMENT_CODE_LOCKED,
            field="code",
        )
    if not constant_time_compare(_hash(code.salt, typed), code.code_hash):
        code.attempts += 1
        code.save(update_fields=["attempts"])
        audit_record(
            actor=actor,
            action="user.enrolment_code_wrong",
            stream=IDENTITY_STREAM,
            obj=actor.user,
            summary=f"wrong enrolment code {code.attempts} for {actor.label}",
        )
        return _WRONG
    # A secret shown before (to anyone) is never the one enrolled: start from a fresh key.
    TOTPDevice.objects.filter(user=actor.user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=actor.user, name="authenticator", confirmed=False)
    code.used_at, code.device = now, device
    code.save(update_fields=["used_at", "device"])
    audit_record(
        actor=actor,
        action="user.enrolment_code_used",
        stream=IDENTITY_STREAM,
        obj=actor.user,
        summary=f"{actor.label} entered their enrolment code",
        after={"code_id": code.pk},
    )
    return device


def enrolment_device_pending(user, device_id) -> TOTPDevice | None:
    """The unconfirmed authenticator `user` created by redeeming a code in the last
    ENROLMENT_WINDOW, if `device_id` names it (the view keeps the id in the session)."""
    if not device_id:
        return None
    return (
        TOTPDevice.objects.filter(
            pk=device_id,
            user=user,
            confirmed=False,
            enrolment_code__used_at__gte=timezone.now() - ENROLMENT_WINDOW,
        )
        .select_related("enrolment_code")
        .first()
    )


@audited
def authenticator_confirm(*, actor: Actor, device: TOTPDevice) -> TOTPDevice:
    """Confirm `actor`'s own authenticator after they entered one of its codes. Only an
    authenticator created by redeeming an enrolment code can be confirmed."""
    if device.user_id != actor.user_id or enrolment_device_pending(actor.user, device.pk) is None:
        raise Forbidden(
            _("This authenticator was not set up with an enrolment code. Start again."),
            code=AccountsErrorCode.ENROLMENT_CODE_REQUIRED,
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        actor=actor,
        action="user.totp_enrolled",
        stream=IDENTITY_STREAM,
        obj=actor.user,
        summary=f"{actor.label} set up an authenticator app",
    )
    return device


@audited
def authenticator_reset(*, actor: Actor, user: User, reason: str) -> int:
    """Remove every authenticator of `user` (e.g. a lost phone) and revoke their open
    enrolment code; they enrol again with a new code. Returns how many devices were removed."""
    _require_admin_of(actor, user)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(
            _("Say why the authenticator is reset (e.g. phone lost)."),
            code=CoreErrorCode.REQUIRED,
            field="reason",
        )
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    AuthenticatorEnrolmentCode.objects.filter(
        user=user, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    audit_record(
        actor=actor,
        action="user.authenticator_reset",
        stream=IDENTITY_STREAM,
        obj=user,
        summary=f"authenticator of {user.get_username()} reset",
        after={"devices_removed": len(devices), "reason": reason[:300]},
    )
    return len(devices)


@audited
def second_factor_reset(
    *, actor: Actor, user: User, reason: str
) -> tuple[AuthenticatorEnrolmentCode, str]:
    """Reset `user`'s second factor and issue a new enrolment code at once (the people page):
    every authenticator removed, then a code returned with its plain value, shown once."""
    authenticator_reset(actor=actor, user=user, reason=reason)
    return enrolment_code_issue(actor=actor, user=user)
