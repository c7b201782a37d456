"""Database triggers that refuse changes, written once for SQLite and PostgreSQL.

A `Guard` refuses one event (INSERT, UPDATE or DELETE) on one table when a SQL condition
holds, e.g. "the version this article belongs to is adopted". Conditions refer to the row
as OLD or NEW and may use `{distinct}` for NULL-safe inequality (`IS NOT` on SQLite,
`IS DISTINCT FROM` on PostgreSQL). Apps declare their guards in a `triggers.py` module and
install them from a migration; `flush` (test settings only) lifts every registered set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections


@dataclass(frozen=True)
class Guard:
    name: str
    table: str
    event: str  # INSERT, UPDATE or DELETE
    condition: str
    message: str

    def create_sql(self, vendor: str) -> list[str]:
        condition = self.condition.format(
            distinct="IS NOT" if vendor == "sqlite" else "IS DISTINCT FROM"
        )
        message = self.message.replace("'", "''")
        if vendor == "sqlite":
            return [
                f"CREATE TRIGGER IF NOT EXISTS {self.name} BEFORE {self.event} ON {self.table} "
                f"FOR EACH ROW WHEN {condition} BEGIN SELECT RAISE(ABORT, '{message}'); END;"
            ]
        if vendor == "postgresql":
            row = "OLD" if self.event == "DELETE" else "NEW"
            return [
                f"CREATE OR REPLACE FUNCTION {self.name}_fn() RETURNS trigger AS $$ BEGIN "
                f"IF {condition} THEN "
                f"RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation'; "
                f"END IF; RETURN {row}; END; $$ LANGUAGE plpgsql;",
                f"DROP TRIGGER IF EXISTS {self.name} ON {self.table};",
                f"CREATE TRIGGER {self.name} BEFORE {self.event} ON {self.table} "
                f"FOR EACH ROW EXECUTE FUNCTION {self.name}_fn();",
            ]
        raise NotImplementedError(f"triggers are not written for {vendor}")

    def drop_sql(self, vendor: str) -> list[str]:
        if vendor == "sqlite":
            return [f"DROP TRIGGER IF EXISTS {self.name};"]
        return [f"DROP TRIGGER IF EXISTS {self.name} ON {self.table};"]


@dataclass(frozen=True)
class TriggerSet:
    guards: tuple[Guard, ...]

    def install(self, using: str = "default") -> None:
        connection = connections[using]
        with connection.cursor() as cursor:
            for guard in self.guards:
                for statement in guard.create_sql(connection.vendor):
                    cursor.execute(statement)

    def remove(self, using: str = "default") -> None:
        connection = connections[using]
        with connection.cursor() as cursor:
            for guard in self.guards:
                for statement in guard.drop_sql(connection.vendor):
                    cursor.execute(statement)


# (install, remove) pairs that `flush` lifts in test settings.
REGISTRY: list[tuple[Callable[[str], None], Callable[[str], None]]] = []


def register(install: Callable[[str], None], remove: Callable[[str], None]) -> None:
    REGISTRY.append((install, remove))


def registered() -> list[tuple[Callable[[str], None], Callable[[str], None]]]:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("triggers")
    return list(REGISTRY)
