"""The stable codes of the errors api raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it. Each member carries the
meaning shown in docs/error-codes.md.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class ApiErrorCode(ErrorCode):
    ALREADY_REVOKED = "already_revoked", _("The partner key is already revoked.")
    BAD_NONCE = "bad_nonce", _("The X-Nonce header is missing or malformed.")
    BAD_TIMESTAMP = (
        "bad_timestamp",
        _("The X-Timestamp header is missing or too far from the server's clock."),
    )
    HTTP_ERROR = (
        "http_error",
        _(
            "The API framework refused the request before any rule of the service ran (the HTTP "
            "status says why)."
        ),
    )
    IDEMPOTENCY_KEY_REQUIRED = (
        "idempotency_key_required",
        _("The Idempotency-Key header is required."),
    )
    IDEMPOTENCY_KEY_REUSED = (
        "idempotency_key_reused",
        _("The Idempotency-Key was already used for a different request."),
    )
    IDEMPOTENCY_KEY_TOO_LONG = (
        "idempotency_key_too_long",
        _("The Idempotency-Key is longer than 100 characters."),
    )
    INVALID_REQUEST = (
        "invalid_request",
        _("A parameter or field is missing, has the wrong type or is out of range."),
    )
    MALFORMED_BODY = "malformed_body", _("The request body is not valid JSON (UTF-8).")
    NONCE_REUSED = "nonce_reused", _("The nonce was already used.")
    SCOPE_DENIED = "scope_denied", _("The partner key may not use this part of the API.")
    SCOPE_NEEDS_DECISION = (
        "scope_needs_decision",
        _("Granting this scope needs a committee decision."),
    )
    SCOPE_UNCHANGED = "scope_unchanged", _("The partner app already has (or lacks) this scope.")
    UNAUTHENTICATED = "unauthenticated", _("No partner key, or an unknown or revoked one.")
    UNKNOWN_SCOPE = "unknown_scope", _("A scope is not one the API offers.")
