"""Who may do what with the bylaw and the committee's decisions (predicates, no side effects).

The council passes the bylaw and supervises: its commissions draft bylaw text and send it to
the floor, a council member records the floor's adoption; everything else the council does is
reading. The steering committee makes policy by numbered decisions; its secretary also drafts
the bylaw (the municipality's bill) and records meetings. Every power here needs the role that
goes with it, and every one of those roles signs in with a second factor (ADR 0008).
"""

from __future__ import annotations

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.governance.choices import DecisionKind, DecisionStatus, VersionStatus
from daftar.governance.models import BylawVersion, Decision
from daftar.governance.selectors import committee_member_of


def is_committee_secretary(user) -> bool:
    """The steering committee's secretary: a committee seat counts only with the committee role
    (a seat left behind when the role is withdrawn gives no power)."""
    if not user_has_role(user, Role.COMMITTEE_MEMBER):
        return False
    member = committee_member_of(user)
    return bool(member and member.is_secretary)


def is_commission_member(user, commission=None) -> bool:
    """A council member sitting on a council commission (on `commission`, when given). The
    commissions are the council's: a seat counts only with the council role."""
    if not user_has_role(user, Role.COUNCIL_MEMBER):
        return False
    if commission is None:
        return user.commissions.exists()
    return commission.members.filter(pk=user.pk).exists()


def can_edit_draft(user, version: BylawVersion) -> bool:
    """Edit a draft's text, merge into a new draft, send it to the council floor for review."""
    if version.status != VersionStatus.DRAFT or not getattr(user, "is_authenticated", False):
        return False
    if version.is_merged:  # its text lives on in the version merged from it
        return False
    if is_committee_secretary(user):
        return True
    return version.commission_id is not None and is_commission_member(user, version.commission)


def can_create_draft(user) -> bool:
    return getattr(user, "is_authenticated", False) and (
        is_committee_secretary(user) or is_commission_member(user)
    )


def can_adopt_bylaw(user) -> bool:
    """The council adopts the bylaw; a council member records the adoption and its session."""
    return user_has_role(user, Role.COUNCIL_MEMBER)


def can_draft_decision(user) -> bool:
    return user_has_role(user, Role.COMMITTEE_MEMBER) and committee_member_of(user) is not None


def can_propose_decision(user, kind) -> bool:
    """Another capability's team may put a decision of its own kind before the committee (the
    catalogue team a tariff change, issue 17); only the committee votes on it and closes it."""
    return kind == DecisionKind.TARIFF and user_has_role(user, Role.CATALOGUE_ADMIN)


def can_vote(user, decision: Decision) -> bool:
    return decision.status == DecisionStatus.DRAFT and can_draft_decision(user)


def can_close_decision(user, decision: Decision) -> bool:
    return decision.status == DecisionStatus.DRAFT and is_committee_secretary(user)
