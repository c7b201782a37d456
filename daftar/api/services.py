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
from django.utils.translation import gettext_noop

from daftar.api.error_codes import ApiErrorCode
from daftar.api.models import IdempotencyRecord, PartnerApp
from daftar.audit.services import audit_batch, audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, InvalidInput
from daftar.governance.choices import DecisionKind
from daftar.governance.services import decision_record_effect, decision_require

STREAM = "partners"
KEY_PREFIX = "dft"
SCOPES = ("catalogue", "files", "payments", "complaints", "appointments", "open311")
# Apps whose users sign in with the city's own sign-in may open files for those citizens
# without a consent code per file. Only a steering-committee decision grants it (ADR 0007).
SIGNED_IN_CITIZENS = "signed_in_citizens"
DECISION_SCOPES = (SIGNED_IN_CITIZENS,)


def key_hash(key: str) -> str:
    """Keys are hashed with a server-side pepper: a stolen table does not reveal them."""
    return hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).hexdigest()


@audited
def partner_create(
    *,
    actor: Actor,
    name: str,
    scopes: list[str],
    requests_per_minute: int = 120,
    require_signature: bool = True,
) -> tuple[PartnerApp, str]:
    """Issue a partner app and its key. The key is returned once and never stored."""
    if not name.strip():
        raise InvalidInput(
            _("Give the partner app a name."), code=CoreErrorCode.REQUIRED, field="name"
        )
    if set(scopes) & set(DECISION_SCOPES):
        raise InvalidInput(
            _("The %(scope)s scope is granted only by a decision of the steering committee."),
            code=ApiErrorCode.SCOPE_NEEDS_DECISION,
            field="scopes",
            params={"scope": SIGNED_IN_CITIZENS},
        )
    unknown = set(scopes) - set(SCOPES)
    if unknown or not scopes:
        raise InvalidInput(
            _("Choose scopes among: %(scopes)s."),
            code=ApiErrorCode.UNKNOWN_SCOPE,
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
def partner_revoke(*, actor: Actor, partner: PartnerApp) -> PartnerApp:
    partner = PartnerApp.objects.select_for_update().get(pk=partner.pk)
    if not partner.active:
        raise Conflict(_("This partner app is already revoked."), code=ApiErrorCode.ALREADY_REVOKED)
    partner.active, partner.revoked_at = False, timezone.now()
    partner.save(update_fields=["active", "revoked_at"])
    audit_record(actor=actor, action="partner.revoked", stream=STREAM, obj=partner)
    return partner


@audited
def partner_scope_grant(*, actor: Actor, partner: PartnerApp, scope: str, decision) -> PartnerApp:
    """Grant a scope that needs a decision (a service authorisation of the committee)."""
    return _partner_scope_change(
        actor=actor, partner=partner, scope=scope, decision=decision, on=True
    )


@audited
def partner_scope_withdraw(
    *, actor: Actor, partner: PartnerApp, scope: str, decision
) -> PartnerApp:
    return _partner_scope_change(
        actor=actor, partner=partner, scope=scope, decision=decision, on=False
    )


def _partner_scope_change(*, actor: Actor, partner, scope: str, decision, on: bool) -> PartnerApp:
    decision_require(decision=decision, kind=DecisionKind.SERVICE_AUTHORISATION)
    if scope not in DECISION_SCOPES:
        raise InvalidInput(
            _("Choose scopes among: %(scopes)s."),
            code=ApiErrorCode.UNKNOWN_SCOPE,
            field="scope",
            params={"scopes": ", ".join(DECISION_SCOPES)},
        )
    partner = PartnerApp.objects.select_for_update().get(pk=partner.pk)
    if not partner.active:
        raise Conflict(_("This partner app is revoked."), code=ApiErrorCode.ALREADY_REVOKED)
    if (scope in partner.scopes) == on:
        raise Conflict(
            _("%(app)s already has the %(scope)s scope.")
            if on
            else _("%(app)s does not have the %(scope)s scope."),
            code=ApiErrorCode.SCOPE_UNCHANGED,
            field="scope",
            params={"app": partner.name, "scope": scope},
        )
    before = list(partner.scopes)
    partner.scopes = sorted({*partner.scopes, scope} if on else set(partner.scopes) - {scope})
    partner.save(update_fields=["scopes"])
    decision_record_effect(
        decision=decision,
        obj=partner,
        message=gettext_noop("partner app %(app)s granted the scope %(scope)s")
        if on
        else gettext_noop("partner app %(app)s lost the scope %(scope)s"),
        params={"app": partner.name, "scope": scope},
    )
    audit_record(
        actor=actor,
        action="partner.scope_granted" if on else "partner.scope_withdrawn",
        stream=STREAM,
        obj=partner,
        before={"scopes": before},
        after={"scopes": partner.scopes, "decision": decision.number},
    )
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
            code=ApiErrorCode.IDEMPOTENCY_KEY_REQUIRED,
            field="Idempotency-Key",
        )
    if len(key) > 100:
        raise InvalidInput(
            _("The Idempotency-Key is too long (100 characters at most)."),
            code=ApiErrorCode.IDEMPOTENCY_KEY_TOO_LONG,
            field="Idempotency-Key",
        )
    owner = {"partner": partner} if partner is not None else {"user": user}
    fingerprint = request_hash({"endpoint": endpoint, "payload": payload})

    def replay(record: IdempotencyRecord) -> tuple[int, dict]:
        if record.request_hash != fingerprint:
            raise Conflict(
                _("This Idempotency-Key was already used for a different request."),
                code=ApiErrorCode.IDEMPOTENCY_KEY_REUSED,
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


def idempotency_known(*, partner: PartnerApp, key: str | None) -> bool:
    """Whether a response was already stored for this partner's key (it will be replayed)."""
    return bool(key) and IdempotencyRecord.objects.filter(partner=partner, key=key).exists()
