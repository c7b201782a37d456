"""Office and licence lifecycles, and service authorisations — each bound to a decision.

    office:  pending → active ⇄ suspended → revoked;  pending/active/suspended → closed
    licence: active → expired / revoked / transferred / surrendered (renewal keeps it active)

Suspension, reinstatement and revocation need an adopted *sanction* decision; licences,
renewals, transfers and relocations an adopted *licence* decision; authorising a domain an
adopted *service authorisation* decision. Each decision records what it changed.
"""

from __future__ import annotations

import datetime
import secrets

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited, office_stream
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, InvalidInput
from daftar.governance.choices import DecisionKind
from daftar.governance.services import decision_record_effect, decision_require
from daftar.offices import selectors
from daftar.offices.choices import LicenceStatus, LicenseeKind, OfficeStatus
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import (
    District,
    Licence,
    Licensee,
    Office,
    OfficeAuthorisation,
    SubDistrict,
)
from daftar.offices.services.registry import require_operable, require_sub_district_in

_OFFICE_MOVES = {
    OfficeStatus.PENDING: {OfficeStatus.ACTIVE, OfficeStatus.CLOSED},
    OfficeStatus.ACTIVE: {OfficeStatus.SUSPENDED, OfficeStatus.REVOKED, OfficeStatus.CLOSED},
    OfficeStatus.SUSPENDED: {OfficeStatus.ACTIVE, OfficeStatus.REVOKED, OfficeStatus.CLOSED},
    OfficeStatus.REVOKED: set(),
    OfficeStatus.CLOSED: set(),
}


def _locked(office: Office) -> Office:
    return Office.objects.select_for_update().get(pk=office.pk)


def _office_move(
    office: Office, to: OfficeStatus, *, actor: Actor, action: str, reason: str, decision=None
) -> Office:
    """The one place an office's status changes."""
    require_operable(office)
    if to not in _OFFICE_MOVES[OfficeStatus(office.status)]:
        raise Conflict(
            _("An office that is %(status)s cannot become %(to)s."),
            code=OfficesErrorCode.OFFICE_TRANSITION,
            params={"status": office.get_status_display(), "to": to.label},
        )
    before = office.status
    office.status = to
    office.save(update_fields=["status"])
    if decision is not None:
        decision_record_effect(
            decision=decision, obj=office, summary=f"office {office.code}: {before} → {to}"
        )
    audit_record(
        actor=actor,
        action=action,
        stream=office_stream(office.code),
        obj=office,
        summary=reason[:200],
        before={"status": before},
        after={"status": str(to), "decision": decision.number if decision else None},
    )
    return office


def _licence_move(licence: Licence, to: LicenceStatus) -> None:
    """The one place a licence's status changes (audited by the caller)."""
    if licence.status != LicenceStatus.ACTIVE and not (
        licence.status == LicenceStatus.EXPIRED and to == LicenceStatus.ACTIVE
    ):
        raise Conflict(
            _("Licence %(number)s is %(status)s."),
            code=OfficesErrorCode.LICENCE_NOT_ACTIVE,
            params={"number": licence.number, "status": licence.get_status_display()},
        )
    licence.status = to
    licence.save(update_fields=["status", "expires_on", "renewed_until"])


@audited
def office_activate(*, actor: Actor, office: Office) -> Office:
    office = _locked(office)
    if selectors.office_active_licence(office) is None:
        raise Conflict(
            _("Office %(code)s cannot open without an active operating licence."),
            code=OfficesErrorCode.NO_LICENCE,
            params={"code": office.code},
        )
    return _office_move(
        office,
        OfficeStatus.ACTIVE,
        actor=actor,
        action="office.activated",
        reason=f"office {office.code} opened",
    )


@audited
def office_suspend(*, actor: Actor, office: Office, decision, reason: str) -> Office:
    decision_require(decision=decision, kind=DecisionKind.SANCTION)
    return _office_move(
        _locked(office),
        OfficeStatus.SUSPENDED,
        actor=actor,
        action="office.suspended",
        reason=reason,
        decision=decision,
    )


