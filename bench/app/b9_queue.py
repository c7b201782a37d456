"""B9 (calling half) inside the app: a busy day's queue at N offices, then "call next" timed.

    python -m bench.app.b9_queue prepare N T D  # N active offices, T tickets each today,
                                                 # D past days of served tickets each
    python -m bench.app.b9_queue call K         # time K calls through `ticket_call_next`
    python -m bench.app.b9_queue baseline K     # the same K calls as one raw SQL UPDATE each

`prepare` adds the offices the demo lacks (INSERT … SELECT generate_series, as B7), gives each
of the first N an operator on its staff, and inserts its tickets (set-based SQL): today T
tickets, a third appointments with their slots spread over the day, the rest walk-ins, all
waiting; and D past days of T served tickets each (the history the day's indexes must skip).

`call` times the real service — permission check, the candidates (due appointment, oldest
walk-in, early appointment, the streak), the conditional UPDATE and the audit entry, in one
transaction — at offices taken in turn, each call closing the counter's previous ticket first
(outside the timing). `baseline` times, at other offices, the minimum a call needs in SQL:
one `UPDATE … WHERE id = (SELECT … ORDER BY … LIMIT 1 FOR UPDATE SKIP LOCKED)`.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from bench.app import emit, peak_rss_mb, setup


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _offices(cursor, n: int) -> list[int]:
    cursor.execute(
        "SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM offices_office "
        "WHERE status = 'active' ORDER BY id LIMIT %s) AS o",
        [n],
    )
    return cursor.fetchone()[0] or []


def prepare(offices: int, tickets: int, days: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    from daftar.accounts.choices import Role
    from daftar.accounts.models import User
    from daftar.catalogue.models import Service
    from daftar.offices.choices import StaffRole
    from daftar.offices.models import OfficeStaff

    today = timezone.localdate()
    service = Service.objects.filter(active=True, channel_office=True).order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM offices_office WHERE status = 'active'")
        missing = max(0, offices - cursor.fetchone()[0])
        if missing:
            cursor.execute(
                """
                INSERT INTO offices_office (code, name, district_id, status, address, address_key,
                                            postal_code, phone, counters, sheba, created_at)
                SELECT 'B9' || lpad(n::text, 6, '0'), 'دفتر آزمون ' || n,
                       (SELECT min(id) FROM offices_district), 'active', '', '', '', '', 4, '',
                       now()
                  FROM generate_series(1, %s) AS n
                """,
                [missing],
            )
        ids = _offices(cursor, offices)
        cursor.execute("UPDATE offices_office SET counters = 4 WHERE id = ANY(%s)", [ids])
    staffed = set(  # the bench's own operator at each office (the demo's staff stay as they are)
        OfficeStaff.objects.filter(
            office_id__in=ids, left_on__isnull=True, user__username__startswith="b9-operator-"
        ).values_list("office_id", flat=True)
    )
    for office_id in ids:
        if office_id in staffed:
            continue
        user = User.objects.create(username=f"b9-operator-{office_id}", is_active=True)
        user.groups.add(*_role_groups(Role.OFFICE_OPERATOR))
        OfficeStaff.objects.create(
            office_id=office_id, user=user, role=StaffRole.OPERATOR, hired_on=today
        )
    issuer = User.objects.filter(username__startswith="b9-operator-").order_by("pk").first()
    issuer_id = issuer.pk if issuer else User.objects.order_by("pk").first().pk
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM appointments_ticket WHERE office_id = ANY(%s)", [ids])
        # today's queue: every third ticket an appointment (a slot spread over the day)
        cursor.execute(
            """
            INSERT INTO appointments_ticket (office_id, day, kind, number, service_id,
                national_code, due_at, status, calls, issued_at, issued_by_id)
            SELECT o, %(today)s, 'walk_in', n, %(service)s, '', NULL, 'waiting', 0,
                   now() - make_interval(mins => (%(t)s - n) / 2), %(user)s
              FROM unnest(%(ids)s::int[]) AS o, generate_series(1, %(t)s) AS n
            """,
            {"today": today, "service": service.pk, "t": tickets, "ids": ids, "user": issuer_id},
        )
        today_rows = cursor.rowcount
        cursor.execute(
            """
            INSERT INTO appointments_ticket (office_id, day, kind, number, service_id,
                national_code, due_at, status, counter, calls, issued_at, called_at,
                finished_at, issued_by_id)
            SELECT o, d::date, 'walk_in', n, %(service)s, '', NULL, 'served', 1, 1,
                   d + make_interval(mins => n), d + make_interval(mins => n + 9),
                   d + make_interval(mins => n + 15), %(user)s
              FROM unnest(%(ids)s::int[]) AS o,
                   generate_series(%(today)s::date - %(days)s, %(today)s::date - 1,
                                   interval '1 day') AS d,
                   generate_series(1, %(t)s) AS n
            """,
            {
                "today": today,
                "service": service.pk,
                "t": tickets,
                "ids": ids,
                "user": issuer_id,
                "days": days,
            },
        )
        history = cursor.rowcount
        cursor.execute("ANALYZE appointments_ticket")
    return {"offices": len(ids), "today": today_rows, "history": history}


def _role_groups(role):
    from django.contrib.auth.models import Group

    group, _ = Group.objects.get_or_create(name=str(role))
    return [group]


def call(k: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from daftar.appointments.models import Ticket
    from daftar.appointments.services.queue import ticket_call_next
    from daftar.core.actors import Actor
    from daftar.offices.models import OfficeStaff

    posts = list(
        OfficeStaff.objects.filter(user__username__startswith="b9-operator-")
        .select_related("office", "user")
        .order_by("office_id")
    )
    half = posts[: max(1, len(posts) // 2)]  # the other half is the baseline's
    times, queries = [], 0
    for n in range(k):
        post = half[n % len(half)]
        counter = 1 + (n // len(half)) % post.office.counters
        Ticket.objects.filter(office=post.office, counter=counter, status="called").update(
            status="served"
        )
        actor = Actor.for_user(post.user)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            ticket_call_next(actor=actor, office=post.office, counter=counter)
            times.append(time.perf_counter() - started)
        queries = max(queries, len(captured))
    return {
        "calls": k,
        "p95_ms": _p95(times) * 1000,
        "median_ms": statistics.median(times) * 1000,
        "queries": queries,
        "peak_rss_mb": peak_rss_mb(),
    }


_BASELINE = """
UPDATE appointments_ticket SET status = 'called', counter = 1, calls = 1, called_at = now()
 WHERE id = (SELECT id FROM appointments_ticket
              WHERE office_id = %s AND day = %s AND status = 'waiting' AND kind = 'walk_in'
              ORDER BY issued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING id
"""


def baseline(k: int) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from daftar.offices.models import OfficeStaff

    offices = list(
        OfficeStaff.objects.filter(user__username__startswith="b9-operator-")
        .order_by("office_id")
        .values_list("office_id", flat=True)
    )
    other = offices[len(offices) // 2 :] or offices
    today = timezone.localdate()
    times = []
    with connection.cursor() as cursor:
        for n in range(k):
            started = time.perf_counter()
            with transaction.atomic():
                cursor.execute(_BASELINE, [other[n % len(other)], today])
                if cursor.fetchone() is None:
                    raise SystemExit(json.dumps({"error": "the baseline ran out of tickets"}))
            times.append(time.perf_counter() - started)
    return {"calls": k, "p95_ms": _p95(times) * 1000, "median_ms": statistics.median(times) * 1000}


if __name__ == "__main__":
    setup()
    command = sys.argv[1]
    if command == "prepare":
        emit(prepare(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
    elif command == "call":
        emit(call(int(sys.argv[2])))
    elif command == "baseline":
        emit(baseline(int(sys.argv[2])))
    else:  # pragma: no cover
        raise SystemExit(json.dumps({"error": f"unknown command {command}"}))
