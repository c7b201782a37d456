"""B9 inside the app: a year of appointments at N offices, then free-slot listing and booking
against raw SQL.

    python -m bench.app.b9_appointments prepare N P   # N active offices, P appointments/day each
    python -m bench.app.b9_appointments measure R     # R rounds of listing and of booking

`prepare` adds the offices the demo lacks (codes B9…, three counters, open Saturday to
Thursday 08:00–16:00) and generates, in SQL with generate_series, P appointments a day at every
office for the past year and the next fortnight (past ones checked in or missed, coming ones
booked, each holding its seat per quarter hour), so that the tables are a year deep when the
app reads and writes them.

`measure` picks demo offices that may deliver a service and have free slots, then alternates:
the app's week view (`days_with_free_slots`: every day's free slots over the booking horizon)
and one day's slots (`free_slots`), against raw SQL reading the same seats and hours; then the
app's `appointment_book` (with its checks, seat savepoint, audit entry and SMS row) followed by a
cancel, against a raw-SQL INSERT of the appointment and its seat in one transaction. p95 of each.
"""

from __future__ import annotations

import contextlib
import datetime
import statistics
import sys
import time

from bench.app import emit, peak_rss_mb, setup

TEHRAN = "+03:30"


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def _booking_citizens() -> list:
    """The citizens the measure books for. The generated year leaves them out: at 24 a day
    every other citizen holds thousands of appointments, one in eleven missed, and the no-show
    rule rightly blocks them from booking."""
    from daftar.accounts.choices import Role
    from daftar.accounts.selectors import users_with_role

    return list(
        users_with_role(Role.CITIZEN)
        .exclude(national_code="")
        .exclude(mobile="")
        .order_by("-pk")[:50]
    )


