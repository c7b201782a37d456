"""Committee decisions: drafting, voting, closing (adopt and number, or reject), and the
`decision_require` / `decision_record_effect` hooks other capabilities use. `_decision_move`
is the only place a decision's status changes."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.digits import to_ascii_digits
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.i18n import in_both_languages
from daftar.core.jalali import fiscal_year
from daftar.governance import permissions
from daftar.governance.choices import (
    DecisionKind,
    DecisionStatus,
    MajorityBasis,
    Seat,
    VersionStatus,
    VoteChoice,
)
from daftar.governance.error_codes import GovernanceErrorCode
from daftar.governance.models import (
    Article,
    ArticleNote,
    CommitteeMember,
    Decision,
    DecisionCitation,
    DecisionCounter,
    DecisionEffect,
    Meeting,
    QuorumRule,
    Vote,
)
from daftar.governance.selectors import committee_member_of, quorum_rule_on
from daftar.governance.services.common import STREAM

# --- decisions -------------------------------------------------------------------------------

Citation = tuple[Article, ArticleNote | None]


def _check_citations(citations: Sequence[Citation], *, allow_superseded: bool) -> None:
    allowed = {VersionStatus.ADOPTED, *([VersionStatus.SUPERSEDED] if allow_superseded else [])}
    for article, note in citations:
        if article.version.status not in allowed:
            raise InvalidInput(
                _(
                    "Article %(number)d of «%(version)s» is not adopted text; a decision may only "
                    "cite the bylaw in force."
                ),
                code=GovernanceErrorCode.CITES_DRAFT,
                field="citations",
                params={"number": article.number, "version": article.version.label_fa},
            )
        if note is not None and note.article_id != article.pk:
            raise InvalidInput(
                _("The cited note does not belong to article %(number)d."),
                code=GovernanceErrorCode.NOTE_NOT_IN_ARTICLE,
                field="citations",
                params={"number": article.number},
            )


def _decision_fields(subject: str, body: str) -> None:
    if not subject.strip():
        raise InvalidInput(
            _("Enter the subject of the decision."), code=CoreErrorCode.REQUIRED, field="subject"
        )
    if not body.strip():
        raise InvalidInput(
            _("Enter the text of the decision."), code=CoreErrorCode.REQUIRED, field="body"
        )


@audited
def decision_draft(
    *,
    actor: Actor,
    kind: DecisionKind,
    subject: str,
    body: str,
    decided_on: datetime.date,
    subject_en: str = "",
    meeting: Meeting | None = None,
    citations: Sequence[Citation] = (),
    amends: Decision | None = None,
) -> Decision:
    if not (
        permissions.can_draft_decision(actor.user)
        or permissions.can_propose_decision(actor.user, kind)
    ):
        raise Forbidden(_("Only members of the steering committee draft decisions."))
    _decision_fields(subject, body)
    _check_citations(citations, allow_superseded=False)
    if amends is not None and amends.status != DecisionStatus.ADOPTED:
        raise InvalidInput(
            _("Only an adopted decision can be amended."),
            code=GovernanceErrorCode.AMENDS_NOT_ADOPTED,
            field="amends",
        )
    decision = Decision.objects.create(
        kind=kind,
        subject=subject.strip(),
        subject_en=subject_en.strip(),
        body=body.strip(),
        decided_on=decided_on,
        meeting=meeting,
        amends=amends,
        created_by=actor.user,
    )
    DecisionCitation.objects.bulk_create(
        [DecisionCitation(decision=decision, article=a, note=n) for a, n in citations]
    )
    audit_record(
        actor=actor,
        action="decision.drafted",
        stream=STREAM,
        obj=decision,
        summary=f"draft decision: {subject[:80]}",
        after={
            "kind": str(kind),
            "decided_on": decided_on,
            "citations": [a.pk for a, _n in citations],
        },
    )
    return decision


@audited
def decision_update_draft(
    *,
    actor: Actor,
    decision: Decision,
    subject: str,
    body: str,
    decided_on: datetime.date,
    kind: DecisionKind,
    citations: Sequence[Citation] = (),
    subject_en: str = "",
) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.DRAFT:
        raise Conflict(
            _(
                "An adopted or rejected decision cannot change; "
                "a correction is a new decision that amends it."
            ),
            code=GovernanceErrorCode.DECISION_CLOSED,
        )
    if not permissions.can_draft_decision(actor.user):
        raise Forbidden(_("Only members of the steering committee draft decisions."))
    _decision_fields(subject, body)
    _check_citations(citations, allow_superseded=False)
    before = {"subject": decision.subject, "body": decision.body}
    decision.subject, decision.body, decision.decided_on = subject.strip(), body.strip(), decided_on
    decision.kind, decision.subject_en = kind, subject_en.strip()
    decision.save(update_fields=["subject", "body", "decided_on", "kind", "subject_en"])
    decision.citations.all().delete()
    DecisionCitation.objects.bulk_create(
        [DecisionCitation(decision=decision, article=a, note=n) for a, n in citations]
    )
    audit_record(
        actor=actor,
        action="decision.edited",
        stream=STREAM,
        obj=decision,
        before=before,
        after={"subject": decision.subject, "body": decision.body},
    )
    return decision


@audited
def decision_cast_vote(*, actor: Actor, decision: Decision, choice: VoteChoice) -> Vote:
    """A member votes (and is thereby present). A member may change their vote until closing."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.DRAFT:
        raise Conflict(
            _("Voting on this decision has closed."), code=GovernanceErrorCode.DECISION_CLOSED
        )
    member = committee_member_of(actor.user)
    if member is None:
        raise Forbidden(_("Only members of the steering committee vote."))
    vote, _created = Vote.objects.update_or_create(
        decision=decision, member=member, defaults={"choice": choice}
    )
    decision.present.add(member)
    audit_record(
        actor=actor,
        action="decision.vote_cast",
        stream=STREAM,
        obj=decision,
        summary=f"{member.seat} voted {choice}",
        after={"seat": member.seat, "vote": str(choice)},
    )
    return vote


