"""The sanction ladder and sanctions: drafted and proposed by the supervision unit, adopted and
imposed only by committee decisions, carried out through the owning apps' services.

    ladder:   draft → adopted (by a POLICY decision; the previous one superseded) — frozen
    sanction: proposed → imposed | not imposed | withdrawn;  imposed → appealed (once, before
              `appeal_by`) → imposed (appeal rejected) | annulled (appeal upheld)

Effects of an imposed sanction: a warning is the record itself; a fine waits for a treasury
officer, whose `sanction_fine_record` calls treasury's `penalty_record` (only a treasury officer
may record a penalty; the committee's secretary cannot, and this app does not pretend to); a
suspension calls offices' `office_suspend` at once (the decision is its authority) and the
daily job reinstates the office after the suspension's days (`office_reinstate`). A revocation
cannot be undone in offices (a revoked office is terminal), so it is carried out in two steps:
the office is suspended at once, and its licence is revoked (`office_revoke`) only when the
sanction can no longer be appealed — by the daily job once the appeal period has passed with
no appeal, or at once when the committee rejects the appeal; an upheld appeal reinstates the
office instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.calendar import add_working_days
from daftar.core.digits import to_persian_digits
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, DaftarError, Forbidden, InvalidInput
from daftar.core.jalali import format_date, to_tehran
from daftar.core.numbers import format_message, local_digits
from daftar.governance.choices import DecisionKind, VersionStatus
from daftar.governance.models import Article, ArticleNote, Decision
from daftar.governance.services import decision_record_effect, decision_require
from daftar.notifications.services import sms_enqueue
from daftar.offices import services as offices
from daftar.offices.choices import OfficeStatus
from daftar.offices.selectors import office_manager_mobiles
from daftar.supervision import permissions
from daftar.supervision.choices import (
    SEVERITY_RANK,
    UPHELD_RULINGS,
    AppealOutcome,
    FindingStatus,
    RuleStatus,
    SanctionKind,
    SanctionStatus,
    Severity,
)
from daftar.supervision.error_codes import SupervisionErrorCode
from daftar.supervision.models import (
    Complaint,
    Finding,
    Sanction,
    SanctionAppeal,
    SanctionLadder,
    SanctionStep,
)
from daftar.supervision.selectors import sanctions as selectors
from daftar.supervision.services.common import STREAM
from daftar.treasury.models import Penalty
from daftar.treasury.services import penalty_cancel, penalty_record

REASON_MAX_LENGTH = 2000
MAX_WINDOW_DAYS = 3650
MAX_APPEAL_DAYS = 90


class LadderInvalid(InvalidInput):
    """The steps do not make a ladder; `reasons` says which step fails which rule."""

    code = SupervisionErrorCode.LADDER_INVALID

    def __init__(self, reasons: Sequence[str]) -> None:
        super().__init__(
            _("The steps do not make a sanction ladder."),
            code=SupervisionErrorCode.LADDER_INVALID,
        )
        self.reasons = list(reasons)


@dataclass(frozen=True)
class StepSpec:
    """One step as drafted: the sanction, for which violations, and the article it applies."""

    kind: str
    min_severity: str
    min_prior: int
    article: Article
    fine_amount: int = 0
    suspension_days: int = 0
    note: ArticleNote | None = None


# --- guards -------------------------------------------------------------------------------


def _require_secretary(actor: Actor) -> None:
    if actor.is_user and permissions.is_committee_secretary(actor.user):
        return
    raise Forbidden(
        _("Only the steering committee's secretary may record the committee's decision."),
        code=SupervisionErrorCode.NOT_COMMITTEE_SECRETARY,
    )


def _reason(reason, *, field: str = "reason") -> str:
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise InvalidInput(_("Give the reason."), code=CoreErrorCode.REQUIRED, field=field)
    if len(reason) > REASON_MAX_LENGTH:
        raise InvalidInput(
            _("The reason is longer than %(limit)d characters."),
            code=CoreErrorCode.TOO_LONG,
            field=field,
            params={"limit": REASON_MAX_LENGTH},
        )
    return reason


def _require_state(sanction: Sanction, *states: SanctionStatus) -> None:
    if sanction.status not in states:
        raise Conflict(
            _("The sanction is %(status)s; this cannot be done now."),
            code=SupervisionErrorCode.SANCTION_STATE,
            params={"status": sanction.get_status_display()},
        )


def _locked(sanction: Sanction) -> Sanction:
    return (
        Sanction.objects.select_for_update()
        .select_related("office", "step__ladder")
        .get(pk=sanction.pk)
    )


def _sanction_move(sanction: Sanction, to: SanctionStatus, **fields) -> None:
    """The one place a sanction's status changes."""
    sanction.status = to
    for name, value in fields.items():
        setattr(sanction, name, value)
    sanction.save(update_fields=["status", *fields])