def prepare(offices: int, per_day: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    today = timezone.localdate()
    first, last = today - datetime.timedelta(days=365), today + datetime.timedelta(days=14)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM offices_office WHERE status = 'active'")
        missing = max(0, offices - cursor.fetchone()[0])
        if missing:
            cursor.execute(
                """
                INSERT INTO offices_office (code, name, district_id, status, address, address_key,
                                            postal_code, phone, counters, sheba, created_at)
                SELECT 'B9' || lpad(n::text, 6, '0'), 'دفتر آزمون نوبت ' || n,
                       (SELECT min(id) FROM offices_district), 'active', '', '', '', '', 3, '',
                       now()
                  FROM generate_series(1, %s) AS n
                """,
                [missing],
            )
        cursor.execute(
            """
            INSERT INTO offices_officehours (office_id, weekday, opens, closes)
            SELECT o.id, w, '08:00', '16:00'
              FROM offices_office o, generate_series(0, 6) AS w
             WHERE o.status = 'active' AND w <> 4
               AND NOT EXISTS (SELECT 1 FROM offices_officehours h WHERE h.office_id = o.id)
            """
        )
        cursor.execute(
            "SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM offices_office "
            "WHERE status = 'active' ORDER BY id LIMIT %s) AS o",
            [offices],
        )
        ids = cursor.fetchone()[0]
        cursor.execute(
            "SELECT array_agg(u.id) FROM accounts_user u WHERE u.national_code <> '' "
            "AND u.national_code IS NOT NULL"
        )
        reserved = {user.pk for user in _booking_citizens()}
        citizens = [pk for pk in cursor.fetchone()[0] if pk not in reserved]
        cursor.execute("SELECT min(id) FROM catalogue_service WHERE channel_office AND active")
        service = cursor.fetchone()[0]
        started = time.perf_counter()
        cursor.execute(
            """
            INSERT INTO appointments_appointment
                (code, office_id, service_id, citizen_id, national_code, citizen_mobile,
                 starts_at, ends_at, status, channel, created_at, day)
            SELECT 'B9' || lpad((row_number() OVER ())::text, 13, '0'),
                   o, %(service)s, u.id, u.national_code, coalesce(u.mobile, ''),
                   (d::date + time '08:00' + (k %% 32) * interval '15 minutes')::timestamp
                       AT TIME ZONE 'Asia/Tehran',
                   (d::date + time '08:15' + (k %% 32) * interval '15 minutes')::timestamp
                       AT TIME ZONE 'Asia/Tehran',
                   CASE WHEN d::date >= %(today)s THEN 'booked'
                        WHEN (o + k + extract(doy FROM d)::int) %% 11 = 0 THEN 'no_show'
                        ELSE 'checked_in' END,
                   'portal', now(), d::date
              FROM unnest(%(ids)s::int[]) AS o,
                   generate_series(%(first)s::date, %(last)s::date, interval '1 day') AS d,
                   generate_series(0, %(per_day)s - 1) AS k,
                   LATERAL (SELECT id, national_code, mobile FROM accounts_user
                             WHERE id = (%(citizens)s::int[])[
                                 1 + (o * 7919 + k * 104729 + extract(doy FROM d)::int)
                                     %% array_length(%(citizens)s::int[], 1)]) AS u
             WHERE extract(dow FROM d) <> 5
            ON CONFLICT DO NOTHING
            """,
            {
                "service": service,
                "today": today,
                "ids": ids,
                "first": first,
                "last": last,
                "per_day": per_day,
                "citizens": citizens,
            },
        )
        appointments = cursor.rowcount
        cursor.execute(
            """
            INSERT INTO appointments_slotseat (appointment_id, office_id, starts_at, seat)
            SELECT a.id, a.office_id, a.starts_at,
                   (row_number() OVER (PARTITION BY a.office_id, a.starts_at ORDER BY a.id)) - 1
              FROM appointments_appointment a
             WHERE a.code LIKE 'B9%%' AND a.status = 'booked'
            ON CONFLICT DO NOTHING
            """
        )
        seats = cursor.rowcount
        generated = time.perf_counter() - started
        cursor.execute("ANALYZE appointments_appointment")
        cursor.execute("ANALYZE appointments_slotseat")
        cursor.execute("SELECT count(*) FROM appointments_appointment")
        total = cursor.fetchone()[0]
    return {
        "offices": len(ids),
        "added": missing,
        "appointments_added": appointments,
        "appointments": total,
        "seats": seats,
        "generate_seconds": round(generated, 2),
        "first": str(first),
        "last": str(last),
    }


def _targets(limit: int = 5):
    """Demo offices (not B9…) that may deliver a service and have free slots the day after
    tomorrow, with that service."""
    from django.utils import timezone

    from daftar.appointments.selectors.booking import bookable_services, free_slots
    from daftar.offices.selectors import office_finder

    day = timezone.localdate() + datetime.timedelta(days=2)
    found = []
    for office in office_finder().exclude(code__startswith="B9")[:200]:
        for service in bookable_services(office)[:3]:
            if free_slots(office, service, day):
                found.append((office, service))
                break
        if len(found) >= limit:
            break
    return found


def _sql_slots(cursor, office_id: int, first: datetime.date, days: int) -> int:
    """The same reads by hand: the hours of the office and the seats held over the days."""
    cursor.execute(
        "SELECT weekday, opens, closes FROM offices_officehours WHERE office_id = %s", [office_id]
    )
    hours = cursor.fetchall()
    cursor.execute(
        "SELECT starts_at, seat FROM appointments_slotseat WHERE office_id = %s "
        "AND starts_at >= %s AND starts_at < %s",
        [
            office_id,
            f"{first}T00:00:00{TEHRAN}",
            f"{first + datetime.timedelta(days=days)}T00:00:00{TEHRAN}",
        ],
    )
    return len(hours) + len(cursor.fetchall())


def measure(rounds: int) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from daftar.appointments.selectors.booking import days_with_free_slots, free_slots
    from daftar.appointments.services.booking import appointment_book, appointment_cancel
    from daftar.core.actors import Actor
    from daftar.core.errors import DaftarError

    targets = _targets()
    if not targets:
        raise SystemExit("no demo office can take appointments (hours, certified staff)")
    today = timezone.localdate()
    day = today + datetime.timedelta(days=2)
    week, one_day, sql_week, sql_day = [], [], [], []
    with connection.cursor() as cursor:
        for n in range(rounds):
            office, service = targets[n % len(targets)]
            started = time.perf_counter()
            days_with_free_slots(office, service)
            week.append(time.perf_counter() - started)
            started = time.perf_counter()
            free_slots(office, service, day)
            one_day.append(time.perf_counter() - started)
            started = time.perf_counter()
            _sql_slots(cursor, office.pk, today, 15)
            sql_week.append(time.perf_counter() - started)
            started = time.perf_counter()
            _sql_slots(cursor, office.pk, day, 1)
            sql_day.append(time.perf_counter() - started)
    citizens = _booking_citizens()
    # Warm the process once (URL resolver in Persian for the SMS link, translations), untimed.
    office, service = targets[0]
    warm = free_slots(office, service, day)
    with contextlib.suppress(DaftarError, IndexError):
        appointment_cancel(
            actor=Actor.system("bench"),
            appointment=appointment_book(
                actor=Actor.for_user(citizens[-1]),
                citizen=citizens[-1],
                office=office,
                service=service,
                starts_at=warm[-1].starts_at,
            ),
        )
    books, sql_books, refused = [], [], 0
    with connection.cursor() as cursor:
        for n in range(rounds):
            office, service = targets[n % len(targets)]
            citizen = citizens[n % len(citizens)]
            slots = free_slots(office, service, day)
            if not slots:
                refused += 1
                continue
            slot = slots[n % len(slots)]
            started = time.perf_counter()
            try:
                appointment = appointment_book(
                    actor=Actor.for_user(citizen),
                    citizen=citizen,
                    office=office,
                    service=service,
                    starts_at=slot.starts_at,
                )
            except DaftarError:  # a blocked or already-booked demo citizen
                refused += 1
                continue
            books.append(time.perf_counter() - started)
            appointment_cancel(actor=Actor.system("bench"), appointment=appointment)
            started = time.perf_counter()
            with transaction.atomic():
                cursor.execute(
                    "INSERT INTO appointments_appointment (code, office_id, service_id, "
                    "citizen_id, national_code, citizen_mobile, starts_at, ends_at, status, "
                    "channel, created_at, day) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, "
                    "'booked', 'portal', now(), %s) RETURNING id",
                    [
                        f"B9SQL{n:09d}",
                        office.pk,
                        service.pk,
                        citizen.pk,
                        citizen.national_code,
                        citizen.mobile,
                        slot.starts_at,
                        slot.ends_at,
                        day,
                    ],
                )
                pk = cursor.fetchone()[0]
                cursor.execute(
                    "INSERT INTO appointments_slotseat (appointment_id, office_id, starts_at, "
                    "seat) VALUES (%s, %s, %s, 0) ON CONFLICT DO NOTHING",
                    [pk, office.pk, slot.starts_at],
                )
            sql_books.append(time.perf_counter() - started)
            cursor.execute("DELETE FROM appointments_slotseat WHERE appointment_id = %s", [pk])
            cursor.execute("DELETE FROM appointments_appointment WHERE id = %s", [pk])
    if not books:
        raise SystemExit(f"no booking succeeded ({refused} refused)")
    return {
        "week_p95": _p95(week),
        "day_p95": _p95(one_day),
        "sql_week_p95": _p95(sql_week),
        "sql_day_p95": _p95(sql_day),
        "book_p95": _p95(books),
        "sql_book_p95": _p95(sql_books),
        "rounds": rounds,
        "booked": len(books),
        "refused": refused,
        "targets": [f"{o.code}/{s.code}" for o, s in targets],
        "peak_rss_mb": peak_rss_mb(),
    }


if __name__ == "__main__":
    setup()
    command, *args = sys.argv[1:]
    if command == "prepare":
        emit(prepare(int(args[0]), int(args[1])))
    elif command == "measure":
        emit(measure(int(args[0])))
    else:
        raise SystemExit(__doc__)