@audited
def decision_set_present(
    *, actor: Actor, decision: Decision, members: Iterable[CommitteeMember]
) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.DRAFT:
        raise Conflict(
            _("Voting on this decision has closed."), code=GovernanceErrorCode.DECISION_CLOSED
        )
    if not permissions.is_committee_secretary(actor.user):
        raise Forbidden(_("Only the committee secretary records who is present."))
    members = list(members)
    voted = set(decision.votes.values_list("member_id", flat=True))
    if not voted <= {m.pk for m in members}:
        raise InvalidInput(
            _("A member who has voted is present."),
            code=GovernanceErrorCode.VOTER_NOT_PRESENT,
            field="present",
        )
    decision.present.set(members)
    audit_record(
        actor=actor,
        action="decision.presence_recorded",
        stream=STREAM,
        obj=decision,
        after={"present": sorted(str(m.seat) for m in members)},
    )
    return decision


def decision_tally(decision: Decision, rule: QuorumRule):
    from daftar.governance.selectors import Tally

    present_ids = set(decision.present.values_list("pk", flat=True))
    votes = [v.choice for v in decision.votes.all() if v.member_id in present_ids]
    seats = len(Seat)
    basis = len(present_ids) if rule.majority_basis == MajorityBasis.PRESENT else seats
    return Tally(
        present=len(present_ids),
        yes=votes.count(VoteChoice.YES),
        no=votes.count(VoteChoice.NO),
        abstain=votes.count(VoteChoice.ABSTAIN),
        seats=seats,
        quorum=rule.min_present,
        needed=basis // 2 + 1,
    )


_NUMBER = re.compile(r"^\s*(\d{4})\s*/\s*(\d{1,4})\s*$")


def _decision_move(decision: Decision, to: DecisionStatus, **fields) -> None:
    """The one place a decision's status changes (draft → adopted or rejected)."""
    if decision.status != DecisionStatus.DRAFT or to == DecisionStatus.DRAFT:
        raise Conflict(
            _("This decision is already closed."), code=GovernanceErrorCode.DECISION_CLOSED
        )
    decision.status = to
    decision.closed_at = timezone.now()
    for name, value in fields.items():
        setattr(decision, name, value)
    decision.save(update_fields=["status", "closed_at", *fields])


