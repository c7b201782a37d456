"""Database guards: text of a version past the draft stage, and closed decisions, never change."""

from __future__ import annotations

from daftar.core import dbtriggers
from daftar.core.dbtriggers import Guard

_FROZEN = "('under_review', 'adopted', 'superseded')"
_VERSION_OF = "(SELECT status FROM governance_bylawversion WHERE id = {row}.version_id)"
_VERSION_OF_NOTE = (
    "(SELECT v.status FROM governance_bylawversion v JOIN governance_article a "
    "ON a.version_id = v.id WHERE a.id = {row}.article_id)"
)
_DECISION_OF = "(SELECT status FROM governance_decision WHERE id = {row}.decision_id)"
_TEXT_MESSAGE = "bylaw text is frozen once a version leaves the draft stage"
_DECISION_MESSAGE = "adopted and rejected decisions cannot change"


def _row_guards(prefix: str, table: str, status_of: str, frozen: str, message: str) -> list[Guard]:
    guards = []
    for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
        guards.append(
            Guard(
                name=f"{prefix}_{event.lower()}",
                table=table,
                event=event,
                condition=f"{status_of.format(row=row)} IN {frozen}",
                message=message,
            )
        )
    return guards


GUARDS = dbtriggers.TriggerSet(
    guards=(
        *_row_guards(
            "gov_chapter_frozen", "governance_chapter", _VERSION_OF, _FROZEN, _TEXT_MESSAGE
        ),
        *_row_guards(
            "gov_article_frozen", "governance_article", _VERSION_OF, _FROZEN, _TEXT_MESSAGE
        ),
        *_row_guards(
            "gov_note_frozen", "governance_articlenote", _VERSION_OF_NOTE, _FROZEN, _TEXT_MESSAGE
        ),
        # An adopted version may only become superseded; nothing else about it may change.
        Guard(
            name="gov_version_frozen_update",
            table="governance_bylawversion",
            event="UPDATE",
            condition=(
                "OLD.status IN ('adopted', 'superseded') AND ("
                "NEW.status NOT IN ('adopted', 'superseded') "
                "OR (OLD.status = 'superseded' AND NEW.status = 'adopted') "
                "OR NEW.adopted_on {distinct} OLD.adopted_on "
                "OR NEW.council_session {distinct} OLD.council_session "
                "OR NEW.number <> OLD.number OR NEW.bylaw_id <> OLD.bylaw_id "
                "OR NEW.label_fa <> OLD.label_fa)"
            ),
            message=_TEXT_MESSAGE,
        ),
        Guard(
            name="gov_version_frozen_delete",
            table="governance_bylawversion",
            event="DELETE",
            condition="OLD.status IN ('under_review', 'adopted', 'superseded')",
            message=_TEXT_MESSAGE,
        ),
        Guard(
            name="gov_decision_closed_update",
            table="governance_decision",
            event="UPDATE",
            condition="OLD.status IN ('adopted', 'rejected')",
            message=_DECISION_MESSAGE,
        ),
        Guard(
            name="gov_decision_closed_delete",
            table="governance_decision",
            event="DELETE",
            condition="OLD.status IN ('adopted', 'rejected')",
            message=_DECISION_MESSAGE,
        ),
        *_row_guards(
            "gov_vote_closed",
            "governance_vote",
            _DECISION_OF,
            "('adopted', 'rejected')",
            _DECISION_MESSAGE,
        ),
        *_row_guards(
            "gov_present_closed",
            "governance_decision_present",
            _DECISION_OF,
            "('adopted', 'rejected')",
            _DECISION_MESSAGE,
        ),
        *_row_guards(
            "gov_citation_closed",
            "governance_decisioncitation",
            _DECISION_OF,
            "('adopted', 'rejected')",
            _DECISION_MESSAGE,
        ),
    )
)


def install(using: str = "default") -> None:
    GUARDS.install(using)


def remove(using: str = "default") -> None:
    GUARDS.remove(using)


dbtriggers.register(install, remove)
