"""B2's preparation inside the app: signed-in sessions (second factor passed) for the
department reviewers and for operators of the busiest offices, tracking code / national
code pairs drawn at random, a CSRF cookie and token for the public lookup form, and, for each
page, the SQL it runs and its query count over several different users (it must not vary).

    python -m bench.app.b2_setup
"""

from __future__ import annotations

import random
import re

from django.test import Client

from bench.app import emit, setup

PAIRS = 2000


def _verified_client(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def _measure(client, method: str, path: str, data=None) -> tuple[int, list[str], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        if method == "GET":
            response = client.get(path, secure=True)
        else:
            response = client.post(path, data, secure=True)
    return response.status_code, [q["sql"] for q in queries.captured_queries], len(queries)


def main() -> None:
    setup()
    from django.conf import settings
    from django.db.models import Count, Max, Min

    from daftar.cases.models import File
    from daftar.catalogue.models import DepartmentMember
    from daftar.offices.choices import StaffRole
    from daftar.offices.models import OfficeStaff

    rng = random.Random(11)
    reviewers = [
        m.user
        for m in DepartmentMember.objects.select_related("user").filter(user__is_active=True)
        if m.user.groups.filter(name="department_reviewer").exists()
    ]
    busiest = (
        File.objects.filter(office__isnull=False)
        .values("office_id")
        .annotate(n=Count("id"))
        .order_by("-n")[:10]
    )
    operators = [
        post.user
        for post in OfficeStaff.objects.select_related("user").filter(
            office_id__in=[row["office_id"] for row in busiest],
            role=StaffRole.OPERATOR,
            left_on__isnull=True,
        )
    ]
    bounds = File.objects.aggregate(low=Min("pk"), high=Max("pk"))
    ids = {rng.randint(bounds["low"], bounds["high"]) for _ in range(PAIRS * 2)}
    pairs = list(
        File.objects.filter(pk__in=ids).values_list("tracking_code", "national_code")[:PAIRS]
    )
    cookie = settings.SESSION_COOKIE_NAME
    result = {"session_cookie": cookie, "pages": {}}

    def page(name: str, clients, method: str, paths, data=None):
        # One request first, not counted: it fills what a process keeps for all its requests
        # (the status filter's workflow states), as every worker's first request does.
        _measure(clients[0], method, paths[0], (data or [None])[0])
        counts, sql = [], None
        for client, path, body in zip(clients, paths, data or [None] * len(paths), strict=True):
            status, statements, count = _measure(client, method, path, body)
            if status != 200:
                raise SystemExit(f"{name}: {path} answered {status}")
            counts.append(count)
            sql = sql or statements
        result["pages"][name] = {"query_counts": counts, "sql": sql}

    reviewer_clients = [_verified_client(user) for user in reviewers]
    operator_clients = [_verified_client(user) for user in operators]
    # each reviewer's first three pages; each busy office's first page
    page(
        "reviewer inbox",
        [c for c in reviewer_clients for _ in range(3)],
        "GET",
        [f"/files/?page={n}" for _ in reviewer_clients for n in (1, 2, 3)],
    )
    page("office file list", operator_clients, "GET", ["/files/"] * len(operator_clients))
    public = Client(SERVER_NAME="127.0.0.1")
    form = public.get("/track/", secure=True)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode()).group(1)
    lookups = [
        {"tracking_code": code, "national_code": national, "csrfmiddlewaretoken": token}
        for code, national in pairs[:5]
    ]
    page("public tracking lookup", [public] * len(lookups), "POST", ["/track/"] * 5, lookups)
    result["sessions"] = {
        "reviewer inbox": [c.cookies[cookie].value for c in reviewer_clients],
        "office file list": [c.cookies[cookie].value for c in operator_clients],
    }
    result["csrf"] = {"cookie": form.cookies[settings.CSRF_COOKIE_NAME].value, "token": token}
    result["pairs"] = pairs
    result["reviewers"], result["operators"] = len(reviewers), len(operators)
    result["files"] = File.objects.count()
    emit(result)


if __name__ == "__main__":
    main()
