"""Transparency pages: open data: the published datasets, each file's SHA-256 and its catalogue
entry.

Public, no sign-in, stable URLs:

- /open-data/ — the index for people (each dataset, its files, size, rows, SHA-256, last
  update, and its dictionary);
- /open-data/<slug>.csv and .json — the latest publication;
- /open-data/<slug>/<yyyy-mm-dd>.csv and .json — a past publication;
- /open-data/dictionary.json — the data dictionary;
- /open-data/catalog.jsonld — the DCAT catalogue (JSON-LD) harvesters read.

Files are served as published (the bytes whose SHA-256 the audit log holds), with an ETag of
that hash and Last-Modified of the publication.
"""

from __future__ import annotations

import datetime
import json

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.urls import path, re_path, reverse
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from daftar.transparency.selectors import opendata as selectors
from daftar.transparency.selectors.opendata import formats
from daftar.transparency.selectors.opendata.suppression import THRESHOLD

MAX_AGE = 3600


def _not_found(request: HttpRequest) -> HttpResponse:
    """The open-data 404: says what exists and leads back to the list."""
    return render(
        request,
        "transparency/opendata/not_found.html",
        {"datasets": list(selectors.DATASETS.values())},
        status=404,
    )


class _Urls:
    """Absolute URLs for the catalogue, from the request's host."""

    def __init__(self, request: HttpRequest):
        self.request = request

    def _absolute(self, name: str, **kwargs) -> str:
        return self.request.build_absolute_uri(reverse(f"transparency:{name}", kwargs=kwargs))

    def index(self) -> str:
        return self._absolute("opendata_index")

    def catalogue(self) -> str:
        return self._absolute("opendata_catalogue")

    def dictionary(self) -> str:
        return self._absolute("opendata_dictionary")

    def download(self, slug: str, fmt: str) -> str:
        return self._absolute("opendata_latest", slug=slug, fmt=fmt)


@login_not_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    latest = selectors.publications_latest()
    persian = get_language() != "en"
    rows = []
    for slug, dataset in selectors.DATASETS.items():
        files = latest.get(slug, {})
        any_file = next(iter(files.values()), None)
        rows.append(
            {
                "dataset": dataset,
                "title": dataset.title_fa if persian else dataset.title_en,
                "description": dataset.description_fa if persian else dataset.description_en,
                "files": [files[fmt] for fmt in selectors.FORMATS if fmt in files],
                "publication": any_file,
                "columns": [
                    (column.name, column.type, column.unit, column.fa if persian else column.en)
                    for column in dataset.columns
                ],
            }
        )
    return render(
        request,
        "transparency/opendata/index.html",
        {
            "rows": rows,
            "licence_url": formats.LICENCE_URL,
            "licence_title": formats.LICENCE_TITLE,
            "threshold": THRESHOLD,
            "rule": formats.SUPPRESSION_RULE_FA if persian else formats.SUPPRESSION_RULE_EN,
        },
    )


def _serve(request: HttpRequest, publication) -> HttpResponse:
    etag = f'"{publication.sha256}"'
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    data = selectors.publication_bytes(publication)
    if data is None:
        return _not_found(request)
    charset = "; charset=utf-8"
    response = HttpResponse(data, content_type=selectors.MEDIA_TYPES[publication.format] + charset)
    name = f"daftar-{publication.dataset}-{publication.published_on.isoformat()}"
    disposition = "attachment" if publication.format == "csv" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{publication.format}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(publication.created_at.timestamp())
    response["X-Content-SHA256"] = publication.sha256
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
@require_safe
def latest(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    publication = selectors.publication_get(slug, fmt)
    if publication is None:
        return _not_found(request)
    return _serve(request, publication)


@login_not_required
@require_safe
def past(request: HttpRequest, slug: str, day: str, fmt: str) -> HttpResponse:
    try:
        on = datetime.date.fromisoformat(day)
    except ValueError:
        return _not_found(request)
    publication = selectors.publication_get(slug, fmt, on)
    if publication is None:
        return _not_found(request)
    return _serve(request, publication)


@login_not_required
def missing(request: HttpRequest) -> HttpResponse:
    """Anything else under /open-data/: the open-data 404."""
    return _not_found(request)


@login_not_required
@require_safe
def dictionary(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(selectors.dictionary(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    document = selectors.catalogue(selectors.publications_latest(), _Urls(request))
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


FILE = r"(?P<slug>[a-z0-9_-]+)"
FORMAT = r"(?P<fmt>[a-z0-9]+)"  # an unknown format gets the open-data 404, like a slug
DAY = r"(?P<day>\d{4}-\d{2}-\d{2})"

urlpatterns = [
    path("open-data/", index, name="opendata_index"),
    path("open-data/dictionary.json", dictionary, name="opendata_dictionary"),
    path("open-data/catalog.jsonld", catalogue, name="opendata_catalogue"),
    re_path(rf"^open-data/{FILE}\.{FORMAT}$", latest, name="opendata_latest"),
    re_path(rf"^open-data/{FILE}/{DAY}\.{FORMAT}$", past, name="opendata_past"),
    re_path(r"^open-data/.+$", missing),
]
