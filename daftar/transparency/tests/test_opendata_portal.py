"""The portal's figures can be recomputed from the published files: the service mix of a period
(by domain, for the city and for a district) is the sum of the files dataset's rows; where
cells were suppressed, what the portal shows beyond the published cells is exactly the sum of
the blank cells, spread over two or more of them and never below 5."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from daftar.core.actors import Actor
from daftar.transparency.models import FileDay
from daftar.transparency.selectors.aggregates import portal_filter, service_mix
from daftar.transparency.services.opendata import opendata_publish
from daftar.transparency.tests import test_opendata_world as world
from daftar.transparency.tests.test_opendata_world import YESTERDAY, csv_rows

city, open_data_dir = world.city, world.open_data_dir

pytestmark = pytest.mark.django_db

START = YESTERDAY - datetime.timedelta(days=4)


def _published_files(capture, open_data_dir) -> list[dict]:
    with capture(execute=True):
        publications = opendata_publish(actor=Actor.system("open-data"), on=YESTERDAY)
    files = next(p for p in publications if (p.dataset, p.format) == ("files", "csv"))
    return csv_rows((open_data_dir / files.path).read_bytes())


def _mix_from_files(rows, district=None) -> Counter:
    """What a reader of the CSV computes: submitted files per domain in START..YESTERDAY."""
    mix: Counter = Counter()
    for row in rows:
        in_period = START.isoformat() <= row["day"] <= YESTERDAY.isoformat()
        if in_period and (district is None or row["district"] == str(district)):
            mix[row["domain"]] += int(row["submitted"] or 0)
    return mix


def _mix_on_portal(district=None) -> Counter:
    shares = service_mix(portal_filter(START, YESTERDAY, district))
    return Counter({share.key: share.count for share in shares})


def test_the_service_mix_of_a_period_is_the_sum_of_the_published_files(
    city, django_capture_on_commit_callbacks, open_data_dir
):
    # given five days of files in two districts and on the web, no cell below 5
    for back in range(6):
        day = YESTERDAY - datetime.timedelta(days=back)
        city.files(day, city.permit, city.north, submitted=5 + back)
        city.files(day, city.renewal, city.south, submitted=7)
        city.files(day, city.parking, None, submitted=20 + back, channel="web")
    rows = _published_files(django_capture_on_commit_callbacks, open_data_dir)
    # then the portal's counts per domain are the files' sums, for the city and a district
    assert _mix_from_files(rows) == _mix_on_portal()
    assert _mix_from_files(rows, district=16) == _mix_on_portal(district=16)
    assert _mix_on_portal()["parking"] == sum(20 + back for back in range(5))


def test_where_cells_are_suppressed_the_portal_differs_only_by_two_or_more_blank_cells_of_5_or_more(
    city, django_capture_on_commit_callbacks, open_data_dir
):
    # given a day on which one office took only 2 files
    city.files(YESTERDAY, city.permit, city.north, submitted=2)
    city.files(YESTERDAY, city.renewal, city.south, submitted=6)
    city.files(YESTERDAY, city.parking, None, submitted=30, channel="web")
    rows = _published_files(django_capture_on_commit_callbacks, open_data_dir)
    blank = [row for row in rows if "submitted" in row["suppressed"].split()]
    # then the small cell and a complement are blank, and the rest add up
    assert len(blank) >= 2
    portal, published = _mix_on_portal(), _mix_from_files(rows)
    hidden = sum(portal.values()) - sum(published.values())
    true_values = {(row.service.code, row.channel): row.submitted for row in FileDay.objects.all()}
    assert hidden == sum(true_values[(row["service"], row["channel"])] for row in blank)
    assert hidden >= 5
    # and a domain whose cells are all shown agrees exactly
    assert portal["parking"] == published["parking"] == 30
