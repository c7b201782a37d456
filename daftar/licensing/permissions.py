"""Who may do what in licensing (predicates, no side effects).

- The steering committee (members holding a seat) manages calls: drafts them, sets quotas,
  opens them on a decision, publishes results, rules on objections and awards agreements.
- Reviewers review applicants' documents: users with the `department_reviewer` role, and the
  committee secretary (who runs the secretariat that receives applications).
- Licensing staff — reviewers and committee members — see every application of a call and
  enter exam scores.
- A citizen sees only their own application (matched by national code).
"""

from __future__ import annotations

from daftar.accounts.choices import Role
from daftar.accounts.selectors import user_has_role
from daftar.governance import permissions as governance_permissions


def is_committee_member(user) -> bool:
    return governance_permissions.can_draft_decision(user)


def is_reviewer(user) -> bool:
    return user_has_role(user, Role.DEPARTMENT_REVIEWER) or (
        governance_permissions.is_committee_secretary(user)
    )


def is_licensing_staff(user) -> bool:
    return is_reviewer(user) or is_committee_member(user)


def can_manage_calls(user) -> bool:
    return is_committee_member(user)


def can_review_documents(user) -> bool:
    return is_reviewer(user)


def can_enter_scores(user) -> bool:
    return is_licensing_staff(user)


def can_apply(user) -> bool:
    return user_has_role(user, Role.CITIZEN) and bool(getattr(user, "national_code", None))
