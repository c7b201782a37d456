"""Signing requests as a partner app does, for tests, the schema fuzzer and the benchmarks.

`signed_headers` returns the Django test-client keyword arguments (``HTTP_…``) a partner app
would send; `SignedClient` wraps a `django.test.Client` and signs every request it sends.
"""

from __future__ import annotations

import json
import secrets
import time
from urllib.parse import urlsplit

from django.test import Client

from daftar.api.auth import signature


def signed_headers(
    key: str,
    method: str,
    url: str,
    body: bytes = b"",
    *,
    idempotency_key: str | None = None,
    nonce: str | None = None,
    timestamp: str | None = None,
) -> dict[str, str]:
    """Authorization, X-Timestamp, X-Nonce, X-Signature (and Idempotency-Key) for a request
    to `url` (path and query string) with `body`."""
    parts = urlsplit(url)
    stamp = timestamp or str(int(time.time() * 1000))
    nonce = nonce or secrets.token_urlsafe(18)
    headers = {
        "HTTP_AUTHORIZATION": f"Bearer {key}",
        "HTTP_X_TIMESTAMP": stamp,
        "HTTP_X_NONCE": nonce,
        "HTTP_X_SIGNATURE": signature(
            key,
            method=method,
            path=parts.path,
            query=parts.query,
            timestamp=stamp,
            nonce=nonce,
            idempotency_key=idempotency_key or "",
            body=body,
        ),
    }
    if idempotency_key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = idempotency_key
    return headers


class SignedClient:
    """A test client that signs every request like a partner app would."""

    def __init__(self, key: str, client: Client | None = None):
        self.key, self.client = key, client or Client()

    def _headers(self, method: str, url: str, body: bytes, extra: dict) -> dict:
        idempotency_key = extra.pop("HTTP_IDEMPOTENCY_KEY", None)
        return {
            **signed_headers(self.key, method, url, body, idempotency_key=idempotency_key),
            **extra,
        }

    def get(self, url: str, **extra):
        return self.client.get(url, **self._headers("GET", url, b"", extra))

    def post(self, url: str, payload=None, *, key: str | None = None, **extra):
        body = json.dumps(payload or {}).encode()
        if key:
            extra["HTTP_IDEMPOTENCY_KEY"] = key
        return self.client.generic(
            "POST",
            url,
            body,
            content_type="application/json",
            **self._headers("POST", url, body, extra),
        )

    def upload(self, url: str, document: str, content: bytes, *, key: str, filename="d.pdf"):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

        body = encode_multipart(
            BOUNDARY, {"document": document, "file": SimpleUploadedFile(filename, content)}
        )
        return self.client.generic(
            "POST",
            url,
            body,
            content_type=MULTIPART_CONTENT,
            **self._headers("POST", url, body, {"HTTP_IDEMPOTENCY_KEY": key}),
        )
