"""Signed partner requests: the signature covers the whole request and a request is accepted
once. The attacks are written against what a partner app sent (a captured request), so they
do not depend on how the client signs."""

from __future__ import annotations

import json
import multiprocessing
import time
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from daftar.api import nonces
from daftar.api.models import UsedNonce
from daftar.api.services import partner_create
from daftar.api.testing import SignedClient, signed_headers
from daftar.api.tests.fixtures import FILE
from daftar.cases.models import File
from daftar.core.actors import Actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(trusted_partner):
    _app, key = trusted_partner()
    return key


def _captured(response) -> dict:
    """What went over the wire: method, path, query, body and every header, as sent."""
    sent = response.wsgi_request
    return {
        "method": sent.method,
        "path": sent.path,
        "query": sent.META.get("QUERY_STRING", ""),
        "body": sent.body,
        "content_type": sent.META.get("CONTENT_TYPE", ""),
        "headers": {k: v for k, v in sent.META.items() if k.startswith("HTTP_")},
    }


def _replay(captured: dict, **changes) -> object:
    request = {**captured, **changes}
    headers = {**captured["headers"], **changes.get("headers", {})}
    url = request["path"] + (f"?{request['query']}" if request["query"] else "")
    return Client().generic(
        request["method"], url, request["body"], content_type=request["content_type"], **headers
    )


def test_a_captured_request_sent_again_with_a_new_idempotency_key_opens_no_new_file(key, catalogue):
    first = SignedClient(key).post("/api/v1/files", FILE, key="original")
    assert first.status_code == 201
    captured = _captured(first)
    replayed = _replay(captured, headers={"HTTP_IDEMPOTENCY_KEY": "attacker-1"})
    assert replayed.status_code == 403
    assert replayed.json()["error"]["code"] == "bad_signature"
    assert File.objects.count() == 1


def test_a_captured_request_sent_again_as_it_was_is_refused(key, catalogue):
    first = SignedClient(key).post("/api/v1/files", FILE, key="original")
    replayed = _replay(_captured(first))
    assert replayed.status_code == 403
    assert replayed.json()["error"]["code"] == "nonce_reused"
    assert replayed.json()["error"]["message"]["fa"]
    read = SignedClient(key).get("/api/v1/services")
    assert read.status_code == 200
    assert _replay(_captured(read)).json()["error"]["code"] == "nonce_reused"
    assert File.objects.count() == 1


def test_the_signature_covers_the_query_string(key, catalogue):
    first = SignedClient(key).get("/api/v1/services/bp-file-open?lang=fa")
    assert first.status_code == 200
    captured = _captured(first)
    fresh_nonce = {"HTTP_X_NONCE": "another-nonce-123"}
    changed = _replay(captured, query="lang=en", headers=fresh_nonce)
    assert changed.status_code == 403
    assert changed.json()["error"]["code"] == "bad_signature"


def test_the_signature_covers_the_method_path_and_body(key, catalogue, personas):
    first = SignedClient(key).post("/api/v1/files", FILE, key="k")
    captured = _captured(first)
    code = first.json()["tracking_code"]
    other = json.dumps({**FILE, "data": {"area_m2": "900", "zone": 2}}).encode()
    for n, change in enumerate(
        [
            {"body": other},
            {"path": f"/api/v1/files/{code}/submit"},
            {"method": "PUT"},
        ]
    ):
        response = _replay(captured, headers={"HTTP_X_NONCE": f"nonce-number-{n}"}, **change)
        assert response.status_code in {403, 405}, change
        if response.status_code == 403:
            assert response.json()["error"]["code"] == "bad_signature"
    assert File.objects.count() == 1


def test_a_retry_after_a_lost_answer_is_a_new_request_and_gets_the_first_answer(key, catalogue):
    signed = SignedClient(key)
    first = signed.post("/api/v1/files", FILE, key="same-operation")
    retry = signed.post("/api/v1/files", FILE, key="same-operation")  # new timestamp and nonce
    assert retry.status_code == 201
    assert retry.json()["tracking_code"] == first.json()["tracking_code"]
    assert File.objects.count() == 1


@pytest.mark.parametrize("nonce", ["", "short", "x" * 65, "has space in it", "ноль-nonce-1"])
def test_a_missing_or_malformed_nonce_is_refused(key, catalogue, nonce):
    headers = signed_headers(key, "GET", "/api/v1/services")
    headers["HTTP_X_NONCE"] = nonce
    response = Client().get("/api/v1/services", **headers)
    assert response.status_code == 403
    assert response.json()["error"]["code"] in {"bad_nonce", "bad_signature"}


def test_a_stale_timestamp_is_refused_even_with_a_fresh_nonce(key, catalogue):
    old = str(int((time.time() - 301) * 1000))
    response = Client().get(
        "/api/v1/services", **signed_headers(key, "GET", "/api/v1/services", timestamp=old)
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "bad_timestamp"


def test_an_unsigned_request_does_not_spend_a_nonce(key, catalogue):
    headers = signed_headers(key, "GET", "/api/v1/services", nonce="spent-by-nobody")
    forged = {**headers, "HTTP_X_SIGNATURE": "0" * 64}
    assert Client().get("/api/v1/services", **forged).status_code == 403
    assert Client().get("/api/v1/services", **headers).status_code == 200
    assert UsedNonce.objects.filter(nonce="spent-by-nobody").count() == 1


def test_a_nonce_is_taken_once_per_app_until_it_expires(key):
    from daftar.api.models import PartnerApp

    app = PartnerApp.objects.get()
    other, _ = partner_create(actor=Actor.system("test"), name="Other", scopes=["files"])
    assert nonces.claim(partner_id=app.pk, nonce="n-000001", ttl=600)
    assert not nonces.claim(partner_id=app.pk, nonce="n-000001", ttl=600)
    assert nonces.claim(partner_id=other.pk, nonce="n-000001", ttl=600)  # per app
    UsedNonce.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert nonces.claim(partner_id=app.pk, nonce="n-000001", ttl=600)  # its window is over
    UsedNonce.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert nonces.sweep_expired() == 2
    assert not UsedNonce.objects.exists()


def _claim_in_another_process(database: dict, partner_id: int, nonce: str, results) -> None:
    import django
    from django.db import connections

    django.setup()
    connections["default"].settings_dict.update(database)
    results.put(nonces.claim(partner_id=partner_id, nonce=nonce, ttl=600))


@pytest.mark.django_db(transaction=True)
def test_a_nonce_spent_in_one_process_is_refused_in_another(key):
    """Two gunicorn workers share the record (the database here; Redis in production)."""
    if connection.vendor != "postgresql":
        pytest.skip("an in-memory SQLite test database is not shared between processes")
    from daftar.api.models import PartnerApp

    app = PartnerApp.objects.get()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    database = {"NAME": connection.settings_dict["NAME"]}
    child = context.Process(
        target=_claim_in_another_process, args=(database, app.pk, "cross-process", results)
    )
    connection.close()
    child.start()
    child.join(60)
    assert results.get(timeout=5) is True  # the other process spent it first
    assert not nonces.claim(partner_id=app.pk, nonce="cross-process", ttl=600)


def test_the_redis_store_refuses_a_nonce_twice(settings):
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except Exception:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.RATE_LIMIT_BACKEND = "redis"
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    nonces._redis.cache_clear()
    nonce = f"n-{uuid.uuid4().hex}"
    try:
        results = [nonces.claim(partner_id=1, nonce=nonce, ttl=5) for _ in range(2)]
    finally:
        nonces._redis.cache_clear()
    assert results == [True, False]
