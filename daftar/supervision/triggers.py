"""Database guards for supervision's adopted rules: a sanction ladder past the draft stage
keeps its steps and its terms (only its status may move on, adopted → superseded)."""

from __future__ import annotations

from daftar.core import dbtriggers
from daftar.core.dbtriggers import Guard

_LADDER_MESSAGE = "an adopted sanction ladder cannot change; draft a new version"
_LADDER_OF = "(SELECT status FROM supervision_sanctionladder WHERE id = {row}.ladder_id)"


def _step_guards() -> list[Guard]:
    return [
        Guard(
            name=f"sup_ladder_step_frozen_{event.lower()}",
            table="supervision_sanctionstep",
            event=event,
            condition=f"{_LADDER_OF.format(row=row)} <> 'draft'",
            message=_LADDER_MESSAGE,
        )
        for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD"))
    ]


GUARDS = dbtriggers.TriggerSet(
    guards=(
        *_step_guards(),
        Guard(
            name="sup_ladder_frozen_update",
            table="supervision_sanctionladder",
            event="UPDATE",
            condition=(
                "OLD.status <> 'draft' AND ("
                "NEW.status = 'draft' "
                "OR (OLD.status = 'superseded' AND NEW.status = 'adopted') "
                "OR NEW.window_days <> OLD.window_days OR NEW.appeal_days <> OLD.appeal_days "
                "OR NEW.number <> OLD.number "
                "OR NEW.decision_id {distinct} OLD.decision_id "
                "OR NEW.adopted_on {distinct} OLD.adopted_on)"
            ),
            message=_LADDER_MESSAGE,
        ),
    )
)


def install(using: str = "default") -> None:
    GUARDS.install(using)


def remove(using: str = "default") -> None:
    GUARDS.remove(using)


dbtriggers.register(install, remove)
