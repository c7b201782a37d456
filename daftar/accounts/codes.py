"""One-time codes sent by SMS, for every purpose: issue, check, confirm, consume.

These are the building blocks of `daftar.accounts.identity`; they run inside its audited
services and write their own audit entries. A code is looked up by national code, purpose and
audience together, so a sign-in code is never accepted as a consent code (or the reverse), and
an office's consent code never by another office or by a partner app.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import CodeBasis, CodePurpose
from daftar.accounts.error_codes import AccountsErrorCode
from daftar.accounts.models import OneTimeCode
from daftar.accounts.selectors import otp_latest_active
from daftar.audit.services import audit_record
from daftar.core.actors import Actor
from daftar.core.digits import to_ascii_digits
from daftar.core.errors import InvalidInput
from daftar.core.identifiers import mobile_display
from daftar.core.logging import mask_national_code

IDENTITY_STREAM = "identity"
_OTP_SALT = "daftar.accounts.one-time-code"


class WrongCode:
    """Returned (not raised) by `code_check` for a wrong code, so that the caller's
    transaction commits the counted attempt before the error is raised outside it."""


WRONG = WrongCode()


def hash_code(salt: str, code: str) -> str:
    return salted_hmac(_OTP_SALT, f"{salt}:{code}", algorithm="sha256").hexdigest()


def masked_mobile(mobile: str) -> str:
    shown = mobile_display(mobile)
    return f"{shown[:4]} *** {shown[-4:]}"


def typed_code(code: object, *, field: str = "code") -> str:
    """The typed code in ASCII digits, or a format error naming `field`."""
    typed = to_ascii_digits("".join(ch for ch in str(code or "") if not ch.isspace()))
    if not (typed.isdigit() and len(typed) == settings.CITIZEN_OTP_LENGTH):
        raise InvalidInput(
            _("Enter the %(length)d-digit code sent to your mobile."),
            code=AccountsErrorCode.OTP_FORMAT,
            field=field,
            params={"length": settings.CITIZEN_OTP_LENGTH},
        )
    return typed


def wrong_code_error(field: str = "code") -> InvalidInput:
    return InvalidInput(
        _("The code is not correct."), code=AccountsErrorCode.OTP_WRONG, field=field
    )


def code_issue(
    *,
    purpose: CodePurpose,
    national_code: str,
    mobile: str,
    basis: CodeBasis,
    ttl: timedelta,
    audience: str = "",
    service_code: str = "",
    ip: str | None = None,
) -> tuple[OneTimeCode, str]:
    """Store a new code (replacing the live ones of the same purpose and audience); return it
    with its plain text for the SMS. Only a salted HMAC of the code is kept."""
    now = timezone.now()
    OneTimeCode.objects.filter(
        national_code=national_code,
        purpose=purpose,
        audience=audience,
        consumed_at__isnull=True,
        superseded_at__isnull=True,
    ).update(superseded_at=now)
    length = settings.CITIZEN_OTP_LENGTH
    plain = f"{secrets.randbelow(10**length):0{length}d}"
    salt = secrets.token_hex(16)
    otp = OneTimeCode.objects.create(
        national_code=national_code,
        mobile=mobile,
        purpose=purpose,
        audience=audience,
        service_code=service_code,
        basis=basis,
        salt=salt,
        code_hash=hash_code(salt, plain),
        created_at=now,
        expires_at=now + ttl,
        requested_from_ip=ip if ip and ip != "unknown" else None,
    )
    return otp, plain


def code_check(
    *,
    purpose: CodePurpose,
    national_code: str,
    typed: str,
    audience: str = "",
    field: str = "code",
) -> OneTimeCode | WrongCode:
    """The live code of this purpose and audience, locked, if `typed` is it; WRONG (with the
    attempt counted and audited) if not. Raises when there is no live code to check."""
    latest = otp_latest_active(national_code, purpose, audience)
    otp = OneTimeCode.objects.select_for_update().filter(pk=latest.pk).first() if latest else None
    if otp is None or otp.consumed_at or otp.superseded_at:
        raise InvalidInput(
            _("There is no active code for this national code. Request a new one."),
            code=AccountsErrorCode.OTP_MISSING,
            field=field,
        )
    if otp.expires_at <= timezone.now():
        raise InvalidInput(
            _("This code has expired. Request a new one."),
            code=AccountsErrorCode.OTP_EXPIRED,
            field=field,
        )
    if otp.attempts >= settings.CITIZEN_OTP_MAX_ATTEMPTS:
        raise InvalidInput(
            _("Too many wrong attempts. Request a new code."),
            code=AccountsErrorCode.OTP_LOCKED,
            field=field,
        )
    if not constant_time_compare(hash_code(otp.salt, typed), otp.code_hash):
        otp.attempts += 1
        otp.save(update_fields=["attempts"])
        audit_record(
            actor=Actor.system(),
            action=f"citizen.{purpose}_code_wrong",
            stream=IDENTITY_STREAM,
            obj=otp,
            summary=f"wrong {purpose} code {otp.attempts} for {mask_national_code(national_code)}",
        )
        return WRONG
    return otp


def code_consume(otp: OneTimeCode) -> None:
    otp.consumed_at = timezone.now()
    otp.save(update_fields=["consumed_at"])


def codes_supersede_all(national_code: str) -> int:
    """Every live code of this national code stops working (its mobile binding changed)."""
    return OneTimeCode.objects.filter(
        national_code=national_code, consumed_at__isnull=True, superseded_at__isnull=True
    ).update(superseded_at=timezone.now())
