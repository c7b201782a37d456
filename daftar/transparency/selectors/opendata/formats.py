"""The bytes of a published file (CSV and JSON), the data dictionary and the DCAT catalogue.

Both formats are deterministic: the same rows give the same bytes, so re-publishing a day
whose data did not change gives the same SHA-256 (nothing of the moment of publication is
written into a file). CSV is UTF-8 without a byte-order mark, comma-separated, `\\n` line
ends, one header row of the column names; a blank cell is an empty field. JSON is one object:
the dataset, the day, the licence, the column names and the rows as objects (a blank cell is
`null`), UTF-8 with Persian as it is written (not escaped).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from decimal import Decimal

from daftar.transparency.selectors.opendata.datasets import DATASETS, SUPPRESSED, Dataset, Table
from daftar.transparency.selectors.opendata.suppression import THRESHOLD

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_TITLE = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENCE_SPDX = "CC-BY-4.0"
PUBLISHER_FA = "شهرداری تهران"
PUBLISHER_EN = "Tehran Municipality"
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}
FORMATS = tuple(MEDIA_TYPES)

SUPPRESSION_RULE_FA = (
    "هر شمارش ۱ تا ۴ (پرونده، امتیاز، پرداخت یا شکایت) و هر خانه‌ای که از چنین شمارشی به‌دست "
    "آمده خالی می‌ماند و نام آن در ستون suppressed می‌آید. برای آن‌که خانهٔ خالی با کم‌کردن از "
    "جمع‌های منتشرشده بازیابی نشود، در هر گروهی که جمعش جای دیگری منتشر می‌شود دست‌کم دو خانه "
    "خالی است و جمع خانه‌های خالی دست‌کم ۵ است. صفر منتشر می‌شود."
)
SUPPRESSION_RULE_EN = (
    "Any count from 1 to 4 (files, ratings, payments or complaints) and any cell derived from "
    "such a count is left blank and named in the `suppressed` column. So that a blank cell "
    "cannot be recovered by subtracting from published totals, every group of cells whose "
    "total is published elsewhere has at least two blank cells adding up to 5 or more. Zeros "
    "are published."
)


def _value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    names = table.dataset.column_names
    writer.writerow(names)
    for row in table.published_rows():
        writer.writerow(
            [
                " ".join(row[name])
                if name == SUPPRESSED
                else ("" if row[name] is None else _value(row[name]))
                for name in names
            ]
        )
    return out.getvalue().encode("utf-8")


def json_bytes(table: Table) -> bytes:
    document = {
        "dataset": table.dataset.slug,
        "title": {"fa": table.dataset.title_fa, "en": table.dataset.title_en},
        "published_on": table.on.isoformat(),
        "license": LICENCE_URL,
        "columns": table.dataset.column_names,
        "rows": [
            {name: _value(value) for name, value in row.items()} for row in table.published_rows()
        ],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


WRITERS = {"csv": csv_bytes, "json": json_bytes}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dictionary_entry(dataset: Dataset) -> dict:
    return {
        "dataset": dataset.slug,
        "title": {"fa": dataset.title_fa, "en": dataset.title_en},
        "description": {"fa": dataset.description_fa, "en": dataset.description_en},
        "suppressed_marker": SUPPRESSED if dataset.suppresses else None,
        "columns": [
            {
                "name": column.name,
                "type": column.type,
                "unit": column.unit,
                "meaning": {"fa": column.fa, "en": column.en},
            }
            for column in dataset.columns
        ],
    }


def dictionary() -> dict:
    """The data dictionary: every column of every dataset, the licence and the suppression
    rule (what /open-data/dictionary.json serves)."""
    return {
        "license": {"url": LICENCE_URL, "title": LICENCE_TITLE, "spdx": LICENCE_SPDX},
        "publisher": {"fa": PUBLISHER_FA, "en": PUBLISHER_EN},
        "suppression": {
            "threshold": THRESHOLD,
            "marker": SUPPRESSED,
            "rule": {"fa": SUPPRESSION_RULE_FA, "en": SUPPRESSION_RULE_EN},
        },
        "dates": {
            "fa": "تاریخ‌ها میلادی و به قالب ISO 8601 (YYYY-MM-DD) و روزها به وقت تهران‌اند.",
            "en": "Dates are Gregorian ISO 8601 (YYYY-MM-DD); days are Tehran calendar days.",
        },
        "datasets": [dictionary_entry(dataset) for dataset in DATASETS.values()],
    }


def _both(fa: str, en: str) -> list[dict]:
    return [{"@value": fa, "@language": "fa"}, {"@value": en, "@language": "en"}]


def _date(value: datetime.date) -> dict:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _datetime(value: datetime.datetime) -> dict:
    return {"@value": value.isoformat(), "@type": "xsd:dateTime"}


CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def catalogue(latest: dict[str, dict], urls) -> dict:
    """The DCAT catalogue (JSON-LD) of the datasets published, as ckanext-dcat harvests it.

    `latest`: slug → {format: Publication} of the latest publication day; `urls`: an object
    with `catalogue()`, `index()`, `dictionary()` and `download(slug, format)` giving
    absolute URLs.
    """
    publisher = {"@type": "foaf:Organization", "foaf:name": _both(PUBLISHER_FA, PUBLISHER_EN)}
    licence = {"@id": LICENCE_URL}
    entries = []
    first_issued: list[datetime.datetime] = []
    modified: list[datetime.datetime] = []
    for slug, files in latest.items():
        dataset = DATASETS[slug]
        distributions = []
        for fmt, publication in sorted(files.items()):
            url = urls.download(slug, fmt)
            distributions.append(
                {
                    "@id": url,
                    "@type": "dcat:Distribution",
                    "dct:title": _both(
                        f"{dataset.title_fa} ({fmt.upper()})", f"{dataset.title_en} ({fmt.upper()})"
                    ),
                    "dcat:downloadURL": {"@id": url},
                    "dcat:accessURL": {"@id": url},
                    "dcat:mediaType": MEDIA_TYPES[fmt],
                    "dct:format": fmt.upper(),
                    "dcat:byteSize": {"@value": str(publication.size), "@type": "xsd:decimal"},
                    "dct:license": licence,
                    "dct:issued": _datetime(publication.created_at),
                    "dct:modified": _datetime(publication.created_at),
                    "dct:conformsTo": {"@id": urls.dictionary()},
                    "spdx:checksum": {
                        "@type": "spdx:Checksum",
                        "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
                        "spdx:checksumValue": {
                            "@value": publication.sha256,
                            "@type": "xsd:hexBinary",
                        },
                    },
                }
            )
        any_file = next(iter(files.values()))
        modified.append(any_file.created_at)
        entry = {
            "@id": f"{urls.index()}#{slug}",
            "@type": "dcat:Dataset",
            "dct:identifier": slug,
            "dct:title": _both(dataset.title_fa, dataset.title_en),
            "dct:description": _both(dataset.description_fa, dataset.description_en),
            "dct:publisher": publisher,
            "dct:license": licence,
            "dct:language": [{"@id": "http://id.loc.gov/vocabulary/iso639-1/fa"}],
            "dct:modified": _datetime(any_file.created_at),
            "dcat:landingPage": {"@id": f"{urls.index()}#{slug}"},
            "dcat:keyword": _both("تهران", "Tehran"),
            "dcat:distribution": distributions,
        }
        if any_file.issued_at is not None:
            entry["dct:issued"] = _datetime(any_file.issued_at)
            first_issued.append(any_file.issued_at)
        if any_file.first_day is not None:
            entry["dct:temporal"] = {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": _date(any_file.first_day),
                "dcat:endDate": _date(any_file.last_day),
            }
        entries.append(entry)
    document = {
        "@context": CONTEXT,
        "@id": urls.catalogue(),
        "@type": "dcat:Catalog",
        "dct:title": _both("دادهٔ باز دفاتر خدمات الکترونیک شهر تهران", "Daftar open data (Tehran)"),
        "dct:description": _both(
            "آمار روزانهٔ پرونده‌ها، زمان تکمیل، امتیازها، وصولی‌ها، دفاتر، رتبه‌ها و شکایت‌ها",
            "Daily figures of files, completion times, ratings, collections, offices, grades "
            "and complaints",
        ),
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:language": [{"@id": "http://id.loc.gov/vocabulary/iso639-1/fa"}],
        "foaf:homepage": {"@id": urls.index()},
        "dcat:dataset": entries,
    }
    if first_issued:
        document["dct:issued"] = _datetime(min(first_issued))
    if modified:
        document["dct:modified"] = _datetime(max(modified))
    return document
