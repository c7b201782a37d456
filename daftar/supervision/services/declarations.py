"""Self-declarations: before each grading period the office's manager declares its staff,
counters, weekly hours, equipment and accessibility; editable until the period's declaration
deadline. Inspections verify a sample (the inspections area marks a declaration `found_false`,
and the grade's `declaration` indicator then costs the office its points)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, InvalidInput
from daftar.offices.models import Office
from daftar.supervision.error_codes import SupervisionErrorCode
from daftar.supervision.models import GradingPeriod, SelfDeclaration
from daftar.supervision.permissions import require_office_manager
from daftar.supervision.selectors.grading import ACCESSIBILITY, EQUIPMENT
from daftar.supervision.services.common import STREAM

# Generous upper bounds that keep typos out (a counter office with 500 staff is a typo).
LIMITS = {"staff_count": 200, "certified_staff_count": 200, "counters": 100, "weekly_hours": 168}


def _count(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(
            _("Enter a whole number."), code=SupervisionErrorCode.COUNT_INVALID, field=name
        )
    if not 0 <= value <= LIMITS[name]:
        raise InvalidInput(
            _("Enter a number from 0 to %(limit)d."),
            code=CoreErrorCode.OUT_OF_RANGE,
            field=name,
            params={"limit": LIMITS[name]},
        )
    return value


def _flags(keys: tuple[str, ...], given) -> dict[str, bool]:
    """Exactly the known keys, each True or False (an unknown key is dropped)."""
    given = given or {}
    return {key: bool(given.get(key)) for key in keys}


@audited
def declaration_submit(
    *,
    actor: Actor,
    office: Office,
    period: GradingPeriod,
    staff_count: int,
    certified_staff_count: int,
    counters: int,
    weekly_hours: int,
    equipment: dict,
    accessibility: dict,
) -> SelfDeclaration:
    """The manager's declaration for `period` (once per office and period; a second call before
    the deadline replaces the figures)."""
    require_office_manager(actor, office)
    period = GradingPeriod.objects.select_for_update().get(pk=period.pk)
    today = timezone.localdate()
    if period.graded_at is not None or today > period.declare_by:
        raise Conflict(
            _("Self-declarations for period %(period)s closed on its deadline."),
            code=SupervisionErrorCode.DECLARATION_CLOSED,
            params={"period": period.code},
        )
    figures = {
        "staff_count": _count("staff_count", staff_count),
        "certified_staff_count": _count("certified_staff_count", certified_staff_count),
        "counters": _count("counters", counters),
        "weekly_hours": _count("weekly_hours", weekly_hours),
    }
    if figures["certified_staff_count"] > figures["staff_count"]:
        raise InvalidInput(
            _("Certified staff cannot be more than the staff working at the office."),
            code=SupervisionErrorCode.CERTIFIED_ABOVE_STAFF,
            field="certified_staff_count",
        )
    values = {
        **figures,
        "equipment": _flags(EQUIPMENT, equipment),
        "accessibility": _flags(ACCESSIBILITY, accessibility),
    }
    declaration = (
        SelfDeclaration.objects.select_for_update().filter(office=office, period=period).first()
    )
    before = None
    if declaration is None:
        declaration = SelfDeclaration.objects.create(
            office=office,
            period=period,
            declared_by=actor.user,
            declared_at=timezone.now(),
            **values,
        )
        action = "declaration.submitted"
    else:
        before = {name: getattr(declaration, name) for name in values}
        for name, value in values.items():
            setattr(declaration, name, value)
        declaration.declared_by, declaration.declared_at = actor.user, timezone.now()
        declaration.save()
        action = "declaration.amended"
    audit_record(
        actor=actor,
        action=action,
        stream=STREAM,
        obj=declaration,
        summary=f"office {office.code}: self-declaration for {period.code}",
        before=before,
        after=values,
    )
    return declaration
