"""Licences: issue, renew, transfer and the daily expiry, each bound to an adopted licence
decision; the licence's status moves only in `lifecycle._licence_move`."""

from __future__ import annotations

import datetime
import secrets

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from daftar.audit.services import audit_record, audited, office_stream
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, InvalidInput
from daftar.governance.choices import DecisionKind
from daftar.governance.services import decision_record_effect, decision_require
from daftar.offices import selectors
from daftar.offices.choices import LicenceStatus, LicenseeKind
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import (
    Licence,
    Licensee,
    Office,
)
from daftar.offices.renewal import renewal_blockers
from daftar.offices.services.lifecycle import _licence_move, _locked
from daftar.offices.services.registry import require_operable


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
        message=gettext_noop("operating licence %(licence)s for office %(office)s"),
        params={"licence": licence.number, "office": office.code},
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
    blockers = renewal_blockers(licence.office)
    if blockers:
        raise Conflict(
            _("Licence %(licence)s cannot be renewed: %(reasons)s"),
            code=OfficesErrorCode.RENEWAL_BLOCKED,
            params={"licence": licence.number, "reasons": "; ".join(str(b) for b in blockers)},
        )
    before = licence.expires_on
    base = max(licence.expires_on, timezone.localdate())
    licence.expires_on = base.replace(year=base.year + years)
    licence.renewed_until = licence.expires_on
    _licence_move(licence, LicenceStatus.ACTIVE)
    decision_record_effect(
        decision=decision,
        obj=licence,
        message=gettext_noop("licence %(licence)s renewed until %(date)s"),
        params={"licence": licence.number, "date": licence.expires_on},
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
        message=gettext_noop("licence %(licence)s transferred as %(successor)s"),
        params={"licence": licence.number, "successor": successor.number},
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
