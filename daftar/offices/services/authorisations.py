"""Service authorisations: an office may deliver a domain's services once an adopted service
authorisation decision grants it; withdrawal likewise."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from daftar.audit.services import audit_record, audited, office_stream
from daftar.core.actors import Actor
from daftar.core.errors import Conflict
from daftar.governance.choices import DecisionKind
from daftar.governance.services import decision_record_effect, decision_require
from daftar.offices import selectors
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.models import (
    Office,
    OfficeAuthorisation,
)
from daftar.offices.renewal import authorisation_blockers
from daftar.offices.services.lifecycle import _locked
from daftar.offices.services.registry import require_operable


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
    blockers = authorisation_blockers(office)
    if blockers:
        raise Conflict(
            _("Office %(code)s cannot be authorised for %(domain)s: %(reasons)s"),
            code=OfficesErrorCode.NOT_AUTHORISABLE,
            params={
                "code": office.code,
                "domain": domain.name,
                "reasons": "; ".join(str(b) for b in blockers),
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
        message=gettext_noop("office %(office)s authorised for %(domain)s"),
        params={"office": office.code, "domain": lambda: domain.name},
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
        message=gettext_noop("authorisation of office %(office)s for %(domain)s withdrawn"),
        params={
            "office": authorisation.office.code,
            "domain": lambda: authorisation.domain.name,
        },
    )
    audit_record(
        actor=actor,
        action="office.authorisation_withdrawn",
        stream=office_stream(authorisation.office.code),
        obj=authorisation,
        after={"decision": decision.number},
    )
    return authorisation
