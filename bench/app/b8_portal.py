"""B8 inside the app: aggregates for a year of files, then the portal's reads against raw SQL.

    python -m bench.app.b8_portal prepare N [F]  # N active offices over 22 districts; F files
    python -m bench.app.b8_portal build          # time the full build, then an incremental one
    python -m bench.app.b8_portal read R         # R rounds of the portal's reads and the SQL

`prepare` reuses B7's preparation (bench/app/b7_grading.py: the office files topped up to F
for the year by bulk copy, N active offices, a year of uptime rows) and then spreads the
added offices over Tehran's 22 districts, so that the district filter and the map have
something to tell apart.

`build` times `aggregates_build(full=True)` (counting its queries with an execute wrapper, not
by keeping their text), then changes one file (closes it today) and times the incremental
build that follows: only that file's days are rebuilt.

`read` alternates the portal's main page figures for the default period (the last twelve
whole Jalali months), city-wide and for one district, as the view asks them (`Figures`):
cold (the cache emptied first, every figure computed from the aggregate tables: the first visit
after a build) and warm (the same page again: one query, the rest from the cache), against the
same figures by hand-written SQL on the same aggregate tables (one statement per figure,
fetched to the end) in the same process; then the whole page through Django's test client
(middleware, view, template), cold and warm. It checks that the selectors and the SQL agree on
the totals and that no selector touched cases_file.
"""

from __future__ import annotations

import json
import sys
import time

from bench.app import Stopwatch, emit, peak_rss_mb, setup


def prepare(offices: int, files: int = 0) -> dict:
    from django.db import connection

    from bench.app import b7_grading

    plan = b7_grading.prepare(offices, files)
    with connection.cursor() as cursor:
        cursor.execute("SELECT array_agg(id ORDER BY number) FROM offices_district")
        districts = cursor.fetchone()[0]
        cursor.execute(
            "UPDATE offices_office SET district_id = (%s::int[])[1 + id %% %s] "
            "WHERE code LIKE 'B7%%'",
            [districts, len(districts)],
        )
        cursor.execute("SELECT count(*) FROM cases_file")
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(DISTINCT district_id) FROM offices_office WHERE status = 'active'"
        )
        used = cursor.fetchone()[0]
    return {
        "offices": plan["offices"],
        "files_added": plan["files_added"],
        "files": total,
        "districts": used,
    }


class _Counter:
    def __init__(self):
        self.queries = 0
        self.sql: list[str] = []
        self.keep = False

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        if self.keep:
            self.sql.append(sql)
        return execute(sql, params, many, context)


def build() -> dict:
    from django.db import connection
    from django.utils import timezone

    from daftar.cases.models import File
    from daftar.core.actors import Actor
    from daftar.transparency.services.aggregates import aggregates_build

    counter = _Counter()
    with connection.execute_wrapper(counter), Stopwatch() as watch:
        run = aggregates_build(actor=Actor.system("bench"), full=True)
    one = File.objects.filter(closed_at__isnull=True, office__isnull=False).order_by("pk").first()
    if one is not None:
        one.closed_at = timezone.now()
        one.save(update_fields=["closed_at", "updated_at"])
    with Stopwatch() as again:
        incremental = aggregates_build(actor=Actor.system("bench"))
    return {
        "seconds": watch.seconds,
        "queries": counter.queries,
        "days": run.day_count,
        "rows": run.rows_written,
        "incremental_seconds": again.seconds,
        "incremental_days": incremental.day_count,
        "peak_rss_mb": peak_rss_mb(),
    }


def _portal_page(f) -> dict:
    """The figures the portal's main page asks, as its view asks them: one `Figures` per
    request (which build the tables hold: one query), each figure from the cache or, on a miss,
    computed by the public selectors (docs/transparency.md, Portal)."""
    from daftar.transparency.selectors.public import Figures

    figures = Figures()
    return {
        "mix": figures.service_mix(f),
        "per_month": figures.files_per_month(f),
        "times": figures.completion_times(f),
        "times_by_department": figures.completion_times_by_department(f),
        "sla": figures.sla_adherence(f),
        "satisfaction": figures.satisfaction(f),
        "complaints": figures.complaints_summary(f),
        "availability": figures.terminal_availability(f),
        "collections": figures.collections(f),
        "offices": figures.offices_per_district(),
        "map": figures.district_indicator(f, "files"),
        "fresh_until": figures.fresh_until,
    }


