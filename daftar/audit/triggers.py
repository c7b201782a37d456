"""Database triggers that keep the audit log append-only, for SQLite and PostgreSQL.

Three tables, three guards (docs/adr/0010):

- entries (`audit_auditentry`): no UPDATE, no DELETE, no TRUNCATE;
- stream heads (`audit_auditstream`): a head is born at sequence 0 with the genesis hash and
  only ever moves forward, onto the last entry of its own stream, chained to where it was;
  no DELETE, no TRUNCATE — so nobody short of a superuser can shrink a stream and rewrite
  its head to hide it;
- checkpoints (`audit_auditcheckpoint`): numbered 1, 2, 3… without gaps; no UPDATE, no
  DELETE, no TRUNCATE.

A database superuser can still drop or bypass triggers: what catches that is the signed
checkpoint published outside the database (`daftar.audit.checkpoints`).

Used by the migrations that install them (each migration names the parts it installs), by
`flush` in test settings (which must empty the tables between transactional tests) and by the
tamper-detection tests.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connections

from daftar.core import dbtriggers
from daftar.core.dbtriggers import Guard

TABLE = "audit_auditentry"
HEADS = "audit_auditstream"
CHECKPOINTS = "audit_auditcheckpoint"
_GENESIS = "0" * 64

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

_HEAD_MESSAGE = "audit stream heads only move forward"
# A head may move only forward, onto the last entry of its own stream, and only over entries
# chained to where it stood: exactly what appending N entries does (last_seq grows by N).
_HEAD_MOVES_WRONGLY = """(
    NEW.id <> OLD.id OR NEW.name <> OLD.name OR NEW.last_seq <= OLD.last_seq
    OR NOT EXISTS (SELECT 1 FROM audit_auditentry
                   WHERE stream = NEW.name AND seq = NEW.last_seq AND hash = NEW.last_hash)
    OR NOT EXISTS (SELECT 1 FROM audit_auditentry
                   WHERE stream = NEW.name AND seq = OLD.last_seq + 1
                   AND prev_hash = OLD.last_hash)
    OR EXISTS (SELECT 1 FROM audit_auditentry WHERE stream = NEW.name AND seq > NEW.last_seq)
)"""
_CHECKPOINT_MESSAGE = "audit checkpoints are append-only"

HEAD_GUARDS = dbtriggers.TriggerSet(
    guards=(
        Guard(
            name="audit_stream_born_at_genesis",
            table=HEADS,
            event="INSERT",
            condition=f"NEW.last_seq <> 0 OR NEW.last_hash <> '{_GENESIS}'",
            message=_HEAD_MESSAGE,
        ),
        Guard(
            name="audit_stream_forward_only",
            table=HEADS,
            event="UPDATE",
            condition=_HEAD_MOVES_WRONGLY,
            message=_HEAD_MESSAGE,
        ),
        Guard(
            name="audit_stream_no_delete",
            table=HEADS,
            event="DELETE",
            condition="1 = 1",
            message=_HEAD_MESSAGE,
        ),
    )
)

CHECKPOINT_GUARDS = dbtriggers.TriggerSet(
    guards=(
        Guard(
            name="audit_checkpoint_numbered",
            table=CHECKPOINTS,
            event="INSERT",
            condition="NEW.number <> 1 + "
            "COALESCE((SELECT MAX(number) FROM audit_auditcheckpoint), 0)",
            message="audit checkpoints are numbered 1, 2, 3... without gaps",
        ),
        Guard(
            name="audit_checkpoint_no_update",
            table=CHECKPOINTS,
            event="UPDATE",
            condition="1 = 1",
            message=_CHECKPOINT_MESSAGE,
        ),
        Guard(
            name="audit_checkpoint_no_delete",
            table=CHECKPOINTS,
            event="DELETE",
            condition="1 = 1",
            message=_CHECKPOINT_MESSAGE,
        ),
    )
)

# PostgreSQL's TRUNCATE skips row triggers: a statement trigger refuses it on both tables.
_PG_TRUNCATE_FUNCTION = """CREATE OR REPLACE FUNCTION audit_refuse_truncate() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'check_violation'; END;
    $$ LANGUAGE plpgsql;"""


def _pg_no_truncate(name: str, table: str) -> tuple[list[str], list[str]]:
    drop = [f"DROP TRIGGER IF EXISTS {name} ON {table};"]
    create = [
        _PG_TRUNCATE_FUNCTION,
        *drop,
        f"CREATE TRIGGER {name} BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();",
    ]
    return create, drop


def _entries(vendor: str, create: bool) -> list[str]:
    if vendor == "sqlite":
        return _SQLITE_CREATE if create else _SQLITE_DROP
    if vendor == "postgresql":
        return [*_PG_DROP, *_PG_CREATE] if create else _PG_DROP
    raise NotImplementedError(f"audit triggers are not written for {vendor}")


def _guarded(guards: dbtriggers.TriggerSet, table: str, truncate_trigger: str):
    def statements(vendor: str, create: bool) -> list[str]:
        sql = [
            statement
            for guard in guards.guards
            for statement in (guard.create_sql(vendor) if create else guard.drop_sql(vendor))
        ]
        if vendor == "postgresql":
            sql += _pg_no_truncate(truncate_trigger, table)[0 if create else 1]
        return sql

    return statements


# Installed by migrations in this order: 0002 the entries, 0003 the heads and checkpoints.
PARTS = {
    "entries": _entries,
    "heads": _guarded(HEAD_GUARDS, HEADS, "audit_stream_no_truncate"),
    "checkpoints": _guarded(CHECKPOINT_GUARDS, CHECKPOINTS, "audit_checkpoint_no_truncate"),
}
# Triggers each part creates (PostgreSQL: the row guards plus the TRUNCATE guard).
_COUNTS = {
    "sqlite": {TABLE: 2, HEADS: 3, CHECKPOINTS: 3},
    "postgresql": {TABLE: 2, HEADS: 4, CHECKPOINTS: 4},
}


def install(using: str = "default", parts: Iterable[str] = tuple(PARTS)) -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for part in parts:
            for statement in PARTS[part](connection.vendor, create=True):
                cursor.execute(statement)


def remove(using: str = "default", parts: Iterable[str] = tuple(PARTS)) -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for part in parts:
            for statement in PARTS[part](connection.vendor, create=False):
                cursor.execute(statement)


def installed(using: str = "default") -> bool:
    """Every audit trigger is in place on every audit table."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for table, expected in _COUNTS[connection.vendor].items():
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND tbl_name=%s",
                    [table],
                )
            else:
                cursor.execute(
                    "SELECT count(*) FROM pg_trigger "
                    "WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                    [table],
                )
            if cursor.fetchone()[0] != expected:
                return False
    return True


dbtriggers.register(install, remove)
