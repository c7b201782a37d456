"""Giving a national code back to its holder at an office, after the national card is
checked (ADR 0006)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy

from daftar.accounts.choices import CodeBasis, CodePurpose, OwnershipProof
from daftar.accounts.codes import (
    IDENTITY_STREAM,
    WRONG,
    WrongCode,
    code_check,
    code_consume,
    codes_supersede_all,
    masked_mobile,
    typed_code,
    wrong_code_error,
)
from daftar.accounts.error_codes import AccountsErrorCode
from daftar.accounts.identity.common import (
    OtpIssued,
    consent_issue,
    consent_limits,
    normalised,
    notify_detached,
    office_audience,
    require_identity_checked,
)
from daftar.accounts.models import User
from daftar.accounts.selectors import citizen_get_by_national_code
from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import (
    InvalidInput,
)
from daftar.core.logging import mask_national_code


@dataclass(frozen=True)
class Reclaimed:
    citizen: User
    previous_mobile: str  # masked; empty when the account had no mobile
    mobile: str  # masked


# --- taking a national code back at an office --------------------------------------------------


def citizen_reclaim_request(
    *,
    actor: Actor,
    office_code: str,
    national_code: str,
    mobile: str,
    identity_checked: bool,
) -> OtpIssued:
    """The holder of a national code, identified by the operator from the national card,
    registers a new mobile: a code goes to that mobile to prove it."""
    code, mobile_canonical = normalised(national_code, mobile)
    require_identity_checked(identity_checked)
    consent_limits(code, office_audience(office_code), purpose=CodePurpose.RECLAIM)
    citizen = citizen_get_by_national_code(code)
    if citizen is None:
        raise InvalidInput(
            gettext_lazy(
                "No account uses this national code yet, so there is nothing to take back: "
                "serve the citizen at the counter, or let them sign in."
            ),
            code=AccountsErrorCode.NOTHING_TO_RECLAIM,
            field="national_code",
        )
    if citizen.mobile == mobile_canonical and not citizen.is_provisional:
        raise InvalidInput(
            gettext_lazy("This mobile number is already the verified mobile of this citizen."),
            code=AccountsErrorCode.ALREADY_REGISTERED,
            field="mobile",
        )
    return consent_issue(
        actor=actor,
        purpose=CodePurpose.RECLAIM,
        audience=office_audience(office_code),
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
    *, actor: Actor, office_code: str, national_code: str, code: str, reason: str
) -> Reclaimed:
    """Complete the change: the new mobile (proven by the code) becomes the citizen's verified
    mobile, the old one is detached and told so, its sessions and live codes end."""
    national_code, _mobile = normalised(national_code)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(
            gettext_lazy("Write why the registered mobile is being changed."),
            code=CoreErrorCode.REQUIRED,
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
    *, actor: Actor, office_code: str, national_code: str, typed: str, reason: str
) -> Reclaimed | WrongCode:
    otp = code_check(
        purpose=CodePurpose.RECLAIM,
        national_code=national_code,
        typed=typed,
        audience=office_audience(office_code),
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
        notify_detached(mobile=previous, national_code=national_code)
    return Reclaimed(
        citizen=citizen, previous_mobile=shown_before, mobile=masked_mobile(otp.mobile)
    )
