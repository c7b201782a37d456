"""Database triggers that make audit entries append-only, for SQLite and PostgreSQL.

Used by the migration that installs them, by `flush` in test settings (which must empty
the table between transactional tests) and by the tamper-detection tests.
"""

from __future__ import annotations

from django.db import connections

from daftar.core import dbtriggers

TABLE = "audit_auditentry"

_SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_entry_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_entry_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_entry_no_update;",
    "DROP TRIGGER IF EXISTS audit_entry_no_delete;",
]

_PG_CREATE = [
    """CREATE OR REPLACE FUNCTION audit_entry_refuse_change() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'check_violation'; END;
       $$ LANGUAGE plpgsql;""",
    f"""CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();""",
    f"""CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();""",
]
_PG_DROP = [
    f"DROP TRIGGER IF EXISTS audit_entry_no_update_delete ON {TABLE};",
    f"DROP TRIGGER IF EXISTS audit_entry_no_truncate ON {TABLE};",
]


def _statements(vendor: str, create: bool) -> list[str]:
    if vendor == "sqlite":
        return _SQLITE_CREATE if create else _SQLITE_DROP
    if vendor == "postgresql":
        return _PG_CREATE if create else _PG_DROP
    raise NotImplementedError(f"audit triggers are not written for {vendor}")


def install(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in _PG_DROP:
                cursor.execute(statement)
        for statement in _statements(connection.vendor, create=True):
            cursor.execute(statement)


def remove(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, create=False):
            cursor.execute(statement)


def installed(using: str = "default") -> bool:
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND tbl_name=%s", [TABLE]
            )
            return cursor.fetchone()[0] == 2
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [TABLE],
        )
        return cursor.fetchone()[0] == 2


dbtriggers.register(install, remove)