def _allocate_number(decision: Decision, number: str | None) -> tuple[int, int]:
    year = fiscal_year(decision.decided_on)
    counter, _created = DecisionCounter.objects.get_or_create(year=year)
    counter = DecisionCounter.objects.select_for_update().get(pk=counter.pk)
    if number:
        match = _NUMBER.match(to_ascii_digits(number))
        if not match:
            raise InvalidInput(
                _("A decision number looks like 1404/27."),
                code=GovernanceErrorCode.DECISION_NUMBER_FORMAT,
                field="number",
            )
        given_year, seq = int(match.group(1)), int(match.group(2))
        if given_year != year or seq < 1:
            raise InvalidInput(
                _("Decision %(number)s is not in year %(year)d of its date."),
                code=GovernanceErrorCode.DECISION_NUMBER_YEAR,
                field="number",
                params={"number": number, "year": year},
            )
        if Decision.objects.filter(year=year, seq=seq).exists():
            raise Conflict(
                _("Decision number %(number)s is already taken."),
                code=CoreErrorCode.DUPLICATE,
                field="number",
                params={"number": f"{year}/{seq}"},
            )
    else:
        seq = counter.last_seq + 1
    counter.last_seq = max(counter.last_seq, seq)
    counter.save(update_fields=["last_seq"])
    return year, seq


@audited
def decision_close(*, actor: Actor, decision: Decision, number: str | None = None) -> Decision:
    """Count the votes: with quorum, adopt (and number) or reject. Without quorum, refuse."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not permissions.is_committee_secretary(actor.user):
        raise Forbidden(_("Only the committee secretary closes the vote."))
    if decision.status != DecisionStatus.DRAFT:
        raise Conflict(
            _("This decision is already closed."), code=GovernanceErrorCode.DECISION_CLOSED
        )
    rule = quorum_rule_on(decision.decided_on)
    if rule is None:
        raise Conflict(
            _("No quorum rule is in force on the date of this decision."),
            code=GovernanceErrorCode.NO_QUORUM_RULE,
        )
    tally = decision_tally(decision, rule)
    if not tally.quorate:
        raise InvalidInput(
            _(
                "The decision cannot be adopted without a quorum: %(present)d member(s) present, "
                "%(quorum)d required."
            ),
            code=GovernanceErrorCode.NO_QUORUM,
            params={"present": tally.present, "quorum": tally.quorum},
        )
    citations = [
        (c.article, c.note) for c in decision.citations.select_related("article__version", "note")
    ]
    if tally.carried:
        _check_citations(citations, allow_superseded=True)
        year, seq = _allocate_number(decision, number)
        _decision_move(decision, DecisionStatus.ADOPTED, year=year, seq=seq, rule=rule)
    else:
        _decision_move(decision, DecisionStatus.REJECTED, rule=rule)
    audit_record(
        actor=actor,
        action=f"decision.{decision.status}",
        stream=STREAM,
        obj=decision,
        summary=f"decision {decision.number or decision.pk} {decision.status}",
        after={
            "number": decision.number,
            "yes": tally.yes,
            "no": tally.no,
            "abstain": tally.abstain,
            "present": tally.present,
        },
    )
    return decision


# --- the hook other capabilities use ---------------------------------------------------------


def decision_require(*, decision: Decision | None, kind: DecisionKind) -> Decision:
    """Check that an adopted decision of `kind` authorises an action; raise otherwise."""
    if decision is None:
        raise InvalidInput(
            _("This action needs an adopted decision of the steering committee."),
            code=GovernanceErrorCode.DECISION_REQUIRED,
            field="decision",
        )
    if decision.status != DecisionStatus.ADOPTED:
        raise InvalidInput(
            _("Decision «%(subject)s» is not adopted, so it cannot authorise this action."),
            code=GovernanceErrorCode.DECISION_NOT_ADOPTED,
            field="decision",
            params={"subject": decision.subject},
        )
    if decision.kind != kind:
        raise InvalidInput(
            _(
                "Decision %(number)s is a %(kind)s decision; this action needs a %(needed)s "
                "decision."
            ),
            code=GovernanceErrorCode.DECISION_WRONG_KIND,
            field="decision",
            params={
                "number": decision.number,
                "kind": decision.get_kind_display(),
                "needed": DecisionKind(kind).label,
            },
        )
    return decision


def decision_record_effect(
    *, decision: Decision, obj, message: str, params: dict | None = None
) -> DecisionEffect:
    """Record, inside the caller's transaction, what `decision` changed (shown on its page in
    the reader's language): `message` is an English sentence marked with `gettext_noop`,
    stored with its Persian translation, each filled in with `params` as its language writes
    them (`core.i18n.in_both_languages`)."""
    summary_fa, summary_en = in_both_languages(message, params)
    return DecisionEffect.objects.create(
        decision=decision,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        summary=summary_en[:300],
        summary_fa=summary_fa[:300],
    )
