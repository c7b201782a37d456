"""What the identity services share: messages, the binding of a national code to a mobile,
and issuing the codes an office or a partner app asks for (ADR 0006, ADR 0007)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from daftar.accounts.choices import CodeBasis, CodePurpose, OwnershipProof, Role
from daftar.accounts.codes import (
    IDENTITY_STREAM,
    code_issue,
    codes_supersede_all,
    masked_mobile,
)
from daftar.accounts.error_codes import AccountsErrorCode
from daftar.accounts.models import OneTimeCode, User
from daftar.audit.services import audit_record, audited
from daftar.core import ratelimit
from daftar.core.actors import Actor
from daftar.core.errors import (
    Conflict,
    InvalidInput,
    RateLimited,
    ServiceUnavailable,
    validation_error_to_daftar,
)
from daftar.core.identifiers import normalize_mobile, normalize_national_code
from daftar.core.logging import mask_national_code
from daftar.core.numbers import format_message, local_digits
from daftar.notifications.services import sms_enqueue

PROOF_OF_BASIS = {
    CodeBasis.INQUIRY_MATCH: OwnershipProof.INQUIRY,
    CodeBasis.OFFICE_CARD: OwnershipProof.OFFICE,
}

MOBILE_MISMATCH = gettext_lazy(
    "This mobile number is not the one registered for this national code. "
    "To change it, visit an office with your national card."
)
MOBILE_NOT_OWNER = gettext_lazy(
    "This mobile number is not registered in the name of the holder of this national code. "
    "Enter a mobile number registered in your own name, or visit an office with your "
    "national card."
)
OWNERSHIP_UNAVAILABLE_SIGN_IN = gettext_lazy(
    "This national code is already linked, provisionally, to another mobile number, and we "
    "cannot check right now which number belongs to its holder. Please try again later, or "
    "visit an office with your national card."
)
COUNTER_MOBILE_MISMATCH = gettext_lazy(
    "This mobile number is not the one registered for this national code. Ask for the "
    "registered number; if it is wrong or no longer the citizen's, use “Change a registered "
    "mobile” after checking the national card."
)
PARTNER_MOBILE_MISMATCH = gettext_lazy(
    "This mobile number is not the one registered for this national code. Use the citizen's "
    "registered mobile; a citizen who changed numbers changes it at an office."
)
PARTNER_MOBILE_NOT_OWNER = gettext_lazy(
    "The national mobile-ownership inquiry says this mobile number is not registered in the "
    "name of the holder of this national code."
)
PARTNER_OWNERSHIP_UNAVAILABLE = gettext_lazy(
    "The citizen's mobile number cannot be verified right now, and files are opened only for "
    "citizens whose mobile is verified. Please try again later."
)


@dataclass(frozen=True)
class OtpIssued:
    otp: OneTimeCode
    masked_mobile: str


def normalised(national_code: str, mobile: str | None = None) -> tuple[str, str | None]:
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


def minutes(ttl) -> int:
    return int(ttl.total_seconds() // 60)


def in_persian(message, **params) -> str:
    """SMS to citizens are written in Persian whatever the language of the page that sent them."""
    with translation.override("fa"):
        return format_message(message, params, "fa")


# --- the binding -------------------------------------------------------------------------------


def citizen_locked_or_new(national_code: str, **fields) -> tuple[User, bool]:
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


def notify_detached(*, mobile: str, national_code: str) -> None:
    body = in_persian(
        gettext_lazy(
            "Daftar: this mobile number is no longer linked to national code %(code)s, whose "
            "holder registered another number. If you are that person, visit an office with "
            "your national card."
        ),
        code=local_digits(mask_national_code(national_code), "fa"),
    )
    sms_enqueue(to=mobile, body=body, purpose="mobile_detached")


def citizen_bind(
    *,
    actor: Actor | None,
    national_code: str,
    mobile: str,
    basis: str,
    where: str,
    first_name: str = "",
    last_name: str = "",
) -> tuple[User, bool]:
    """Bind `national_code` to `mobile`, whose possession a code has just proven, as far as
    `basis` allows: create the account, confirm a provisional one, or replace a provisional
    mobile by the holder's. A verified binding is never changed here (see citizen_reclaim).

    `actor` None is the citizen signing in, who exists as a user only once bound."""
    now = timezone.now()
    proof = PROOF_OF_BASIS.get(CodeBasis(basis)) if basis else None
    citizen, created = citizen_locked_or_new(
        national_code,
        mobile=mobile,
        mobile_verified_at=now,
        mobile_owner_verified_at=now if proof else None,
        mobile_owner_verified_by=proof or "",
        first_name=first_name.strip()[:150],
        last_name=last_name.strip()[:150],
    )
    masked = mask_national_code(national_code)
    if created:
        audit_record(
            actor=actor or Actor.for_user(citizen),
            action="citizen.account_created",
            stream=IDENTITY_STREAM,
            obj=citizen,
            summary=f"citizen {masked} registered with {masked_mobile(mobile)} ({where}), "
            + (f"mobile verified by {proof}" if proof else "provisional: no ownership answer"),
            after={"mobile": masked_mobile(mobile), "verified_by": str(proof or "")},
        )
        return citizen, True
    if citizen.mobile_owner_verified_at:
        if citizen.mobile != mobile:
            raise Conflict(MOBILE_MISMATCH, code=AccountsErrorCode.MOBILE_MISMATCH, field="mobile")
        return citizen, False
    if proof is None:
        if citizen.mobile and citizen.mobile != mobile:
            raise ServiceUnavailable(
                OWNERSHIP_UNAVAILABLE_SIGN_IN,
                code=AccountsErrorCode.OWNERSHIP_UNAVAILABLE,
                field="mobile",
            )
        if not citizen.mobile:
            citizen.mobile, citizen.mobile_verified_at = mobile, now
            citizen.save(update_fields=["mobile", "mobile_verified_at"])
        return citizen, False
    previous = citizen.mobile
    citizen.mobile, citizen.mobile_verified_at = mobile, now
    citizen.mobile_owner_verified_at, citizen.mobile_owner_verified_by = now, proof
    fields = [
        "mobile",
        "mobile_verified_at",
        "mobile_owner_verified_at",
        "mobile_owner_verified_by",
    ]
    replaced = bool(previous) and previous != mobile
    if replaced:
        citizen.set_unusable_password()  # a new session hash: the provisional holder is signed out
        fields.append("password")
        codes_supersede_all(national_code)
    citizen.save(update_fields=fields)
    audit_record(
        actor=actor or Actor.for_user(citizen),
        action="citizen.mobile_replaced" if replaced else "citizen.mobile_verified",
        stream=IDENTITY_STREAM,
        obj=citizen,
        summary=f"mobile of {masked} verified by {proof} ({where})"
        + (f"; {masked_mobile(previous)} detached" if replaced else ""),
        before={"mobile": masked_mobile(previous) if previous else "", "verified": False},
        after={"mobile": masked_mobile(mobile), "verified_by": str(proof)},
    )
    if replaced:
        notify_detached(mobile=previous, national_code=national_code)
    return citizen, False


# --- consent codes -----------------------------------------------------------------------------


def consent_limits(national_code: str, audience: str, *, purpose: CodePurpose) -> None:
    per_code, per_code_window = settings.CONSENT_CODE_SEND_LIMIT_PER_NATIONAL_CODE
    per_requester, per_requester_window = settings.CONSENT_CODE_SEND_LIMIT_PER_REQUESTER
    if not ratelimit.hit(
        f"{purpose}-by:{audience}", limit=per_requester, window_seconds=per_requester_window
    ):
        raise RateLimited()
    if not ratelimit.hit(
        f"{purpose}-nc:{national_code}", limit=per_code, window_seconds=per_code_window
    ):
        raise RateLimited(
            gettext_lazy(
                "Too many codes were requested for this national code. "
                "Please wait a few minutes and try again."
            )
        )


@audited
def consent_issue(
    *,
    actor: Actor,
    purpose: CodePurpose,
    audience: str,
    national_code: str,
    mobile: str,
    basis: CodeBasis,
    service_code: str,
    body,
    body_params: dict,
) -> OtpIssued:
    otp, plain = code_issue(
        purpose=purpose,
        national_code=national_code,
        mobile=mobile,
        basis=basis,
        ttl=settings.CONSENT_CODE_TTL,
        audience=audience,
        service_code=service_code,
    )
    text = in_persian(body, code=plain, minutes=minutes(settings.CONSENT_CODE_TTL), **body_params)
    sms_enqueue(to=mobile, body=text, purpose=f"{purpose}_code", sensitive=True)
    audit_record(
        actor=actor,
        action=f"citizen.{purpose}_code_sent",
        stream=IDENTITY_STREAM,
        obj=otp,
        summary=f"{purpose} code for {audience} ({service_code or '-'}) sent to "
        f"{masked_mobile(mobile)} for {mask_national_code(national_code)} ({basis})",
    )
    return OtpIssued(otp=otp, masked_mobile=masked_mobile(mobile))


def office_audience(office_code: str) -> str:
    return f"office:{office_code}"


def partner_audience(partner_id: int) -> str:
    return f"partner:{partner_id}"


def require_identity_checked(checked: bool) -> None:
    if not checked:
        raise InvalidInput(
            gettext_lazy(
                "Check the citizen's national card (photo and national code) and tick the box."
            ),
            code=AccountsErrorCode.IDENTITY_NOT_CHECKED,
            field="identity_checked",
        )


def other_service_error(field: str) -> InvalidInput:
    return InvalidInput(
        gettext_lazy("This consent code was given for another service. Request a new one."),
        code=AccountsErrorCode.CONSENT_OTHER_SERVICE,
        field=field,
    )


CONSENT_FIELD = "consent_code"
