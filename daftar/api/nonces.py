"""Single-use request nonces of partner apps, shared by every app server.

A nonce is claimed once per partner app for `ttl` seconds, in Redis (SET NX EX) when rate
limits live there (RATE_LIMIT_BACKEND = "redis"), otherwise in the database (a unique row; an
hourly job drops the expired ones). Never in per-process memory: a replay sent to another
gunicorn worker must meet the same record.
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from daftar.api.models import UsedNonce


@cache
def _redis():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL)


def _claim_redis(partner_id: int, nonce: str, ttl: int) -> bool:
    return bool(_redis().set(f"daftar:nonce:{partner_id}:{nonce}", 1, nx=True, ex=ttl))


def _claim_database(partner_id: int, nonce: str, ttl: int) -> bool:
    now = timezone.now()
    try:
        with transaction.atomic():
            UsedNonce.objects.create(
                partner_id=partner_id, nonce=nonce, expires_at=now + timedelta(seconds=ttl)
            )
    except IntegrityError:
        # Seen before. A row past its expiry that the sweep has not dropped yet may be
        # claimed again: the timestamp check already refuses requests that old.
        refreshed = UsedNonce.objects.filter(
            partner_id=partner_id, nonce=nonce, expires_at__lt=now
        ).update(expires_at=now + timedelta(seconds=ttl))
        return refreshed == 1
    return True


def claim(*, partner_id: int, nonce: str, ttl: int) -> bool:
    """True the first time (partner, nonce) is seen within `ttl` seconds; False after."""
    if settings.RATE_LIMIT_BACKEND == "redis":
        return _claim_redis(partner_id, nonce, ttl)
    return _claim_database(partner_id, nonce, ttl)


def sweep_expired() -> int:
    deleted, _ = UsedNonce.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted
