"""The API's body parser: refuses control characters anywhere in a body's strings.

A NUL (written "\\u0000" in JSON) cannot be stored by PostgreSQL — the request would fail
with a 500 at the first query — and no other control character but tab, line feed and
carriage return belongs in any field of this API. Keys are checked too: form data is a
free-form object. Multipart form fields (an upload's `document`) are checked the same way.
"""

from __future__ import annotations

import json

from django.http import HttpRequest
from ninja.parser import Parser

from daftar.core.input_guard import CONTROL_IN_TEXT, control_character_error


def _has_control_character(value) -> bool:
    if isinstance(value, str):
        return CONTROL_IN_TEXT.search(value) is not None
    if isinstance(value, dict):
        return any(_has_control_character(k) or _has_control_character(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_control_character(item) for item in value)
    return False


class GuardedParser(Parser):
    def parse_body(self, request: HttpRequest):
        data = json.loads(request.body)
        if _has_control_character(data):
            # ninja wraps parser errors in a 400 HttpError; the handler unwraps this one.
            raise control_character_error("body")
        return data

    def parse_querydict(self, data, list_fields, request: HttpRequest):
        """Query strings (already refused by the middleware) and multipart form fields."""
        result = super().parse_querydict(data, list_fields, request)
        if _has_control_character({k: v for k, v in result.items() if isinstance(v, str | list)}):
            raise control_character_error("body")
        return result
