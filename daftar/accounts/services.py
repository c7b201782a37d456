"""Identity: citizen sign-in by one-time SMS code, role assignment, staff accounts."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daftar.accounts.choices import Role
from daftar.accounts.models import OneTimeCode, User
from daftar.accounts.selectors import citizen_get_by_national_code, otp_latest_active
from daftar.audit.services import audit_record, audited
from daftar.core import ratelimit
from daftar.core.errors import InvalidInput, RateLimited, validation_error_to_daftar
from daftar.core.identifiers import mobile_display, normalize_mobile, normalize_national_code
from daftar.core.logging import mask_national_code
from daftar.notifications.services import sms_enqueue

IDENTITY_STREAM = "identity"
_OTP_SALT = "daftar.accounts.one-time-code"


def _hash_code(salt: str, code: str) -> str:
    return salted_hmac(_OTP_SALT, f"{salt}:{code}", algorithm="sha256").hexdigest()


def _masked_mobile(mobile: str) -> str:
    shown = mobile_display(mobile)
    return f"{shown[:4]} *** {shown[-4:]}"


def _normalised(national_code: str, mobile: str | None = None) -> tuple[str, str | None]:
    from django.core.exceptions import ValidationError

    try:
        code = normalize_national_code(national_code)
    except ValidationError as error:
        raise validation_error_to_daftar(error, field="national_code") from error
    if mobile is None:
        return code, None
    try:
        return code, normalize_mobile(mobile)
    except ValidationError as error:
        raise validation_error_to_daftar(error, field="mobile") from error


@dataclass(frozen=True)
class OtpIssued:
    otp: OneTimeCode
    masked_mobile: str


def citizen_otp_request(*, national_code: str, mobile: str, ip: str) -> OtpIssued:
    """Validate, rate-limit, then issue a code. Limits count even when the request fails later."""
    code, mobile_canonical = _normalised(national_code, mobile)
    per_code, per_code_window = settings.OTP_SEND_LIMIT_PER_NATIONAL_CODE
    per_ip, per_ip_window = settings.OTP_SEND_LIMIT_PER_IP
    if not ratelimit.hit(f"otp-ip:{ip}", limit=per_ip, window_seconds=per_ip_window):
        raise RateLimited()
    if not ratelimit.hit(f"otp-nc:{code}", limit=per_code, window_seconds=per_code_window):
        raise RateLimited(
            gettext_lazy(
                "Too many codes were requested for this national code. "
                "Please wait a few minutes and try again."
            )
        )
    return _otp_issue(national_code=code, mobile=mobile_canonical, ip=ip)


@audited
def _otp_issue(*, national_code: str, mobile: str, ip: str) -> OtpIssued:
    citizen = citizen_get_by_national_code(national_code)
    if citizen is not None and citizen.mobile and citizen.mobile != mobile:
        raise InvalidInput(
            gettext_lazy(
                "This mobile number is not the one registered for this national code. "
                "To change it, visit an office with your national card."
            ),
            code="mobile_mismatch",
            field="mobile",
        )
    now = timezone.now()
    OneTimeCode.objects.filter(
        national_code=national_code, consumed_at__isnull=True, superseded_at__isnull=True
    ).update(superseded_at=now)
    plain = f"{secrets.randbelow(10**settings.CITIZEN_OTP_LENGTH):0{settings.CITIZEN_OTP_LENGTH}d}"
    salt = secrets.token_hex(16)
    otp = OneTimeCode.objects.create(
        national_code=national_code,
        mobile=mobile,
        salt=salt,
        code_hash=_hash_code(salt, plain),
        created_at=now,
        expires_at=now + settings.CITIZEN_OTP_TTL,
        requested_from_ip=ip if ip and ip != "unknown" else None,
    )
    minutes = int(settings.CITIZEN_OTP_TTL.total_seconds() // 60)
    body = _(
        "Daftar sign-in code: %(code)s (valid for %(minutes)d minutes). "
        "Do not share it with anyone."
    ) % {"code": plain, "minutes": minutes}
    sms_enqueue(to=mobile, body=body, purpose="citizen_otp", sensitive=True)
    audit_record(
        actor=None,
        action="citizen.otp_sent",
        stream=IDENTITY_STREAM,
        obj=otp,
        summary=f"code sent to {_masked_mobile(mobile)} for {mask_national_code(national_code)}",
    )
    return OtpIssued(otp=otp, masked_mobile=_masked_mobile(mobile))


_WRONG = "wrong"


def citizen_otp_verify(*, national_code: str, code: str) -> User:
    """Check the code; return the citizen (created on first sign-in). Wrong codes are counted."""
    national_code, _mobile = _normalised(national_code)
    typed = "".join(ch for ch in str(code) if not ch.isspace())
    from daftar.core.digits import to_ascii_digits

    typed = to_ascii_digits(typed)
    if not (typed.isdigit() and len(typed) == settings.CITIZEN_OTP_LENGTH):
        raise InvalidInput(
            gettext_lazy("Enter the %(length)d-digit code sent to your mobile."),
            code="otp_format",
            field="code",
            params={"length": settings.CITIZEN_OTP_LENGTH},
        )
    outcome = _otp_check(national_code=national_code, typed=typed)
    if outcome == _WRONG:
        raise InvalidInput(gettext_lazy("The code is not correct."), code="otp_wrong", field="code")
    return outcome


@audited
def _otp_check(*, national_code: str, typed: str) -> User | str:
    latest = otp_latest_active(national_code)
    otp = OneTimeCode.objects.select_for_update().filter(pk=latest.pk).first() if latest else None
    if otp is None or otp.consumed_at or otp.superseded_at:
        raise InvalidInput(
            gettext_lazy("There is no active code for this national code. Request a new one."),
            code="otp_missing",
            field="code",
        )
    now = timezone.now()
    if otp.expires_at <= now:
        raise InvalidInput(
            gettext_lazy("This code has expired. Request a new one."),
            code="otp_expired",
            field="code",
        )
    if otp.attempts >= settings.CITIZEN_OTP_MAX_ATTEMPTS:
        raise InvalidInput(
            gettext_lazy("Too many wrong attempts. Request a new code."),
            code="otp_locked",
            field="code",
        )
    if not constant_time_compare(_hash_code(otp.salt, typed), otp.code_hash):
        otp.attempts += 1
        otp.save(update_fields=["attempts"])
        audit_record(
            actor=None,
            action="citizen.otp_wrong",
            stream=IDENTITY_STREAM,
            obj=otp,
            summary=f"wrong code {otp.attempts} for {mask_national_code(national_code)}",
        )
        return _WRONG
    otp.consumed_at = now
    otp.save(update_fields=["consumed_at"])
    citizen, created = _citizen_get_or_create(national_code=national_code, mobile=otp.mobile)
    audit_record(
        actor=citizen,
        action="citizen.account_created" if created else "citizen.signed_in",
        stream=IDENTITY_STREAM,
        obj=citizen,
        summary=f"citizen {mask_national_code(national_code)} signed in with a one-time code",
    )
    return citizen


def _citizen_locked_or_new(national_code: str, **fields) -> tuple[User, bool]:
    """The citizen with this national code, locked; created with `fields` if there is none.

    Two requests for the same new citizen may race: the second insert fails on the unique
    national code inside its savepoint, and that request locks the winner's row instead.
    """
    citizen = User.objects.select_for_update().filter(national_code=national_code).first()
    if citizen is not None:
        return citizen, False
    citizen = User(username=f"citizen-{national_code}", national_code=national_code, **fields)
    citizen.set_unusable_password()
    try:
        with transaction.atomic():
            citizen.save()
    except IntegrityError:
        return User.objects.select_for_update().get(national_code=national_code), False
    citizen.groups.add(Group.objects.get(name=Role.CITIZEN))
    return citizen, True


def _citizen_get_or_create(*, national_code: str, mobile: str) -> tuple[User, bool]:
    now = timezone.now()
    citizen, created = _citizen_locked_or_new(national_code, mobile=mobile, mobile_verified_at=now)
    if not created and not citizen.mobile_verified_at:
        citizen.mobile, citizen.mobile_verified_at = mobile, now
        citizen.save(update_fields=["mobile", "mobile_verified_at"])
    return citizen, created


@audited
def user_create_staff(
    *,
    actor,
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
def user_set_roles(*, actor, user: User, roles: list[Role]) -> User:
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
def citizen_name_record(*, actor, citizen: User, first_name: str, last_name: str) -> User:
    """Record a citizen's name (taken at an office counter from the national card)."""
    first_name, last_name = first_name.strip(), last_name.strip()
    if not first_name or not last_name:
        raise InvalidInput(
            gettext_lazy("Enter the citizen's first and last name."),
            code="required",
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


@audited
def citizen_for_partner(
    *, actor, national_code: str, mobile: str, first_name: str = "", last_name: str = ""
) -> User:
    """The citizen a partner app acts for, created on first use. An existing account keeps its
    own (verified) mobile; the partner's attestation does not replace it."""
    national_code, mobile = _normalised(national_code, mobile)
    citizen, created = _citizen_locked_or_new(
        national_code,
        mobile=mobile,
        first_name=first_name.strip()[:150],
        last_name=last_name.strip()[:150],
    )
    if created:
        audit_record(
            actor=actor,
            action="citizen.account_created",
            stream=IDENTITY_STREAM,
            obj=citizen,
            summary=f"citizen {mask_national_code(national_code)} registered by {actor}",
        )
    else:
        from daftar.audit.services import audit_nothing_changed

        audit_nothing_changed()
    return citizen
