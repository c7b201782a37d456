"""Open data on a phone and a desktop, signed out: the index lists every dataset with its
files, hashes and columns, fits a 390 px screen, passes the page checks (docs/pages.md), and
its download buttons give the published file."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest
from django.utils import timezone

from daftar.core.actors import Actor
from daftar.transparency.models import CollectionDay, FileDay
from daftar.transparency.selectors.opendata import DATASETS
from daftar.transparency.services.opendata import opendata_publish
from tests.browser.journey import Journey
from tests.browser.pages import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(personas, catalogue, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path / "open-data"
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    office = personas.office_a
    for back in range(5):
        day = yesterday - datetime.timedelta(days=back)
        FileDay.objects.create(
            day=day,
            service=catalogue.service,
            domain=catalogue.domain,
            department=catalogue.department,
            office=office,
            district=office.district,
            channel="office",
            submitted=12 + back,
            completed=9,
            approved=9,
            within_sla=8,
            breached=1,
            completion_days={"4": 9},
        )
        CollectionDay.objects.create(
            day=day, channel="pos", office=office, district=office.district, payments=9, rials=1
        )
    return opendata_publish(actor=Actor.system("open-data"), on=yesterday)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_visitor_reads_the_open_data_index_and_downloads_a_file(
    browser, live_server, published, size
):
    with Journey(browser, live_server, role=f"open_data_{size.name}", size=size) as j:
        page = j.page
        j.goto("/open-data/")
        j.step("index", check=True)
        text = j.main_text()
        for dataset in DATASETS.values():
            assert dataset.title_fa in text
        csv_file = next(p for p in published if (p.dataset, p.format) == ("files", "csv"))
        assert csv_file.sha256 in text
        with page.expect_download() as download:
            page.get_by_test_id("file-files-csv").get_by_role("link").click()
        data = Path(download.value.path()).read_bytes()
        assert hashlib.sha256(data).hexdigest() == csv_file.sha256
        j.finish()
