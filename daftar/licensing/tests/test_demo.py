"""The licensing demo: a completed call that agrees with the governance demo's decisions, an
open call, everything through the services (so the audit chains verify), loaded once.

One test, because loading the whole demo takes seconds."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from daftar.audit.verification import verify_all
from daftar.licensing import ranking
from daftar.licensing.choices import AgreementStatus, CallStatus
from daftar.licensing.demo import WINNERS_1404
from daftar.licensing.models import Agreement, Application, Call, Objection
from daftar.offices.choices import OfficeStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_completed_call_matching_its_decisions_and_an_open_call(settings):
    settings.DEMO_ALLOWED = True
    call_command("demo_seed", "--size", "tiny", stdout=io.StringIO())

    # the completed call, opened and awarded by the governance demo's decisions
    call = Call.objects.get(code="1404-1")
    assert call.status == CallStatus.CLOSED
    assert call.decision.subject_en.startswith("Open call no. 1404-1")
    assert call.applications.count() == 120
    assert Application.objects.filter(call=call, status="ineligible").count() == 3
    agreements = Agreement.objects.filter(call=call).select_related(
        "application", "district", "decision", "office"
    )
    expected = {(f"A1404-{seq:04d}", d) for d, seqs in WINNERS_1404.items() for seq in seqs}
    assert {(a.application.code, a.district.number) for a in agreements} == expected
    assert all(code in agreements[0].decision.body for code, _d in expected)

    # objections: one upheld with a corrected score (republished), one dismissed
    assert list(call.publications.values_list("number", flat=True)) == [2, 1]
    upheld = Objection.objects.get(application__call=call, status="upheld")
    assert upheld.republished_as.number == 2
    assert Objection.objects.filter(application__call=call, status="dismissed").count() == 1
    assert ranking.verify(ranking.loads(call.publications.get(number=2).content)) == []

    # three holders licensed, their new offices open
    licensed = [a for a in agreements if a.status == AgreementStatus.LICENSED]
    assert len(licensed) == 3
    assert all(a.office.status == OfficeStatus.ACTIVE for a in licensed)

    # the open call
    open_call = Call.objects.get(code="1405-1")
    assert open_call.status == CallStatus.OPEN
    assert open_call.applications.count() == 8
    assert open_call.quotas.filter(quota__gt=0).exists()

    # audited, and a second run adds nothing
    assert all(report.ok for report in verify_all())
    counts = (Call.objects.count(), Application.objects.count(), Agreement.objects.count())
    call_command("demo_seed", "--size", "tiny", stdout=io.StringIO())
    assert (Call.objects.count(), Application.objects.count(), Agreement.objects.count()) == counts
