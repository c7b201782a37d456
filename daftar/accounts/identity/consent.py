"""The citizen's consent to a file opened by an office or a partner app (ADR 0007)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy

from daftar.accounts.choices import CodeBasis, CodePurpose
from daftar.accounts.codes import (
    IDENTITY_STREAM,
    WRONG,
    WrongCode,
    code_check,
    code_consume,
    typed_code,
    wrong_code_error,
)
from daftar.accounts.error_codes import AccountsErrorCode
from daftar.accounts.identity.common import (
    CONSENT_FIELD,
    COUNTER_MOBILE_MISMATCH,
    PARTNER_MOBILE_MISMATCH,
    PARTNER_MOBILE_NOT_OWNER,
    PARTNER_OWNERSHIP_UNAVAILABLE,
    OtpIssued,
    citizen_bind,
    consent_issue,
    consent_limits,
    normalised,
    office_audience,
    other_service_error,
    partner_audience,
    require_identity_checked,
)
from daftar.accounts.models import OneTimeCode, User
from daftar.accounts.ownership import Ownership, mobile_ownership_check
from daftar.accounts.selectors import citizen_get_by_national_code
from daftar.audit.services import audit_nothing_changed, audit_record, audited
from daftar.core.actors import Actor
from daftar.core.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    ServiceUnavailable,
)
from daftar.core.logging import mask_national_code


def counter_consent_request(
    *,
    actor: Actor,
    office_code: str,
    national_code: str,
    mobile: str,
    service_code: str,
    service_title: str,
    identity_checked: bool,
) -> OtpIssued:
    """At the counter: the operator has checked the national card and chosen the service; a
    consent code naming the office and the service goes to the citizen's mobile."""
    code, mobile_canonical = normalised(national_code, mobile)
    require_identity_checked(identity_checked)
    consent_limits(code, office_audience(office_code), purpose=CodePurpose.CONSENT)
    citizen = citizen_get_by_national_code(code)
    if citizen is None or not citizen.mobile:
        basis = CodeBasis.OFFICE_CARD
    elif citizen.mobile == mobile_canonical:
        basis = CodeBasis.OFFICE_CARD if citizen.is_provisional else CodeBasis.REGISTERED
    else:
        raise InvalidInput(
            COUNTER_MOBILE_MISMATCH, code=AccountsErrorCode.MOBILE_MISMATCH, field="mobile"
        )
    return consent_issue(
        actor=actor,
        purpose=CodePurpose.CONSENT,
        audience=office_audience(office_code),
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


def counter_consent_verify(
    *, actor: Actor, office_code: str, national_code: str, code: str, service_code: str
) -> User:
    """The operator types the code the citizen reads out: the citizen's consent to this
    office opening this service's file. A new or provisional citizen is verified by it (the
    national card was checked when the code was asked for)."""
    national_code, _mobile = normalised(national_code)
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
    *, actor: Actor, office_code: str, national_code: str, typed: str, service_code: str
) -> User | WrongCode:
    otp = code_check(
        purpose=CodePurpose.CONSENT,
        national_code=national_code,
        typed=typed,
        audience=office_audience(office_code),
    )
    if isinstance(otp, WrongCode):
        return WRONG
    if otp.service_code != service_code:
        raise other_service_error("code")
    code_consume(otp)
    citizen, _created = citizen_bind(
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
        after={"audience": office_audience(office_code), "service": service_code},
    )
    return citizen


