"""Hostile input stopped at the edge, before any view runs.

No view can do anything useful with a control character in an address or a query (PostgreSQL
cannot even store a NUL: the query fails with a 500), nor with a body larger than any form or
document the platform accepts. `RequestGuardMiddleware` (daftar.core.middleware) refuses them:
400 for control characters in the path, the query string or a form's fields, 413 for
a body over the limit. The partner API gets its error envelope, pages a page in the user's
language. `bad_request` (handler400) does the same for what Django itself refuses later (a
body over DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields, a disallowed host).

Limits (settings): API requests carry one document at most, DATA_UPLOAD_MAX_MEMORY_SIZE;
pages REQUEST_MAX_BYTES (a form with several documents); a URL name listed in
REQUEST_MAX_BYTES_FOR_URL gets its own (the bank statement import). The proxy in front must
allow at least the largest of them (docs/operations.md).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from daftar.core.auth_middleware import API_PREFIX
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import DaftarError, InvalidInput

# C0 controls and DEL. Tab, line feed and carriage return are ordinary in a form's text
# (a textarea) but never belong in a path.
CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Bodies of a page's forms: their fields (not the files) are checked. The API's bodies are
# its parser's business (daftar.api.parser), and it must read the raw body first to verify
# the signature.
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# Open311 GeoReport v2 (daftar.open311) answers refusals in the specification's error format.
OPEN311_PREFIX = "/open311/"


class RequestTooLarge(DaftarError):
    code = CoreErrorCode.REQUEST_TOO_LARGE
    default_message = _("The request is too large.")
    http_status = 413


CONTROL_CHARACTER_MESSAGES = {
    "path": _(
        "The address contains a character that is not allowed (a control character such as "
        "a null byte)."
    ),
    "query": _(
        "The search or filter contains a character that is not allowed (a control character "
        "such as a null byte)."
    ),
    "form": _(
        "The form contains a character that is not allowed (a control character such as a "
        "null byte)."
    ),
    "body": _(
        "The request body contains a character that is not allowed (a control character such "
        "as a null byte)."
    ),
}


def control_character_error(where: str) -> InvalidInput:
    """`where`: path, query, form or body (also the error's `field`)."""
    return InvalidInput(
        CONTROL_CHARACTER_MESSAGES[where], code=CoreErrorCode.CONTROL_CHARACTER, field=where
    )


def number_too_large() -> InvalidInput:
    return InvalidInput(
        _("A number in the request is too large."), code=CoreErrorCode.NUMBER_TOO_LARGE, field=None
    )


def too_large_error(size: int, limit: int) -> RequestTooLarge:
    return RequestTooLarge(
        _(
            "The request is too large (%(size)s MB); the limit is %(limit)s MB. Each document "
            "may be at most 5 MB."
        ),
        params={"size": _megabytes(size), "limit": _megabytes(limit)},
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def refusal(request: HttpRequest, error: DaftarError) -> HttpResponse:
    """The error as the API's envelope, as Open311's error list, or as a page in the user's
    language."""
    if is_api(request):
        return JsonResponse({"error": error.as_dict()}, status=error.http_status)
    if request.path_info.startswith(OPEN311_PREFIX):
        # GeoReport v2's own error format (docs/open311.md); XML when the path asks for it.
        status, text = error.http_status, error.render()
        if request.path_info.endswith(".xml"):
            body = (
                '<?xml version="1.0" encoding="utf-8"?>\n<errors><error>'
                f"<code>{status}</code><description>{escape(text)}</description>"
                "</error></errors>"
            )
            return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
        return JsonResponse([{"code": status, "description": text}], status=status, safe=False)
    template = "413.html" if error.http_status == 413 else "400.html"
    return render(request, template, {"error": error.render()}, status=error.http_status)


def size_limit(request: HttpRequest) -> int:
    if is_api(request):
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    overrides = settings.REQUEST_MAX_BYTES_FOR_URL
    if overrides:
        try:
            name = resolve(request.path_info).view_name
        except Resolver404:
            name = None
        if name in overrides:
            return overrides[name]
    return settings.REQUEST_MAX_BYTES


def content_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def problem(request: HttpRequest) -> DaftarError | None:
    """What makes this request unservable, checked before anything reads its body."""
    if CONTROL_IN_PATH.search(request.path_info):
        return control_character_error("path")
    query = request.META.get("QUERY_STRING", "")
    if query and any(
        CONTROL_IN_TEXT.search(text) for pair in request.GET.lists() for text in (pair[0], *pair[1])
    ):
        return control_character_error("query")
    size = content_length(request)
    if size:
        limit = size_limit(request)
        if size > limit:
            return too_large_error(size, limit)
    if (
        not is_api(request)
        and request.method == "POST"
        and request.content_type in FORM_TYPES
        and any(
            CONTROL_IN_TEXT.search(text)
            for pair in request.POST.lists()
            for text in (pair[0], *pair[1])
        )
    ):
        return control_character_error("form")
    return None


# The longest username a user can have (accounts.User.username).
USERNAME_MAX_LENGTH = 150


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username django-axes records for a failed sign-in, cut to
    the longest a user can have. Django's sign-in form does not check the username's length
    on the server, and axes's column holds 255 characters: a longer one answered 500 on
    PostgreSQL ("value too long")."""
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(settings.AXES_USERNAME_FORM_FIELD, None)
    return username[:USERNAME_MAX_LENGTH] if isinstance(username, str) else username


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    """handler400: what Django refuses after the middleware (SuspiciousOperation and kin)."""
    if isinstance(exception, RequestDataTooBig):
        return refusal(request, too_large_error(content_length(request), size_limit(request)))
    error = InvalidInput(_("The request could not be understood."), code=CoreErrorCode.BAD_REQUEST)
    return refusal(request, error)
