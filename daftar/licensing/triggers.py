"""Database guards: a call's rules, quotas and documents freeze when it opens, and published
results are never changed or deleted."""

from __future__ import annotations

from daftar.core import dbtriggers
from daftar.core.dbtriggers import Guard

_FROZEN_MESSAGE = "a licensing call's rules, quotas and documents are frozen once it opens"
_PUBLISHED_MESSAGE = "published results are append-only"
_CALL_OF = "(SELECT status FROM licensing_call WHERE id = {row}.call_id) <> 'draft'"
_FROZEN_FIELDS = (
    "code",
    "people_per_office",
    "max_preferences",
    "registration_opens",
    "registration_closes",
    "review_until",
    "exam_on",
    "results_on",
    "objections_until",
    "applicant_min_age",
    "applicant_max_age",
    "degree_levels",
    "degree_fields",
    "tm_min_age",
    "tm_max_age",
    "tm_degree_fields",
    "clean_record_required",
    "exam_weight",
    "degree_points",
    "experience_points_per_year",
    "experience_points_cap",
    "pass_mark",
)


def _child_guards(prefix: str, table: str) -> list[Guard]:
    return [
        Guard(
            name=f"{prefix}_{event.lower()}",
            table=table,
            event=event,
            condition=_CALL_OF.format(row=row),
            message=_FROZEN_MESSAGE,
        )
        for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD"))
    ]


GUARDS = dbtriggers.TriggerSet(
    guards=(
        Guard(
            name="lic_call_rules_frozen",
            table="licensing_call",
            event="UPDATE",
            condition=(
                "OLD.status <> 'draft' AND ("
                + " OR ".join(f"NEW.{name} <> OLD.{name}" for name in _FROZEN_FIELDS)
                + ")"
            ),
            message=_FROZEN_MESSAGE,
        ),
        *_child_guards("lic_quota_frozen", "licensing_calldistrictquota"),
        *_child_guards("lic_document_frozen", "licensing_requireddocument"),
        Guard(
            name="lic_publication_no_update",
            table="licensing_publication",
            event="UPDATE",
            condition="1 = 1",
            message=_PUBLISHED_MESSAGE,
        ),
        Guard(
            name="lic_publication_no_delete",
            table="licensing_publication",
            event="DELETE",
            condition="1 = 1",
            message=_PUBLISHED_MESSAGE,
        ),
    )
)


def install(using: str = "default") -> None:
    GUARDS.install(using)


def remove(using: str = "default") -> None:
    GUARDS.remove(using)


dbtriggers.register(install, remove)