_HISTOGRAM = """
WITH h AS (
  SELECT m.{key} AS key, e.key::int AS days, sum(e.value::int) AS n
    FROM transparency_filemonth m, jsonb_each_text(m.completion_days) AS e
   WHERE m.month = ANY(%(months)s) AND m.completed > 0 {district}
   GROUP BY 1, 2),
c AS (
  SELECT key, days, sum(n) OVER (PARTITION BY key ORDER BY days) AS cum,
         sum(n) OVER (PARTITION BY key) AS total FROM h)
SELECT key, total, min(days) FILTER (WHERE cum >= ceil(total * 0.5)),
       min(days) FILTER (WHERE cum >= ceil(total * 0.9))
  FROM c GROUP BY key, total
"""

_BASELINE = {
    "mix": """SELECT d.code, d.name_fa, sum(m.submitted) FROM transparency_filemonth m
              JOIN catalogue_servicedomain d ON d.id = m.domain_id
              WHERE m.month = ANY(%(months)s) {district} GROUP BY d.code, d.name_fa""",
    "per_month": """SELECT m.month, sum(m.submitted), sum(m.completed)
                    FROM transparency_filemonth m WHERE m.month = ANY(%(months)s) {district}
                    GROUP BY m.month ORDER BY m.month""",
    "times": _HISTOGRAM.replace("{key}", "service_id"),
    "times_by_department": _HISTOGRAM.replace("{key}", "department_id"),
    "sla": """SELECT dep.code, sum(m.completed), sum(m.within_sla)
              FROM transparency_filemonth m JOIN catalogue_department dep
                ON dep.id = m.department_id
              WHERE m.month = ANY(%(months)s) {district} GROUP BY dep.code""",
    "satisfaction": """SELECT sum(ratings), sum(rating_sum), sum(rating_1), sum(rating_2),
                              sum(rating_3), sum(rating_4), sum(rating_5), sum(callbacks)
                       FROM transparency_filemonth m WHERE m.month = ANY(%(months)s) {district}""",
    "complaints": """SELECT m.month, sum(complaints_received), sum(complaints_upheld)
                     FROM transparency_districtmonth m WHERE m.month = ANY(%(months)s) {district}
                     GROUP BY m.month""",
    "availability": """SELECT d.number, d.name_fa,
                              round(100.0 * sum(uptime_online_seconds)
                                    / nullif(sum(uptime_observed_seconds), 0), 1)
                       FROM transparency_districtmonth m
                       JOIN offices_district d ON d.id = m.district_id
                       WHERE m.month = ANY(%(months)s) {district} GROUP BY d.number, d.name_fa""",
    "collections": """SELECT m.month, m.channel, sum(payments), sum(rials), sum(refunds),
                             sum(refunded_rials)
                      FROM transparency_collectionmonth m
                      WHERE m.month = ANY(%(months)s) {district} GROUP BY m.month, m.channel""",
    "offices": """SELECT d.number, d.name_fa, d.population,
                         count(o.id) FILTER (WHERE o.status = 'active')
                  FROM offices_district d LEFT JOIN offices_office o ON o.district_id = d.id
                  GROUP BY d.id ORDER BY d.number""",
    "map": """SELECT d.number, sum(m.submitted) FROM transparency_filemonth m
              JOIN offices_district d ON d.id = m.district_id
              WHERE m.month = ANY(%(months)s) GROUP BY d.number""",
    "fresh_until": """SELECT watermark FROM transparency_aggregatebuild
                      WHERE finished_at IS NOT NULL ORDER BY started_at DESC LIMIT 1""",
}


