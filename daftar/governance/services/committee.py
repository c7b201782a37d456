"""The steering committee: seats, meetings, and the quorum rule (set by a policy decision)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Forbidden, InvalidInput
from daftar.governance import permissions
from daftar.governance.choices import (
    DecisionKind,
    MajorityBasis,
    Seat,
)
from daftar.governance.error_codes import GovernanceErrorCode
from daftar.governance.models import (
    CommitteeMember,
    Decision,
    Meeting,
    QuorumRule,
)
from daftar.governance.services.common import STREAM
from daftar.governance.services.decisions import decision_record_effect, decision_require

# --- committee -------------------------------------------------------------------------------


@audited
def committee_member_appoint(
    *, actor: Actor, user, seat: Seat, since: datetime.date, is_secretary: bool = False
) -> CommitteeMember:
    from daftar.accounts.choices import Role
    from daftar.accounts.selectors import user_has_role

    if not user_has_role(user, Role.COMMITTEE_MEMBER):
        raise InvalidInput(
            _("Only a user with the committee member role can take a seat."),
            code=GovernanceErrorCode.NOT_COMMITTEE_MEMBER,
            field="user",
        )
    current = CommitteeMember.objects.select_for_update().filter(seat=seat, until__isnull=True)
    for member in current:
        member.until = since
        member.save(update_fields=["until"])
    member = CommitteeMember.objects.create(
        user=user, seat=seat, since=since, is_secretary=is_secretary
    )
    audit_record(
        actor=actor,
        action="committee.member_appointed",
        stream=STREAM,
        obj=member,
        summary=f"{user.username} takes the {seat} seat",
        after={"user": user.username, "seat": str(seat), "secretary": is_secretary},
    )
    return member


@audited
def meeting_record(
    *,
    actor: Actor,
    number: int,
    held_on: datetime.date,
    attendees: Iterable[CommitteeMember],
    location: str = "",
    minutes: str = "",
) -> Meeting:
    if not permissions.is_committee_secretary(actor.user):
        raise Forbidden(_("Only the committee secretary records meetings."))
    if Meeting.objects.filter(number=number).exists():
        raise InvalidInput(
            _("Meeting number %(number)d is already recorded."),
            code=CoreErrorCode.DUPLICATE,
            field="number",
            params={"number": number},
        )
    meeting = Meeting.objects.create(
        number=number, held_on=held_on, location=location, minutes=minutes, recorded_by=actor.user
    )
    attendees = list(attendees)
    meeting.attendees.set(attendees)
    audit_record(
        actor=actor,
        action="committee.meeting_recorded",
        stream=STREAM,
        obj=meeting,
        summary=f"meeting {number} on {held_on}",
        after={"attendees": sorted(str(a.seat) for a in attendees)},
    )
    return meeting


@audited
def quorum_rule_set(
    *,
    actor: Actor,
    decision: Decision,
    effective_from: datetime.date,
    min_present: int,
    majority_basis: MajorityBasis,
) -> QuorumRule:
    decision_require(decision=decision, kind=DecisionKind.POLICY)
    if not 1 <= min_present <= len(Seat):
        raise InvalidInput(
            _("The quorum must be between 1 and %(seats)d members."),
            code=GovernanceErrorCode.QUORUM_OUT_OF_RANGE,
            field="min_present",
            params={"seats": len(Seat)},
        )
    rule, _created = QuorumRule.objects.update_or_create(
        effective_from=effective_from,
        defaults={"min_present": min_present, "majority_basis": majority_basis, "set_by": decision},
    )
    decision_record_effect(
        decision=decision,
        obj=rule,
        message=gettext_noop("quorum rule: %(quorum)d members present, majority of %(basis)s"),
        params={"quorum": min_present, "basis": MajorityBasis(majority_basis).label},
    )
    audit_record(
        actor=actor,
        action="committee.quorum_rule_set",
        stream=STREAM,
        obj=rule,
        after={
            "effective_from": effective_from,
            "min_present": min_present,
            "majority_basis": str(majority_basis),
            "decision": decision.number,
        },
    )
    return rule
