"""A call's lifecycle: `_call_move` is the only place a call's status changes.

    draft → open → registration_closed → scored → results_published → objections_closed
          → awarded → closed              (objections_closed → closed when nobody is awarded)

A call is opened by an adopted decision of kind LICENCE: the call is itself a licensing act
(it fixes how many licences each district may get), and the governance demo's decision for
call 1404-1 is of that kind. Dates gate what citizens do (registration, objections); staff
steps are gated by the status, and a step that would cut a window short is refused.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, InvalidInput
from daftar.core.i18n import Digits
from daftar.governance.choices import DecisionKind
from daftar.governance.services import decision_record_effect, decision_require
from daftar.licensing.choices import CALL_MOVES, ApplicationStatus, CallStatus, ObjectionStatus
from daftar.licensing.error_codes import LicensingErrorCode
from daftar.licensing.models import Call, Objection
from daftar.licensing.reasons import lazy_date
from daftar.licensing.services.common import (
    STREAM,
    lock_call,
    require_committee,
    require_status,
    today_or,
)

# --- the lifecycle -------------------------------------------------------------------------------


def _call_move(
    call: Call, to: CallStatus, *, actor: Actor, action: str, summary: str = "", **fields
) -> Call:
    """The one place a call's status changes (the caller holds the row lock)."""
    if to not in CALL_MOVES[call.status]:
        raise Conflict(
            _("A call that is %(status)s cannot become %(to)s."),
            code=LicensingErrorCode.CALL_TRANSITION,
            params={"status": call.get_status_display(), "to": CallStatus(to).label},
        )
    before = call.status
    call.status = to
    for name, value in fields.items():
        setattr(call, name, value)
    call.save(update_fields=["status", *fields])
    audit_record(
        actor=actor,
        action=action,
        stream=STREAM,
        obj=call,
        summary=summary or f"call {call.code}: {before} → {to}",
        before={"status": before},
        after={"status": str(to), **{k: getattr(v, "number", v) for k, v in fields.items()}},
    )
    return call


@audited
def call_open(*, actor: Actor, call: Call, decision, today: datetime.date | None = None) -> Call:
    """Open a draft call on an adopted LICENCE decision; quotas and rules freeze."""
    require_committee(actor)
    decision_require(decision=decision, kind=DecisionKind.LICENCE)
    call = lock_call(call)
    require_status(call, [CallStatus.DRAFT], action=_("opening it"))
    total = sum(call.quotas.values_list("quota", flat=True))
    if total <= 0:
        raise Conflict(
            _("Call %(code)s has no places: give at least one district a quota first."),
            code=LicensingErrorCode.NO_QUOTA,
            params={"code": call.code},
        )
    if call.registration_closes < today_or(today):
        raise InvalidInput(
            _("Registration would already be closed (%(date)s); change the timetable first."),
            code=LicensingErrorCode.TIMETABLE_PAST,
            field="registration_closes",
            params={"date": lazy_date(call.registration_closes)},
        )
    _call_move(
        call,
        CallStatus.OPEN,
        actor=actor,
        action="call.opened",
        summary=f"call {call.code} opened with {total} places on decision {decision.number}",
        decision=decision,
        opened_at=timezone.now(),
    )
    decision_record_effect(
        decision=decision,
        obj=call,
        message=gettext_noop(
            "licensing call %(call)s opened with %(places)d places in its district quotas"
        ),
        params={"call": Digits(call.code), "places": total},
    )
    return call


@audited
def call_close_registration(
    *, actor: Actor, call: Call, today: datetime.date | None = None
) -> Call:
    require_committee(actor)
    call = lock_call(call)
    require_status(call, [CallStatus.OPEN], action=_("closing registration"))
    if today_or(today) <= call.registration_closes:
        raise Conflict(
            _("Registration is open until %(date)s; it can be closed from the day after."),
            code=LicensingErrorCode.REGISTRATION_STILL_OPEN,
            params={"date": lazy_date(call.registration_closes)},
        )
    return _call_move(
        call, CallStatus.REGISTRATION_CLOSED, actor=actor, action="call.registration_closed"
    )


@audited
def call_mark_scored(*, actor: Actor, call: Call) -> Call:
    """Every application reviewed and every eligible applicant scored (or marked absent)."""
    require_committee(actor)
    call = lock_call(call)
    require_status(call, [CallStatus.REGISTRATION_CLOSED], action=_("closing the scoring"))
    under_review = call.applications.filter(status=ApplicationStatus.SUBMITTED).count()
    if under_review:
        raise Conflict(
            _("%(count)d application(s) still have documents awaiting review."),
            code=LicensingErrorCode.REVIEWS_PENDING,
            params={"count": under_review},
        )
    unscored = list(
        call.applications.filter(
            status=ApplicationStatus.ELIGIBLE, exam_score__isnull=True, exam_absent=False
        ).values_list("code", flat=True)
    )
    if unscored:
        raise Conflict(
            _("Enter an exam score (or mark absent) for %(count)d applicant(s): %(codes)s."),
            code=LicensingErrorCode.SCORES_MISSING,
            params={"count": len(unscored), "codes": ", ".join(unscored[:10])},
        )
    return _call_move(call, CallStatus.SCORED, actor=actor, action="call.scored")


@audited
def call_close_objections(*, actor: Actor, call: Call, today: datetime.date | None = None) -> Call:
    require_committee(actor)
    call = lock_call(call)
    require_status(call, [CallStatus.RESULTS_PUBLISHED], action=_("closing the objections"))
    if today_or(today) <= call.objections_until:
        raise Conflict(
            _("Objections may be filed until %(date)s; close them from the day after."),
            code=LicensingErrorCode.OBJECTIONS_STILL_OPEN,
            params={"date": lazy_date(call.objections_until)},
        )
    pending = Objection.objects.filter(
        application__call=call, status=ObjectionStatus.PENDING
    ).count()
    if pending:
        raise Conflict(
            _("%(count)d objection(s) still await a ruling."),
            code=LicensingErrorCode.OBJECTIONS_PENDING,
            params={"count": pending},
        )
    return _call_move(
        call, CallStatus.OBJECTIONS_CLOSED, actor=actor, action="call.objections_closed"
    )


@audited
def call_close(*, actor: Actor, call: Call) -> Call:
    require_committee(actor)
    call = lock_call(call)
    require_status(call, [CallStatus.OBJECTIONS_CLOSED, CallStatus.AWARDED], action=_("closing it"))
    return _call_move(call, CallStatus.CLOSED, actor=actor, action="call.closed")
