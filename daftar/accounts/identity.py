"""Citizen identity: how a national code is bound to a mobile, signing in, the citizen's
consent to a file opened by an office or a partner app, and taking a national code back from
a wrong mobile at an office (ADR 0006 identity binding, ADR 0007 consent).

The binding in one paragraph: a first sign-in binds a national code to a mobile only after
the national mobile-ownership inquiry answers "match" (`ownership.py`); "no match" refuses
the sign-in and writes nothing; "unavailable" lets the person in on a *provisional* account
that no office or app may open files for, and asks again at every later sign-in. At an office
the operator's check of the national card takes the inquiry's place. A verified binding
changes only at an office (`citizen_reclaim`), which detaches the old mobile.

Calls to the inquiry happen outside any transaction (it may wait on a network); the audited
services that write run after it. Wrong codes are counted in their own transaction: the
checking service returns `codes.WRONG` and the public function raises afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daftar.accounts.choices import CodeBasis, CodePurpose, OwnershipProof, Role
from daftar.accounts.codes import (
    IDENTITY_STREAM,
    WRONG,
    WrongCode,
    code_check,
    code_consume,
    code_issue,
    codes_supersede_all,
    masked_mobile,
    typed_code,
    wrong_code_error,
)
from daftar.accounts.models import OneTimeCode, User
from daftar.accounts.ownership import Ownership, mobile_ownership_check
from daftar.accounts.selectors import citizen_get_by_national_code
from daftar.audit.services import audit_nothing_changed, audit_record, audited
from daftar.core import ratelimit
from daftar.core.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    RateLimited,
    ServiceUnavailable,
    validation_error_to_daftar,
)
from daftar.core.identifiers import normalize_mobile, normalize_national_code
from daftar.core.logging import mask_national_code
from daftar.notifications.services import sms_enqueue

__all__ = [
    "IDENTITY_STREAM",
    "OtpIssued",
    "Reclaimed",
    "citizen_for_partner",
    "citizen_otp_request",
    "citizen_otp_verify",
    "citizen_reclaim",
    "citizen_reclaim_request",
    "counter_consent_request",
    "counter_consent_verify",
    "partner_consent_confirm",
    "partner_consent_request",
]

_PROOF_OF_BASIS = {
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


@dataclass(frozen=True)
class Reclaimed:
    citizen: User
    previous_mobile: str  # masked; empty when the account had no mobile
    mobile: str  # masked


def _normalised(national_code: str, mobile: str | None = None) -> tuple[str, str | None]:
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


def _minutes(ttl) -> int:
    return int(ttl.total_seconds() // 60)


def _in_persian(message, **params) -> str:
    """SMS to citizens are written in Persian whatever the language of the page that sent them."""
    with translation.override("fa"):
        return str(message) % params


# --- the binding -------------------------------------------------------------------------------


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


def _notify_detached(*, mobile: str, national_code: str) -> None:
    body = _in_persian(
        gettext_lazy(
            "Daftar: this mobile number is no longer linked to national code %(code)s, whose "
            "holder registered another number. If you are that person, visit an office with "
            "your national card."
        ),
        code=mask_national_code(national_code),
    )
    sms_enqueue(to=mobile, body=body, purpose="mobile_detached")


def _citizen_bind(
    *,
    actor,
    national_code: str,
    mobile: str,
    basis: str,
    where: str,
    first_name: str = "",
    last_name: str = "",
) -> tuple[User, bool]:
    """Bind `national_code` to `mobile`, whose possession a code has just proven, as far as
    `basis` allows: create the account, confirm a provisional one, or replace a provisional
    mobile by the holder's. A verified binding is never changed here (see citizen_reclaim)."""
    now = timezone.now()
    proof = _PROOF_OF_BASIS.get(CodeBasis(basis)) if basis else None
    citizen, created = _citizen_locked_or_new(
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
            actor=actor or citizen,
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
            raise Conflict(MOBILE_MISMATCH, code="mobile_mismatch", field="mobile")
        return citizen, False
    if proof is None:
        if citizen.mobile and citizen.mobile != mobile:
            raise ServiceUnavailable(
                OWNERSHIP_UNAVAILABLE_SIGN_IN, code="ownership_unavailable", field="mobile"
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
        actor=actor or citizen,
        action="citizen.mobile_replaced" if replaced else "citizen.mobile_verified",
        stream=IDENTITY_STREAM,
        obj=citizen,
        summary=f"mobile of {masked} verified by {proof} ({where})"
        + (f"; {masked_mobile(previous)} detached" if replaced else ""),
        before={"mobile": masked_mobile(previous) if previous else "", "verified": False},
        after={"mobile": masked_mobile(mobile), "verified_by": str(proof)},
    )
    if replaced:
        _notify_detached(mobile=previous, national_code=national_code)
    return citizen, False


# --- sign-in -----------------------------------------------------------------------------------


def _sign_in_basis(national_code: str, mobile: str) -> CodeBasis:
    citizen = citizen_get_by_national_code(national_code)
    if citizen is not None and citizen.mobile_owner_verified_at:
        if citizen.mobile != mobile:
            raise InvalidInput(MOBILE_MISMATCH, code="mobile_mismatch", field="mobile")
        return CodeBasis.REGISTERED
    answer = mobile_ownership_check(national_code=national_code, mobile=mobile)
    if answer == Ownership.MATCH:
        return CodeBasis.INQUIRY_MATCH
    if answer == Ownership.NO_MATCH:
        raise InvalidInput(MOBILE_NOT_OWNER, code="mobile_not_owner", field="mobile")
    if citizen is not None and citizen.mobile and citizen.mobile != mobile:
        raise ServiceUnavailable(
            OWNERSHIP_UNAVAILABLE_SIGN_IN, code="ownership_unavailable", field="mobile"
        )
    return CodeBasis.INQUIRY_UNAVAILABLE


def citizen_otp_request(*, national_code: str, mobile: str, ip: str) -> OtpIssued:
    """Validate, rate-limit, check whose mobile it is, then send a sign-in code.

    Limits count even when the request fails later. A mobile the ownership inquiry says is
    someone else's is refused here: no code is sent and nothing is written."""
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
    body = _(
        "Daftar sign-in code: %(code)s (valid for %(minutes)d minutes). "
        "Do not share it with anyone."
    ) % {"code": plain, "minutes": _minutes(settings.CITIZEN_OTP_TTL)}
    sms_enqueue(to=mobile, body=body, purpose="citizen_otp", sensitive=True)
    audit_record(
        actor=None,
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
    national_code, _mobile = _normalised(national_code)
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
    citizen, created = _citizen_bind(
        actor=None, national_code=national_code, mobile=otp.mobile, basis=otp.basis, where="sign-in"
    )
    if not created:
        audit_record(
            actor=citizen,
            action="citizen.signed_in",
            stream=IDENTITY_STREAM,
            obj=citizen,
            summary=f"citizen {mask_national_code(national_code)} signed in with a one-time code"
            + (" (provisional)" if citizen.is_provisional else ""),
        )
    return citizen


# --- consent codes -----------------------------------------------------------------------------


def _consent_limits(national_code: str, audience: str, *, purpose: CodePurpose) -> None:
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
def _consent_issue(
    *,
    actor,
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
    text = _in_persian(body, code=plain, minutes=_minutes(settings.CONSENT_CODE_TTL), **body_params)
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


def _office(office_code: str) -> str:
    return f"office:{office_code}"


def _partner(partner_id: int) -> str:
    return f"partner:{partner_id}"


def _identity_checked(checked: bool) -> None:
    if not checked:
        raise InvalidInput(
            gettext_lazy(
                "Check the citizen's national card (photo and national code) and tick the box."
            ),
            code="identity_not_checked",
            field="identity_checked",
        )


def counter_consent_request(
    *,
    actor,
    office_code: str,
    national_code: str,
    mobile: str,
    service_code: str,
    service_title: str,
    identity_checked: bool,
) -> OtpIssued:
    """At the counter: the operator has checked the national card and chosen the service; a
    consent code naming the office and the service goes to the citizen's mobile."""
    code, mobile_canonical = _normalised(national_code, mobile)
    _identity_checked(identity_checked)
    _consent_limits(code, _office(office_code), purpose=CodePurpose.CONSENT)
    citizen = citizen_get_by_national_code(code)
    if citizen is None or not citizen.mobile:
        basis = CodeBasis.OFFICE_CARD
    elif citizen.mobile == mobile_canonical:
        basis = CodeBasis.OFFICE_CARD if citizen.is_provisional else CodeBasis.REGISTERED
    else:
        raise InvalidInput(COUNTER_MOBILE_MISMATCH, code="mobile_mismatch", field="mobile")
    return _consent_issue(
        actor=actor,
        purpose=CodePurpose.CONSENT,
        audience=_office(office_code),
        national_code=code,
        mobile=mobile_canonical,
        basis=basis,
        service_code=service_code,
        body=gettext_lazy(
            "Daftar consent code: %(code)s. Give it to the operator of office %(office)s only "
            "if you are there and asked for “%(service)s”. Valid for %(minutes)d minutes."
        ),
        body_params={"office": office_code, "service": service_title},
    )


def _other_service(field: str) -> InvalidInput:
    return InvalidInput(
        gettext_lazy("This consent code was given for another service. Request a new one."),
        code="consent_other_service",
        field=field,
    )


def counter_consent_verify(
    *, actor, office_code: str, national_code: str, code: str, service_code: str
) -> User:
    """The operator types the code the citizen reads out: the citizen's consent to this
    office opening this service's file. A new or provisional citizen is verified by it (the
    national card was checked when the code was asked for)."""
    national_code, _mobile = _normalised(national_code)
    outcome = _counter_consent_check(
        actor=actor,
        office_code=office_code,
        national_code=national_code,
        typed=typed_code(code),
        service_code=service_code,
    )
    if isinstance(outcome, WrongCode):
        raise wrong_code_error()
    return outcome


@audited
def _counter_consent_check(
    *, actor, office_code: str, national_code: str, typed: str, service_code: str
) -> User | WrongCode:
    otp = code_check(
        purpose=CodePurpose.CONSENT,
        national_code=national_code,
        typed=typed,
        audience=_office(office_code),
    )
    if isinstance(otp, WrongCode):
        return WRONG
    if otp.service_code != service_code:
        raise _other_service("code")
    code_consume(otp)
    citizen, _created = _citizen_bind(
        actor=actor,
        national_code=national_code,
        mobile=otp.mobile,
        basis=otp.basis,
        where=f"national card checked at office {office_code}",
    )
    audit_record(
        actor=actor,
        action="citizen.consented",
        stream=IDENTITY_STREAM,
        obj=citizen,
        summary=f"{mask_national_code(national_code)} consented at office {office_code} "
        f"to {service_code}",
        after={"audience": _office(office_code), "service": service_code},
    )
    return citizen


def partner_consent_request(
    *,
    actor,
    partner_id: int,
    partner_name: str,
    national_code: str,
    mobile: str,
    service_code: str,
    service_title: str,
) -> OtpIssued:
    """A partner app asks for the citizen's consent to open one service's file: a code
    naming the app and the service goes to the citizen's verified mobile. A citizen with no
    verified mobile yet is checked by the ownership inquiry first; files are never opened
    for a mobile the inquiry could not confirm."""
    code, mobile_canonical = _normalised(national_code, mobile)
    _consent_limits(code, _partner(partner_id), purpose=CodePurpose.CONSENT)
    citizen = citizen_get_by_national_code(code)
    if citizen is not None and not citizen.is_provisional:
        if citizen.mobile != mobile_canonical:
            raise Conflict(PARTNER_MOBILE_MISMATCH, code="mobile_mismatch", field="mobile")
        basis = CodeBasis.REGISTERED
    else:
        answer = mobile_ownership_check(national_code=code, mobile=mobile_canonical)
        if answer == Ownership.NO_MATCH:
            raise Conflict(PARTNER_MOBILE_NOT_OWNER, code="mobile_not_owner", field="mobile")
        if answer == Ownership.UNAVAILABLE:
            raise ServiceUnavailable(PARTNER_OWNERSHIP_UNAVAILABLE, code="ownership_unavailable")
        basis = CodeBasis.INQUIRY_MATCH
    return _consent_issue(
        actor=actor,
        purpose=CodePurpose.CONSENT,
        audience=_partner(partner_id),
        national_code=code,
        mobile=mobile_canonical,
        basis=basis,
        service_code=service_code,
        body=gettext_lazy(
            "Daftar consent code: %(code)s. Enter it in the app “%(app)s” only if you asked "
            "it to request “%(service)s” for you. Valid for %(minutes)d minutes."
        ),
        body_params={"app": partner_name, "service": service_title},
    )


_CONSENT_FIELD = "consent_code"


def partner_consent_confirm(
    *, partner_id: int, national_code: str, code: str, service_code: str
) -> OneTimeCode:
    """Check a consent code a partner app passes on, counting wrong ones in a transaction of
    their own; the request that uses it (`citizen_for_partner`) then consumes it."""
    national_code, _mobile = _normalised(national_code)
    outcome = _consent_confirm(
        audience=_partner(partner_id),
        national_code=national_code,
        typed=typed_code(code, field=_CONSENT_FIELD),
        service_code=service_code,
    )
    if isinstance(outcome, WrongCode):
        raise wrong_code_error(_CONSENT_FIELD)
    return outcome


@audited
def _consent_confirm(
    *, audience: str, national_code: str, typed: str, service_code: str
) -> OneTimeCode | WrongCode:
    otp = code_check(
        purpose=CodePurpose.CONSENT,
        national_code=national_code,
        typed=typed,
        audience=audience,
        field=_CONSENT_FIELD,
    )
    if isinstance(otp, WrongCode):
        return WRONG
    if otp.service_code != service_code:
        raise _other_service(_CONSENT_FIELD)
    if otp.confirmed_at is not None:
        audit_nothing_changed()  # a retry of a request that failed after the code was checked
        return otp
    otp.confirmed_at = timezone.now()
    otp.save(update_fields=["confirmed_at"])
    audit_record(
        actor=audience,
        action="citizen.consent_code_confirmed",
        stream=IDENTITY_STREAM,
        obj=otp,
        summary=f"consent of {mask_national_code(national_code)} for {audience} confirmed",
    )
    return otp


@audited
def citizen_for_partner(
    *,
    actor,
    partner_id: int,
    national_code: str,
    mobile: str,
    service_code: str,
    consent: OneTimeCode | None = None,
    signed_in_scope: bool = False,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """The citizen a partner app opens a file for, with the citizen's consent: a confirmed
    consent code for this app and service (consumed here), or the committee-granted scope of
    apps whose users are signed in with the city's own sign-in (then the citizen must already
    have a verified account). The mobile given must be the registered one."""
    national_code, mobile = _normalised(national_code, mobile)
    existing = User.objects.select_for_update().filter(national_code=national_code).first()
    if existing is not None and not existing.is_provisional and existing.mobile != mobile:
        raise Conflict(PARTNER_MOBILE_MISMATCH, code="mobile_mismatch", field="mobile")
    if consent is not None:
        otp = (
            OneTimeCode.objects.select_for_update()
            .filter(
                pk=consent.pk,
                purpose=CodePurpose.CONSENT,
                audience=_partner(partner_id),
                national_code=national_code,
                confirmed_at__isnull=False,
                consumed_at__isnull=True,
                superseded_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
        if otp is None:
            raise Conflict(
                gettext_lazy(
                    "This consent code was already used or has expired. "
                    "Ask the citizen for a new one."
                ),
                code="consent_used",
                field=_CONSENT_FIELD,
            )
        if otp.service_code != service_code:
            raise _other_service(_CONSENT_FIELD)
        if otp.mobile != mobile:
            raise Conflict(PARTNER_MOBILE_MISMATCH, code="mobile_mismatch", field="mobile")
        code_consume(otp)
        citizen, _created = _citizen_bind(
            actor=actor,
            national_code=national_code,
            mobile=mobile,
            basis=otp.basis,
            where=f"consent code of {_partner(partner_id)}",
            first_name=first_name,
            last_name=last_name,
        )
        audit_record(
            actor=actor,
            action="citizen.consented",
            stream=IDENTITY_STREAM,
            obj=citizen,
            summary=f"{mask_national_code(national_code)} consented to {_partner(partner_id)} "
            f"opening {service_code}",
            after={"audience": _partner(partner_id), "service": service_code},
        )
        return citizen
    if signed_in_scope:
        if existing is None or existing.is_provisional:
            raise Conflict(
                gettext_lazy(
                    "This citizen has no verified account yet, and files are opened only for "
                    "citizens whose mobile is verified: the citizen signs in once with the "
                    "city's sign-in, or gives a consent code."
                ),
                code="citizen_not_verified",
                field="national_code",
            )
        audit_nothing_changed()  # the file's own audit entry names the app that opened it
        return existing
    raise Forbidden(
        gettext_lazy(
            "Opening a file for a citizen needs the citizen's consent: request a consent code "
            "(POST /api/v1/consent-codes) and send it as citizen.consent_code."
        ),
        code="consent_required",
        field=_CONSENT_FIELD,
    )


# --- taking a national code back at an office --------------------------------------------------


def citizen_reclaim_request(
    *,
    actor,
    office_code: str,
    national_code: str,
    mobile: str,
    identity_checked: bool,
) -> OtpIssued:
    """The holder of a national code, identified by the operator from the national card,
    registers a new mobile: a code goes to that mobile to prove it."""
    code, mobile_canonical = _normalised(national_code, mobile)
    _identity_checked(identity_checked)
    _consent_limits(code, _office(office_code), purpose=CodePurpose.RECLAIM)
    citizen = citizen_get_by_national_code(code)
    if citizen is None:
        raise InvalidInput(
            gettext_lazy(
                "No account uses this national code yet, so there is nothing to take back: "
                "serve the citizen at the counter, or let them sign in."
            ),
            code="nothing_to_reclaim",
            field="national_code",
        )
    if citizen.mobile == mobile_canonical and not citizen.is_provisional:
        raise InvalidInput(
            gettext_lazy("This mobile number is already the verified mobile of this citizen."),
            code="already_registered",
            field="mobile",
        )
    return _consent_issue(
        actor=actor,
        purpose=CodePurpose.RECLAIM,
        audience=_office(office_code),
        national_code=code,
        mobile=mobile_canonical,
        basis=CodeBasis.OFFICE_CARD,
        service_code="",
        body=gettext_lazy(
            "Daftar code: %(code)s. Give it to the operator of office %(office)s only if you "
            "are there to register this number for your national code. "
            "Valid for %(minutes)d minutes."
        ),
        body_params={"office": office_code},
    )


def citizen_reclaim(
    *, actor, office_code: str, national_code: str, code: str, reason: str
) -> Reclaimed:
    """Complete the change: the new mobile (proven by the code) becomes the citizen's verified
    mobile, the old one is detached and told so, its sessions and live codes end."""
    national_code, _mobile = _normalised(national_code)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(
            gettext_lazy("Write why the registered mobile is being changed."),
            code="required",
            field="reason",
        )
    outcome = _reclaim(
        actor=actor,
        office_code=office_code,
        national_code=national_code,
        typed=typed_code(code),
        reason=reason[:300],
    )
    if isinstance(outcome, WrongCode):
        raise wrong_code_error()
    return outcome


@audited
def _reclaim(
    *, actor, office_code: str, national_code: str, typed: str, reason: str
) -> Reclaimed | WrongCode:
    otp = code_check(
        purpose=CodePurpose.RECLAIM,
        national_code=national_code,
        typed=typed,
        audience=_office(office_code),
    )
    if isinstance(otp, WrongCode):
        return WRONG
    code_consume(otp)
    citizen = User.objects.select_for_update().get(national_code=national_code)
    now = timezone.now()
    previous, was_verified = citizen.mobile, not citizen.is_provisional
    citizen.mobile, citizen.mobile_verified_at = otp.mobile, now
    citizen.mobile_owner_verified_at = now
    citizen.mobile_owner_verified_by = OwnershipProof.OFFICE
    citizen.set_unusable_password()  # a new session hash: whoever held the old binding is out
    citizen.save(
        update_fields=[
            "mobile",
            "mobile_verified_at",
            "mobile_owner_verified_at",
            "mobile_owner_verified_by",
            "password",
        ]
    )
    codes_supersede_all(national_code)
    shown_before = masked_mobile(previous) if previous else ""
    audit_record(
        actor=actor,
        action="citizen.mobile_reclaimed",
        stream=IDENTITY_STREAM,
        obj=citizen,
        summary=f"national card of {mask_national_code(national_code)} checked at office "
        f"{office_code}; mobile {shown_before or '-'} replaced by {masked_mobile(otp.mobile)}",
        before={"mobile": shown_before, "verified": was_verified},
        after={
            "mobile": masked_mobile(otp.mobile),
            "verified_by": str(OwnershipProof.OFFICE),
            "office": office_code,
            "reason": reason,
        },
    )
    if previous and previous != otp.mobile:
        _notify_detached(mobile=previous, national_code=national_code)
    return Reclaimed(
        citizen=citizen, previous_mobile=shown_before, mobile=masked_mobile(otp.mobile)
    )
