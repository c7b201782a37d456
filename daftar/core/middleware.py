"""Cross-cutting request middleware: request ids, the Persian-first language choice, and the
guard that refuses unservable input before any view runs (daftar.core.input_guard)."""

from __future__ import annotations

import logging
import re
import uuid

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from daftar.core.context import request_id_var

logger = logging.getLogger(__name__)

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id (or keep a well-formed one from the proxy) for logs and audit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class PersianFirstLocaleMiddleware:
    """Activate the language the user chose (cookie), otherwise Persian.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which shows
    English to most Tehran browsers configured in English. Daftar is Persian first: only
    an explicit choice (the language switch) changes the language of the pages.
    The partner API negotiates its own language from Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class RequestGuardMiddleware:
    """Refuse what no view can handle before any view runs (daftar.core.input_guard): control
    characters in the path, the query string or a form body (400), a body over the size limit
    (413). Placed after the language middleware, so the page speaks the user's language, and
    before anything reads the body (CSRF, the API's signature check)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from daftar.core.input_guard import problem, refusal

        error = problem(request)
        if error is not None:
            return refusal(request, error)
        return self.get_response(request)

    def process_exception(self, request, exception):
        """A number from the request too large for the database (SQLite raises OverflowError
        converting it; PostgreSQL lookups on integer fields already find nothing): the
        request's fault, answered 400, not a server error."""
        if isinstance(exception, OverflowError):
            from daftar.core.input_guard import number_too_large, refusal

            logger.warning("refused a number too large for the database: %s", exception)
            return refusal(request, number_too_large())
        return None
