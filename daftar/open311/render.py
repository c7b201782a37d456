"""GeoReport v2's two formats: the same data as JSON or as XML with the specification's element
names (`services`/`service`, `service_requests`/`request`, `service_definition`, `discovery`,
`errors`/`error`)."""

from __future__ import annotations

import datetime
import json
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils import timezone

# The element each item of a list is written in, by the list's element.
ITEMS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


def w3c(moment: datetime.datetime | None) -> str | None:
    """A W3C date and time in Tehran's offset, e.g. 2026-12-03T10:15:00+03:30."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _xml_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _xml(tag: str, value) -> str:
    if isinstance(value, list):
        item = ITEMS[tag]
        return f"<{tag}>{''.join(_xml(item, v) for v in value)}</{tag}>"
    if isinstance(value, dict):
        return f"<{tag}>{''.join(_xml(k, v) for k, v in value.items())}</{tag}>"
    return f"<{tag}>{_xml_value(value)}</{tag}>"


def to_xml(root: str, data) -> str:
    return '<?xml version="1.0" encoding="utf-8"?>\n' + _xml(root, data)


def respond(fmt: str, root: str, data, *, status: int = 200) -> HttpResponse:
    """`data` (a list for `services`, `service_requests`, `errors`; a dict otherwise)."""
    body = to_xml(root, data) if fmt == "xml" else json.dumps(data, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def errors(fmt: str, status: int, description: str) -> HttpResponse:
    return respond(fmt, "errors", [{"code": status, "description": description}], status=status)