# --- the ladder -----------------------------------------------------------------------------


def _step_reasons(steps: Sequence[StepSpec]) -> list[str]:
    """Every rule a drafted ladder breaks, one sentence each (empty when it is a ladder)."""
    reasons: list[str] = []
    if not steps:
        return [str(_("A ladder needs at least one step."))]
    previous = None
    for number, step in enumerate(steps, start=1):
        params = {"step": number}
        if step.kind not in SanctionKind.values:
            reasons.append(format_message(_("Step %(step)d: choose the sanction."), params))
            continue
        if step.min_severity not in Severity.values:
            reasons.append(format_message(_("Step %(step)d: choose the severity."), params))
            continue
        if isinstance(step.min_prior, bool) or not isinstance(step.min_prior, int):
            reasons.append(
                format_message(_("Step %(step)d: earlier sanctions is a whole number."), params)
            )
            continue
        if step.min_prior < 0:
            reasons.append(
                format_message(_("Step %(step)d: earlier sanctions cannot be negative."), params)
            )
        if step.kind == SanctionKind.FINE and not (
            isinstance(step.fine_amount, int) and step.fine_amount > 0
        ):
            reasons.append(
                format_message(_("Step %(step)d: a fine needs an amount above zero."), params)
            )
        if step.kind != SanctionKind.FINE and step.fine_amount:
            reasons.append(
                format_message(_("Step %(step)d: only a fine step has an amount."), params)
            )
        if step.kind == SanctionKind.SUSPENSION and not (
            isinstance(step.suspension_days, int) and step.suspension_days > 0
        ):
            reasons.append(
                format_message(_("Step %(step)d: a suspension needs days above zero."), params)
            )
        if step.kind != SanctionKind.SUSPENSION and step.suspension_days:
            reasons.append(
                format_message(_("Step %(step)d: only a suspension step has days."), params)
            )
        if step.article is None or step.article.version.status != VersionStatus.ADOPTED:
            reasons.append(
                format_message(
                    _("Step %(step)d: cite an article of the bylaw version in force."), params
                )
            )
        elif step.note is not None and step.note.article_id != step.article.pk:
            reasons.append(
                format_message(_("Step %(step)d: the note is not the article's."), params)
            )
        here = (SEVERITY_RANK[Severity(step.min_severity)], step.min_prior)
        if previous is not None and here <= previous:
            reasons.append(
                format_message(
                    _(
                        "Step %(step)d needs no more than the step before it: each step needs "
                        "a higher severity, or the same severity and more earlier sanctions."
                    ),
                    params,
                )
            )
        previous = here
    return reasons


