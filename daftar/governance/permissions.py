"""Who may do what with the bylaw and the committee's decisions (predicates, no side effects)."""

from __future__ import annotations

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.governance.choices import DecisionStatus, VersionStatus
from daftar.governance.models import BylawVersion, Decision
from daftar.governance.selectors import committee_member_of


def is_committee_secretary(user) -> bool:
    member = committee_member_of(user)
    return bool(member and member.is_secretary)


def can_edit_draft(user, version: BylawVersion) -> bool:
    if version.status != VersionStatus.DRAFT or not getattr(user, "is_authenticated", False):
        return False
    if is_committee_secretary(user):
        return True
    return (
        version.commission_id is not None and version.commission.members.filter(pk=user.pk).exists()
    )


def can_create_draft(user) -> bool:
    return getattr(user, "is_authenticated", False) and (
        is_committee_secretary(user) or user.commissions.exists()
    )


def can_adopt_bylaw(user) -> bool:
    """The council adopts the bylaw; a council member records the adoption and its session."""
    return user_has_role(user, Role.COUNCIL_MEMBER)


def can_draft_decision(user) -> bool:
    return user_has_role(user, Role.COMMITTEE_MEMBER) and committee_member_of(user) is not None


def can_vote(user, decision: Decision) -> bool:
    return decision.status == DecisionStatus.DRAFT and can_draft_decision(user)


def can_close_decision(user, decision: Decision) -> bool:
    return decision.status == DecisionStatus.DRAFT and is_committee_secretary(user)
