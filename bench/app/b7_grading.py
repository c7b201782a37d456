"""B7 inside the app: spread the files over N offices, then grade them all for one year.

    python -m bench.app.b7_grading prepare N [F]  # N active offices, the files spread over them
    python -m bench.app.b7_grading grade         # time grading_run over the period; check it

`prepare` adds the offices the demo lacks (set-based SQL: INSERT … SELECT generate_series) and
spreads every office file over the N offices (office = the n-th of them by the file's id), a
year of uptime rows per office, so that each office has files, ratings, call-backs and uptime
to aggregate. With F, it first tops the office files up to F for the year (copies of one demo
file with their own tracking codes, dates spread over the year, 85 % closed, a third rated and
the ratings below 4 with a call-back) — for measuring B7 at scale without B5's full run. It
prints the period's bounds (the year up to yesterday) and the counts.

`grade` makes a grading period of that year (a bench row, not through `grading_period_open`:
the demo's own periods overlap it), puts the demo's formula in force if none is, and times
the real `grading_run` — indicators in grouped SQL aggregates, grades inserted in bulk, the
input file published — counting its queries (a constant number whatever N). It checks that
every office got a grade and that the published file's SHA-256 is the period's.
"""

from __future__ import annotations

import datetime
import json
import sys

from bench.app import Stopwatch, emit, peak_rss_mb, setup

PERIOD_CODE = "BENCH-B7"


def _bounds() -> tuple[datetime.date, datetime.date]:
    from django.utils import timezone

    last = timezone.localdate() - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=364), last


_TOP_UP = """
INSERT INTO cases_file ({columns})
SELECT {values}
  FROM (SELECT * FROM cases_file WHERE office_id IS NOT NULL ORDER BY id LIMIT 1) AS t,
       LATERAL (SELECT n, %(first)s::timestamptz
                          + make_interval(secs => ((n::bigint * 7919) %% 31449600)::int) AS at
                  FROM generate_series(1, %(count)s) AS n) AS g
"""
_FILE_OVERRIDES = {
    "tracking_code": "'B7' || lpad(g.n::text, 10, '0')",
    "submitted_at": "g.at",
    "state_entered_at": "g.at",
    "created_at": "g.at",
    "updated_at": "g.at",
    "due_at": "g.at + interval '10 days'",
    "state_due_at": "NULL",
    "breached_at": "NULL",
    "escalated_at": "NULL",
    "closed_at": "CASE WHEN g.n %% 100 < 85 THEN g.at + make_interval(days => g.n %% 14) END",
}


def _top_up(cursor, files: int, first: datetime.date) -> int:
    """Copies of one office file until the office files number `files` (see the docstring)."""
    from daftar.cases.models import File

    cursor.execute("SELECT count(*) FROM cases_file WHERE office_id IS NOT NULL")
    missing = files - cursor.fetchone()[0]
    if missing <= 0:
        return 0
    columns = [f.column for f in File._meta.concrete_fields if f.column != "id"]
    values = [_FILE_OVERRIDES.get(c, f"t.{c}") for c in columns]
    cursor.execute(
        _TOP_UP.format(columns=", ".join(columns), values=", ".join(values)),
        {"first": str(first), "count": missing},
    )
    cursor.execute(
        "INSERT INTO cases_rating (file_id, score, comment, created_at) "
        "SELECT id, 1 + id % 5, '', closed_at FROM cases_file "
        "WHERE tracking_code LIKE 'B7%' AND closed_at IS NOT NULL AND id % 3 = 0"
    )
    cursor.execute(
        "INSERT INTO cases_callbacktask (file_id, office_id, status, note, created_at) "
        "SELECT r.file_id, f.office_id, 'open', '', r.created_at FROM cases_rating AS r "
        "JOIN cases_file AS f ON f.id = r.file_id "
        "WHERE f.tracking_code LIKE 'B7%' AND r.score < 4"
    )
    return missing