def _ladder_terms(window_days, appeal_days) -> None:
    for value, field, limit in (
        (window_days, "window_days", MAX_WINDOW_DAYS),
        (appeal_days, "appeal_days", MAX_APPEAL_DAYS),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limit:
            raise InvalidInput(
                _("Enter a whole number of days from 1 to %(limit)d."),
                code=SupervisionErrorCode.LADDER_TERMS_INVALID,
                field=field,
                params={"limit": limit},
            )


def _require_draft(ladder: SanctionLadder) -> None:
    if ladder.status != RuleStatus.DRAFT:
        raise Conflict(
            _("Ladder version %(number)d is adopted; draft a new version to change it."),
            code=SupervisionErrorCode.RULES_FROZEN,
            params={"number": ladder.number},
        )


@audited
def sanction_ladder_draft(
    *, actor: Actor, window_days: int, appeal_days: int, steps: Sequence[StepSpec]
) -> SanctionLadder:
    """A new draft version of the ladder with its steps, in order (the supervision unit)."""
    permissions.require_supervisor(actor)
    _ladder_terms(window_days, appeal_days)
    reasons = _step_reasons(steps)
    if reasons:
        raise LadderInvalid(reasons)
    last = SanctionLadder.objects.select_for_update().order_by("-number").first()
    ladder = SanctionLadder.objects.create(
        number=(last.number + 1) if last else 1, window_days=window_days, appeal_days=appeal_days
    )
    SanctionStep.objects.bulk_create(
        SanctionStep(
            ladder=ladder,
            order=order,
            kind=step.kind,
            min_severity=step.min_severity,
            min_prior=step.min_prior,
            fine_amount=step.fine_amount,
            suspension_days=step.suspension_days,
            article=step.article,
            note=step.note,
        )
        for order, step in enumerate(steps, start=1)
    )
    audit_record(
        actor=actor,
        action="sanction_ladder.drafted",
        stream=STREAM,
        obj=ladder,
        summary=f"sanction ladder v{ladder.number} drafted with {len(steps)} steps",
        after={"window_days": window_days, "appeal_days": appeal_days, "steps": len(steps)},
    )
    return ladder


def ladder_steps_as_specs(ladder: SanctionLadder) -> list[StepSpec]:
    return [
        StepSpec(
            kind=s.kind,
            min_severity=s.min_severity,
            min_prior=s.min_prior,
            article=s.article,
            fine_amount=s.fine_amount,
            suspension_days=s.suspension_days,
            note=s.note,
        )
        for s in ladder.steps.select_related("article__version", "note").order_by("order")
    ]


@audited
def sanction_ladder_replace_steps(
    *,
    actor: Actor,
    ladder: SanctionLadder,
    window_days: int,
    appeal_days: int,
    steps: Sequence[StepSpec],
) -> SanctionLadder:
    """Rewrite a draft's terms and steps (an adopted ladder is frozen: RULES_FROZEN)."""
    permissions.require_supervisor(actor)
    ladder = SanctionLadder.objects.select_for_update().get(pk=ladder.pk)
    _require_draft(ladder)
    _ladder_terms(window_days, appeal_days)
    reasons = _step_reasons(steps)
    if reasons:
        raise LadderInvalid(reasons)
    ladder.window_days, ladder.appeal_days = window_days, appeal_days
    ladder.save(update_fields=["window_days", "appeal_days"])
    ladder.steps.all().delete()
    SanctionStep.objects.bulk_create(
        SanctionStep(
            ladder=ladder,
            order=order,
            kind=step.kind,
            min_severity=step.min_severity,
            min_prior=step.min_prior,
            fine_amount=step.fine_amount,
            suspension_days=step.suspension_days,
            article=step.article,
            note=step.note,
        )
        for order, step in enumerate(steps, start=1)
    )
    audit_record(
        actor=actor,
        action="sanction_ladder.edited",
        stream=STREAM,
        obj=ladder,
        summary=f"sanction ladder v{ladder.number}: {len(steps)} steps",
        after={"window_days": window_days, "appeal_days": appeal_days, "steps": len(steps)},
    )
    return ladder


@audited
def sanction_ladder_adopt(
    *, actor: Actor, ladder: SanctionLadder, decision: Decision | None
) -> SanctionLadder:
    """Put a draft ladder in force on the authority of an adopted POLICY decision; the ladder
    in force until now is superseded. Recorded by the supervision unit or the committee's
    secretary; from then on neither its terms nor its steps can change (service and trigger)."""
    if not (
        actor.is_user
        and (
            permissions.is_supervisor(actor.user) or permissions.is_committee_secretary(actor.user)
        )
    ):
        permissions.require_supervisor(actor)
    decision = decision_require(decision=decision, kind=DecisionKind.POLICY)
    ladder = SanctionLadder.objects.select_for_update().get(pk=ladder.pk)
    _require_draft(ladder)
    reasons = _step_reasons(ladder_steps_as_specs(ladder))
    if reasons:
        raise LadderInvalid(reasons)
    previous = SanctionLadder.objects.select_for_update().filter(status=RuleStatus.ADOPTED)
    superseded = [p.number for p in previous]
    previous.update(status=RuleStatus.SUPERSEDED)
    ladder.status = RuleStatus.ADOPTED
    ladder.decision = decision
    ladder.adopted_on = decision.decided_on
    ladder.save(update_fields=["status", "decision", "adopted_on"])
    decision_record_effect(
        decision=decision,
        obj=ladder,
        message=gettext_noop("sanction ladder version %(number)s put in force"),
        params={"number": ladder.number},
    )
    audit_record(
        actor=actor,
        action="sanction_ladder.adopted",
        stream=STREAM,
        obj=ladder,
        summary=f"sanction ladder v{ladder.number} adopted by decision {decision.number}",
        after={"decision": decision.number, "superseded": superseded},
    )
    return ladder


# --- proposing ------------------------------------------------------------------------------


def _source(complaint: Complaint | None, finding: Finding | None):
    """The locked source and its office and severity; refuses one that cannot be sanctioned."""
    if (complaint is None) == (finding is None):
        raise InvalidInput(
            _("Propose a sanction from one upheld complaint or one finding."),
            code=SupervisionErrorCode.SANCTION_SOURCE_INVALID,
        )
    if complaint is not None:
        complaint = (
            Complaint.objects.select_for_update(of=("self",))
            .select_related("office")
            .get(pk=complaint.pk)
        )
        if complaint.ruling not in UPHELD_RULINGS or complaint.office is None:
            raise InvalidInput(
                _(
                    "Complaint %(code)s was not upheld against an office, so no sanction can "
                    "follow from it."
                ),
                code=SupervisionErrorCode.SANCTION_SOURCE_INVALID,
                params={"code": complaint.tracking_code},
            )
        return complaint, complaint.office, complaint.severity or Severity.MINOR
    finding = (
        Finding.objects.select_for_update(of=("self",)).select_related("office").get(pk=finding.pk)
    )
    if finding.status == FindingStatus.RESOLVED:
        raise InvalidInput(
            _("The finding has been corrected, so no sanction can follow from it."),
            code=SupervisionErrorCode.SANCTION_SOURCE_INVALID,
        )
    return finding, finding.office, finding.severity


@audited
def sanction_propose(
    *,
    actor: Actor,
    reason: str,
    complaint: Complaint | None = None,
    finding: Finding | None = None,
) -> Sanction:
    """Propose to the committee the sanction the ladder in force gives for an upheld complaint
    or an unresolved finding, given the office's earlier sanctions in the ladder's window."""
    permissions.require_supervisor(actor)
    reason = _reason(reason)
    source, office, severity = _source(complaint, finding)
    ladder = selectors.ladder_in_force()
    if ladder is None:
        raise Conflict(
            _("No sanction ladder is in force; the committee must adopt one first."),
            code=SupervisionErrorCode.LADDER_MISSING,
        )
    field = "complaint" if complaint is not None else "finding"
    if Sanction.objects.filter(**{field: source}, status__in=selectors.OPEN).exists():
        raise Conflict(
            _("A sanction on this %(source)s is already proposed or in force."),
            code=SupervisionErrorCode.SANCTION_OPEN,
            params={"source": _("complaint") if field == "complaint" else _("finding")},
        )
    now = timezone.now()
    prior = selectors.office_prior_count(office, ladder, now)
    step = selectors.ladder_step_for(list(ladder.steps.all()), severity, prior)
    if step is None:
        raise Conflict(
            _("No step of the ladder in force applies to a %(severity)s violation."),
            code=SupervisionErrorCode.LADDER_NO_STEP,
            params={"severity": Severity(severity).label},
        )
    sanction = Sanction.objects.create(
        office=office,
        step=step,
        kind=step.kind,
        status=SanctionStatus.PROPOSED,
        **{field: source},
        severity=severity,
        prior_count=prior,
        fine_amount=step.fine_amount,
        suspension_days=step.suspension_days,
        reason=reason,
        proposed_by=actor.user,
        proposed_at=now,
    )
    audit_record(
        actor=actor,
        action="sanction.proposed",
        stream=STREAM,
        obj=sanction,
        summary=f"office {office.code}: {step.kind} proposed (step {step.order})",
        after={
            "office": office.code,
            field: source.pk,
            "severity": str(severity),
            "prior": prior,
            "ladder": ladder.number,
            "step": step.order,
            "kind": step.kind,
        },
    )
    return sanction


@audited
def sanction_withdraw(*, actor: Actor, sanction: Sanction, reason: str) -> Sanction:
    """The unit withdraws a proposal the committee has not decided."""
    permissions.require_supervisor(actor)
    reason = _reason(reason)
    sanction = _locked(sanction)
    _require_state(sanction, SanctionStatus.PROPOSED)
    _sanction_move(sanction, SanctionStatus.WITHDRAWN, closed_reason=reason)
    audit_record(
        actor=actor,
        action="sanction.withdrawn",
        stream=STREAM,
        obj=sanction,
        summary=f"office {sanction.office.code}: proposal withdrawn",
        after={"reason": reason},
    )
    return sanction


# --- the committee's decision and its effects ----------------------------------------------


def _appeal_by(imposed_at, ladder: SanctionLadder):
    return to_tehran(add_working_days(imposed_at, ladder.appeal_days)).date()


def _impose_effect(actor: Actor, sanction: Sanction, decision: Decision) -> None:
    """Carry out an imposed sanction through the app that owns what it changes."""
    office = sanction.office
    reason = f"sanction {sanction.pk}: {sanction.kind} by decision {decision.number}"
    if sanction.kind == SanctionKind.SUSPENSION:
        offices.office_suspend(actor=actor, office=office, decision=decision, reason=reason)
    elif sanction.kind == SanctionKind.REVOCATION and office.status != OfficeStatus.SUSPENDED:
        # Closed to citizens now; revoked once the appeal can no longer change it.
        offices.office_suspend(
            actor=actor, office=office, decision=decision, reason=f"{reason} (pending appeal)"
        )
    # A warning is the record itself; a fine waits for a treasury officer (fines_to_record).


def _notify_office(sanction: Sanction, decision: Decision) -> None:
    """An SMS to the office's managers: what was imposed, by which decision, and until when
    they may appeal (sent after the commit, through the outbox)."""
    with translation.override("fa"):
        body = format_message(
            _(
                "Daftar — office %(office)s: %(kind)s imposed by decision %(decision)s. You may "
                "appeal until %(day)s on your office's sanctions page."
            ),
            {
                "office": sanction.office.code,
                "kind": SanctionKind(sanction.kind).label,
                "decision": local_digits(decision.number, "fa"),
                "day": format_date(sanction.appeal_by, language="fa"),
            },
            "fa",
        )
    for mobile in office_manager_mobiles(sanction.office):
        sms_enqueue(to=mobile, body=body, purpose="sanction")


@audited
def sanction_decide(
    *,
    actor: Actor,
    sanction: Sanction,
    decision: Decision | None,
    imposed: bool,
    reason: str = "",
) -> Sanction:
    """The committee's secretary records the committee's adopted SANCTION decision on a
    proposal: imposed (and carried out) or not imposed."""
    _require_secretary(actor)
    decision = decision_require(decision=decision, kind=DecisionKind.SANCTION)
    sanction = _locked(sanction)
    _require_state(sanction, SanctionStatus.PROPOSED)
    now = timezone.now()
    if imposed:
        _sanction_move(
            sanction,
            SanctionStatus.IMPOSED,
            decision=decision,
            imposed_at=now,
            appeal_by=_appeal_by(now, sanction.step.ladder),
        )
        _impose_effect(actor, sanction, decision)
        _notify_office(sanction, decision)
        message = gettext_noop("sanction on office %(office)s imposed: %(kind)s")
    else:
        _sanction_move(
            sanction,
            SanctionStatus.NOT_IMPOSED,
            decision=decision,
            closed_reason=reason.strip()[:REASON_MAX_LENGTH],
        )
        message = gettext_noop("sanction on office %(office)s not imposed: %(kind)s")
    decision_record_effect(
        decision=decision,
        obj=sanction,
        message=message,
        params={"office": sanction.office.code, "kind": SanctionKind(sanction.kind).label},
    )
    audit_record(
        actor=actor,
        action="sanction.imposed" if imposed else "sanction.not_imposed",
        stream=STREAM,
        obj=sanction,
        summary=f"office {sanction.office.code}: {sanction.kind} "
        f"{'imposed' if imposed else 'not imposed'} by decision {decision.number}",
        after={
            "decision": decision.number,
            "status": sanction.status,
            "appeal_by": sanction.appeal_by.isoformat() if sanction.appeal_by else None,
        },
    )
    return sanction


@audited
def sanction_fine_record(*, actor: Actor, sanction: Sanction) -> Penalty:
    """A treasury officer records an imposed fine as the treasury's penalty (deducted from the
    office's next settlements); `penalty_record` checks the officer's right itself."""
    sanction = _locked(sanction)
    if sanction.kind != SanctionKind.FINE:
        raise Conflict(
            _("Only a fine is recorded by the treasury."),
            code=SupervisionErrorCode.SANCTION_STATE,
        )
    _require_state(sanction, SanctionStatus.IMPOSED, SanctionStatus.APPEALED)
    if sanction.penalty_id is not None:
        raise Conflict(
            _("The fine has already been recorded by the treasury."),
            code=SupervisionErrorCode.SANCTION_STATE,
        )
    penalty = penalty_record(
        actor=actor,
        office=sanction.office,
        amount=sanction.fine_amount,
        reason=f"جریمه تخلف (پرونده نظارت {to_persian_digits(str(sanction.pk))})",
        decision=sanction.decision,
    )
    sanction.penalty = penalty
    sanction.save(update_fields=["penalty"])
    audit_record(
        actor=actor,
        action="sanction.fine_recorded",
        stream=STREAM,
        obj=sanction,
        summary=f"office {sanction.office.code}: fine recorded as penalty {penalty.pk}",
        after={"penalty": penalty.pk, "amount": sanction.fine_amount},
    )
    return penalty


def _lift_suspension(actor: Actor, sanction: Sanction, decision: Decision, reason: str) -> bool:
    """Reinstate the office of a suspension (or a revocation's interim suspension) still in
    force, unless another sanction still keeps it suspended; True when it was reinstated."""
    if sanction.lifted_at is not None or sanction.revoked_at is not None:
        return False
    if sanction.kind not in (SanctionKind.SUSPENSION, SanctionKind.REVOCATION):
        return False
    others = selectors.suspending_sanctions(sanction.office).exclude(pk=sanction.pk)
    reinstated = sanction.office.status == OfficeStatus.SUSPENDED and not others.exists()
    if reinstated:
        offices.office_reinstate(
            actor=actor, office=sanction.office, decision=decision, reason=reason
        )
    sanction.lifted_at = timezone.now()
    sanction.save(update_fields=["lifted_at"])
    return reinstated


@audited
def sanction_suspension_end(*, actor: Actor, sanction: Sanction) -> Sanction:
    """At the end of its days, lift a suspension: the office is reinstated on the authority of
    the decision that suspended it (run by the daily job)."""
    sanction = _locked(sanction)
    _require_state(sanction, SanctionStatus.IMPOSED, SanctionStatus.APPEALED)
    ends = selectors.suspension_ends(sanction)
    if ends is None or ends > timezone.now() or sanction.lifted_at is not None:
        raise Conflict(
            _("The suspension has not run its days, or has already ended."),
            code=SupervisionErrorCode.SANCTION_STATE,
        )
    reinstated = _lift_suspension(
        actor, sanction, sanction.decision, f"suspension of sanction {sanction.pk} ended"
    )
    audit_record(
        actor=actor,
        action="sanction.suspension_ended",
        stream=STREAM,
        obj=sanction,
        summary=f"office {sanction.office.code}: suspension ended",
        after={"reinstated": reinstated},
    )
    return sanction


def suspensions_end_due() -> dict[str, int]:
    """End every suspension whose days have run out (the daily job); one failure does not stop
    the others."""
    done, failed = _each_due(selectors.suspensions_due(), sanction_suspension_end)
    return {"ended": done, "failed": failed}


def _each_due(pks: list[int], service) -> tuple[int, int]:
    """Run a daily job's `service` on each sanction; one failure does not stop the others.
    (done, failed)."""
    done = failed = 0
    for pk in pks:
        try:
            service(actor=Actor.system("sanctions"), sanction=Sanction(pk=pk))
            done += 1
        except DaftarError:
            failed += 1
    return done, failed


@audited
def sanction_revocation_carry_out(*, actor: Actor, sanction: Sanction) -> Sanction:
    """Revoke the licence of an imposed revocation that can no longer be appealed: the appeal
    period has passed with no appeal (the daily job), or the appeal was rejected."""
    sanction = _locked(sanction)
    _require_state(sanction, SanctionStatus.IMPOSED)
    appeal = SanctionAppeal.objects.filter(sanction=sanction).first()
    appealable = appeal is None and (
        sanction.appeal_by is None or timezone.localdate() <= sanction.appeal_by
    )
    if sanction.kind != SanctionKind.REVOCATION or sanction.revoked_at is not None or appealable:
        raise Conflict(
            _("The revocation can still be appealed, or has already been carried out."),
            code=SupervisionErrorCode.SANCTION_STATE,
        )
    offices.office_revoke(
        actor=actor,
        office=sanction.office,
        decision=sanction.decision,
        reason=f"sanction {sanction.pk}: revocation by decision {sanction.decision.number}",
    )
    sanction.revoked_at = timezone.now()
    sanction.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="sanction.revocation_carried_out",
        stream=STREAM,
        obj=sanction,
        summary=f"office {sanction.office.code}: licence revoked (sanction {sanction.pk})",
        after={"decision": sanction.decision.number, "appealed": appeal is not None},
    )
    return sanction


