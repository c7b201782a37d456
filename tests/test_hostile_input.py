"""Hostile input on every URL and every API operation, as every persona: nothing answers 5xx.

The probe is built from the URL configuration and the OpenAPI document, so a new page or
endpoint is probed without anyone adding it here. Each page is requested with hostile values
in its path parameters (huge integers, negative numbers, long Persian text, wrong types),
in the query (every name the code reads from request.GET or a GET form of the page offers)
and in its POST forms (every field the page's forms offer, and every name the code reads
from request.POST). Each API operation gets hostile path and query parameters and bodies
built from its schema (every string, integer, boolean and object field replaced).

Control characters are refused by daftar.core.input_guard before authentication, so they are
probed once per URL (anonymous and one signed-in persona) and must answer exactly 400: a
Persian page on the web, the error envelope on the API.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from daftar.api.router import api
from daftar.api.services import partner_create
from daftar.api.testing import signed_headers
from daftar.core.actors import Actor

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
HUGE = "1" + "0" * 30  # 10^30: past every database integer
LONG = "يك۱" * 1000  # 3,000 characters of Arabic-script letters and Persian digits
NUL = "a\x00b"


# --- the web pages ------------------------------------------------------------------------


def _walk(patterns, prefix: str = "", namespace: str = ""):
    """(namespace, route) for every URL pattern; the project's own ones have no namespace."""
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + route, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield namespace or "project", prefix + route


def _route(route: str, kind: str) -> str:
    """The route with every parameter replaced by a hostile value of `kind`."""

    def value(converter: str) -> str:
        if converter == "int":  # the converter matches digits only
            return {"huge": HUGE, "negative": "0", "text": "0", "nul": "1\x00"}[kind]
        return {"huge": "9" * 40, "negative": "-1", "text": LONG[:300], "nul": NUL}[kind]

    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: quote(value(m.group(1) or "str")), route)
    # admin's regular expressions: a named group gets a hostile word, the anchors go
    route = re.sub(r"\(\?P<\w+>[^)]*\)", quote(value("str")), route)
    return "/" + route.lstrip("^").rstrip("$")


# One test per URL namespace (an app's urls module, the admin, the project's own): signing
# every role in once per test keeps the probe fast enough to run with the suite.
WEB_ROUTES: dict[str, list[str]] = {}
for _namespace, _route_ in _walk(get_resolver().url_patterns):
    # Open311 answers in GeoReport v2's own formats, not pages: its hostile input is probed by
    # daftar/open311/tests (schemathesis, and the control character in its error format).
    if _namespace not in {"api", "open311"}:
        WEB_ROUTES.setdefault(_namespace, []).append(_route_)
ADMIN = "admin/"


@cache
def _names_read_by_the_code() -> dict[str, set[str]]:
    """Names the views read from request.GET / request.POST, from their source."""
    names: dict[str, set[str]] = {"GET": set(), "POST": set()}
    pattern = re.compile(r"request\.(GET|POST)(?:\.get|\.getlist)?[\(\[]\s*[\"']([\w-]+)")
    for source in (ROOT / "daftar").rglob("*.py"):
        if "tests" in source.parts:
            continue
        for method, name in pattern.findall(source.read_text(encoding="utf-8")):
            names[method].add(name)
    return names


def _form_fields(html: str, method: str) -> set[str]:
    fields = set()
    for form in re.finditer(r"<form\b([^>]*)>(.*?)</form>", html, re.S | re.I):
        attributes, body = form.groups()
        declared = re.search(r'method="(\w+)"', attributes, re.I)
        if (declared.group(1).upper() if declared else "GET") == method:
            fields |= set(re.findall(r'\bname="([\w-]+)"', body))
    return fields - {"csrfmiddlewaretoken"}


# One persona per role: other_citizen and operator_b repeat the citizen's and the operator's.
REPEATED_ROLES = {"other_citizen", "operator_b"}


def _clients(personas) -> list[tuple[str, Client]]:
    clients = [("anonymous", Client(raise_request_exception=False))]
    for name, user in personas.all().items():
        if name in REPEATED_ROLES:
            continue
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append((name, client))
    return clients


@pytest.mark.parametrize("namespace", sorted(WEB_ROUTES))
def test_no_page_answers_a_server_error_to_hostile_input(namespace, personas):
    """Every role sends hostile values in path, query and forms.

    A page with path parameters gets huge numbers from every role and every kind of value
    from an anonymous visitor (a hostile path names nothing, for anyone). A page without
    them is opened normally first (to learn its forms' fields): a role it is not for (sent to
    sign in, 403, 404) sends one hostile form; a role who sees it sends huge numbers in its
    query and forms, and the first who sees it every kind of value. A public page is opened
    normally once, by the anonymous visitor."""
    failures: list[str] = []
    every_role = _clients(personas)
    for route in WEB_ROUTES[namespace]:
        clients = every_role
        if route.startswith(ADMIN):  # the admin sends every non-staff user to its sign-in
            clients = [c for c in every_role if c[0] in {"anonymous", "admin", "operator_a"}]
        _probe_page(route, clients, failures)
    assert not failures, "\n".join(failures)


