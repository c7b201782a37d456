"""What licensing puts on the role homes (daftar/core/homes.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daftar.accounts.choices import Role
from daftar.core.homes import Action, HomePart, Tile, contributes
from daftar.licensing import permissions
from daftar.licensing.selectors import applications_of_citizen, calls_in_progress_count


@contributes(Role.DEPARTMENT_REVIEWER, Role.COMMITTEE_MEMBER, order=20)
def licensing_calls(user) -> HomePart | None:
    if not permissions.is_licensing_staff(user):
        return None
    staff = reverse("licensing:staff")
    return HomePart(
        tiles=[
            Tile(
                "calls-in-progress",
                _("Licensing calls in progress"),
                staff,
                calls_in_progress_count(),
            )
        ],
        actions=[Action("licensing", _("Licensing calls"), staff)],
    )


@contributes(Role.CITIZEN, order=20)
def my_applications(user) -> HomePart:
    actions = [
        Action(
            f"application-{application.call.code}",
            _("My application to call %(code)s") % {"code": application.call.code},
            reverse("licensing:my_application", kwargs={"code": application.call.code}),
        )
        for application in applications_of_citizen(user)[:5]
    ]
    actions.append(Action("calls", _("Calls for new offices"), reverse("licensing:calls")))
    return HomePart(actions=actions)
