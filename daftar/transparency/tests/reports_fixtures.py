"""A small world for council reports: two files submitted in December 2025 (one at an office,
one on the web), a decision adopted on 1 December 2025, and the aggregates built; the period
is November 2025 – January 2026 (Aban–Bahman 1404), well before "today" in any test run."""

from __future__ import annotations

import datetime

import pytest

from daftar.cases.tests.fixtures import open_file
from daftar.core.actors import Actor
from daftar.core.jalali import TEHRAN

PERIOD = (datetime.date(2025, 11, 1), datetime.date(2026, 1, 31))
SUBMITTED = datetime.datetime(2025, 12, 10, 10, 0, tzinfo=TEHRAN)


@pytest.fixture
def report_world(personas, catalogue, counter_ready):
    from daftar.cases.models import File
    from daftar.transparency.services.aggregates import aggregates_build

    files = [open_file(personas, catalogue), open_file(personas, catalogue, office=counter_ready)]
    # The files were submitted in the period (tests may write another app's rows directly).
    File.objects.filter(pk__in=[f.pk for f in files]).update(
        submitted_at=SUBMITTED, created_at=SUBMITTED
    )
    aggregates_build(actor=Actor.system("test"), full=True)
    return files
