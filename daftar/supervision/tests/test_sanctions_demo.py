"""The sanctions demo: from whatever sources exist, a few imposed sanctions (a fine recorded by
the treasury) and two proposals left for the committee; a second run adds nothing."""

from __future__ import annotations

import pytest

from daftar.supervision.choices import SanctionStatus, Severity
from daftar.supervision.demo import sanctions as demo
from daftar.supervision.models import Sanction
from daftar.supervision.tests import sanctions_fixtures
from daftar.supervision.tests.sanctions_fixtures import make_complaint
from daftar.treasury.models import Penalty

article = sanctions_fixtures.article
ladder = sanctions_fixtures.ladder

pytestmark = pytest.mark.django_db


def test_the_demo_imposes_a_few_and_leaves_two_for_the_committee(personas, ladder):
    for severity in (Severity.MAJOR, Severity.MINOR, Severity.MINOR, Severity.MINOR):
        make_complaint(personas.office_b, severity=severity)
    make_complaint(personas.office_a, severity=Severity.MINOR)
    lines = []
    demo.seed(type("Ctx", (), {"log": staticmethod(lines.append)})())
    assert Sanction.objects.filter(status=SanctionStatus.PROPOSED).count() == 2
    assert Sanction.objects.filter(status=SanctionStatus.IMPOSED).count() == 3
    assert Penalty.objects.count() == 1
    demo.seed(type("Ctx", (), {"log": staticmethod(lines.append)})())
    assert Sanction.objects.count() == 5
    assert "sanctions already there" in lines[-1]