def _probe_page(route: str, clients, failures: list[str]) -> None:
    has_parameters = "<" in route or "(?P<" in route
    read = _names_read_by_the_code()
    get_names, post_names = set(read["GET"]), set(read["POST"])
    everything = ("huge", "negative", "text")
    seen = public = False
    persona = ""

    def check(response, what: str):
        if response.status_code >= 500:
            failures.append(f"{what} as {persona}: {response.status_code}")
        return response

    for persona, client in clients:
        gets = posts = everything
        if has_parameters and persona != "anonymous":
            gets = posts = ("huge",)
        elif not has_parameters and not public:
            normal = check(client.get(_route(route, "huge")), f"GET {route}")
            if normal.status_code == 200 and "html" in normal.get("Content-Type", ""):
                html = normal.content.decode("utf-8", "replace")
                get_names |= _form_fields(html, "GET")
                post_names |= _form_fields(html, "POST")
            if normal.status_code in {302, 403, 404, 405}:  # not this role's page
                gets, posts = (), ("huge",)
            elif seen:
                gets = posts = ("huge",)
            seen = seen or normal.status_code == 200
            public = persona == "anonymous" and normal.status_code == 200
        elif public:
            gets = posts = ("huge",)
        for kind in everything:
            value = {"huge": HUGE, "negative": "-1", "text": LONG}[kind]
            url = _route(route, kind)
            if kind in gets:
                check(client.get(url, dict.fromkeys(get_names, value)), f"GET {url} ({kind})")
            if kind in posts:
                check(client.post(url, dict.fromkeys(post_names, value)), f"POST {url} ({kind})")


@pytest.mark.parametrize("namespace", sorted(WEB_ROUTES))
def test_a_control_character_in_a_pages_address_or_query_is_refused_with_a_persian_page(
    namespace, personas
):
    failures = []
    signed_in = Client()
    signed_in.force_login(personas.operator_a)
    for persona, client in (("anonymous", Client()), ("operator_a", signed_in)):
        urls = []
        for route in WEB_ROUTES[namespace]:
            urls.append(_route(route, "huge") + "?q=" + quote(NUL))
            if "<" in route or "(?P<" in route:
                urls.append(_route(route, "nul"))
        for url in urls:
            response = client.get(url)
            body = response.content.decode("utf-8", "replace")
            if response.status_code != 400 or 'lang="fa"' not in body or "مجاز" not in body:
                failures.append(f"GET {url!r} as {persona}: {response.status_code}")
    assert not failures, "\n".join(failures)


# --- the API ------------------------------------------------------------------------------


@cache
def _openapi() -> dict:
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))


