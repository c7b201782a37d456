"""Each role's home (the dashboard) on a kept benchmark database, one request at a time: the
fastest of ROUNDS requests by the first active user of each role, its query count and its
slowest statements. Not part of a harness run: it measures a database an earlier `--keep` run
loaded, in the development settings (no second factor, no gunicorn), to find which home counts
grow with the city.

    DJANGO_SETTINGS_MODULE=config.settings.dev DATABASE_URL=postgres://…/daftar_bench_… \\
        python -m bench.app.homes [ROLE …]

Prints one line per role and its slowest statements, then the figures as one JSON object.
"""

from __future__ import annotations

import sys
import time

from bench.app import emit, setup

ROUNDS = 5
SLOWEST = 3


def main(roles: list[str]) -> None:
    setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from daftar.accounts.choices import Role

    url = reverse("accounts:dashboard")
    figures = {}
    for role in roles or [role.value for role in Role]:
        user = (
            get_user_model()
            .objects.filter(groups__name=role, is_active=True)
            .order_by("pk")
            .first()
        )
        if user is None:
            print(f"{role}: nobody has this role here")
            continue
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(user)
        client.get(url)  # warm: templates, the registry, the process's caches
        times = []
        for _ in range(ROUNDS):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{role}: the home answered {response.status_code}")
        best = min(times)
        figures[role] = {"ms": round(best, 1), "queries": len(queries)}
        print(f"{role:22} {best:8.1f} ms  {len(queries)} queries")
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:SLOWEST]
        for query in slowest:
            print(f"      {float(query['time']) * 1000:6.1f} ms  {query['sql'][:160]}")
    emit(figures)


if __name__ == "__main__":
    main(sys.argv[1:])
