"""The OpenAPI document, made true: every answer an operation can give is described.

django-ninja describes the success responses each operation declares. The API also answers,
for every operation, with its single error envelope (daftar.api.errors) — and which statuses
an operation can produce follows from how it is built, so it is derived here from the
operation itself rather than repeated by hand on each route (a new route is described
correctly without anyone remembering to):

- 400 always (a control character in the address or query, a malformed body, a domain rule);
- 422 when it takes parameters or a body (a missing or ill-typed field, a value out of range);
- 404 when it has path parameters or a body (an unknown object, an unknown service);
- 413 for POST (a body over the limit, daftar.core.input_guard);
- 401, 403 and 429 when a partner key authenticates it (no key; scope, timestamp, nonce or
  signature refused; the app's rate limit), with the signing headers it must carry;
- 409 and the required Idempotency-Key header when it runs through `idempotent()`.

The envelope's `code` is described as the enum of every error code (daftar/<app>/error_codes.py),
and the document's description points to their table, docs/error-codes.md (generated from the
same enums with each code's HTTP status and meaning in Persian and English, ADR 0014).
"""

from __future__ import annotations

from http.client import responses

from ninja import Schema
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.schema import NinjaGenerateJsonSchema

from daftar.api.auth import NONCE, SIGNATURE_SKEW_SECONDS, PartnerKey
from daftar.core.error_codes import error_code_enums


class ErrorMessage(Schema):
    fa: str
    en: str


class ErrorDetail(Schema):
    loc: list[str]
    type: str


class ErrorBody(Schema):
    code: str
    field: str | None
    message: ErrorMessage
    details: list[ErrorDetail] | None = None


class ErrorEnvelope(Schema):
    """{"error": {"code", "field", "message": {"fa", "en"}}}; `details` only with 422."""

    error: ErrorBody


ERROR_DESCRIPTIONS = {
    400: "Bad request: a control character in the address, query or body; a malformed body; "
    "or a rule of the service (the envelope's code says which).",
    401: "No partner key, or an unknown or revoked one.",
    403: "The key may not use this part of the API (scope_denied), or the request's signature "
    "is refused: bad_timestamp, bad_nonce, bad_signature, nonce_reused.",
    404: "Not found (or not visible to this caller).",
    409: "The object's state does not allow this, or the Idempotency-Key was already used for "
    "a different request (idempotency_key_reused).",
    413: "The request body is larger than allowed (one document of at most 5 MB per request).",
    422: "A parameter or field is missing, has the wrong type or is out of range (invalid_request, "
    "with details).",
    429: "The app's rate limit was reached; try again in a minute.",
}

SIGNING = (
    "Partner apps send `Authorization: Bearer <key>` and sign every request: `X-Timestamp` "
    f"(Unix ms, within {SIGNATURE_SKEW_SECONDS} s of the server's clock), `X-Nonce` (new for "
    "every request, used once) and `X-Signature` = hex HMAC-SHA256(key, METHOD \\n path \\n "
    "query string \\n X-Timestamp \\n X-Nonce \\n Idempotency-Key \\n hex SHA-256 of the body). "
    "See docs/files.md."
)


ERROR_CODES = (
    'Every error answers with the envelope `{"error": {"code", "field", "message": '
    '{"fa", "en"}}}`. Its `code` is stable: a value never changes meaning once published '
    "(a changed value is listed in the changelog of ADR 0014). The table of every code, with "
    "the HTTP status it answers with and its meaning in Persian and English, is "
    "docs/error-codes.md in the Daftar repository; clients treat an unknown code like its "
    "HTTP status."
)


def _header(name: str, description: str, schema: dict) -> dict:
    return {"in": "header", "name": name, "required": True, "description": description, **schema}


SIGNATURE_HEADERS = [
    _header(
        "X-Timestamp",
        f"Unix time in milliseconds, within {SIGNATURE_SKEW_SECONDS} s of the server's clock.",
        {"schema": {"type": "string", "pattern": r"^\d{1,16}$"}},
    ),
    _header(
        "X-Nonce",
        "A value new for every request; a nonce is accepted once per app.",
        {"schema": {"type": "string", "pattern": NONCE.pattern}},
    ),
    _header(
        "X-Signature",
        "hex HMAC-SHA256 of the canonical request with the key (docs/files.md).",
        {"schema": {"type": "string", "pattern": r"^[0-9a-f]{64}$"}},
    ),
]
IDEMPOTENCY_HEADER = _header(
    "Idempotency-Key",
    "Names this operation: a retry with the same key gets the first answer and changes "
    "nothing twice; the same key with another request is refused (409).",
    {"schema": {"type": "string", "minLength": 1, "maxLength": 100}},
)


def _is_partner(operation) -> bool:
    return any(isinstance(auth, PartnerKey) for auth in operation.auth_callbacks)


def _is_idempotent(operation) -> bool:
    # A view that runs its work through daftar.api.services.idempotent() refuses a POST
    # without an Idempotency-Key; the name in its code object is how it is recognised.
    return "idempotent" in operation.view_func.__code__.co_names


def _has_path_parameters(operation) -> bool:
    return any(model.__ninja_param_source__ == "path" for model in operation.models)


def _has_body(operation) -> bool:
    return any(
        model.__ninja_param_source__ in {"body", "form", "file"} for model in operation.models
    )


def error_statuses(operation) -> set[int]:
    statuses = {400}
    if operation.models:
        statuses.add(422)
    if _has_path_parameters(operation) or _has_body(operation):
        statuses.add(404)
    if "POST" in operation.methods:
        statuses.add(413)
    if _is_partner(operation):
        statuses |= {401, 403, 429}
    if _is_idempotent(operation):
        statuses.add(409)
    return statuses


class DaftarOpenAPISchema(OpenAPISchema):
    def __init__(self, api, path_prefix: str) -> None:
        super().__init__(api, path_prefix)
        schema = ErrorEnvelope.model_json_schema(
            ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema
        )
        self.schemas.update(schema.pop("$defs", {}))
        self.schemas["ErrorEnvelope"] = schema
        self.schemas["ErrorBody"]["properties"]["code"] |= {
            "enum": sorted(code.value for enum in error_code_enums() for code in enum),
            "description": "Stable; see docs/error-codes.md for each code's meaning.",
        }
        self["info"]["description"] = "\n\n".join(
            part for part in (self["info"].get("description"), ERROR_CODES) if part
        )
        if "PartnerKey" in self.securitySchemes:
            self.securitySchemes["PartnerKey"] = {
                **self.securitySchemes["PartnerKey"],
                "description": SIGNING,
            }

    def operation_details(self, operation) -> dict:
        result = super().operation_details(operation)
        envelope = {
            "application/json": {"schema": {"$ref": REF_TEMPLATE.format(model="ErrorEnvelope")}}
        }
        for status in sorted(error_statuses(operation)):
            result["responses"].setdefault(
                status,
                {
                    "description": ERROR_DESCRIPTIONS.get(status, responses.get(status, "")),
                    "content": envelope,
                },
            )
        headers = []
        if _is_partner(operation):
            headers += SIGNATURE_HEADERS
        if _is_idempotent(operation):
            headers.append(IDEMPOTENCY_HEADER)
        present = {(p["in"], p["name"].lower()) for p in result["parameters"]}
        result["parameters"] += [h for h in headers if ("header", h["name"].lower()) not in present]
        return result