@audited
def office_reinstate(*, actor: Actor, office: Office, decision, reason: str) -> Office:
    decision_require(decision=decision, kind=DecisionKind.SANCTION)
    office = _locked(office)
    require_operable(office)
    if office.status != OfficeStatus.SUSPENDED:
        raise Conflict(
            _("Only a suspended office can be reinstated."), code=OfficesErrorCode.OFFICE_TRANSITION
        )
    return _office_move(
        office,
        OfficeStatus.ACTIVE,
        actor=actor,
        action="office.reinstated",
        reason=reason,
        decision=decision,
    )


def _end_office(
    office: Office, *, licence_status: LicenceStatus, actor: Actor, decision=None
) -> None:
    licence = selectors.office_active_licence(office)
    if licence is not None:
        _licence_move(licence, licence_status)
        audit_record(
            actor=actor,
            action=f"licence.{licence_status}",
            stream=office_stream(office.code),
            obj=licence,
            after={"decision": decision.number if decision else None},
        )
    today = timezone.localdate()
    for authorisation in office.authorisations.filter(withdrawn_on__isnull=True):
        authorisation.withdrawn_on, authorisation.withdrawn_by = today, decision
        authorisation.save(update_fields=["withdrawn_on", "withdrawn_by"])


@audited
def office_revoke(*, actor: Actor, office: Office, decision, reason: str) -> Office:
    decision_require(decision=decision, kind=DecisionKind.SANCTION)
    office = _locked(office)
    require_operable(office)
    _end_office(office, licence_status=LicenceStatus.REVOKED, actor=actor, decision=decision)
    return _office_move(
        office,
        OfficeStatus.REVOKED,
        actor=actor,
        action="office.revoked",
        reason=reason,
        decision=decision,
    )


@audited
def office_close(*, actor: Actor, office: Office, reason: str) -> Office:
    """A licensee closes the office of their own will: no decision, the licence is surrendered."""
    office = _locked(office)
    require_operable(office)
    _end_office(office, licence_status=LicenceStatus.SURRENDERED, actor=actor)
    return _office_move(
        office, OfficeStatus.CLOSED, actor=actor, action="office.closed", reason=reason
    )


@audited
def office_relocate(
    *,
    actor: Actor,
    office: Office,
    decision,
    district: District,
    address: str,
    postal_code: str = "",
    latitude=None,
    longitude=None,
    sub_district: SubDistrict | None = None,
) -> Office:
    """Move an office to a new address. The sub-district is that of the new address (it must
    lie in `district`); left out, the office's sub-district is cleared, not carried over."""
    from daftar.core.identifiers import normalize_postal_code
    from daftar.core.text import search_key
    from daftar.offices.services.registry import _identifier

    decision_require(decision=decision, kind=DecisionKind.LICENCE)
    office = _locked(office)
    require_operable(office)
    if not address.strip():
        raise InvalidInput(
            _("Enter the new address."), code=CoreErrorCode.REQUIRED, field="address"
        )
    require_sub_district_in(district, sub_district)
    before = {
        "district": office.district.number,
        "sub_district": office.sub_district.number if office.sub_district else None,
        "address": office.address,
    }
    office.district, office.address, office.address_key = district, address, search_key(address)
    office.sub_district = sub_district
    office.postal_code = (
        _identifier(normalize_postal_code, postal_code, "postal_code") if postal_code else ""
    )
    office.latitude, office.longitude = latitude, longitude
    office.save(
        update_fields=[
            "district",
            "sub_district",
            "address",
            "address_key",
            "postal_code",
            "latitude",
            "longitude",
        ]
    )
    decision_record_effect(
        decision=decision,
        obj=office,
        summary=f"office {office.code} relocated to district {district.number}",
    )
    audit_record(
        actor=actor,
        action="office.relocated",
        stream=office_stream(office.code),
        obj=office,
        before=before,
        after={
            "district": district.number,
            "sub_district": sub_district.number if sub_district else None,
            "address": address,
            "decision": decision.number,
        },
    )
    return office


# --- licences --------------------------------------------------------------------------------


def _next_licence_number(year: int) -> str:
    prefix = f"P-{year}-"
    last = Licence.objects.filter(number__startswith=prefix).aggregate(m=Max("number"))["m"]
    seq = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{seq:04d}"


