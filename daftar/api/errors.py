"""The API's single error envelope: {"error": {"code", "field", "message": {"fa", "en"}}}."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from daftar.api.error_codes import ApiErrorCode
from daftar.core.errors import DaftarError, InvalidInput, NotFound


class InvalidRequest(InvalidInput):
    """A parameter or field the schema refuses (ninja's validation): 422, with details."""

    code = ApiErrorCode.INVALID_REQUEST
    http_status = 422


class Unauthenticated(DaftarError):
    code = ApiErrorCode.UNAUTHENTICATED
    default_message = _("Authentication is required.")
    http_status = 401


class Refused(DaftarError):
    """Any other refusal of the framework (HttpError); the answer keeps the framework's status."""

    code = ApiErrorCode.HTTP_ERROR
    documented_status = "the framework's (not 400)"


def _both(message) -> dict[str, str]:
    result = {}
    for language in ("fa", "en"):
        with translation.override(language):
            result[language] = str(message)
    return result


def envelope(api: NinjaAPI, request: HttpRequest, error: DaftarError) -> HttpResponse:
    return api.create_response(request, {"error": error.as_dict()}, status=error.http_status)


def install_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(DaftarError)
    def daftar_error(request, exc: DaftarError):
        return envelope(api, request, exc)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc: NinjaValidationError):
        first = exc.errors[0] if exc.errors else {}
        location = [
            str(part)
            for part in first.get("loc", [])
            if part not in ("body", "query", "path", "payload")
        ]
        field = ".".join(location) or None
        error = InvalidRequest(
            _("The field %(field)s is missing or not valid."),
            field=field,
            params={"field": field or "?"},
        )
        body = {"error": error.as_dict()}
        body["error"]["details"] = [
            {"loc": [str(p) for p in e.get("loc", [])], "type": e.get("type", "")}
            for e in exc.errors
        ]
        return api.create_response(request, body, status=error.http_status)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return envelope(api, request, NotFound())

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return envelope(api, request, Unauthenticated())

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        if isinstance(exc.__cause__, DaftarError):  # raised by our parser, wrapped by ninja
            return envelope(api, request, exc.__cause__)
        if exc.status_code == 400:
            return envelope(
                api,
                request,
                InvalidInput(
                    _("The request body is not valid JSON (UTF-8)."),
                    code=ApiErrorCode.MALFORMED_BODY,
                ),
            )
        error = Refused(str(exc))
        return api.create_response(
            request,
            {"error": {**error.as_dict(), "message": _both(str(exc))}},
            status=exc.status_code,
        )
