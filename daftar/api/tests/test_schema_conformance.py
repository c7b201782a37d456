"""The OpenAPI document is true: schemathesis generates requests from it (valid and
invalid), sends them to the app in-process as a signed partner app would, and checks every
answer against the document — no server error, only documented statuses, content types and
bodies, and requests that break the schema refused.

Bounded and deterministic: a fixed number of examples per operation, a derandomised
Hypothesis (no example database), no network (the app is called through WSGI).
"""

from __future__ import annotations

import io
import re
import secrets
import time

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, Phase, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from daftar.api.auth import NONCE, signature

MAX_EXAMPLES = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


class SigningApp:
    """A partner app's HTTP client in front of Django's WSGI handler: a request that carries
    a bearer key is signed over what is actually sent. A header value the generator made
    invalid on purpose (a negative case) is left as it is, so the server must refuse it."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        authorization = environ.get("HTTP_AUTHORIZATION", "")
        given = environ.get("HTTP_X_SIGNATURE", "")
        if authorization.startswith("Bearer ") and re.fullmatch(r"[0-9a-f]{64}", given):
            key = authorization.removeprefix("Bearer ")
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = io.BytesIO(body)
            if environ.get("HTTP_X_TIMESTAMP", "").isdigit():
                environ["HTTP_X_TIMESTAMP"] = str(int(time.time() * 1000))
            if NONCE.match(environ.get("HTTP_X_NONCE", "")):
                environ["HTTP_X_NONCE"] = secrets.token_urlsafe(18)
            path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
            environ["HTTP_X_SIGNATURE"] = signature(
                key,
                method=environ["REQUEST_METHOD"],
                path=path.encode("latin-1").decode("utf-8", "replace"),
                query=environ.get("QUERY_STRING", ""),
                timestamp=environ.get("HTTP_X_TIMESTAMP", ""),
                nonce=environ.get("HTTP_X_NONCE", ""),
                idempotency_key=environ.get("HTTP_IDEMPOTENCY_KEY", ""),
                body=body,
            )
        return self.app(environ, start_response)


# Loaded when the module is collected: the OpenAPI view reads no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", SigningApp(WSGIHandler()))
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=MAX_EXAMPLES,
    deterministic=True,
)


@pytest.fixture
def in_process_requests():
    """Django closes the database connection at the start and end of a request when it is not
    persistent; inside a test's transaction that would end the test. Django's test client
    disconnects the same handlers while it sends a request."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def partner_key(trusted_partner):
    _app, key = trusted_partner(
        name="Schema fuzzer",
        scopes=["catalogue", "files", "payments"],
        requests_per_minute=1_000_000,
    )
    return key


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_openapi_document_says(
    case, partner_key, catalogue, in_process_requests
):
    case.call_and_validate(headers={"Authorization": f"Bearer {partner_key}"}, checks=CHECKS)
