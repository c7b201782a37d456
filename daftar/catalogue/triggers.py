"""Database guards for tariffs: periods of one service never overlap, and a version, once
set by its decision, never changes (only its end date may be set, when a successor starts).
A published service version (ADR 0024) never changes either: files are read by it.

On SQLite a migration that alters a guarded table rebuilds it and drops its triggers; such a
migration must install the guards again (0008 does, after 0005 and 0006 had lost them)."""

from daftar.core import dbtriggers
from daftar.core.dbtriggers import Guard

_OVERLAP = (
    "EXISTS (SELECT 1 FROM catalogue_tariffversion t WHERE t.service_id = NEW.service_id "
    "AND (NEW.id IS NULL OR t.id <> NEW.id) "
    "AND t.effective_from < COALESCE(NEW.effective_to, '9999-12-31') "
    "AND COALESCE(t.effective_to, '9999-12-31') > NEW.effective_from)"
)
_MESSAGE_OVERLAP = "tariff periods of a service must not overlap"
_MESSAGE_FROZEN = "a tariff version cannot change once set; a new decision sets a new version"
_MESSAGE_VERSION = "a published service version never changes; publish a new version"

GUARDS = dbtriggers.TriggerSet(
    guards=(
        Guard(
            name="tariff_no_overlap_insert",
            table="catalogue_tariffversion",
            event="INSERT",
            condition=_OVERLAP,
            message=_MESSAGE_OVERLAP,
        ),
        Guard(
            name="tariff_no_overlap_update",
            table="catalogue_tariffversion",
            event="UPDATE",
            condition=_OVERLAP,
            message=_MESSAGE_OVERLAP,
        ),
        Guard(
            name="tariff_frozen_update",
            table="catalogue_tariffversion",
            event="UPDATE",
            condition=(
                "NEW.formula <> OLD.formula OR NEW.effective_from <> OLD.effective_from "
                "OR NEW.decision_id <> OLD.decision_id OR NEW.service_id <> OLD.service_id "
                "OR NEW.version <> OLD.version "
                "OR CAST(NEW.splits AS TEXT) <> CAST(OLD.splits AS TEXT) "
                "OR (OLD.effective_to IS NOT NULL AND "
                "NEW.effective_to {distinct} OLD.effective_to)"
            ),
            message=_MESSAGE_FROZEN,
        ),
        Guard(
            name="tariff_frozen_delete",
            table="catalogue_tariffversion",
            event="DELETE",
            condition="1 = 1",
            message=_MESSAGE_FROZEN,
        ),
    )
)

VERSION_GUARDS = dbtriggers.TriggerSet(
    guards=(
        Guard(
            name="service_version_frozen_update",
            table="catalogue_serviceversion",
            event="UPDATE",
            condition="1 = 1",
            message=_MESSAGE_VERSION,
        ),
        Guard(
            name="service_version_frozen_delete",
            table="catalogue_serviceversion",
            event="DELETE",
            condition="1 = 1",
            message=_MESSAGE_VERSION,
        ),
    )
)


def install(using: str = "default") -> None:
    GUARDS.install(using)


def remove(using: str = "default") -> None:
    GUARDS.remove(using)


def install_versions(using: str = "default") -> None:
    VERSION_GUARDS.install(using)


def remove_versions(using: str = "default") -> None:
    VERSION_GUARDS.remove(using)


dbtriggers.register(install, remove)
dbtriggers.register(install_versions, remove_versions)
