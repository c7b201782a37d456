"""Penalties on offices: recorded on the authority of an adopted sanction decision, deducted
from the office's fee share by the settlements that follow.

A settlement deducts an office's outstanding penalties, oldest first, from what it owes the
office for the period (fee shares less refunds); when that is not enough, it deducts what fits
and the rest waits for the next settlement. The office is never paid a negative amount, and a
penalty is never deducted beyond its amount (see `models/penalties.py`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, InvalidInput
from daftar.core.money import format_rials
from daftar.governance.choices import DecisionKind
from daftar.governance.models import Decision
from daftar.governance.services import decision_record_effect, decision_require
from daftar.offices.models import Office
from daftar.offices.selectors import office_locked
from daftar.treasury.choices import EntryKind
from daftar.treasury.error_codes import TreasuryErrorCode
from daftar.treasury.models import Penalty, PenaltyDeduction, SettlementLine
from daftar.treasury.permissions import Operation, require_operation
from daftar.treasury.services.ledger import PENALTIES, account, beneficiary_account, post_entry
from daftar.treasury.services.payments import STREAM

REASON_MAX_LENGTH = 300
MAX_PENALTY_RIALS = 10**15  # far above any real penalty; keeps typos out of the ledger


def _valid_amount(amount) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidInput(
            _("The penalty is a whole number of rials."),
            code=TreasuryErrorCode.AMOUNT_NOT_WHOLE_RIALS,
            field="amount",
        )
    if amount <= 0:
        raise InvalidInput(
            _("The penalty must be more than zero rials."),
            code=TreasuryErrorCode.PENALTY_NOT_POSITIVE,
            field="amount",
        )
    if amount > MAX_PENALTY_RIALS:
        raise InvalidInput(
            _("The penalty is larger than any the treasury accepts; check the amount."),
            code=TreasuryErrorCode.PENALTY_TOO_LARGE,
            field="amount",
        )
    return amount


def _valid_reason(reason) -> str:
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise InvalidInput(
            _("Give the reason for the penalty."), code=CoreErrorCode.REQUIRED, field="reason"
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise InvalidInput(
            _("The reason is longer than %(limit)d characters."),
            code=CoreErrorCode.TOO_LONG,
            field="reason",
            params={"limit": REASON_MAX_LENGTH},
        )
    return reason


@audited
def penalty_record(
    *, actor: Actor, office: Office | None, amount: int, reason: str, decision: Decision | None
) -> Penalty:
    """Record a penalty the committee imposed on `office` by `decision` (an adopted sanction);
    the next settlements deduct it from the office's fee share."""
    require_operation(actor, Operation.PENALTY_RECORD)
    if office is None:
        raise InvalidInput(_("Choose the office."), code=CoreErrorCode.REQUIRED, field="office")
    amount = _valid_amount(amount)
    reason = _valid_reason(reason)
    decision = decision_require(decision=decision, kind=DecisionKind.SANCTION)
    # A penalty outlives the office's licence: a revoked or closed office's last settlements
    # still deduct it, so the office's status does not matter here.
    office = office_locked(office)
    if Penalty.objects.filter(decision=decision, office=office).exists():
        raise Conflict(
            _("Decision %(number)s already imposes a penalty on office %(code)s."),
            code=CoreErrorCode.DUPLICATE,
            params={"number": decision.number, "code": office.code},
        )
    penalty = Penalty.objects.create(
        office=office, amount=amount, reason=reason, decision=decision, recorded_by=actor.user
    )
    decision_record_effect(
        decision=decision,
        obj=penalty,
        message=gettext_noop("penalty of %(amount)s on office %(office)s"),
        params={
            "amount": lambda: format_rials(amount, language=get_language()),
            "office": office.code,
        },
    )
    audit_record(
        actor=actor,
        action="penalty.recorded",
        stream=STREAM,
        obj=penalty,
        summary=f"office {office.code}: penalty of {amount} rials",
        after={
            "office": office.code,
            "amount": amount,
            "decision": decision.number,
            "reason": reason,
        },
    )
    return penalty


