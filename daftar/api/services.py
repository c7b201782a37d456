"""Partner apps: keys issued once and stored hashed, revocation, idempotent POSTs."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.api.models import IdempotencyRecord, PartnerApp
from daftar.audit.services import audit_batch, audit_record, audited
from daftar.core.errors import Conflict, InvalidInput

STREAM = "partners"
KEY_PREFIX = "dft"
SCOPES = ("catalogue", "files", "payments")


def key_hash(key: str) -> str:
    """Keys are hashed with a server-side pepper: a stolen table does not reveal them."""
    return hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).hexdigest()


@audited
def partner_create(
    *,
    actor,
    name: str,
    scopes: list[str],
    requests_per_minute: int = 120,
    require_signature: bool = True,
) -> tuple[PartnerApp, str]:
    """Issue a partner app and its key. The key is returned once and never stored."""
    if not name.strip():
        raise InvalidInput(_("Give the partner app a name."), code="required", field="name")
    unknown = set(scopes) - set(SCOPES)
    if unknown or not scopes:
        raise InvalidInput(
            _("Choose scopes among: %(scopes)s."),
            code="invalid",
            field="scopes",
            params={"scopes": ", ".join(SCOPES)},
        )
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    partner = PartnerApp.objects.create(
        name=name.strip(),
        key_prefix=prefix,
        key_hash=key_hash(key),
        scopes=sorted(scopes),
        requests_per_minute=requests_per_minute,
        require_signature=require_signature,
    )
    audit_record(
        actor=actor,
        action="partner.created",
        stream=STREAM,
        obj=partner,
        after={"name": partner.name, "scopes": partner.scopes, "prefix": prefix},
    )
    return partner, key


@audited
def partner_revoke(*, actor, partner: PartnerApp) -> PartnerApp:
    partner = PartnerApp.objects.select_for_update().get(pk=partner.pk)
    if not partner.active:
        raise Conflict(_("This partner app is already revoked."), code="already_revoked")
    partner.active, partner.revoked_at = False, timezone.now()
    partner.save(update_fields=["active", "revoked_at"])
    audit_record(actor=actor, action="partner.revoked", stream=STREAM, obj=partner)
    return partner


def partner_for_key(key: str) -> PartnerApp | None:
    parts = key.split("_", 2)  # the secret part may itself contain underscores
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    partner = PartnerApp.objects.filter(key_prefix=parts[1], active=True).first()
    if partner is None or not hmac.compare_digest(partner.key_hash, key_hash(key)):
        return None
    return partner


def request_hash(payload) -> str:
    return hashlib.sha256(
        json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False).encode()
    ).hexdigest()


def idempotent(
    *,
    partner: PartnerApp | None = None,
    user=None,
    key: str | None,
    endpoint: str,
    payload,
    handler: Callable[[], tuple[int, dict]],
) -> tuple[int, dict]:
    """Run `handler` once per (owner, Idempotency-Key); replay its response for retries.

    The record is written in the handler's transaction: a crash leaves either both or
    neither, and a concurrent duplicate fails on the unique key, rolls back, and replays.
    """
    if not key:
        raise InvalidInput(
            _("This request needs an Idempotency-Key header."),
            code="idempotency_key_required",
            field="Idempotency-Key",
        )
    if len(key) > 100:
        raise InvalidInput(
            _("The Idempotency-Key is too long (100 characters at most)."),
            code="invalid",
            field="Idempotency-Key",
        )
    owner = {"partner": partner} if partner is not None else {"user": user}
    fingerprint = request_hash({"endpoint": endpoint, "payload": payload})

    def replay(record: IdempotencyRecord) -> tuple[int, dict]:
        if record.request_hash != fingerprint:
            raise Conflict(
                _("This Idempotency-Key was already used for a different request."),
                code="idempotency_key_reused",
                field="Idempotency-Key",
            )
        return record.status_code, record.response

    existing = IdempotencyRecord.objects.filter(key=key, **owner).first()
    if existing is not None:
        return replay(existing)
    try:
        with audit_batch():  # one transaction; its audit entries chained together at the end
            status, body = handler()
            IdempotencyRecord.objects.create(
                key=key,
                endpoint=endpoint,
                request_hash=fingerprint,
                status_code=status,
                response=body,
                **owner,
            )
    except IntegrityError:
        record = IdempotencyRecord.objects.filter(key=key, **owner).first()
        if record is None:
            raise
        return replay(record)
    return status, body
