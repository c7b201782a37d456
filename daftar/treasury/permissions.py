"""Who may see and do what in the treasury (predicates, no side effects).

Seeing: treasury officers, council members and auditors see every payment, refund and
settlement (the council and auditors read only); office staff see their own office's; a citizen
sees the payments and refunds of their own files. The querysets that apply these rules are the
`*_visible_to` selectors in `selectors.py`.

Doing: each treasury operation names who may run it (`OPERATIONS`). A person must hold the
treasury officer role; a system job (`Actor.system(...)`: the weekly settlement, a bank feed,
the demo seed, a benchmark) may run only the bulk operations that jobs legitimately run; a
partner app runs none of them. The services check this themselves (`require_operation`), so a
caller other than the officer's page is held to the same rule.
"""

from __future__ import annotations

import enum

from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.core.actors import Actor
from daftar.core.errors import Forbidden
from daftar.governance.permissions import is_committee_secretary
from daftar.treasury.error_codes import TreasuryErrorCode

READER_ROLES = (Role.TREASURY_OFFICER, Role.COUNCIL_MEMBER, Role.AUDITOR)
OFFICE_ROLES = (Role.OFFICE_OPERATOR, Role.OFFICE_MANAGER)


class Operation(enum.StrEnum):
    """The treasury's guarded writes."""

    SETTLEMENT_RUN = "settlement_run"
    STATEMENT_IMPORT = "statement_import"
    RECONCILIATION_CLOSE = "reconciliation_close"
    STATEMENT_LINE_RESOLVE = "statement_line_resolve"
    SLIP_RECORD = "payment_record_slip"
    REFUND_REQUEST = "refund_request"
    REFUND_DECIDE = "refund_decide"  # approve, reject, pay out
    PENALTY_RECORD = "penalty_record"
    PENALTY_CANCEL = "penalty_cancel"  # on a committee decision annulling the sanction


# Operations a system job may run: bulk work with no human judgement in it. Explaining a bank
# line, recording a paper slip, deciding a refund and recording a penalty are a person's act.
SYSTEM_OPERATIONS = frozenset(
    {
        Operation.SETTLEMENT_RUN,
        Operation.STATEMENT_IMPORT,
        Operation.RECONCILIATION_CLOSE,
        Operation.REFUND_REQUEST,  # a job may open the refunds of rejected files
    }
)


def is_treasury_officer(user) -> bool:
    return user_has_role(user, Role.TREASURY_OFFICER)


def can_read_treasury(user) -> bool:
    """The summary and every payment, refund and settlement: officers, council, auditors."""
    return user_has_role(user, *READER_ROLES)


def actor_may(actor: Actor, operation: Operation) -> bool:
    if actor.is_system:
        return operation in SYSTEM_OPERATIONS
    if actor.is_user:
        if operation == Operation.PENALTY_CANCEL and is_committee_secretary(actor.user):
            return True  # recording the committee's decision carries out its effect
        return is_treasury_officer(actor.user)
    return False  # a partner app


def require_operation(actor: Actor, operation: Operation) -> None:
    """Refuse (before anything is read or written) an actor who may not run `operation`: a
    user without the treasury officer role (`not_treasury`), a system job or partner app that
    may not run it (`actor_not_allowed`)."""
    if actor_may(actor, operation):
        return
    if actor.is_user:
        raise Forbidden(
            _("Only a treasury officer may do this."), code=TreasuryErrorCode.NOT_TREASURY
        )
    raise Forbidden(
        _("%(actor)s may not do this in the treasury."),
        code=TreasuryErrorCode.ACTOR_NOT_ALLOWED,
        params={"actor": actor.label},
    )


def can_read_psp_book(user) -> bool:
    """The PSP's transaction book (ADR 0028): the treasury officer, and the auditor reading."""
    return user_has_role(user, Role.TREASURY_OFFICER) or user_has_role(user, Role.AUDITOR)
