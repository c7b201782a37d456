"""B1's preparation inside the app: a partner app for the load generator, request templates
for submitting files at once (signed by the load generator as a partner app signs, each with
its own nonce and Idempotency-Key), and the SQL one such request runs (for the raw-SQL
baseline).

    python -m bench.app.b1_setup OUT.tsv [CITIZENS]
"""

from __future__ import annotations

import json
import random
import sys

from bench.app import emit, setup

SERVICE = "ws-bulky-waste"  # a partner-channel service with no mandatory document


def main() -> None:
    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from daftar.api.services import partner_create
    from daftar.api.testing import signed_headers
    from daftar.catalogue.models import Service
    from daftar.core import generators

    out, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    service = Service.objects.prefetch_related("fields").get(code=SERVICE)
    choices = [c["value"] for c in service.fields.get(name="item_type").choices]
    _app, key = partner_create(
        actor="system:bench",
        name="bench load generator",
        scopes=["catalogue", "files"],
        requests_per_minute=10_000_000,
    )
    rng = random.Random(7)
    headers = " | ".join(
        [
            f"Authorization: Bearer {key}",
            "Content-Type: application/json",
            "X-Forwarded-Proto: https",
            "Idempotency-Key: bench-{uid}",
            "X-Signature: {signature}",  # signed per request by bench/lua/requests.lua
        ]
    )
    bodies = []
    with open(out, "w", encoding="utf-8") as handle:
        for _ in range(count):
            body = {
                "service": SERVICE,
                "submit": True,
                "citizen": {
                    "national_code": generators.national_code(rng),
                    "mobile": generators.mobile(rng),
                    "first_name": "شهروند",
                    "last_name": "آزمون",
                },
                "data": {
                    "postal_code": generators.postal_code(rng),
                    "item_type": rng.choice(choices),
                    "items": rng.randint(1, 5),
                },
            }
            bodies.append(body)
            handle.write(
                f"POST\t/api/v1/files\t{headers}\t{json.dumps(body, ensure_ascii=False)}\n"
            )
    # One request through the whole stack, to record the SQL the baseline must repeat.
    client = Client(SERVER_NAME="127.0.0.1")
    body = json.dumps(bodies[0]).encode()
    signed = signed_headers(key, "POST", "/api/v1/files", body, idempotency_key="bench-probe")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/api/v1/files", body, content_type="application/json", secure=True, **signed
        )
    if response.status_code != 201:
        raise SystemExit(f"the probe request failed: {response.status_code} {response.content!r}")
    kinds: dict[str, int] = {}
    for query in queries.captured_queries:
        verb = query["sql"].split()[0].upper()
        kinds[verb] = kinds.get(verb, 0) + 1
    emit(
        {
            "requests_file": out,
            "templates": count,
            "queries_per_request": len(queries.captured_queries),
            "statements": kinds,
            "sql": [q["sql"] for q in queries.captured_queries],
        }
    )


if __name__ == "__main__":
    main()
