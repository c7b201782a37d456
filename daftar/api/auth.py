"""Partner authentication: a bearer key, a signature over the whole request, a single-use
nonce, a rate limit.

    Authorization:   Bearer dft_<prefix>_<secret>
    X-Timestamp:     Unix time in milliseconds
    X-Nonce:         8 to 64 characters [A-Za-z0-9_-], new for every request
    X-Signature:     hex HMAC-SHA256(key, canonical request)

The canonical request is seven lines joined by "\\n" (no newline at the end):

    <METHOD, upper case>
    <path, as the server sees it: /api/v1/files>
    <query string exactly as sent, without "?"; empty when there is none>
    <X-Timestamp>
    <X-Nonce>
    <Idempotency-Key header; empty when there is none>
    <hex SHA-256 of the raw body; of the empty string when there is none>

so that a captured request cannot be sent again with another query, body or Idempotency-Key
(a new key would open a new, billed file). The signature is required for apps with
`require_signature` (the default). Timestamps more than SIGNATURE_SKEW_SECONDS away from the
server's clock are refused, and a nonce is accepted once per app within twice that window
(`daftar.api.nonces`, shared by every app server): a captured request replayed verbatim is
refused. A retry after a lost answer is a new request — new timestamp, new nonce, the same
Idempotency-Key — and gets the first answer back.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from daftar.api import nonces
from daftar.api.error_codes import ApiErrorCode
from daftar.api.services import partner_for_key
from daftar.core import ratelimit
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Forbidden, RateLimited

SIGNATURE_SKEW_SECONDS = 300
NONCE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def canonical_request(
    *,
    method: str,
    path: str,
    query: str,
    timestamp: str,
    nonce: str,
    idempotency_key: str,
    body: bytes,
) -> bytes:
    """The exact bytes a partner signs (see the module docstring)."""
    lines = [
        method.upper(),
        path,
        query,
        timestamp,
        nonce,
        idempotency_key,
        hashlib.sha256(body).hexdigest(),
    ]
    return "\n".join(lines).encode()


def signature(
    key: str,
    *,
    method: str,
    path: str,
    query: str = "",
    timestamp: str,
    nonce: str,
    idempotency_key: str = "",
    body: bytes = b"",
) -> str:
    """hex HMAC-SHA256 of the canonical request with the partner's key."""
    message = canonical_request(
        method=method,
        path=path,
        query=query,
        timestamp=timestamp,
        nonce=nonce,
        idempotency_key=idempotency_key,
        body=body,
    )
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def _check_signature(request: HttpRequest, token: str, partner) -> None:
    stamp = request.headers.get("X-Timestamp", "")
    try:
        skew = abs(time.time() * 1000 - int(stamp)) / 1000
    except ValueError:
        skew = None
    if skew is None or skew > SIGNATURE_SKEW_SECONDS:
        raise Forbidden(
            _("The request's X-Timestamp is missing or too far from now."),
            code=ApiErrorCode.BAD_TIMESTAMP,
        )
    nonce = request.headers.get("X-Nonce", "")
    if not NONCE.match(nonce):
        raise Forbidden(
            _("The request needs an X-Nonce of 8 to 64 letters, digits, '-' or '_'."),
            code=ApiErrorCode.BAD_NONCE,
        )
    expected = signature(
        token,
        method=request.method,
        path=request.path,
        query=request.META.get("QUERY_STRING", ""),
        timestamp=stamp,
        nonce=nonce,
        idempotency_key=request.headers.get("Idempotency-Key", ""),
        body=request.body,
    )
    if not hmac.compare_digest(expected, request.headers.get("X-Signature", "")):
        raise Forbidden(_("The request signature is not valid."), code=CoreErrorCode.BAD_SIGNATURE)
    # Only a correctly signed request spends its nonce: nobody else can fill the store.
    if not nonces.claim(partner_id=partner.pk, nonce=nonce, ttl=2 * SIGNATURE_SKEW_SECONDS):
        raise Forbidden(
            _("This request was already received (its X-Nonce was used): it is not run again."),
            code=ApiErrorCode.NONCE_REUSED,
        )


class PartnerKey(HttpBearer):
    def __init__(self, scope: str):
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str):
        partner = partner_for_key(token)
        if partner is None:
            return None  # ninja answers 401
        if self.scope not in partner.scopes:
            raise Forbidden(
                _("This app may not use the %(scope)s part of the API."),
                code=ApiErrorCode.SCOPE_DENIED,
                params={"scope": self.scope},
            )
        if partner.require_signature:
            _check_signature(request, token, partner)
        if not ratelimit.hit(
            f"partner:{partner.pk}", limit=partner.requests_per_minute, window_seconds=60
        ):
            raise RateLimited()
        request.partner = partner
        return partner