def _operations_by_tag() -> dict[str, list[tuple[str, str]]]:
    """(path, method) of every operation, by its first tag (one router of the API)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path, methods in _openapi()["paths"].items():
        for method, operation in methods.items():
            found.setdefault(operation.get("tags", ["untagged"])[0], []).append((path, method))
    return found


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = _openapi()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    for combined in ("anyOf", "allOf", "oneOf"):
        if combined in schema:  # e.g. an optional field: anyOf [T, null]
            options = [_resolve(s) for s in schema[combined] if s.get("type") != "null"]
            if options:
                return options[0]
    return schema


def _hostile(schema: dict, kind: str):
    """A value for `schema` of the hostile `kind`: huge, negative, text, wrong_type."""
    schema = _resolve(schema)
    kind_of = schema.get("type")
    if kind_of == "object" or "properties" in schema:
        properties = schema.get("properties") or {"anything": {"type": "string"}}
        return {name: _hostile(sub, kind) for name, sub in properties.items()}
    if kind_of == "array":
        return [_hostile(schema.get("items", {}), kind)]
    if kind_of in {"integer", "number"}:
        return {"huge": 10**30, "negative": -1, "text": 10**30, "wrong_type": "abc"}[kind]
    if kind_of == "boolean":
        return {"huge": 10**30, "negative": -1, "text": LONG, "wrong_type": "abc"}[kind]
    return {"huge": "9" * 40, "negative": "-1", "text": LONG, "wrong_type": 10**30}[kind]


def _query_value(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


KINDS = ("huge", "negative", "text", "wrong_type")


@pytest.mark.parametrize("tag", sorted(_operations_by_tag()))
def test_no_api_operation_answers_a_server_error_to_hostile_input(
    tag, personas, catalogue, trusted_partner
):
    """A signed partner app (one that may open files for signed-in citizens) and every role
    (the public API reads the session: a committee member sees drafts) send hostile path,
    query and body values to every operation."""
    _app, key = trusted_partner(name="Probe", scopes=["catalogue", "files", "payments"])
    callers = [("partner", None), *_clients(personas)]
    failures: list[str] = []
    for path, method in _operations_by_tag()[tag]:
        _probe_operation(path, method, key, callers, failures)
    assert not failures, "\n".join(failures)


def _probe_operation(path: str, method: str, key: str, callers, failures: list[str]) -> None:
    operation = _openapi()["paths"][path][method]
    parameters = operation.get("parameters", [])
    for kind in KINDS:
        url = path
        query = {}
        for parameter in parameters:
            value = _hostile(parameter.get("schema", {}), kind)
            if parameter["in"] == "path":
                url = url.replace("{" + parameter["name"] + "}", quote(_query_value(value)))
            elif parameter["in"] == "query":
                query[parameter["name"]] = _query_value(value)
        if query:
            url += "?" + urlencode(query)
        content = operation.get("requestBody", {}).get("content", {})
        body, content_type = b"", "application/json"
        if "application/json" in content:
            body = json.dumps(_hostile(content["application/json"]["schema"], kind)).encode()
        elif "multipart/form-data" in content:
            from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

            fields = _hostile(content["multipart/form-data"]["schema"], kind)
            fields = {k: _query_value(v) for k, v in fields.items() if k != "file"}
            body = encode_multipart(BOUNDARY, {**fields, "file": _tiny_upload()})
            content_type = MULTIPART_CONTENT
        for caller, client in callers:
            if client is None:
                client = Client(raise_request_exception=False)
                headers = signed_headers(
                    key, method.upper(), url, body, idempotency_key=f"{kind} {method} {path}"[:100]
                )
            else:
                headers = {}
            response = client.generic(
                method.upper(), url, body, content_type=content_type, **headers
            )
            what = f"{method.upper()} {url[:120]} ({kind}) as {caller}"
            if response.status_code >= 500:
                failures.append(f"{what}: {response.status_code}")
            elif response.status_code >= 400 and "error" not in response.json():
                failures.append(f"{what}: {response.status_code} without the error envelope")


def _tiny_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("d.pdf", b"%PDF-1.4 probe")


@pytest.mark.parametrize("tag", sorted(_operations_by_tag()))
def test_a_control_character_anywhere_in_an_api_request_is_refused_in_the_envelope(tag, catalogue):
    _app, key = partner_create(
        actor=Actor.system("test"),
        name="NUL",
        scopes=["catalogue", "files", "complaints", "appointments"],
    )
    failures: list[str] = []
    for path, method in _operations_by_tag()[tag]:
        _probe_control_characters(path, method, key, failures)
    assert not failures, "\n".join(failures)


def _probe_control_characters(path: str, method: str, key: str, failures: list[str]) -> None:
    operation = _openapi()["paths"][path][method]
    filled = re.sub(r"\{\w+\}", quote(NUL), path)
    urls = [path.replace("{", "").replace("}", "") + "?q=" + quote(NUL)]
    if filled != path:
        urls.append(filled)
    for url in urls:
        response = Client().generic(method.upper(), url)
        if response.status_code != 400 or response.json()["error"]["code"] != "control_character":
            failures.append(f"{method.upper()} {url!r}: {response.status_code}")
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content or "multipart/form-data" in content:
        from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

        url = re.sub(r"\{\w+\}", "1", path)
        if "application/json" in content:
            body = json.dumps(_hostile_text(operation, NUL)).encode()
            content_type = "application/json"
        else:
            fields = content["multipart/form-data"]["schema"]["properties"]
            values = {name: NUL for name in fields if name != "file"}
            body = encode_multipart(BOUNDARY, {**values, "file": _tiny_upload()})
            content_type = MULTIPART_CONTENT
        headers = signed_headers(key, method.upper(), url, body, idempotency_key="nul")
        response = Client().generic(method.upper(), url, body, content_type=content_type, **headers)
        error = response.json().get("error", {})
        if response.status_code != 400 or error.get("code") != "control_character":
            failures.append(f"{method.upper()} {url}, NUL in the body: {response.status_code}")


def _hostile_text(operation: dict, text: str):
    schema = operation["requestBody"]["content"]["application/json"]["schema"]  # JSON only

    def fill(schema):
        schema = _resolve(schema)
        if schema.get("type") == "object" or "properties" in schema:
            properties = schema.get("properties") or {"anything": {"type": "string"}}
            return {name: fill(sub) for name, sub in properties.items()}
        return text

    return fill(schema)
