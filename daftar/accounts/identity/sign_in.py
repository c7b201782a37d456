"""Citizen sign-in by one-time code, with the mobile-ownership inquiry at the first one
(ADR 0006)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daftar.accounts.choices import CodeBasis, CodePurpose
from daftar.accounts.codes import (
    IDENTITY_STREAM,
    WRONG,
    WrongCode,
    code_check,
    code_consume,
    code_issue,
    masked_mobile,
    typed_code,
    wrong_code_error,
)
from daftar.accounts.error_codes import AccountsErrorCode
from daftar.accounts.identity.common import (
    MOBILE_MISMATCH,
    MOBILE_NOT_OWNER,
    OWNERSHIP_UNAVAILABLE_SIGN_IN,
    OtpIssued,
    citizen_bind,
    minutes,
    normalised,
)
from daftar.accounts.models import User
from daftar.accounts.ownership import Ownership, mobile_ownership_check
from daftar.accounts.selectors import citizen_get_by_national_code
from daftar.audit.services import audit_record, audited
from daftar.core import ratelimit
from daftar.core.actors import Actor
from daftar.core.errors import (
    InvalidInput,
    RateLimited,
    ServiceUnavailable,
)
from daftar.core.logging import mask_national_code
from daftar.core.numbers import format_message
from daftar.notifications.services import sms_enqueue

# --- sign-in -----------------------------------------------------------------------------------


def _sign_in_basis(national_code: str, mobile: str) -> CodeBasis:
    citizen = citizen_get_by_national_code(national_code)
    if citizen is not None and citizen.mobile_owner_verified_at:
        if citizen.mobile != mobile:
            raise InvalidInput(
                MOBILE_MISMATCH, code=AccountsErrorCode.MOBILE_MISMATCH, field="mobile"
            )
        return CodeBasis.REGISTERED
    answer = mobile_ownership_check(national_code=national_code, mobile=mobile)
    if answer == Ownership.MATCH:
        return CodeBasis.INQUIRY_MATCH
    if answer == Ownership.NO_MATCH:
        raise InvalidInput(
            MOBILE_NOT_OWNER, code=AccountsErrorCode.MOBILE_NOT_OWNER, field="mobile"
        )
    if citizen is not None and citizen.mobile and citizen.mobile != mobile:
        raise ServiceUnavailable(
            OWNERSHIP_UNAVAILABLE_SIGN_IN,
            code=AccountsErrorCode.OWNERSHIP_UNAVAILABLE,
            field="mobile",
        )
    return CodeBasis.INQUIRY_UNAVAILABLE


def citizen_otp_request(*, national_code: str, mobile: str, ip: str) -> OtpIssued:
    """Validate, rate-limit, check whose mobile it is, then send a sign-in code.

    Limits count even when the request fails later. A mobile the ownership inquiry says is
    someone else's is refused here: no code is sent and nothing is written."""
    code, mobile_canonical = normalised(national_code, mobile)
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
    basis = _sign_in_basis(code, mobile_canonical)
    return _otp_issue(national_code=code, mobile=mobile_canonical, ip=ip, basis=basis)


@audited
def _otp_issue(*, national_code: str, mobile: str, ip: str, basis: CodeBasis) -> OtpIssued:
    otp, plain = code_issue(
        purpose=CodePurpose.SIGN_IN,
        national_code=national_code,
        mobile=mobile,
        basis=basis,
        ttl=settings.CITIZEN_OTP_TTL,
        ip=ip,
    )
    # The code keeps ASCII digits (phones offer it for auto-fill); the minutes are a number
    # in the reader's language.
    body = format_message(
        _(
            "Daftar sign-in code: %(code)s (valid for %(minutes)d minutes). "
            "Do not share it with anyone."
        ),
        {"code": plain, "minutes": minutes(settings.CITIZEN_OTP_TTL)},
    )
    sms_enqueue(to=mobile, body=body, purpose="citizen_otp", sensitive=True)
    audit_record(
        actor=Actor.system(),
        action="citizen.otp_sent",
        stream=IDENTITY_STREAM,
        obj=otp,
        summary=f"sign-in code sent to {masked_mobile(mobile)} for "
        f"{mask_national_code(national_code)} ({basis})",
    )
    return OtpIssued(otp=otp, masked_mobile=masked_mobile(mobile))


def citizen_otp_verify(*, national_code: str, code: str) -> User:
    """Check the sign-in code; return the citizen (created on first sign-in, provisional when
    the ownership inquiry could not answer). Wrong codes are counted."""
    national_code, _mobile = normalised(national_code)
    outcome = _otp_check(national_code=national_code, typed=typed_code(code))
    if isinstance(outcome, WrongCode):
        raise wrong_code_error()
    return outcome


@audited
def _otp_check(*, national_code: str, typed: str) -> User | WrongCode:
    otp = code_check(purpose=CodePurpose.SIGN_IN, national_code=national_code, typed=typed)
    if isinstance(otp, WrongCode):
        return WRONG
    code_consume(otp)
    citizen, created = citizen_bind(
        actor=None, national_code=national_code, mobile=otp.mobile, basis=otp.basis, where="sign-in"
    )
    if not created:
        audit_record(
            actor=Actor.for_user(citizen),
            action="citizen.signed_in",
            stream=IDENTITY_STREAM,
            obj=citizen,
            summary=f"citizen {mask_national_code(national_code)} signed in with a one-time code"
            + (" (provisional)" if citizen.is_provisional else ""),
        )
    return citizen
