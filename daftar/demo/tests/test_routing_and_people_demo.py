"""The demo leaves routed files, a staff proposal and certifications for each role to work on
(issue 17): every role's home and pages show real work on the demo."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from daftar.cases import selectors
from daftar.cases.demo_routing import PARALLEL_STATE, SEQUENCE_STATE
from daftar.cases.models import File, FileHandover, FileSignOff
from daftar.offices.models import Certification, StaffProposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.DEMO_ALLOWED = True
    settings.AUDIT_CHECKPOINT_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_seed", "--size", "tiny")


def test_the_demo_routes_one_file_in_sequence_and_one_in_parallel(demo, client):
    from daftar.catalogue.models import DepartmentMember

    def reviewer(code):
        return DepartmentMember.objects.filter(department__code=code, is_head=False).first().user

    sequence = File.objects.get(state__code=SEQUENCE_STATE)
    assert sequence.department.code == "transport"
    assert set(
        FileHandover.objects.filter(file=sequence).values_list("department__code", flat=True)
    ) == {"urban-planning"}
    assert sequence in selectors.inbox(reviewer("transport"))
    assert sequence in selectors.inbox(reviewer("urban-planning"), handled=True)

    joint = File.objects.get(state__code=PARALLEL_STATE)
    pending = FileSignOff.objects.filter(file=joint, signed_at__isnull=True)
    assert list(pending.values_list("department__code", flat=True)) == ["finance"]
    assert joint in selectors.inbox(reviewer("finance"))

    client.force_login(reviewer("urban-planning"))
    page = client.get(reverse("cases:inbox"), {"handled": "1"}).content.decode()
    assert sequence.tracking_code in page


def test_the_demo_has_people_work_for_the_supervision_unit(demo):
    assert StaffProposal.objects.filter(status="pending", office__code="T0101").count() == 1
    window = max(django_settings.CERTIFICATION_REMINDER_DAYS)
    soon = timezone.localdate() + datetime.timedelta(days=window)
    expiring = Certification.objects.filter(
        expires_on__lte=soon, expires_on__gte=timezone.localdate()
    )
    assert expiring.filter(staff__user__username="operator").exists()
    assert not Certification.objects.filter(
        course=""
    ).exists()  # every certificate names its course
    assert not Certification.objects.filter(exam_score__isnull=True).exists()
    # staff leave (ADR 0036): one certified operator of the flagship office away on a coming day
    from daftar.offices.models import StaffLeave

    leave = StaffLeave.objects.get(staff__office__code="T0101")
    assert leave.recorded_by.username == "manager"
    assert leave.first_day > timezone.localdate()
    assert leave.staff.user.username != "operator"
