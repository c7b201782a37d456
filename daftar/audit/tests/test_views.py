"""Checkpoint downloads: public, from the published files, for auditors and anyone else."""

from __future__ import annotations

import pytest

from daftar.audit import checkpoints, publication
from daftar.audit.tests.helpers import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_checkpoints(make_checkpoint):
    record(2)
    first = make_checkpoint()
    record(1, "office:T0101")
    return first, make_checkpoint()


@pytest.mark.parametrize("who", ["anonymous", "auditor", "council", "citizen"])
def test_anyone_can_download_the_latest_checkpoint_and_verify_it(
    client, personas, two_checkpoints, who
):
    if who != "anonymous":
        client.force_login(getattr(personas, who))
    response = client.get("/audit/checkpoints/latest.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "daftar-audit-checkpoint-000002.json" in response["Content-Disposition"]
    downloaded = checkpoints.parse_checkpoint(response.content)
    checkpoints.check(downloaded)  # signature and Merkle root hold
    assert downloaded.number == 2
    assert downloaded.merkle_root == two_checkpoints[1].merkle_root


def test_a_past_checkpoint_is_served_by_number_and_never_changes(client, two_checkpoints):
    first, _second = two_checkpoints
    assert first.number == 1
    response = client.get("/audit/checkpoints/1.json")
    assert response.status_code == 200
    assert response.content == publication.published_bytes(1)
    assert "immutable" in response["Cache-Control"]
    assert client.get("/audit/checkpoints/3.json").status_code == 404


def test_the_files_are_served_from_the_publication_not_from_the_database(client, two_checkpoints):
    # a checkpoint row is there, but its file was never published: nothing to download
    (publication.directory() / publication.file_name(2)).unlink()
    assert client.get("/audit/checkpoints/2.json").status_code == 404
    assert (
        checkpoints.parse_checkpoint(client.get("/audit/checkpoints/latest.json").content).number
        == 1
    )


def test_the_index_lists_checkpoints_and_the_public_keys(client, two_checkpoints):
    body = client.get("/audit/checkpoints/").json()
    assert body["public_keys"] == checkpoints.public_keys()
    assert body["latest"] == "/audit/checkpoints/latest.json"
    assert [c["url"] for c in body["checkpoints"]] == [
        "/audit/checkpoints/2.json",
        "/audit/checkpoints/1.json",
    ]


def test_before_any_checkpoint_there_is_nothing_to_download(client):
    assert client.get("/audit/checkpoints/latest.json").status_code == 404
    assert client.get("/audit/checkpoints/").json()["checkpoints"] == []


def test_the_downloads_are_read_only(client, two_checkpoints):
    assert client.post("/audit/checkpoints/latest.json").status_code == 405
