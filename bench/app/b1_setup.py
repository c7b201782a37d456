"""B1's preparation inside the app: a partner app for the load generator, request templates
for submitting files at once (signed by the load generator as a partner app signs, each with
its own nonce and Idempotency-Key), and the SQL one such request runs (for the raw-SQL
baseline).

A partner app opens files only with the citizen's consent (ADR 0007). The load generator is an
app like "Tehran-e Man" whose users sign in with the city's own sign-in: a service-authorisation
decision of the committee grants it the `signed_in_citizens` scope, and the citizens of the
templates have verified accounts (they signed in before), registered here in bulk.

    python -m bench.app.b1_setup OUT.tsv [CITIZENS]
"""

from __future__ import annotations

import json
import random
import sys

from bench.app import emit, setup
from daftar.core.actors import Actor

SERVICE = "ws-bulky-waste"  # a partner-channel service with no mandatory document


def main() -> None:
    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from daftar.api.services import SIGNED_IN_CITIZENS, partner_create, partner_scope_grant
    from daftar.api.testing import signed_headers
    from daftar.catalogue.models import Service
    from daftar.core import generators

    out, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    service = Service.objects.prefetch_related("fields").get(code=SERVICE)
    choices = [c["value"] for c in service.fields.get(name="item_type").choices]
    _app, key = partner_create(
        actor=Actor.system("bench"),
        name="bench load generator",
        scopes=["catalogue", "files"],
        requests_per_minute=10_000_000,
    )
    partner_scope_grant(
        actor=Actor.system("bench"),
        partner=_app,
        scope=SIGNED_IN_CITIZENS,
        decision=_authorisation(),
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
    from daftar.accounts.models import User

    # One citizen per template, none of them already registered (with another mobile).
    taken = set(
        User.objects.filter(national_code__isnull=False).values_list("national_code", flat=True)
    )
    bodies = []
    with open(out, "w", encoding="utf-8") as handle:
        for _ in range(count):
            national_code = generators.national_code(rng)
            while national_code in taken:
                national_code = generators.national_code(rng)
            taken.add(national_code)
            body = {
                "service": SERVICE,
                "submit": True,
                "citizen": {
                    "national_code": national_code,
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
    _register_citizens([body["citizen"] for body in bodies])
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


def _authorisation():
    """An adopted service-authorisation decision of the demo's committee for the load generator."""
    from django.utils import timezone

    from daftar.governance import services as governance
    from daftar.governance.choices import DecisionKind, VoteChoice
    from daftar.governance.models import CommitteeMember

    members = list(CommitteeMember.objects.filter(until__isnull=True).select_related("user"))
    secretary = next(member.user for member in members if member.is_secretary)
    decision = governance.decision_draft(
        actor=Actor.for_user(secretary),
        kind=DecisionKind.SERVICE_AUTHORISATION,
        subject="اجازه ثبت پرونده برای شهروندان واردشده به برنامه بار آزمون B1",
        subject_en="The B1 load generator may open files for citizens signed in with the city's "
        "sign-in",
        body="برنامه همکار «bench load generator» برای شهروندانی که با ورود شهرداری وارد شده‌اند "
        "بدون کد رضایت پرونده ثبت می‌کند.",
        decided_on=timezone.localdate(),
    )
    for member in members:
        governance.decision_cast_vote(
            actor=Actor.for_user(member.user), decision=decision, choice=VoteChoice.YES
        )
    return governance.decision_close(actor=Actor.for_user(secretary), decision=decision)


def _register_citizens(people: list[dict]) -> None:
    """Verified accounts for the templates' citizens (none registered yet), in bulk."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from daftar.accounts.choices import OwnershipProof, Role
    from daftar.accounts.models import User
    from daftar.core.identifiers import normalize_mobile

    now, unusable = timezone.now(), make_password(None)
    users = [
        User(
            username=f"citizen-{person['national_code']}",
            national_code=person["national_code"],
            mobile=normalize_mobile(person["mobile"]),
            mobile_verified_at=now,
            mobile_owner_verified_at=now,
            mobile_owner_verified_by=OwnershipProof.INQUIRY,
            first_name=person["first_name"],
            last_name=person["last_name"],
            password=unusable,
        )
        for person in people
    ]
    group = Group.objects.get(name=Role.CITIZEN)
    with transaction.atomic():
        User.objects.bulk_create(users, batch_size=5000)
        ids = User.objects.filter(username__startswith="citizen-", groups__isnull=True).values_list(
            "pk", flat=True
        )
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=pk, group_id=group.pk) for pk in ids], batch_size=5000
        )


if __name__ == "__main__":
    main()
