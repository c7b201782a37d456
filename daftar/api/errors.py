"""The API's single error envelope: {"error": {"code", "field", "message": {"fa", "en"}}}."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from daftar.core.errors import DaftarError, Forbidden, InvalidInput, NotFound


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
        error = InvalidInput(
            _("The field %(field)s is missing or not valid."),
            code="invalid_request",
            field=field,
            params={"field": field or "?"},
        )
        body = {"error": error.as_dict()}
        body["error"]["details"] = [
            {"loc": [str(p) for p in e.get("loc", [])], "type": e.get("type", "")}
            for e in exc.errors
        ]
        return api.create_response(request, body, status=422)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return envelope(api, request, NotFound())

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        error = Forbidden(_("Authentication is required."), code="unauthenticated")
        return api.create_response(request, {"error": error.as_dict()}, status=401)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        if isinstance(exc.__cause__, DaftarError):  # raised by our parser, wrapped by ninja
            return envelope(api, request, exc.__cause__)
        if exc.status_code == 400:
            return envelope(
                api,
                request,
                InvalidInput(
                    _("The request body is not valid JSON (UTF-8)."), code="malformed_body"
                ),
            )
        error = DaftarError(str(exc), code=f"http_{exc.status_code}")
        return api.create_response(
            request,
            {"error": {**error.as_dict(), "message": _both(str(exc))}},
            status=exc.status_code,
        )