@audited
def penalty_cancel(*, actor: Actor, penalty: Penalty, decision: Decision | None) -> Penalty:
    """Cancel `penalty` on the authority of `decision` (an adopted sanction decision annulling
    the sanction, e.g. an appeal upheld): later settlements deduct nothing more of it, and what
    was already deducted is credited back to the office's payable now and paid to the office
    by its next settlement. Refused twice."""
    require_operation(actor, Operation.PENALTY_CANCEL)
    decision = decision_require(decision=decision, kind=DecisionKind.SANCTION)
    penalty = Penalty.objects.select_for_update().select_related("office").get(pk=penalty.pk)
    if penalty.cancelled_at is not None:
        raise Conflict(
            _("This penalty has already been cancelled."),
            code=TreasuryErrorCode.PENALTY_ALREADY_CANCELLED,
        )
    penalty.cancelled_at = timezone.now()
    penalty.cancel_decision = decision
    penalty.returned = penalty.deducted
    penalty.save(update_fields=["cancelled_at", "cancel_decision", "returned"])
    if penalty.returned:
        # The penalties revenue gives back what it received; the office is owed it again.
        post_entry(
            kind=EntryKind.ADJUSTMENT,
            day=timezone.localdate(),
            actor_label=actor.label,
            memo=f"penalty {penalty.pk} cancelled by decision {decision.number}",
            lines=[
                (account(PENALTIES), penalty.returned),
                (beneficiary_account("office_fee", office=penalty.office), -penalty.returned),
            ],
        )
    decision_record_effect(
        decision=decision,
        obj=penalty,
        message=gettext_noop("penalty on office %(office)s cancelled; %(amount)s to pay back"),
        params={
            "amount": lambda: format_rials(penalty.returned, language=get_language()),
            "office": penalty.office.code,
        },
    )
    audit_record(
        actor=actor,
        action="penalty.cancelled",
        stream=STREAM,
        obj=penalty,
        summary=f"office {penalty.office.code}: penalty {penalty.pk} cancelled, "
        f"{penalty.returned} rials to pay back",
        before={"amount": penalty.amount, "deducted": penalty.deducted},
        after={"decision": decision.number, "returned": penalty.returned},
    )
    return penalty


def penalty_returns_pending(office_ids: Iterable[int], *, lock: bool = True) -> dict[int, list]:
    """Cancelled penalties whose deducted part is not yet paid back, by office (row-locked
    unless `lock` is false)."""
    grouped: dict[int, list[Penalty]] = defaultdict(list)
    penalties = Penalty.objects.select_for_update() if lock else Penalty.objects.all()
    for penalty in penalties.filter(
        office_id__in=list(office_ids), returned__gt=0, return_line__isnull=True
    ).order_by("cancelled_at", "pk"):
        grouped[penalty.office_id].append(penalty)
    return grouped


def penalty_return_offices() -> set[int]:
    """The offices owed the deducted part of a cancelled penalty."""
    return set(
        Penalty.objects.filter(returned__gt=0, return_line__isnull=True).values_list(
            "office_id", flat=True
        )
    )


def penalties_returned(returns: dict[int, list[Penalty]], lines: list[SettlementLine]) -> None:
    """Mark the returns each saved settlement line paid back."""
    for line in lines:
        for penalty in returns.get(line.office_id, []):
            penalty.return_line = line
            penalty.save(update_fields=["return_line"])


# --- deduction, inside `settlement_run`'s transaction -----------------------------------------


def penalties_outstanding_locked(
    office_ids: Iterable[int], *, lock: bool = True
) -> dict[int, list[Penalty]]:
    """The offices' penalties not yet fully deducted, oldest first; row-locked unless `lock` is
    false (a settlement's preview reads them without taking locks)."""
    grouped: dict[int, list[Penalty]] = defaultdict(list)
    penalties = Penalty.objects.select_for_update() if lock else Penalty.objects.all()
    for penalty in penalties.filter(
        office_id__in=list(office_ids), settlement_line__isnull=True, cancelled_at__isnull=True
    ).order_by("recorded_at", "pk"):
        grouped[penalty.office_id].append(penalty)
    return grouped


def penalties_take(penalties: list[Penalty], available: int) -> list[tuple[Penalty, int]]:
    """What each penalty takes from `available` rials, oldest first; never more than either
    the penalty's outstanding amount or what is left of `available`."""
    taken = []
    for penalty in penalties:
        if available <= 0:
            break
        part = min(penalty.outstanding, available)
        taken.append((penalty, part))
        available -= part
    return taken


def penalties_deduct(taken: dict[int, list[tuple[Penalty, int]]], lines: list[SettlementLine]):
    """Book what each settlement line took from its office's penalties (lines are saved)."""
    rows, changed = [], []
    for line in lines:
        for penalty, part in taken.get(line.office_id, []):
            rows.append(PenaltyDeduction(penalty=penalty, line=line, amount=part))
            penalty.deducted += part
            if penalty.deducted == penalty.amount:
                penalty.settlement_line = line
            changed.append(penalty)
    PenaltyDeduction.objects.bulk_create(rows)
    Penalty.objects.bulk_update(changed, ["deducted", "settlement_line"])
