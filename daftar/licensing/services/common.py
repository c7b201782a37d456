"""Shared by the licensing services: the audit stream, row locks and state checks."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden
from daftar.licensing import permissions
from daftar.licensing.choices import CallStatus
from daftar.licensing.error_codes import LicensingErrorCode
from daftar.licensing.models import Call
from daftar.licensing.reasons import lazy_join

STREAM = "licensing"


def today_or(today: datetime.date | None) -> datetime.date:
    """Today in Tehran, unless a caller (a test, the demo replaying history) names the day."""
    return today or timezone.localdate()


def moment_on(today: datetime.date | None) -> datetime.datetime:
    """Now, or this time of day on `today` when a caller replays a named day (the demo)."""
    if today is None:
        return timezone.now()
    return datetime.datetime.combine(today, timezone.localtime().timetz())


def lock_call(call: Call) -> Call:
    return Call.objects.select_for_update().get(pk=call.pk)


def require_status(call: Call, allowed: Iterable[str], *, action) -> None:
    allowed = list(allowed)
    if call.status not in allowed:
        raise Conflict(
            _("Call %(code)s is %(status)s; %(action)s is possible only when it is %(allowed)s."),
            code=LicensingErrorCode.CALL_WRONG_STATE,
            params={
                "code": call.code,
                "status": call.get_status_display(),
                "action": action,
                "allowed": lazy_join([CallStatus(s).label for s in allowed], _(" or ")),
            },
        )


def require_committee(actor: Actor) -> None:
    if not permissions.can_manage_calls(actor.user):
        raise Forbidden(_("Only members of the steering committee manage licensing calls."))


def require_reviewer(actor: Actor) -> None:
    if not permissions.can_review_documents(actor.user):
        raise Forbidden(_("Only licensing reviewers review applicants' documents."))


def require_staff(actor: Actor) -> None:
    if not permissions.can_enter_scores(actor.user):
        raise Forbidden(_("Only licensing staff enter exam scores."))
