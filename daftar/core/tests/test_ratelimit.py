"""The rate limiter counts across processes: on the database, and on Redis when configured."""

from __future__ import annotations

import uuid

import pytest
from django.test import RequestFactory

from daftar.core import ratelimit
from daftar.core.errors import RateLimited
from daftar.core.models import RateLimitCounter


@pytest.mark.django_db
def test_the_database_limiter_allows_up_to_the_limit_then_refuses():
    results = [ratelimit.hit("k", limit=3, window_seconds=60) for _ in range(5)]
    assert results == [True, True, True, False, False]
    assert RateLimitCounter.objects.get(key="k").hits == 5


@pytest.mark.django_db
def test_enforce_raises_a_translated_rate_limit_error():
    for _ in range(2):
        ratelimit.enforce("e", limit=2, window_seconds=60)
    with pytest.raises(RateLimited) as caught:
        ratelimit.enforce("e", limit=2, window_seconds=60)
    assert caught.value.http_status == 429
    assert caught.value.as_dict()["message"]["en"].startswith("Too many attempts")


@pytest.mark.django_db
def test_keys_are_counted_separately():
    assert ratelimit.hit("a", limit=1, window_seconds=60)
    assert ratelimit.hit("b", limit=1, window_seconds=60)


@pytest.mark.django_db
def test_expired_windows_are_swept():
    from datetime import UTC, datetime, timedelta

    ratelimit.hit("old", limit=1, window_seconds=1)
    assert ratelimit.sweep_expired(now=datetime.now(tz=UTC) + timedelta(hours=1)) == 1


def _redis_available() -> bool:
    try:
        import redis

        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except Exception:
        return False
    return True


def test_the_redis_limiter_counts_in_redis(settings):
    if not _redis_available():
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.RATE_LIMIT_BACKEND = "redis"
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    ratelimit._redis_client.cache_clear()
    key = f"test-{uuid.uuid4().hex}"
    try:
        results = [ratelimit.hit(key, limit=2, window_seconds=60) for _ in range(3)]
    finally:
        ratelimit._redis_client.cache_clear()
    assert results == [True, True, False]


@pytest.mark.parametrize(
    ("hops", "forwarded", "remote", "expected"),
    [
        (0, "1.1.1.1", "10.0.0.9", "10.0.0.9"),
        (1, "1.1.1.1", "10.0.0.9", "1.1.1.1"),
        (1, "6.6.6.6, 1.1.1.1", "10.0.0.9", "1.1.1.1"),  # a spoofed first hop is ignored
        (2, "6.6.6.6, 1.1.1.1, 10.0.0.5", "10.0.0.9", "1.1.1.1"),
        (2, "1.1.1.1", "10.0.0.9", "10.0.0.9"),  # fewer hops than proxies: not through them
        (1, "not-an-address", "10.0.0.9", "10.0.0.9"),  # never a made-up string as an address
        (1, "2001:DB8:0:0:0:0:0:1", "10.0.0.9", "2001:db8::1"),
        (0, "", "", "unknown"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, hops, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = hops
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert ratelimit.client_ip(request) == expected


def test_the_staff_lock_out_counts_the_same_client_address_as_the_rate_limits(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_COUNT = 1
    proxied = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.1.1.1", REMOTE_ADDR="10.0.0.9"
    )
    assert get_client_ip_address(proxied) == ratelimit.client_ip(proxied) == "1.1.1.1"
    nowhere = RequestFactory().get("/", REMOTE_ADDR="")
    assert ratelimit.client_ip(nowhere) == "unknown"
    assert get_client_ip_address(nowhere) is None  # axes stores addresses in an IP column