def _baseline(cursor, months, district_id) -> dict:
    answers = {}
    for name, sql in _BASELINE.items():
        where = "AND m.district_id = %(district)s" if district_id and name != "map" else ""
        cursor.execute(
            sql.replace("{district}", where), {"months": months, "district": district_id}
        )
        answers[name] = cursor.fetchall()
    return answers


def _http(client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path, secure=True)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {path} answered {response.status_code}")
    return elapsed


def read(rounds: int) -> dict:
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.utils import translation

    from daftar.offices.models import District
    from daftar.transparency.selectors import aggregates as portal
    from daftar.transparency.selectors.aggregates import _split

    city = portal.portal_filter()
    busiest = District.objects.filter(offices__status="active").order_by("number").first()
    district = portal.portal_filter(city.start, city.end, busiest.number)
    months, edges = _split(city)
    months = list(months)
    if edges:
        raise SystemExit("the default period must be whole months")
    cold, warm, baseline = [], [], []
    counter = _Counter()
    counter.keep = True
    with translation.override("fa"):
        cache.clear()
        with connection.execute_wrapper(counter):
            page = _portal_page(city)
        queries, sql = counter.queries, counter.sql
        with connection.cursor() as cursor:
            check = _baseline(cursor, months, None)
        for n in range(rounds):
            f = city if n % 2 == 0 else district
            cache.clear()  # cold: every figure computed, as on the first visit after a build
            started = time.perf_counter()
            _portal_page(f)
            cold.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()  # warm: the same page asked again
            _portal_page(f)
            warm.append((time.perf_counter() - started) * 1000)
            with connection.cursor() as cursor:
                started = time.perf_counter()
                _baseline(cursor, months, busiest.pk if f is district else None)
                baseline.append((time.perf_counter() - started) * 1000)
        _portal_page(city)  # the last round emptied the cache for the district's page
        warm_counter = _Counter()
        with connection.execute_wrapper(warm_counter):
            _portal_page(city)
    # The whole page through Django (middleware, view, template, Chart.js data), in process.
    host = next((h for h in settings.ALLOWED_HOSTS if h not in {"*", ""}), "127.0.0.1")
    client = Client(HTTP_HOST=host.lstrip("."))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    http_cold, http_warm = [], []
    for n in range(max(20, rounds * 2)):
        path = "/transparency/" if n % 2 == 0 else f"/transparency/?district={busiest.number}"
        cache.clear()
        http_cold.append(_http(client, path))
        http_warm.append(_http(client, path))
    if any("cases_file" in text for text in sql):
        raise SystemExit("a portal selector read cases_file")
    exact = portal.service_mix(city)
    submitted = sum(share.count for share in exact)
    if submitted != sum(row[2] for row in check["mix"]):
        raise SystemExit(f"the selectors and the SQL disagree: {submitted} files")
    if portal.satisfaction(city).ratings != (check["satisfaction"][0][0] or 0):
        raise SystemExit("the selectors and the SQL disagree on the ratings")
    for values in (cold, warm, baseline, http_cold, http_warm):
        values.sort()

    def pct(values, p):
        return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]

    return {
        "runs": rounds,
        "selectors": len(page),
        "queries": queries,
        "warm_queries": warm_counter.queries,
        "submitted": submitted,
        "p50_ms": pct(cold, 50),
        "p95_ms": pct(cold, 95),
        "warm_p50_ms": pct(warm, 50),
        "warm_p95_ms": pct(warm, 95),
        "baseline_p50_ms": pct(baseline, 50),
        "baseline_p95_ms": pct(baseline, 95),
        "http_runs": len(http_cold),
        "http_cold_p50_ms": pct(http_cold, 50),
        "http_cold_p95_ms": pct(http_cold, 95),
        "http_warm_p50_ms": pct(http_warm, 50),
        "http_warm_p95_ms": pct(http_warm, 95),
    }


if __name__ == "__main__":
    setup()
    command = sys.argv[1]
    if command == "prepare":
        emit(prepare(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0))
    elif command == "build":
        emit(build())
    elif command == "read":
        emit(read(int(sys.argv[2])))
    else:  # pragma: no cover
        raise SystemExit(json.dumps({"error": f"unknown command {command}"}))
