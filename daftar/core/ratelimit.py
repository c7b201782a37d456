"""A fixed-window rate limiter that holds across processes and machines.

Backed by the database (default; one atomic UPDATE per hit) or by Redis (INCR + EXPIRE)
when RATE_LIMIT_BACKEND = "redis". Never per-process memory: an attacker spreading
requests over gunicorn workers must meet the same counter.
"""

from __future__ import annotations

import ipaddress
import time
from datetime import UTC, datetime, timedelta
from functools import cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from daftar.core.errors import RateLimited
from daftar.core.models import RateLimitCounter


def _window(window_seconds: int, now: float | None = None) -> int:
    now = time.time() if now is None else now
    return int(now // window_seconds) * window_seconds


def _hit_database(key: str, window_seconds: int) -> int:
    start = _window(window_seconds)
    with transaction.atomic():
        updated = RateLimitCounter.objects.filter(key=key, window_start=start).update(
            hits=F("hits") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    RateLimitCounter.objects.create(
                        key=key,
                        window_start=start,
                        hits=1,
                        expires_at=datetime.fromtimestamp(start + window_seconds, tz=UTC),
                    )
                return 1
            except IntegrityError:  # another process created the row first
                RateLimitCounter.objects.filter(key=key, window_start=start).update(
                    hits=F("hits") + 1
                )
        return RateLimitCounter.objects.get(key=key, window_start=start).hits


@cache
def _redis_client():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL)


def _hit_redis(key: str, window_seconds: int) -> int:
    start = _window(window_seconds)
    redis_key = f"daftar:rl:{key}:{start}"
    pipe = _redis_client().pipeline()
    pipe.incr(redis_key)
    pipe.expire(redis_key, window_seconds + 5)
    hits, _ = pipe.execute()
    return int(hits)


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit; True while the key is within `limit` hits in the current window."""
    if settings.RATE_LIMIT_BACKEND == "redis":
        hits = _hit_redis(key, window_seconds)
    else:
        hits = _hit_database(key, window_seconds)
    return hits <= limit


def enforce(key: str, *, limit: int, window_seconds: int) -> None:
    """Count one hit and raise RateLimited when the limit is exceeded."""
    if not hit(key, limit=limit, window_seconds=window_seconds):
        raise RateLimited()


def sweep_expired(now: datetime | None = None) -> int:
    now = now or datetime.now(tz=UTC)
    deleted, _ = RateLimitCounter.objects.filter(expires_at__lt=now - timedelta(minutes=1)).delete()
    return deleted


UNKNOWN_ADDRESS = "unknown"


def _address(value: str) -> str | None:
    """`value` as a canonical IP address, or None if it is not one."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's address: the one address every limit, lock-out and record in Daftar uses.

    Behind TRUSTED_PROXY_COUNT proxies, each proxy appends the address it received the request
    from to X-Forwarded-For, so the client is the entry that many places from the end; anything
    before it was written by the client and is ignored. With no trusted proxy the header is
    ignored altogether. An entry that is not an IP address (a misconfigured proxy, a request that
    bypassed it) falls back to the connecting address; "unknown" when there is none either.
    """
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            address = _address(forwarded[-hops])
            if address is not None:
                return address
    return _address(request.META.get("REMOTE_ADDR", "") or "") or UNKNOWN_ADDRESS


def client_ip_or_none(request) -> str | None:
    """`client_ip`, or None when the address is unknown (for IP address columns, e.g. axes)."""
    address = client_ip(request)
    return None if address == UNKNOWN_ADDRESS else address
