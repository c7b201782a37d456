"""Database guards of supervision (installed by migrations, lifted by `flush` in tests).

Inspections: the sections, items and citations of an adopted or superseded checklist version
never change, an adopted version may only become superseded, and a submitted inspection
report is never updated or deleted (a correction is the next version).
Sanctions: a sanction ladder past the draft stage keeps its steps and its terms (only its
status may move on, adopted → superseded).

Each area's migration installs its own guards (`INSPECTION_GUARDS`, `LADDER_GUARDS`); `GUARDS`
is all of them, which the test database's flush lifts and puts back.
"""

from __future__ import annotations

from daftar.core import dbtriggers
from daftar.core.dbtriggers import Guard

# --- inspections -------------------------------------------------------------------------
_NOT_DRAFT = "('adopted', 'superseded')"
_STATUS_OF_SECTION = "(SELECT status FROM supervision_checklistversion WHERE id = {row}.version_id)"
_STATUS_OF_ITEM = (
    "(SELECT v.status FROM supervision_checklistversion v JOIN supervision_checklistsection s "
    "ON s.version_id = v.id WHERE s.id = {row}.section_id)"
)
_STATUS_OF_CITATION = (
    "(SELECT v.status FROM supervision_checklistversion v JOIN supervision_checklistsection s "
    "ON s.version_id = v.id JOIN supervision_checklistitem i ON i.section_id = s.id "
    "WHERE i.id = {row}.item_id)"
)
_CHECKLIST_MESSAGE = "an adopted checklist version is frozen"
_REPORT_MESSAGE = "a submitted inspection report never changes; correct it with a new version"


def _frozen_rows(prefix: str, table: str, status_of: str) -> list[Guard]:
    def frozen(row: str) -> str:
        return f"{status_of.format(row=row)} IN {_NOT_DRAFT}"

    return [
        Guard(f"{prefix}_insert", table, "INSERT", frozen("NEW"), _CHECKLIST_MESSAGE),
        Guard(
            f"{prefix}_update",
            table,
            "UPDATE",
            f"({frozen('OLD')} OR {frozen('NEW')})",
            _CHECKLIST_MESSAGE,
        ),
        Guard(f"{prefix}_delete", table, "DELETE", frozen("OLD"), _CHECKLIST_MESSAGE),
    ]


INSPECTION_GUARDS = (
    *_frozen_rows("sup_section_frozen", "supervision_checklistsection", _STATUS_OF_SECTION),
    *_frozen_rows("sup_item_frozen", "supervision_checklistitem", _STATUS_OF_ITEM),
    *_frozen_rows("sup_citation_frozen", "supervision_checklistitemcitation", _STATUS_OF_CITATION),
    Guard(
        name="sup_checklist_version_frozen_update",
        table="supervision_checklistversion",
        event="UPDATE",
        condition=(
            "OLD.status IN ('adopted', 'superseded') AND ("
            "NEW.status NOT IN ('adopted', 'superseded') "
            "OR (OLD.status = 'superseded' AND NEW.status = 'adopted') "
            "OR NEW.decision_id {distinct} OLD.decision_id "
            "OR NEW.adopted_on {distinct} OLD.adopted_on "
            "OR NEW.response_days <> OLD.response_days "
            "OR NEW.number <> OLD.number OR NEW.template_id <> OLD.template_id)"
        ),
        message=_CHECKLIST_MESSAGE,
    ),
    Guard(
        name="sup_checklist_version_frozen_delete",
        table="supervision_checklistversion",
        event="DELETE",
        condition=f"OLD.status IN {_NOT_DRAFT}",
        message=_CHECKLIST_MESSAGE,
    ),
    Guard(
        name="sup_report_immutable_update",
        table="supervision_inspectionreport",
        event="UPDATE",
        condition="1 = 1",
        message=_REPORT_MESSAGE,
    ),
    Guard(
        name="sup_report_immutable_delete",
        table="supervision_inspectionreport",
        event="DELETE",
        condition="1 = 1",
        message=_REPORT_MESSAGE,
    ),
)

# --- sanctions --------------------------------------------------------------------------

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


LADDER_GUARDS = (
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


GUARDS = dbtriggers.TriggerSet(guards=(*INSPECTION_GUARDS, *LADDER_GUARDS))


def install(using: str = "default") -> None:
    GUARDS.install(using)


def remove(using: str = "default") -> None:
    GUARDS.remove(using)


dbtriggers.register(install, remove)
