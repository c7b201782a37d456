"""Transparency selectors: open data: the published datasets, each file's SHA-256 and its catalogue
entry.

`datasets` says what each dataset holds and reads its rows, `suppression` blanks the small
cells, `formats` writes the bytes, the dictionary and the DCAT catalogue; this module reads
the publications (which files exist, where, with which hash).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.db.models import Max, Min

from daftar.transparency.models import Publication
from daftar.transparency.selectors.opendata.datasets import (
    DATASETS,
    Dataset,
    Table,
    dataset_get,
    dataset_table,
)
from daftar.transparency.selectors.opendata.formats import (
    FORMATS,
    MEDIA_TYPES,
    WRITERS,
    catalogue,
    dictionary,
    sha256_hex,
)

__all__ = [
    "DATASETS",
    "FORMATS",
    "MEDIA_TYPES",
    "WRITERS",
    "Dataset",
    "Table",
    "catalogue",
    "dataset_get",
    "dataset_table",
    "dictionary",
    "sha256_hex",
]


def open_data_dir() -> Path:
    """Where the published files live: OPEN_DATA_DIR, or `open-data` under the var dir."""
    configured = getattr(settings, "OPEN_DATA_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "open-data"


def relative_path(slug: str, fmt: str, on: datetime.date) -> str:
    return f"{slug}/{on.isoformat()}.{fmt}"


def publication_path(publication: Publication) -> Path:
    return open_data_dir() / publication.path


def publications_of_day(on: datetime.date) -> dict[tuple[str, str], Publication]:
    """(slug, format) → the publication of `on` (one query)."""
    return {(p.dataset, p.format): p for p in Publication.objects.filter(published_on=on)}


def latest_day() -> datetime.date | None:
    return Publication.objects.aggregate(day=Max("published_on"))["day"]


def publications_latest() -> dict[str, dict[str, Publication]]:
    """slug → {format: publication} of the latest publication day, in the datasets' order;
    each carries `issued_at`, when its dataset was first published (three queries)."""
    day = latest_day()
    if day is None:
        return {}
    first = dict(
        Publication.objects.values("dataset")
        .annotate(first=Min("created_at"))
        .values_list("dataset", "first")
    )
    found: dict[str, dict[str, Publication]] = {}
    for publication in Publication.objects.filter(published_on=day):
        publication.issued_at = first.get(publication.dataset)
        found.setdefault(publication.dataset, {})[publication.format] = publication
    return {slug: found[slug] for slug in DATASETS if slug in found}


def publication_get(slug: str, fmt: str, on: datetime.date | None = None) -> Publication | None:
    """The publication of `slug` in `fmt` on `on` (None: the latest); None if there is none."""
    if slug not in DATASETS or fmt not in FORMATS:
        return None
    publications = Publication.objects.filter(dataset=slug, format=fmt)
    if on is not None:
        publications = publications.filter(published_on=on)
    return publications.order_by("-published_on").first()


def publication_days(slug: str, limit: int = 30) -> list[datetime.date]:
    """The latest days `slug` was published (newest first)."""
    return list(
        Publication.objects.filter(dataset=slug, format="csv")
        .order_by("-published_on")
        .values_list("published_on", flat=True)[:limit]
    )


def publication_bytes(publication: Publication) -> bytes | None:
    """The published file's bytes, or None if the file is not (or no longer) on disk."""
    try:
        return publication_path(publication).read_bytes()
    except FileNotFoundError:
        return None
