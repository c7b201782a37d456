"""Publishing the open data: every dataset in CSV and JSON, a row per file with its SHA-256,
one audit entry listing the hashes, files on disk after the commit; re-publishing the same
day changes nothing; bad input changes nothing."""

from __future__ import annotations

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import Forbidden, InvalidInput
from daftar.transparency.error_codes import TransparencyErrorCode
from daftar.transparency.models import Publication
from daftar.transparency.selectors import opendata as selectors
from daftar.transparency.services.common import STREAM
from daftar.transparency.services.opendata import opendata_publish
from daftar.transparency.tests import test_opendata_world as world
from daftar.transparency.tests.test_opendata_world import YESTERDAY, csv_rows, json_rows

city, open_data_dir = world.city, world.open_data_dir

pytestmark = pytest.mark.django_db

JOB = Actor.system("open-data")


def _publish(capture, on=None):
    with capture(execute=True):
        return opendata_publish(actor=JOB, on=on)


def test_publishing_writes_every_dataset_in_both_formats_with_its_hash_rows_and_days(
    city, django_capture_on_commit_callbacks, open_data_dir
):
    # given a week of files in two districts
    for back in range(7):
        city.files(YESTERDAY - datetime.timedelta(days=back), city.permit, city.north, submitted=9)
    # when the open data is published
    publications = _publish(django_capture_on_commit_callbacks)
    # then each of the eight datasets has a CSV and a JSON file whose hash is the file's
    assert {(p.dataset, p.format) for p in publications} == {
        (slug, fmt) for slug in selectors.DATASETS for fmt in ("csv", "json")
    }
    files = {p.format: p for p in publications if p.dataset == "files"}
    for publication in publications:
        data = (open_data_dir / publication.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == publication.sha256
        assert len(data) == publication.size
    assert files["csv"].row_count == files["json"].row_count == 7
    assert files["csv"].first_day == YESTERDAY - datetime.timedelta(days=6)
    assert files["csv"].last_day == YESTERDAY
    assert files["csv"].published_on == YESTERDAY
    rows = csv_rows((open_data_dir / files["csv"].path).read_bytes())
    assert (rows[0]["service"], rows[0]["district"]) == ("bp-file-open", "3")
    assert (rows[0]["submitted"], rows[0]["suppressed"]) == ("9", "")


def test_the_audit_entry_of_a_publication_lists_every_files_sha256(
    city, django_capture_on_commit_callbacks
):
    city.files(YESTERDAY, city.permit, city.north, submitted=12)
    publications = _publish(django_capture_on_commit_callbacks)
    entry = AuditEntry.objects.get(stream=STREAM, action="opendata.published")
    assert entry.object_id == YESTERDAY.isoformat()
    recorded = entry.after["files"]
    assert len(recorded) == len(publications) == 16
    for publication in publications:
        record = recorded[f"{publication.dataset}.{publication.format}"]
        assert record["sha256"] == publication.sha256
        assert record["rows"] == publication.row_count


def test_republishing_the_same_day_with_the_same_figures_changes_nothing(
    city, django_capture_on_commit_callbacks, open_data_dir
):
    city.files(YESTERDAY, city.permit, city.north, submitted=12)
    first = _publish(django_capture_on_commit_callbacks)
    entries = AuditEntry.objects.filter(stream=STREAM).count()
    # when the same day is published again (the job ran twice)
    second = _publish(django_capture_on_commit_callbacks)
    # then the same rows stand, nothing more is audited, the hashes are the same
    assert [p.pk for p in second] == [p.pk for p in first]
    assert Publication.objects.count() == 16
    assert AuditEntry.objects.filter(stream=STREAM).count() == entries


def test_republishing_writes_a_file_lost_on_disk_again(
    city, django_capture_on_commit_callbacks, open_data_dir
):
    city.files(YESTERDAY, city.permit, city.north, submitted=12)
    publication = next(
        p for p in _publish(django_capture_on_commit_callbacks) if p.dataset == "files"
    )
    (open_data_dir / publication.path).unlink()
    _publish(django_capture_on_commit_callbacks)
    data = (open_data_dir / publication.path).read_bytes()
    assert hashlib.sha256(data).hexdigest() == publication.sha256


def test_a_day_whose_figures_changed_is_replaced_and_the_audit_keeps_both_hashes(
    city, django_capture_on_commit_callbacks, open_data_dir
):
    row = city.files(YESTERDAY, city.permit, city.north, submitted=12)
    old = {
        p.format: p.sha256
        for p in _publish(django_capture_on_commit_callbacks)
        if p.dataset == "files"
    }
    # when a late edit is rebuilt into the aggregates and the day published again
    row.submitted = 13
    row.save()
    new = {
        p.format: p for p in _publish(django_capture_on_commit_callbacks) if p.dataset == "files"
    }
    assert new["csv"].sha256 != old["csv"]
    assert Publication.objects.filter(published_on=YESTERDAY).count() == 16
    entry = AuditEntry.objects.get(stream=STREAM, action="opendata.republished")
    assert entry.before["files"]["files.csv"]["sha256"] == old["csv"]
    assert entry.after["files"]["files.csv"]["sha256"] == new["csv"].sha256
    assert csv_rows((open_data_dir / new["csv"].path).read_bytes())[0]["submitted"] == "13"


@pytest.mark.parametrize("days_ahead", [0, 1, 400])
def test_a_day_that_has_not_ended_is_refused_and_nothing_is_written(
    city, django_capture_on_commit_callbacks, open_data_dir, days_ahead
):
    city.files(YESTERDAY, city.permit, city.north, submitted=12)
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    with pytest.raises(InvalidInput) as refused:
        _publish(django_capture_on_commit_callbacks, on=day)
    assert refused.value.code == TransparencyErrorCode.OPEN_DATA_DAY_NOT_ENDED
    assert refused.value.field == "on"
    assert "before today" in refused.value.render("en")
    assert "امروز" in refused.value.render("fa")
    assert not Publication.objects.exists()
    assert not AuditEntry.objects.filter(stream=STREAM).exists()
    assert not open_data_dir.exists()


def test_a_day_given_as_text_is_refused(city, django_capture_on_commit_callbacks):
    with pytest.raises(InvalidInput):
        _publish(django_capture_on_commit_callbacks, on="2026-01-01")
    assert not Publication.objects.exists()


def test_only_the_system_or_a_system_administrator_may_publish(
    personas, city, django_capture_on_commit_callbacks
):
    for user in (personas.citizen, personas.council, personas.supervisor):
        with pytest.raises(Forbidden):
            opendata_publish(actor=Actor.for_user(user))
    assert not Publication.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        opendata_publish(actor=Actor.for_user(personas.admin), on=YESTERDAY)
    assert Publication.objects.count() == 16


def test_a_past_day_is_published_with_the_data_up_to_that_day_only(
    city, django_capture_on_commit_callbacks, open_data_dir
):
    city.files(YESTERDAY - datetime.timedelta(days=3), city.permit, city.north, submitted=7)
    city.files(YESTERDAY, city.permit, city.north, submitted=8)
    earlier = YESTERDAY - datetime.timedelta(days=2)
    published = _publish(django_capture_on_commit_callbacks, on=earlier)
    files = {p.format: p for p in published if p.dataset == "files"}
    rows = json_rows((open_data_dir / files["json"].path).read_bytes())
    assert [row["submitted"] for row in rows] == [7]
    assert files["csv"].path == f"files/{earlier.isoformat()}.csv"


def test_the_command_publishes_and_prints_each_files_hash(city, django_capture_on_commit_callbacks):
    city.files(YESTERDAY, city.permit, city.north, submitted=12)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_open_data", "--day", YESTERDAY.isoformat(), stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 16
    assert f"  files/{YESTERDAY.isoformat()}.csv" in out.getvalue()


def test_the_command_refuses_a_day_that_has_not_ended_in_words(city):
    with pytest.raises(CommandError, match="before today"):
        call_command("publish_open_data", "--day", timezone.localdate().isoformat())
    with pytest.raises(CommandError, match="not a day"):
        call_command("publish_open_data", "--day", "1405-13-40")
    assert not Publication.objects.exists()
