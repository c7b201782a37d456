"""Who may see and do what in supervision (predicates, no side effects).

- The supervision unit (`Role.SUPERVISOR`) runs it: plans, assigns, triages and rules on
  complaints, proposes sanctions, computes grades and rules on objections.
- Inspectors (`Role.INSPECTOR`) carry out the inspections assigned to them.
- An office's manager sees their office's reports, findings, grade and the complaints about it,
  and answers them; the office's operators see nothing of it.
- Committee members decide sanctions and appeals (through decisions).
- Council members and auditors read everything (read-only); a citizen sees their own
  complaints.
Services check these themselves; the `*_visible_to` selectors apply them to querysets.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.core.actors import Actor
from daftar.core.errors import Forbidden
from daftar.governance import permissions as governance_permissions
from daftar.offices.selectors import office_of_user
from daftar.supervision.choices import SanctionKind, SanctionStatus
from daftar.supervision.error_codes import SupervisionErrorCode

READER_ROLES = (Role.SUPERVISOR, Role.COMMITTEE_MEMBER, Role.COUNCIL_MEMBER, Role.AUDITOR)


def is_supervisor(user) -> bool:
    return user_has_role(user, Role.SUPERVISOR)


def is_inspector(user) -> bool:
    return user_has_role(user, Role.INSPECTOR)


def is_committee_member(user) -> bool:
    return user_has_role(user, Role.COMMITTEE_MEMBER)


def can_read_all(user) -> bool:
    """Every inspection, complaint, grade and sanction (read-only for all but the unit)."""
    return user_has_role(user, *READER_ROLES)


def require_supervisor(actor: Actor) -> None:
    """Refuse an actor who is not a supervision unit officer (before anything is read)."""
    if actor.is_user and is_supervisor(actor.user):
        return
    raise Forbidden(
        _("Only an officer of the supervision unit may do this."),
        code=SupervisionErrorCode.NOT_SUPERVISOR,
    )


# --- inspections -------------------------------------------------------------------------


def can_read_inspections(user) -> bool:
    """Every inspection, report and checklist: the unit, inspectors and the read-only roles."""
    return is_inspector(user) or can_read_all(user)


def require_inspector(actor: Actor) -> None:
    if actor.is_user and is_inspector(actor.user):
        return
    raise Forbidden(
        _("Only an inspector may do this."), code=SupervisionErrorCode.NOT_THE_INSPECTOR
    )


# --- sanctions ---------------------------------------------------------------------------------


def is_committee_secretary(user) -> bool:
    """The steering committee's secretary records the committee's sanction decisions."""
    return governance_permissions.is_committee_secretary(user)


def is_office_manager(user) -> bool:
    return user_has_role(user, Role.OFFICE_MANAGER)


def is_manager_of(user, office) -> bool:
    """The manager now working at `office` (not an operator, not a FAVA administrator)."""
    if office is None or not user_has_role(user, Role.OFFICE_MANAGER):
        return False
    current = office_of_user(user)
    return current is not None and current.pk == office.pk


def is_treasury_officer(user) -> bool:
    return user_has_role(user, Role.TREASURY_OFFICER)


def can_see_sanction(user, sanction) -> bool:
    """Readers see every sanction; the office's manager sees the decided ones on their office
    (a proposal is internal to the unit and the committee until decided); a treasury officer
    the imposed fines."""
    if can_read_all(user):
        return True
    if sanction.status in (SanctionStatus.PROPOSED, SanctionStatus.WITHDRAWN):
        return False
    if is_treasury_officer(user) and sanction.kind == SanctionKind.FINE:
        return sanction.status != SanctionStatus.NOT_IMPOSED
    return is_manager_of(user, sanction.office)


# --- declarations and grading ---------------------------------------------------------------


def require_office_manager(actor: Actor, office) -> None:
    """Refuse an actor who is not the manager of `office`."""
    if actor.is_user and is_manager_of(actor.user, office):
        return
    raise Forbidden(
        _("Only the office's manager may do this."),
        code=SupervisionErrorCode.NOT_OFFICE_MANAGER,
    )