def prepare(offices: int, files: int = 0) -> dict:
    from django.db import connection

    first, last = _bounds()
    with connection.cursor() as cursor:
        topped = _top_up(cursor, files, first) if files else 0
        cursor.execute("SELECT count(*) FROM offices_office WHERE status = 'active'")
        have = cursor.fetchone()[0]
        missing = max(0, offices - have)
        if missing:
            cursor.execute(
                """
                INSERT INTO offices_office (code, name, district_id, status, address, address_key,
                                            postal_code, phone, counters, sheba, created_at)
                SELECT 'B7' || lpad(n::text, 6, '0'), 'دفتر آزمون ' || n,
                       (SELECT min(id) FROM offices_district), 'active', '', '', '', '', 2, '',
                       now()
                  FROM generate_series(1, %s) AS n
                """,
                [missing],
            )
        cursor.execute(
            "SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM offices_office "
            "WHERE status = 'active' ORDER BY id LIMIT %s) AS o",
            [offices],
        )
        ids = cursor.fetchone()[0]
        cursor.execute(
            "UPDATE cases_file SET office_id = (%s::int[])[1 + id %% %s] "
            "WHERE office_id IS NOT NULL",
            [ids, len(ids)],
        )
        spread = cursor.rowcount
        cursor.execute(
            """
            INSERT INTO offices_officeuptimeday (office_id, day, slots_open, slots_up)
            SELECT o, d::date, 120, 100 + (o + extract(doy FROM d)::int) %% 21
              FROM unnest(%s::int[]) AS o,
                   generate_series(%s::date, %s::date, interval '1 day') AS d
            ON CONFLICT (office_id, day) DO NOTHING
            """,
            [ids, first, last],
        )
        uptime = cursor.rowcount
        cursor.execute("ANALYZE cases_file")
        cursor.execute("ANALYZE offices_officeuptimeday")
    return {
        "offices": len(ids),
        "added": missing,
        "files_spread": spread,
        "files_added": topped,
        "uptime_rows": uptime,
        "first": str(first),
        "last": str(last),
    }


def grade() -> dict:
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from daftar.core.actors import Actor
    from daftar.supervision.models import GradingPeriod, OfficeGrade
    from daftar.supervision.selectors.grading import (
        formula_in_force,
        published_inputs,
        sha256_of,
    )
    from daftar.supervision.services.grading import grading_run

    if formula_in_force() is None:
        raise SystemExit("no grading formula in force: the demo (B5) adopts one")
    first, last = _bounds()
    period = GradingPeriod.objects.filter(code=PERIOD_CODE).first()
    if period is not None:  # a kept database: grade a fresh copy
        OfficeGrade.objects.filter(period=period).delete()
        period.delete()
    period = GradingPeriod.objects.create(
        code=PERIOD_CODE, starts_on=first, ends_on=last, declare_by=first
    )
    with CaptureQueriesContext(connection) as queries, Stopwatch() as watch:
        grading_run(
            actor=Actor.system("bench"), period=period, today=last + datetime.timedelta(days=1)
        )
    period.refresh_from_db()
    graded = OfficeGrade.objects.filter(period=period).count()
    with Stopwatch() as publish:
        data = published_inputs(period)
    if sha256_of(data) != period.inputs_sha256:
        raise SystemExit("the published file does not match the period's SHA-256")
    distribution = dict(
        OfficeGrade.objects.filter(period=period)
        .values("grade")
        .annotate(n=Count("pk"))
        .values_list("grade", "n")
    )
    return {
        "seconds": watch.seconds,
        "queries": len(queries),
        "graded": graded,
        "publish_seconds": publish.seconds,
        "csv_bytes": len(data),
        "distribution": distribution,
        "peak_rss_mb": peak_rss_mb(),
    }


if __name__ == "__main__":
    setup()
    command = sys.argv[1]
    if command == "prepare":
        emit(prepare(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0))
    elif command == "grade":
        emit(grade())
    else:  # pragma: no cover
        raise SystemExit(json.dumps({"error": f"unknown command {command}"}))
