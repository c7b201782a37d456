"""Writing many rows at once, for the demo generator and imports: COPY on PostgreSQL,
bulk_create elsewhere. Rows are plain tuples in the order of the columns named; ids are
reserved up front so that child rows can point at parents before either is written.

Nothing here runs model `save()` or signals: callers are the bulk importers that record
their own audit entries (AuditBulk).
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor

from django.db import connection, connections, models
from django.utils import timezone


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Reserve `count` primary keys for `model` and return them in order.

    On PostgreSQL each id is its own `nextval`, so workers and live requests that take ids
    from the same sequence at the same moment never get one of ours (a block taken with
    `setval` could overlap theirs); the ids need not be consecutive. On SQLite (one writer
    at a time) they are a consecutive block.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: Django's tables are AUTOINCREMENT, so moving the table's counter in
        # sqlite_sequence keeps later inserts clear of the block.
        quoted = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({quoted(pk)}), 0) FROM {quoted(table)}")  # noqa: S608
        largest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        first = max(largest, row[0] if row else 0) + 1
        last = first + count - 1
        if row:
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [last, table])
        else:
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, last])
        return list(range(first, first + count))


class BulkInsert:
    """Buffer rows for one model and write them in batches.

    `columns` are attribute names (``file_id``, not ``file``) of concrete fields; any other
    concrete field gets its default (``now`` for auto_now / auto_now_add fields). The
    primary key, when listed, must come from `reserve_ids`.
    """

    def __init__(self, model: type[models.Model], columns: Sequence[str], batch: int = 20_000):
        self.model, self.batch = model, batch
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
        now = timezone.now()
        self.columns = list(columns)
        self.defaults = {}
        for name, field in fields.items():
            if name in columns or field.primary_key:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults[name] = now
            elif field.has_default() or field.null or field.empty_strings_allowed:
                self.defaults[name] = field.get_default()  # "" for text, None if nullable
            else:
                raise ValueError(f"{model.__name__}.{name} needs a value")
        self.all_columns = self.columns + list(self.defaults)
        self.json_at = [
            i for i, n in enumerate(self.all_columns) if isinstance(fields[n], models.JSONField)
        ]
        self.tail = tuple(self.defaults.values())
        self.rows: list[tuple] = []
        self.written = 0

    def add(self, *values) -> None:
        self.rows.append(values)
        if len(self.rows) >= self.batch:
            self.flush()

    def extend(self, rows: Iterable[tuple]) -> None:
        for row in rows:
            self.add(*row)

    def flush(self) -> int:
        rows, self.rows = self.rows, []
        if not rows:
            return 0
        if connection.vendor == "postgresql":
            self._copy(rows)
        else:
            names = self.all_columns
            objects = [self.model(**dict(zip(names, r + self.tail, strict=True))) for r in rows]
            self.model.objects.bulk_create(objects, batch_size=500)
        self.written += len(rows)
        return len(rows)

    def _copy(self, rows: list[tuple]) -> None:
        opts = self.model._meta
        fields = {f.attname: f for f in opts.concrete_fields}
        columns = ", ".join(connection.ops.quote_name(fields[c].column) for c in self.all_columns)
        json_at = self.json_at
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            statement = f"COPY {connection.ops.quote_name(opts.db_table)} ({columns}) FROM STDIN"
            with cursor.copy(statement) as copy:
                for row in rows:
                    row = row + self.tail
                    if json_at:
                        row = list(row)
                        for i in json_at:
                            if row[i] is not None:  # None stays SQL NULL, as Django stores it
                                row[i] = json.dumps(row[i], ensure_ascii=False)
                    copy.write_row(row)


def _worker_setup() -> None:
    import django

    django.setup()


def _call(job: tuple[Callable, tuple]):
    func, args = job
    try:
        return func(*args)
    finally:
        connections.close_all()


def parallel(func: Callable, jobs: list[tuple], *, workers: int | None = None) -> list:
    """`[func(*job) for job in jobs]`, in worker processes when that helps: on PostgreSQL,
    outside any transaction (workers cannot see uncommitted rows), with several jobs. Each
    job must commit on its own (e.g. be wrapped in `transaction.atomic`). `func` must be a
    module-level function; workers start afresh ("spawn") with the same settings."""
    workers = workers or int(os.environ.get("DAFTAR_BULK_WORKERS", os.cpu_count() or 1))
    if (
        connection.vendor != "postgresql"
        or connection.in_atomic_block
        or len(jobs) < 2
        or workers < 2
    ):
        return [func(*job) for job in jobs]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_setup) as pool:
        return list(pool.map(_call, [(func, job) for job in jobs]))
