"""Office and licence lifecycles (the status moves), and the office's own transitions — each
bound to a decision. Licences are issued, renewed and transferred in `services/licences.py`;
service authorisations are in `services/authorisations.py`.

    office:  pending → active ⇄ suspended → revoked;  pending/active/suspended → closed
    licence: active → expired / revoked / transferred / surrendered (renewal keeps it active)

Suspension, reinstatement and revocation need an adopted *sanction* decision; licences,
renewals, transfers and relocations an adopted *licence* decision; authorising a domain an
adopted *service authorisation* decision. Each decision records what it changed.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from daftar.audit.services import audit_record, audited, office_stream
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, InvalidInput
from daftar.governance.choices import DecisionKind
from daftar.governance.services import decision_record_effect, decision_require
from daftar.offices import selectors
from daftar.offices.choices import LicenceStatus, OfficeStatus
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import (
    District,
    Licence,
    Office,
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
            decision=decision,
            obj=office,
            message=gettext_noop("office %(office)s: %(before)s → %(to)s"),
            params={
                "office": office.code,
                "before": OfficeStatus(before).label,
                "to": OfficeStatus(to).label,
            },
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
        message=gettext_noop("office %(office)s relocated to district %(district)d"),
        params={"office": office.code, "district": district.number},
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
