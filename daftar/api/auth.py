"""Partner authentication: a bearer key, a signature over the request, a rate limit.

    Authorization: Bearer dft_<prefix>_<secret>
    X-Timestamp:   Unix time in milliseconds
    X-Signature:   hex HMAC-SHA256(key, "<METHOD>\\n<path>\\n<timestamp>\\n" + body)

The signature is required for apps with `require_signature` (the default). Timestamps more
than SIGNATURE_SKEW_SECONDS away from the server's clock are refused.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from daftar.api.services import partner_for_key
from daftar.core import ratelimit
from daftar.core.errors import Forbidden, RateLimited

SIGNATURE_SKEW_SECONDS = 300


def signature(key: str, method: str, path: str, timestamp: str, body: bytes) -> str:
    message = f"{method.upper()}\n{path}\n{timestamp}\n".encode() + body
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


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
                code="scope_denied",
                params={"scope": self.scope},
            )
        if partner.require_signature:
            stamp = request.headers.get("X-Timestamp", "")
            given = request.headers.get("X-Signature", "")
            try:
                skew = abs(time.time() * 1000 - int(stamp)) / 1000
            except ValueError:
                skew = None
            if skew is None or skew > SIGNATURE_SKEW_SECONDS:
                raise Forbidden(
                    _("The request's X-Timestamp is missing or too far from now."),
                    code="bad_timestamp",
                )
            expected = signature(token, request.method, request.path, stamp, request.body)
            if not hmac.compare_digest(expected, given):
                raise Forbidden(_("The request signature is not valid."), code="bad_signature")
        if not ratelimit.hit(
            f"partner:{partner.pk}", limit=partner.requests_per_minute, window_seconds=60
        ):
            raise RateLimited()
        request.partner = partner
        return partner
