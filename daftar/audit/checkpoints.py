"""Signed checkpoints of the audit log: the anchor an auditor compares the log with.

A checkpoint records every stream's head (last sequence number and hash) and a Merkle root
over those heads, is signed with Ed25519 and is published as a file outside the database
(docs/adr/0010). Whoever holds a copy can later tell a stream that was shortened, rewritten
or removed, even by a database superuser who also rewrote the heads.

This module is the format, re-implemented by `docs/verify_audit_export.py`:

    leaf(head)  = SHA-256(0x00 || canonical_json([name, seq, hash]))
    node(l, r)  = SHA-256(0x01 || l || r)
    root        = leaves in order of stream name (Unicode code points = UTF-8 bytes), paired
                  level by level; an odd last node moves up unchanged; no streams: SHA-256("")
    signature   = Ed25519(signing key, canonical_json(body))

Writing a checkpoint is `services.checkpoint_create`; its files are `publication`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from daftar.audit.hashing import canonical_json
from daftar.core.numbers import format_message

FORMAT = "daftar-audit-checkpoint/1"
EMPTY_ROOT = hashlib.sha256(b"").hexdigest()
NO_PREVIOUS = "0" * 64
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX128 = re.compile(r"[0-9a-f]{128}")


@dataclass(frozen=True)
class Head:
    name: str
    seq: int
    hash: str


def leaf_hash(head: Head) -> bytes:
    return hashlib.sha256(
        b"\x00" + canonical_json([head.name, head.seq, head.hash]).encode("utf-8")
    ).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def merkle_root(heads: Iterable[Head]) -> str:
    """RFC 6962's Merkle tree hash over the heads in order of stream name, hex-encoded."""
    level = [leaf_hash(head) for head in sorted(heads, key=lambda head: head.name)]
    if not level:
        return EMPTY_ROOT
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        level = paired + level[2 * len(paired) :]  # an odd last node moves up unchanged
    return level[0].hex()


def signed_bytes(body: dict[str, Any]) -> bytes:
    return canonical_json(body).encode("utf-8")


def body_digest(body: dict[str, Any]) -> str:
    """What the next checkpoint records as `previous`: the checkpoints form a chain too."""
    return hashlib.sha256(signed_bytes(body)).hexdigest()


# --- keys ----------------------------------------------------------------------------------
@functools.lru_cache(maxsize=4)
def _private_key(seed_hex: str) -> Ed25519PrivateKey:
    if not _HEX64.fullmatch(seed_hex.lower()):
        raise ImproperlyConfigured(
            "AUDIT_CHECKPOINT_SIGNING_KEY must be 64 hexadecimal characters (an Ed25519 key)"
        )
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(seed_hex))


def _public_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def public_keys() -> dict[str, str]:
    """Key id -> Ed25519 public key (64 hex characters): the current key and retired ones."""
    keys = dict(getattr(settings, "AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS", {}))
    keys[settings.AUDIT_CHECKPOINT_KEY_ID] = _public_hex(
        _private_key(settings.AUDIT_CHECKPOINT_SIGNING_KEY)
    )
    return keys


def sign(body: dict[str, Any]) -> str:
    key = _private_key(settings.AUDIT_CHECKPOINT_SIGNING_KEY)
    return key.sign(signed_bytes(body)).hex()


def signature_valid(body: dict[str, Any], signature: str, public_key: str | None = None) -> bool:
    """Does `signature` sign `body` under `public_key` (default: the key its key_id names)?"""
    public_key = public_key or public_keys().get(str(body.get("key_id")))
    if public_key is None or not _HEX64.fullmatch(public_key) or not _HEX128.fullmatch(signature):
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(
            bytes.fromhex(signature), signed_bytes(body)
        )
    except InvalidSignature:
        return False
    return True


# --- a signed checkpoint, as stored and as published ----------------------------------------
class CheckpointFileError(ValueError):
    """A checkpoint file that is not one: unreadable, malformed or wrongly signed."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class SignedCheckpoint:
    body: dict[str, Any]
    signature: str

    @property
    def number(self) -> int:
        return self.body["number"]

    @property
    def created_at(self) -> datetime:
        return parse_datetime(self.body["created_at"])

    @property
    def merkle_root(self) -> str:
        return self.body["merkle_root"]

    @property
    def heads(self) -> list[Head]:
        return [Head(s["name"], s["seq"], s["hash"]) for s in self.body["streams"]]

    def file_bytes(self) -> bytes:
        """The published file: the signed body and its signature, readable JSON."""
        document = {"checkpoint": self.body, "signature": self.signature}
        text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
        return (text + "\n").encode("utf-8")


def _malformed(detail: str) -> CheckpointFileError:
    return CheckpointFileError(
        "checkpoint_malformed",
        _("not a Daftar audit checkpoint: %(detail)s") % {"detail": detail},
    )


def _check_shape(body: Any) -> None:
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise _malformed(f"format is not {FORMAT}")
    if not isinstance(body.get("number"), int) or body["number"] < 1:
        raise _malformed("number")
    if not isinstance(body.get("created_at"), str) or parse_datetime(body["created_at"]) is None:
        raise _malformed("created_at")
    for field in ("merkle_root", "previous"):
        if not isinstance(body.get(field), str) or not _HEX64.fullmatch(body[field]):
            raise _malformed(field)
    streams = body.get("streams")
    if not isinstance(streams, list):
        raise _malformed("streams")
    for stream in streams:
        if not (
            isinstance(stream, dict)
            and isinstance(stream.get("name"), str)
            and isinstance(stream.get("seq"), int)
            and stream["seq"] >= 1
            and isinstance(stream.get("hash"), str)
            and _HEX64.fullmatch(stream["hash"])
        ):
            raise _malformed("streams")
    names = [stream["name"] for stream in streams]
    if names != sorted(set(names)):
        raise _malformed("streams must be unique and in order of name")
    if body.get("stream_count") != len(streams):
        raise _malformed("stream_count")
    if body.get("entries") != sum(stream["seq"] for stream in streams):
        raise _malformed("entries")
    if not isinstance(body.get("key_id"), str):
        raise _malformed("key_id")


def parse_checkpoint(data: bytes) -> SignedCheckpoint:
    """Read a checkpoint file; its shape is checked, its signature is not (see `check`)."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _malformed(str(exc)) from exc
    if not isinstance(document, dict) or not isinstance(document.get("signature"), str):
        raise _malformed("signature")
    _check_shape(document.get("checkpoint"))
    return SignedCheckpoint(document["checkpoint"], document["signature"])


def check(checkpoint: SignedCheckpoint) -> None:
    """Refuse a checkpoint whose signature or Merkle root does not hold."""
    if not signature_valid(checkpoint.body, checkpoint.signature):
        raise CheckpointFileError(
            "checkpoint_signature",
            format_message(
                _(
                    "the signature of checkpoint %(number)d does not verify with the published "
                    "key %(key)s (forged, altered or signed with an unknown key)"
                ),
                {"number": checkpoint.number, "key": checkpoint.body.get("key_id")},
            ),
        )
    if merkle_root(checkpoint.heads) != checkpoint.merkle_root:
        raise CheckpointFileError(
            "checkpoint_root",
            format_message(
                _("the Merkle root of checkpoint %(number)d does not match its stream heads"),
                {"number": checkpoint.number},
            ),
        )