def revocations_carry_out_due() -> dict[str, int]:
    """Revoke every revocation whose appeal period has passed with no appeal (the daily job);
    one failure does not stop the others."""
    done, failed = _each_due(selectors.revocations_due(), sanction_revocation_carry_out)
    return {"revoked": done, "failed": failed}


# --- the appeal ------------------------------------------------------------------------------


@audited
def sanction_appeal_file(*, actor: Actor, sanction: Sanction, reason: str) -> SanctionAppeal:
    """The manager of the sanctioned office appeals once, before `appeal_by`."""
    sanction = _locked(sanction)
    if not (actor.is_user and permissions.is_manager_of(actor.user, sanction.office)):
        raise Forbidden(
            _("Only the manager of the sanctioned office may do this."),
            code=SupervisionErrorCode.NOT_OFFICE_MANAGER,
        )
    reason = _reason(reason)
    if SanctionAppeal.objects.filter(sanction=sanction).exists():
        raise Conflict(
            _("The sanction has already been appealed; it can be appealed only once."),
            code=SupervisionErrorCode.SANCTION_APPEAL_TAKEN,
        )
    _require_state(sanction, SanctionStatus.IMPOSED)
    if sanction.appeal_by is None or timezone.localdate() > sanction.appeal_by:
        raise Conflict(
            _("The time to appeal the sanction has passed."),
            code=SupervisionErrorCode.SANCTION_APPEAL_CLOSED,
        )
    appeal = SanctionAppeal.objects.create(
        sanction=sanction, reason=reason, filed_by=actor.user, filed_at=timezone.now()
    )
    _sanction_move(sanction, SanctionStatus.APPEALED)
    audit_record(
        actor=actor,
        action="sanction.appealed",
        stream=STREAM,
        obj=sanction,
        summary=f"office {sanction.office.code}: sanction appealed",
        after={"appeal": appeal.pk},
    )
    return appeal


@audited
def sanction_appeal_decide(
    *, actor: Actor, sanction: Sanction, decision: Decision | None, upheld: bool
) -> Sanction:
    """The committee's secretary records the committee's adopted SANCTION decision on an
    appeal: upheld annuls the sanction (a suspension in force is lifted at once); rejected
    leaves it imposed."""
    _require_secretary(actor)
    decision = decision_require(decision=decision, kind=DecisionKind.SANCTION)
    sanction = _locked(sanction)
    _require_state(sanction, SanctionStatus.APPEALED)
    appeal = SanctionAppeal.objects.select_for_update().get(sanction=sanction)
    if appeal.outcome != AppealOutcome.PENDING:
        raise Conflict(
            _("The appeal has already been decided."), code=SupervisionErrorCode.SANCTION_STATE
        )
    appeal.outcome = AppealOutcome.UPHELD if upheld else AppealOutcome.REJECTED
    appeal.decision = decision
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["outcome", "decision", "decided_at"])
    notes = {}
    if upheld:
        _sanction_move(sanction, SanctionStatus.ANNULLED)
        notes["reinstated"] = _lift_suspension(
            actor, sanction, decision, f"sanction {sanction.pk} annulled on appeal"
        )
        if sanction.penalty_id is not None:
            # The fine is annulled with the sanction: the treasury deducts no more of it and
            # pays back, in the office's next settlement, what it had already deducted.
            penalty = penalty_cancel(actor=actor, penalty=sanction.penalty, decision=decision)
            notes["penalty_cancelled"] = penalty.pk
            notes["penalty_returned"] = penalty.returned
        message = gettext_noop("appeal upheld: sanction on office %(office)s annulled")
    else:
        _sanction_move(sanction, SanctionStatus.IMPOSED)
        if sanction.kind == SanctionKind.REVOCATION:
            sanction_revocation_carry_out(actor=actor, sanction=sanction)
            notes["revoked"] = True
        message = gettext_noop("appeal rejected: sanction on office %(office)s stands")
    decision_record_effect(
        decision=decision, obj=sanction, message=message, params={"office": sanction.office.code}
    )
    audit_record(
        actor=actor,
        action="sanction.appeal_upheld" if upheld else "sanction.appeal_rejected",
        stream=STREAM,
        obj=sanction,
        summary=f"office {sanction.office.code}: appeal "
        f"{'upheld' if upheld else 'rejected'} by decision {decision.number}",
        after={"decision": decision.number, "status": sanction.status, **notes},
    )
    return sanction