def partner_consent_request(
    *,
    actor: Actor,
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
    code, mobile_canonical = normalised(national_code, mobile)
    consent_limits(code, partner_audience(partner_id), purpose=CodePurpose.CONSENT)
    citizen = citizen_get_by_national_code(code)
    if citizen is not None and not citizen.is_provisional:
        if citizen.mobile != mobile_canonical:
            raise Conflict(
                PARTNER_MOBILE_MISMATCH, code=AccountsErrorCode.MOBILE_MISMATCH, field="mobile"
            )
        basis = CodeBasis.REGISTERED
    else:
        answer = mobile_ownership_check(national_code=code, mobile=mobile_canonical)
        if answer == Ownership.NO_MATCH:
            raise Conflict(
                PARTNER_MOBILE_NOT_OWNER, code=AccountsErrorCode.MOBILE_NOT_OWNER, field="mobile"
            )
        if answer == Ownership.UNAVAILABLE:
            raise ServiceUnavailable(
                PARTNER_OWNERSHIP_UNAVAILABLE, code=AccountsErrorCode.OWNERSHIP_UNAVAILABLE
            )
        basis = CodeBasis.INQUIRY_MATCH
    return consent_issue(
        actor=actor,
        purpose=CodePurpose.CONSENT,
        audience=partner_audience(partner_id),
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


def partner_consent_confirm(
    *, partner_id: int, national_code: str, code: str, service_code: str
) -> OneTimeCode:
    """Check a consent code a partner app passes on, counting wrong ones in a transaction of
    their own; the request that uses it (`citizen_for_partner`) then consumes it."""
    national_code, _mobile = normalised(national_code)
    outcome = _consent_confirm(
        actor=Actor.partner(partner_id),
        audience=partner_audience(partner_id),
        national_code=national_code,
        typed=typed_code(code, field=CONSENT_FIELD),
        service_code=service_code,
    )
    if isinstance(outcome, WrongCode):
        raise wrong_code_error(CONSENT_FIELD)
    return outcome


@audited
def _consent_confirm(
    *, actor: Actor, audience: str, national_code: str, typed: str, service_code: str
) -> OneTimeCode | WrongCode:
    otp = code_check(
        purpose=CodePurpose.CONSENT,
        national_code=national_code,
        typed=typed,
        audience=audience,
        field=CONSENT_FIELD,
    )
    if isinstance(otp, WrongCode):
        return WRONG
    if otp.service_code != service_code:
        raise other_service_error(CONSENT_FIELD)
    if otp.confirmed_at is not None:
        audit_nothing_changed()  # a retry of a request that failed after the code was checked
        return otp
    otp.confirmed_at = timezone.now()
    otp.save(update_fields=["confirmed_at"])
    audit_record(
        actor=actor,
        action="citizen.consent_code_confirmed",
        stream=IDENTITY_STREAM,
        obj=otp,
        summary=f"consent of {mask_national_code(national_code)} for {audience} confirmed",
    )
    return otp


@audited
def citizen_for_partner(
    *,
    actor: Actor,
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
    national_code, mobile = normalised(national_code, mobile)
    existing = User.objects.select_for_update().filter(national_code=national_code).first()
    if existing is not None and not existing.is_provisional and existing.mobile != mobile:
        raise Conflict(
            PARTNER_MOBILE_MISMATCH, code=AccountsErrorCode.MOBILE_MISMATCH, field="mobile"
        )
    if consent is not None:
        otp = (
            OneTimeCode.objects.select_for_update()
            .filter(
                pk=consent.pk,
                purpose=CodePurpose.CONSENT,
                audience=partner_audience(partner_id),
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
                code=AccountsErrorCode.CONSENT_USED,
                field=CONSENT_FIELD,
            )
        if otp.service_code != service_code:
            raise other_service_error(CONSENT_FIELD)
        if otp.mobile != mobile:
            raise Conflict(
                PARTNER_MOBILE_MISMATCH, code=AccountsErrorCode.MOBILE_MISMATCH, field="mobile"
            )
        code_consume(otp)
        citizen, _created = citizen_bind(
            actor=actor,
            national_code=national_code,
            mobile=mobile,
            basis=otp.basis,
            where=f"consent code of {partner_audience(partner_id)}",
            first_name=first_name,
            last_name=last_name,
        )
        audit_record(
            actor=actor,
            action="citizen.consented",
            stream=IDENTITY_STREAM,
            obj=citizen,
            summary=f"{mask_national_code(national_code)} consented to "
            f"{partner_audience(partner_id)} opening {service_code}",
            after={"audience": partner_audience(partner_id), "service": service_code},
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
                code=AccountsErrorCode.CITIZEN_NOT_VERIFIED,
                field="national_code",
            )
        audit_nothing_changed()  # the file's own audit entry names the app that opened it
        return existing
    raise Forbidden(
        gettext_lazy(
            "Opening a file for a citizen needs the citizen's consent: request a consent code "
            "(POST /api/v1/consent-codes) and send it as citizen.consent_code."
        ),
        code=AccountsErrorCode.CONSENT_REQUIRED,
        field=CONSENT_FIELD,
    )
