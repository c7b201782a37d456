"""What the open-data tests share (no tests here): a small city of services, districts and
offices, daily aggregate rows written as the aggregates' build would write them, and the
open-data directory in a temporary folder."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone

from daftar.catalogue.models import Service, ServiceDomain
from daftar.offices.tests.factories import DistrictFactory, OfficeFactory
from daftar.transparency.models import CollectionDay, FileDay
from daftar.workflow.definitions import workflow_install

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def open_data_dir(settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path / "open-data"
    return settings.OPEN_DATA_DIR


class City:
    """Two domains (three services), two districts with an office each, and remote requests."""

    def __init__(self, catalogue):
        self.permit = catalogue.service
        self.department = catalogue.department
        transport_domain = ServiceDomain.objects.create(
            code="parking",
            name_fa="پارک حاشیه‌ای",
            name_en="Street parking",
            department=catalogue.other_department,
        )
        self.parking = Service.objects.create(
            code="parking-permit",
            title_fa="مجوز پارک حاشیه‌ای",
            title_en="Street parking permit",
            domain=transport_domain,
            department=catalogue.other_department,
            channel_office=True,
            channel_web=True,
            sla_days=5,
            workflow=workflow_install("permit"),
        )
        self.renewal = Service.objects.create(
            code="bp-renewal",
            title_fa="تمدید پروانه ساختمانی",
            title_en="Building permit renewal",
            domain=catalogue.domain,
            department=catalogue.department,
            channel_office=True,
            sla_days=7,
            workflow=workflow_install("permit"),
        )
        self.north = OfficeFactory(code="T0301", district=DistrictFactory(number=3))
        self.south = OfficeFactory(code="T1601", district=DistrictFactory(number=16))

    def files(self, day, service, office=None, channel=None, **counts) -> FileDay:
        """One aggregate row as the build writes it (completed = within + breached)."""
        completed = counts.pop("completed", 0)
        breached = counts.pop("breached", 0)
        return FileDay.objects.create(
            day=day,
            service=service,
            domain=service.domain,
            department=service.department,
            office=office,
            district=office.district if office else None,
            channel=channel or ("office" if office else "web"),
            completed=completed,
            approved=completed,
            within_sla=completed - breached,
            breached=breached,
            completion_days={"3": completed} if completed else {},
            **counts,
        )

    def collected(self, day, channel, office, payments, rials) -> CollectionDay:
        return CollectionDay.objects.create(
            day=day,
            channel=channel,
            office=office,
            district=office.district if office else None,
            payments=payments,
            rials=rials,
        )


@pytest.fixture
def city(catalogue) -> City:
    return City(catalogue)


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def json_rows(data: bytes) -> list[dict]:
    return json.loads(data.decode("utf-8"))["rows"]
