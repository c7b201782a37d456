"""What accounts (and the audit log below it) put on the role homes (daftar/core/homes.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import STAFF_ROLES, Role
from daftar.accounts.selectors import staff_without_authenticator_count
from daftar.audit import permissions as audit_permissions
from daftar.audit import publication
from daftar.core.homes import Action, HomePart, Tile, contributes


@contributes(Role.SYSTEM_ADMIN, order=10)
def staff_accounts(user) -> HomePart:
    authenticators = reverse("accounts:staff_authenticators")
    return HomePart(
        tiles=[
            Tile(
                "staff-without-authenticator",
                _("Staff without an authenticator app"),
                authenticators,
                staff_without_authenticator_count(),
                hint=_("Issue them an enrolment code"),
                urgent=True,
            )
        ],
        actions=[
            Action("authenticators", _("Staff authenticators"), authenticators),
            Action("admin", _("Administration (read-only)"), reverse("admin:index")),
        ],
    )


@contributes(Role.AUDITOR, order=10)
def audit_evidence(user) -> HomePart:
    actions = []
    if audit_permissions.can_verify(user):
        actions.append(Action("verify", _("Verify the audit log"), reverse("audit:verify")))
    if audit_permissions.can_export(user):
        actions.append(
            Action("export", _("Download the export of the whole log"), reverse("audit:export"))
        )
    if publication.published_numbers():
        actions.append(
            Action(
                "checkpoint",
                _("Download the latest checkpoint"),
                reverse("audit:checkpoint_latest"),
            )
        )
    return HomePart(actions=actions)


@contributes(*STAFF_ROLES, order=90)
def second_factor(user) -> HomePart:
    return HomePart(
        actions=[Action("totp", _("Authenticator app"), reverse("accounts:totp_setup"))]
    )
