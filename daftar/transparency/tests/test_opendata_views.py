"""The open-data pages and files at their stable URLs, public and without sign-in: the index,
the latest and past files with their types and hashes, the data dictionary (every column of
every file described) and the DCAT catalogue (JSON-LD that harvesters read)."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from daftar.core.actors import Actor
from daftar.transparency.selectors.opendata import DATASETS
from daftar.transparency.services.opendata import opendata_publish
from daftar.transparency.tests import test_opendata_world as world
from daftar.transparency.tests.test_opendata_world import YESTERDAY

city, open_data_dir = world.city, world.open_data_dir

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(city, django_capture_on_commit_callbacks):
    for back in range(3):
        day = YESTERDAY - datetime.timedelta(days=back)
        city.files(day, city.permit, city.north, submitted=11, completed=8, breached=1)
        city.files(day, city.parking, None, submitted=2, ratings=6, rating_5=6, rating_sum=30)
        city.collected(day, "pos", city.north, payments=9, rials=19_800_000)
    with django_capture_on_commit_callbacks(execute=True):
        return opendata_publish(actor=Actor.system("open-data"), on=YESTERDAY)


@pytest.fixture
def client():
    return Client()


def test_the_index_lists_every_dataset_with_its_files_hashes_and_columns_in_persian(
    client, published
):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/open-data/")
    assert response.status_code == 200
    assert len(queries) <= 6  # session-free public page: latest day, first dates, the day's rows
    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert "دادهٔ باز" in page
    for slug, dataset in DATASETS.items():
        assert dataset.title_fa in page
        assert f'href="/open-data/{slug}.csv"' in page
        assert f'href="/open-data/{slug}.json"' in page
        for column in dataset.columns:
            assert f">{column.name}<" in page
    for publication in published:
        assert publication.sha256 in page
    assert "CC BY 4.0" in page


def test_the_index_before_any_publication_says_when_the_files_will_come(client, db):
    response = client.get("/open-data/")
    assert response.status_code == 200
    assert "هنوز منتشر نشده است" in response.content.decode()


def test_the_index_in_english_reads_in_english(client, published, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/open-data/")
    assert DATASETS["files"].title_en in response.content.decode()


def test_the_latest_csv_is_served_as_published_with_its_type_name_and_hash(client, published):
    csv_file = next(p for p in published if (p.dataset, p.format) == ("files", "csv"))
    response = client.get("/open-data/files.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="daftar-files-{YESTERDAY.isoformat()}.csv"'
    )
    assert hashlib.sha256(response.content).hexdigest() == csv_file.sha256
    assert response["ETag"] == f'"{csv_file.sha256}"'
    assert response["X-Content-SHA256"] == csv_file.sha256
    assert "Last-Modified" in response
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert header == DATASETS["files"].column_names


def test_a_client_holding_the_same_file_gets_not_modified(client, published):
    first = client.get("/open-data/files.json")
    again = client.get("/open-data/files.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_the_latest_json_is_served_as_json(client, published):
    response = client.get("/open-data/collections.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content)
    assert document["dataset"] == "collections"
    assert document["rows"][0]["rials"] == 19_800_000


def test_a_past_publication_is_served_from_its_dated_url(
    client, city, published, django_capture_on_commit_callbacks
):
    earlier = YESTERDAY - datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        opendata_publish(actor=Actor.system("open-data"), on=earlier)
    response = client.get(f"/open-data/files/{earlier.isoformat()}.csv")
    assert response.status_code == 200
    days = {row["day"] for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert max(days) == earlier.isoformat()
    latest = client.get("/open-data/files.csv")
    assert latest.content != response.content


@pytest.mark.parametrize(
    "url",
    [
        "/open-data/people.csv",
        "/open-data/files.xlsx",
        "/open-data/files/2020-01-01.csv",
        "/open-data/files/2026-02-31.csv",
        "/open-data/people/2026-01-01.json",
    ],
)
def test_an_unknown_dataset_file_or_day_is_a_404_page_in_persian(client, published, url):
    response = client.get(url)
    assert response.status_code == 404
    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert ("مجموعه‌داده پیدا نشد" in page) or ("یافت نشد" in page)


def test_an_unknown_slug_page_leads_back_to_the_datasets(client, published):
    page = client.get("/open-data/people.csv").content.decode()
    assert "مجموعه‌داده پیدا نشد" in page
    assert 'href="/open-data/"' in page


def test_the_files_refuse_to_be_written_to(client, published):
    assert client.post("/open-data/files.csv").status_code == 405


def test_the_dictionary_describes_every_column_of_every_published_file_in_both_languages(
    client, published, open_data_dir
):
    dictionary = client.get("/open-data/dictionary.json").json()
    described = {entry["dataset"]: entry for entry in dictionary["datasets"]}
    assert set(described) == set(DATASETS)
    assert dictionary["license"]["spdx"] == "CC-BY-4.0"
    assert dictionary["suppression"]["threshold"] == 5
    for publication in published:
        columns = {c["name"]: c for c in described[publication.dataset]["columns"]}
        data = (open_data_dir / publication.path).read_bytes().decode("utf-8")
        if publication.format == "csv":
            names = next(csv.reader(io.StringIO(data)))
        else:
            document = json.loads(data)
            names = document["columns"]
            for row in document["rows"]:
                assert list(row) == names
        assert names == list(columns), publication.dataset
        for column in columns.values():
            assert column["meaning"]["fa"]
            assert column["meaning"]["en"]
            assert column["type"] in {"date", "integer", "decimal", "string", "list"}


def test_the_dcat_catalogue_lists_every_dataset_with_checksummed_distributions_that_resolve(
    client, published
):
    response = client.get("/open-data/catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    catalogue = json.loads(response.content)
    assert catalogue["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalogue["@context"]["dct"] == "http://purl.org/dc/terms/"
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["@id"] == "http://testserver/open-data/catalog.jsonld"
    assert {"dct:title", "dct:description", "dct:publisher", "dct:license"} <= set(catalogue)
    hashes = {f"/open-data/{p.dataset}.{p.format}": p.sha256 for p in published}
    assert len(catalogue["dcat:dataset"]) == len(DATASETS)
    for dataset in catalogue["dcat:dataset"]:
        assert dataset["@type"] == "dcat:Dataset"
        assert {title["@language"] for title in dataset["dct:title"]} == {"fa", "en"}
        for key in ("dct:description", "dct:license", "dct:publisher", "dct:modified"):
            assert key in dataset, key
        assert "dct:issued" in dataset
        assert len(dataset["dcat:distribution"]) == 2
        for distribution in dataset["dcat:distribution"]:
            url = distribution["dcat:downloadURL"]["@id"]
            assert url.startswith("http://testserver/open-data/")
            path = url.removeprefix("http://testserver")
            download = client.get(path)
            assert download.status_code == 200, url
            assert download["Content-Type"].startswith(distribution["dcat:mediaType"])
            checksum = distribution["spdx:checksum"]
            assert checksum["spdx:algorithm"]["@id"] == "spdx:checksumAlgorithm_sha256"
            assert checksum["spdx:checksumValue"]["@value"] == hashes[path]
            assert hashlib.sha256(download.content).hexdigest() == hashes[path]


def test_the_catalogue_before_any_publication_is_an_empty_catalogue(client, db):
    catalogue = json.loads(client.get(reverse("transparency:opendata_catalogue")).content)
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["dcat:dataset"] == []


def test_the_404_page_in_english_names_the_datasets_in_english(client, published, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/open-data/people.csv")
    assert response.status_code == 404
    assert DATASETS["files"].title_en in response.content.decode()


def test_the_dcat_catalogue_is_rdf_that_a_harvester_reads(client, published):
    """Parsed as RDF (rdflib's JSON-LD parser, as CKAN's DCAT harvester does), not as JSON: the
    catalogue's triples name every dataset, its bilingual titles, licence, publisher, dates
    typed as dates, and distributions whose download URLs, media types and SHA-256 checksums
    are what the files are."""
    from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

    dcat = Namespace("http://www.w3.org/ns/dcat#")
    dct = Namespace("http://purl.org/dc/terms/")
    spdx = Namespace("http://spdx.org/rdf/terms#")
    response = client.get("/open-data/catalog.jsonld")
    graph = Graph().parse(data=response.content, format="json-ld")

    catalogue = URIRef("http://testserver/open-data/catalog.jsonld")
    assert (catalogue, RDF.type, dcat.Catalog) in graph
    datasets = set(graph.objects(catalogue, dcat.dataset))
    assert len(datasets) == len(DATASETS)
    assert set(graph.subjects(RDF.type, dcat.Dataset)) == datasets
    hashes = {f"http://testserver/open-data/{p.dataset}.{p.format}": p.sha256 for p in published}
    seen = set()
    for dataset in datasets:
        titles = {title.language for title in graph.objects(dataset, dct.title)}
        assert titles == {"fa", "en"}
        assert isinstance(graph.value(dataset, dct.license), URIRef)
        assert graph.value(dataset, dct.publisher) is not None
        modified = graph.value(dataset, dct.modified)
        assert isinstance(modified, Literal)
        assert modified.datatype in {XSD.date, XSD.dateTime}, modified
        for distribution in graph.objects(dataset, dcat.distribution):
            url = graph.value(distribution, dcat.downloadURL)
            assert isinstance(url, URIRef)
            seen.add(str(url))
            assert str(graph.value(distribution, dcat.mediaType)) in {
                "text/csv",
                "application/json",
            }
            checksum = graph.value(distribution, spdx.checksum)
            assert graph.value(checksum, spdx.algorithm) == spdx.checksumAlgorithm_sha256
            value = graph.value(checksum, spdx.checksumValue)
            assert str(value) == hashes[str(url)]
    assert seen == set(hashes)
