"""Canonical form and HMAC of an audit entry: the part an independent verifier re-implements.

hash = HMAC-SHA256(key, prev_hash + "\\n" + canonical_json(material)), hex-encoded, where
canonical_json sorts keys, uses no whitespace, keeps non-ASCII characters as UTF-8 and
refuses NaN; `material` is the dict built by `entry_material`. docs/audit.md documents it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

HASHED_FIELDS = (
    "stream",
    "seq",
    "created_at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "summary",
    "before",
    "after",
    "request_id",
    "key_id",
)


class _StrictEncoder(DjangoJSONEncoder):
    """Dates, decimals and UUIDs become strings; floats are refused (money is int rials)."""

    def iterencode(self, o, _one_shot=False):
        _reject_floats(o)
        return super().iterencode(o, _one_shot)


def _reject_floats(value: Any) -> None:
    if isinstance(value, float):
        raise TypeError("audit data must not contain floats; use int rials or strings")
    if isinstance(value, dict):
        for item in value.values():
            _reject_floats(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _reject_floats(item)


def normalize_data(value: Any) -> Any:
    """What the database will give back for `value`: plain JSON types only."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=_StrictEncoder))


def canonical_json(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_material(values: dict[str, Any]) -> dict[str, Any]:
    material = {name: values[name] for name in HASHED_FIELDS}
    material["created_at"] = format_time(values["created_at"])
    return material


def audit_keys() -> dict[str, bytes]:
    keys = {settings.AUDIT_HMAC_KEY_ID: settings.AUDIT_HMAC_KEY.encode()}
    for key_id, secret in getattr(settings, "AUDIT_HMAC_RETIRED_KEYS", {}).items():
        keys.setdefault(key_id, secret.encode())
    return keys


def compute_hash(key: bytes, prev_hash: str, material: dict[str, Any]) -> str:
    message = prev_hash.encode("ascii") + b"\n" + canonical_json(material).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()