def _check_licensee_may_hold(licensee: Licensee) -> None:
    licensee = Licensee.objects.select_for_update().get(pk=licensee.pk)
    held = licensee.licences.filter(status=LicenceStatus.ACTIVE).count()
    if not held:
        return
    if licensee.kind == LicenseeKind.PERSON:
        raise Conflict(
            _("A natural person may hold only one operating licence."),
            code=OfficesErrorCode.ONE_LICENCE_PER_PERSON,
        )
    if licensee.multi_licence_decision_id is None:
        raise Conflict(
            _(
                "%(name)s already holds a licence; a legal entity may hold more only when a "
                "committee decision allows it."
            ),
            code=OfficesErrorCode.MULTI_LICENCE_NOT_ALLOWED,
            params={"name": str(licensee)},
        )


@audited
def licence_issue(
    *,
    actor: Actor,
    office: Office,
    licensee: Licensee,
    decision,
    issued_on: datetime.date,
    term_years: int,
) -> Licence:
    from daftar.core.jalali import fiscal_year

    decision_require(decision=decision, kind=DecisionKind.LICENCE)
    office = _locked(office)
    require_operable(office)
    if not 1 <= term_years <= 10:
        raise InvalidInput(
            _("A licence term is between 1 and 10 years."),
            code=OfficesErrorCode.LICENCE_TERM_OUT_OF_RANGE,
            field="term_years",
        )
    if selectors.office_active_licence(office) is not None:
        raise Conflict(
            _("Office %(code)s already holds an active licence."),
            code=OfficesErrorCode.ALREADY_LICENSED,
            params={"code": office.code},
        )
    _check_licensee_may_hold(licensee)
    licence = Licence.objects.create(
        number=_next_licence_number(fiscal_year(issued_on)),
        office=office,
        licensee=licensee,
        issued_on=issued_on,
        expires_on=issued_on.replace(year=issued_on.year + term_years),
        decision=decision,
        verification_code=secrets.token_hex(6).upper(),
    )
    decision_record_effect(
        decision=decision,
        obj=licence,
        summary=f"operating licence {licence.number} for office {office.code}",
    )
    audit_record(
        actor=actor,
        action="licence.issued",
        stream=office_stream(office.code),
        obj=licence,
        after={
            "number": licence.number,
            "expires_on": licence.expires_on,
            "decision": decision.number,
        },
    )
    return licence


@audited
def licence_renew(*, actor: Actor, licence: Licence, decision, years: int) -> Licence:
    decision_require(decision=decision, kind=DecisionKind.LICENCE)
    licence = Licence.objects.select_for_update().get(pk=licence.pk)
    require_operable(licence.office)
    if not 1 <= years <= 10:
        raise InvalidInput(
            _("A renewal is between 1 and 10 years."),
            code=OfficesErrorCode.RENEWAL_TERM_OUT_OF_RANGE,
            field="years",
        )
    before = licence.expires_on
    base = max(licence.expires_on, timezone.localdate())
    licence.expires_on = base.replace(year=base.year + years)
    licence.renewed_until = licence.expires_on
    _licence_move(licence, LicenceStatus.ACTIVE)
    decision_record_effect(
        decision=decision,
        obj=licence,
        summary=f"licence {licence.number} renewed until {licence.expires_on}",
    )
    audit_record(
        actor=actor,
        action="licence.renewed",
        stream=office_stream(licence.office.code),
        obj=licence,
        before={"expires_on": before},
        after={"expires_on": licence.expires_on, "decision": decision.number},
    )
    return licence


@audited
def licence_transfer(*, actor: Actor, licence: Licence, to: Licensee, decision) -> Licence:
    """The licence passes to another licensee for the rest of its term (a new licence row)."""
    decision_require(decision=decision, kind=DecisionKind.LICENCE)
    licence = Licence.objects.select_for_update().get(pk=licence.pk)
    require_operable(licence.office)
    if licence.status != LicenceStatus.ACTIVE:
        raise Conflict(
            _("Only an active licence can be transferred."),
            code=OfficesErrorCode.LICENCE_NOT_ACTIVE,
        )
    if to.pk == licence.licensee_id:
        raise InvalidInput(
            _("The licence already belongs to this licensee."),
            code=OfficesErrorCode.TRANSFER_TO_SAME_LICENSEE,
            field="to",
        )
    _check_licensee_may_hold(to)
    _licence_move(licence, LicenceStatus.TRANSFERRED)
    successor = Licence.objects.create(
        number=f"{licence.number}-T{Licence.objects.filter(office=licence.office).count()}",
        office=licence.office,
        licensee=to,
        issued_on=timezone.localdate(),
        expires_on=licence.expires_on,
        decision=decision,
        verification_code=secrets.token_hex(6).upper(),
    )
    decision_record_effect(
        decision=decision,
        obj=successor,
        summary=f"licence {licence.number} transferred as {successor.number}",
    )
    audit_record(
        actor=actor,
        action="licence.transferred",
        stream=office_stream(licence.office.code),
        obj=successor,
        before={"licence": licence.number, "licensee": licence.licensee_id},
        after={"licence": successor.number, "licensee": to.pk, "decision": decision.number},
    )
    return successor


def licences_expire_due(*, today: datetime.date | None = None) -> int:
    """Mark lapsed licences expired (a daily job). Returns how many lapsed."""
    today = today or timezone.localdate()
    due = list(
        Licence.objects.filter(status=LicenceStatus.ACTIVE, expires_on__lt=today).values_list(
            "pk", flat=True
        )
    )
    for pk in due:
        _expire_one(pk=pk, today=today)
    return len(due)


@audited
def _expire_one(*, pk: int, today: datetime.date) -> None:
    licence = Licence.objects.select_for_update(of=("self",)).select_related("office").get(pk=pk)
    if licence.status != LicenceStatus.ACTIVE or licence.expires_on >= today:
        from daftar.audit.services import audit_nothing_changed

        audit_nothing_changed()
        return
    _licence_move(licence, LicenceStatus.EXPIRED)
    audit_record(
        actor=Actor.system("licence-expiry"),
        action="licence.expired",
        stream=office_stream(licence.office.code),
        obj=licence,
        after={"expired_on": licence.expires_on},
    )


# --- service authorisations --------------------------------------------------------------------


@audited
def authorisation_grant(
    *, actor: Actor, office: Office, domain, decision, granted_on: datetime.date | None = None
) -> OfficeAuthorisation:
    decision_require(decision=decision, kind=DecisionKind.SERVICE_AUTHORISATION)
    office = _locked(office)
    require_operable(office)
    problems = selectors.office_delivery_problems(office, domain, check_authorisation=False)
    if problems:
        raise Conflict(
            _("Office %(code)s cannot be authorised for %(domain)s: %(reasons)s"),
            code=OfficesErrorCode.NOT_ELIGIBLE_FOR_DOMAIN,
            params={
                "code": office.code,
                "domain": domain.name,
                "reasons": "; ".join(str(p) for p in problems),
            },
        )
    if office.authorisations.filter(domain=domain, withdrawn_on__isnull=True).exists():
        raise Conflict(
            _("Office %(code)s is already authorised for %(domain)s."),
            code=OfficesErrorCode.ALREADY_AUTHORISED,
            params={"code": office.code, "domain": domain.name},
        )
    authorisation = OfficeAuthorisation.objects.create(
        office=office,
        domain=domain,
        decision=decision,
        granted_on=granted_on or timezone.localdate(),
    )
    decision_record_effect(
        decision=decision,
        obj=authorisation,
        summary=f"office {office.code} authorised for {domain.code}",
    )
    audit_record(
        actor=actor,
        action="office.authorised",
        stream=office_stream(office.code),
        obj=authorisation,
        after={"domain": domain.code, "decision": decision.number},
    )
    return authorisation


@audited
def authorisation_withdraw(
    *, actor: Actor, authorisation: OfficeAuthorisation, decision
) -> OfficeAuthorisation:
    decision_require(decision=decision, kind=DecisionKind.SERVICE_AUTHORISATION)
    authorisation = OfficeAuthorisation.objects.select_for_update().get(pk=authorisation.pk)
    if authorisation.withdrawn_on is not None:
        raise Conflict(
            _("This authorisation has already been withdrawn."), code=OfficesErrorCode.WITHDRAWN
        )
    authorisation.withdrawn_on, authorisation.withdrawn_by = timezone.localdate(), decision
    authorisation.save(update_fields=["withdrawn_on", "withdrawn_by"])
    decision_record_effect(
        decision=decision,
        obj=authorisation,
        summary=f"authorisation of {authorisation.office.code} for "
        f"{authorisation.domain.code} withdrawn",
    )
    audit_record(
        actor=actor,
        action="office.authorisation_withdrawn",
        stream=office_stream(authorisation.office.code),
        obj=authorisation,
        after={"decision": decision.number},
    )
    return authorisation
