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


# --- declarations and grading ---------------------------------------------------------------


def manages_office(user, office) -> bool:
    """`user` is the manager of `office` (and works there now)."""
    from daftar.offices.selectors import office_of_user  # local: an appended block

    if office is None or not user_has_role(user, Role.OFFICE_MANAGER):
        return False
    own = office_of_user(user)
    return own is not None and own.pk == office.pk


def require_office_manager(actor: Actor, office) -> None:
    """Refuse an actor who is not the manager of `office`."""
    if actor.is_user and manages_office(actor.user, office):
        return
    raise Forbidden(
        _("Only the office's manager may do this."),
        code=SupervisionErrorCode.NOT_OFFICE_MANAGER,
    )
