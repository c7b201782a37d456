"""Database guards for the ledger: entries and postings are never updated or deleted; on
PostgreSQL an entry whose postings do not sum to zero cannot be committed (deferred check)."""

from django.db import connections

from daftar.core import dbtriggers
from daftar.core.dbtriggers import Guard

_MESSAGE = "the ledger is append-only; correct with a reversing entry"

GUARDS = dbtriggers.TriggerSet(
    guards=(
        Guard(
            name="ledger_posting_no_update",
            table="treasury_posting",
            event="UPDATE",
            condition="1 = 1",
            message=_MESSAGE,
        ),
        Guard(
            name="ledger_posting_no_delete",
            table="treasury_posting",
            event="DELETE",
            condition="1 = 1",
            message=_MESSAGE,
        ),
        Guard(
            name="ledger_entry_no_update",
            table="treasury_journalentry",
            event="UPDATE",
            condition="1 = 1",
            message=_MESSAGE,
        ),
        Guard(
            name="ledger_entry_no_delete",
            table="treasury_journalentry",
            event="DELETE",
            condition="1 = 1",
            message=_MESSAGE,
        ),
    )
)

_PG_BALANCE = [
    """CREATE OR REPLACE FUNCTION ledger_entry_balanced() RETURNS trigger AS $$
       DECLARE total bigint;
       BEGIN
         SELECT COALESCE(SUM(amount), 0) INTO total FROM treasury_posting
          WHERE entry_id = NEW.entry_id;
         IF total <> 0 THEN
           RAISE EXCEPTION 'journal entry % does not balance (off by % rials)',
             NEW.entry_id, total USING ERRCODE = 'check_violation';
         END IF;
         RETURN NULL;
       END; $$ LANGUAGE plpgsql;""",
    "DROP TRIGGER IF EXISTS ledger_posting_balanced ON treasury_posting;",
    """CREATE CONSTRAINT TRIGGER ledger_posting_balanced AFTER INSERT ON treasury_posting
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();""",
]


def install(using: str = "default") -> None:
    GUARDS.install(using)
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for statement in _PG_BALANCE:
                cursor.execute(statement)


def remove(using: str = "default") -> None:
    GUARDS.remove(using)
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS ledger_posting_balanced ON treasury_posting;")


dbtriggers.register(install, remove)
