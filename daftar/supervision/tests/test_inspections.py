"""Inspections: plan and rotation, conflicts, at the office, sign-off, report versions,
the office's response, corrective actions and the follow-up, false declarations."""

# ruff: noqa: F811 - the fixtures are imported from fixtures_inspections by name

from __future__ import annotations

import datetime
import io
import threading
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from PIL import Image

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.supervision.choices import (
    ActionStatus,
    AnswerResult,
    FindingKind,
    FindingStatus,
    InspectionKind,
    InspectionStatus,
)
from daftar.supervision.error_codes import SupervisionErrorCode
from daftar.supervision.models import (
    ChecklistItem,
    Finding,
    Inspection,
    InspectionReport,
)
from daftar.supervision.services import inspections
from daftar.supervision.tests.fixtures_inspections import (  # noqa: F401
    answer_all,
    checklist,
    inspection,
    inspector2,
    jpeg,
    mystery_checklist,
    policy,
)


def _item(inspection, code):
    return ChecklistItem.objects.get(section__version=inspection.checklist_id, code=code)


# --- plan and rotation ----------------------------------------------------------------------


def test_the_plan_ranks_risky_offices_first_and_includes_every_uninspected_office(
    personas, checklist, inspector2
):
    from daftar.supervision.models import Complaint

    Complaint.objects.create(
        tracking_code="100000000001",
        channel="portal",
        category="overcharging",
        office=personas.office_b,
        description="x",
        filed_by="citizen",
        received_at=timezone.now(),
        triage_due_at=timezone.now(),
        due_at=timezone.now(),
        status="ruled",
        ruling="upheld",
        ruled_at=timezone.now(),
    )
    plan = inspections.inspection_plan_generate(
        actor=Actor.for_user(personas.supervisor), year=1405, quarter=4
    )
    rows = list(plan.inspections.order_by("risk_rank"))
    assert [row.office for row in rows] == [personas.office_b, personas.office_a]
    assert {"reason": "complaints", "count": 1} in rows[0].risk_reasons
    assert {"reason": "not_inspected"} in rows[1].risk_reasons
    # the work is shared between the two inspectors
    assert {row.inspector for row in rows} == {personas.inspector, inspector2}


def test_nobody_inspects_the_same_office_twice_in_a_row(personas, inspection, inspector2):
    again = inspections.inspection_schedule(
        actor=Actor.for_user(personas.supervisor),
        office=personas.office_a,
        kind=InspectionKind.UNANNOUNCED,
        scheduled_on=timezone.localdate(),
    )
    assert again.inspector == inspector2
    with pytest.raises(InvalidInput) as raised:
        inspections.inspection_schedule(
            actor=Actor.for_user(personas.supervisor),
            office=personas.office_a,
            kind=InspectionKind.UNANNOUNCED,
            scheduled_on=timezone.localdate(),
            inspector=inspector2,
        )
    assert raised.value.code == SupervisionErrorCode.NO_INSPECTOR_AVAILABLE


def test_a_declared_conflict_reassigns_the_inspection_and_bars_the_inspector(
    personas, inspection, inspector2
):
    inspections.conflict_declare(
        actor=Actor.for_user(personas.inspector), office=personas.office_a, reason="خویشاوندی"
    )
    inspection.refresh_from_db()
    assert inspection.inspector == inspector2
    with pytest.raises(InvalidInput) as raised:
        inspections.inspection_schedule(
            actor=Actor.for_user(personas.supervisor),
            office=personas.office_a,
            kind=InspectionKind.UNANNOUNCED,
            scheduled_on=timezone.localdate(),
            inspector=personas.inspector,
        )
    assert raised.value.code == SupervisionErrorCode.CONFLICT_OF_INTEREST


def test_only_the_supervision_unit_plans_and_schedules(personas, checklist):
    for persona in (personas.inspector, personas.manager_a, personas.auditor):
        with pytest.raises(Forbidden):
            inspections.inspection_plan_generate(
                actor=Actor.for_user(persona), year=1405, quarter=3
            )


# --- at the office ----------------------------------------------------------------------------


def test_check_in_records_the_time_and_the_location_where_given(personas, inspection):
    inspection = inspections.inspection_check_in(
        actor=Actor.for_user(personas.inspector),
        inspection=inspection,
        latitude="35.6892",
        longitude="51.3890",
        accuracy_m="12",
    )
    assert inspection.status == InspectionStatus.IN_PROGRESS
    assert inspection.latitude == Decimal("35.689200")
    assert inspection.location_accuracy_m == 12


def test_another_inspector_cannot_check_in_or_answer(personas, inspection, inspector2):
    with pytest.raises(Forbidden):
        inspections.inspection_check_in(actor=Actor.for_user(inspector2), inspection=inspection)


def test_answers_need_a_check_in_first(personas, inspection):
    with pytest.raises(Conflict) as raised:
        inspections.inspection_answer(
            actor=Actor.for_user(personas.inspector),
            inspection=inspection,
            item=_item(inspection, "ramp"),
            result=AnswerResult.COMPLIANT,
        )
    assert raised.value.code == SupervisionErrorCode.NOT_CHECKED_IN


def test_a_photo_is_stored_without_its_exif_and_its_hash_is_audited(personas, inspection):
    actor = Actor.for_user(personas.inspector)
    inspection = inspections.inspection_check_in(actor=actor, inspection=inspection)
    upload = jpeg()
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif()  # the test's photo really carries EXIF (GPS, camera)
    upload.seek(0)
    photo = inspections.inspection_photo_add(
        actor=actor, inspection=inspection, item=_item(inspection, "tariffs"), upload=upload
    )
    with default_storage.open(photo.stored_as, "rb") as stored:
        data = stored.read()
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert "exif" not in image.info
    assert photo.content_type == "image/jpeg"
    entry = AuditEntry.objects.filter(action="inspection.photo_added").latest("pk")
    assert photo.sha256 in str(entry.after)


def test_a_large_photo_is_downscaled(personas, inspection):
    actor = Actor.for_user(personas.inspector)
    inspection = inspections.inspection_check_in(actor=actor, inspection=inspection)
    photo = inspections.inspection_photo_add(
        actor=actor,
        inspection=inspection,
        item=_item(inspection, "tariffs"),
        upload=jpeg(size=(3000, 1000), gps=False),
    )
    assert (photo.width, photo.height) == (2048, 683)


def test_a_file_that_is_not_an_image_or_too_large_is_refused(personas, inspection):
    actor = Actor.for_user(personas.inspector)
    inspection = inspections.inspection_check_in(actor=actor, inspection=inspection)
    item = _item(inspection, "tariffs")
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    with pytest.raises(InvalidInput) as raised:
        inspections.inspection_photo_add(actor=actor, inspection=inspection, item=item, upload=fake)
    assert raised.value.code == SupervisionErrorCode.PHOTO_UNREADABLE
    broken = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff" + b"0" * 100)
    with pytest.raises(InvalidInput):
        inspections.inspection_photo_add(
            actor=actor, inspection=inspection, item=item, upload=broken
        )
    huge = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff" + b"0" * (8 * 1024 * 1024 + 1))
    with pytest.raises(InvalidInput) as raised:
        inspections.inspection_photo_add(actor=actor, inspection=inspection, item=item, upload=huge)
    assert raised.value.code == SupervisionErrorCode.PHOTO_TOO_LARGE
    assert not inspection.photos.exists()


# --- sign-off -------------------------------------------------------------------------------


def test_sign_off_needs_every_item_answered_with_its_evidence(personas, inspection):
    actor = Actor.for_user(personas.inspector)
    inspection = inspections.inspection_check_in(actor=actor, inspection=inspection)
    inspections.inspection_answer(
        actor=actor,
        inspection=inspection,
        item=_item(inspection, "tariffs"),
        result=AnswerResult.COMPLIANT,
    )
    with pytest.raises(InvalidInput) as raised:
        inspections.inspection_submit(actor=actor, inspection=inspection)
    assert raised.value.code == SupervisionErrorCode.INSPECTION_INCOMPLETE
    reasons = " ".join(str(r) for r in raised.value.reasons)
    assert "رمپ" in reasons
    assert "تعرفه" in reasons
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.IN_PROGRESS
    assert not InspectionReport.objects.exists()


def test_sign_off_scores_the_weighted_items_and_makes_findings(personas, inspection):
    inspection = answer_all(
        personas.inspector,
        inspection,
        {"no-cash": AnswerResult.NON_COMPLIANT, "ramp": AnswerResult.NOT_APPLICABLE},
    )
    report = inspections.inspection_submit(
        actor=Actor.for_user(personas.inspector), inspection=inspection
    )
    # tariffs (weight 2) complies, no-cash (1) fails, the ramp does not count: 2 / 3
    assert report.score == Decimal("66.67")
    assert report.version == 1
    assert len(report.content_sha256) == 64
    finding = Finding.objects.get(inspection=inspection)
    assert finding.severity == "major"
    assert finding.kind == FindingKind.NON_COMPLIANCE
    assert finding.respond_by > timezone.localdate()
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.SUBMITTED


def test_a_submitted_report_never_changes_in_the_database(personas, inspection):
    inspection = answer_all(personas.inspector, inspection)
    report = inspections.inspection_submit(
        actor=Actor.for_user(personas.inspector), inspection=inspection
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionReport.objects.filter(pk=report.pk).update(score=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionReport.objects.filter(pk=report.pk).delete()


def test_a_second_submission_is_refused_clearly(personas, inspection):
    inspection = answer_all(personas.inspector, inspection)
    actor = Actor.for_user(personas.inspector)
    inspections.inspection_submit(actor=actor, inspection=inspection)
    with pytest.raises(Conflict) as raised:
        inspections.inspection_submit(actor=actor, inspection=inspection)
    assert raised.value.code == SupervisionErrorCode.INSPECTION_CLOSED
    assert "ارسال شده" in raised.value.render("fa")  # said in Persian
    assert InspectionReport.objects.filter(inspection=inspection).count() == 1


def test_a_correction_is_the_next_version_with_its_reason(personas, inspection):
    inspection = answer_all(personas.inspector, inspection)
    actor = Actor.for_user(personas.inspector)
    first = inspections.inspection_submit(actor=actor, inspection=inspection)
    with pytest.raises(InvalidInput):
        inspections.inspection_report_correct(
            actor=actor,
            inspection=inspection,
            item=_item(inspection, "ramp"),
            result=AnswerResult.NON_COMPLIANT,
            note="",
            reason="",
        )
    second = inspections.inspection_report_correct(
        actor=actor,
        inspection=inspection,
        item=_item(inspection, "ramp"),
        result=AnswerResult.NON_COMPLIANT,
        note="رمپ ندارد",
        reason="اشتباه در ثبت",
    )
    assert second.version == 2
    assert second.supersedes == first
    assert second.score < first.score
    first.refresh_from_db()
    assert first.score == Decimal(100)  # the first version is as it was
    assert Finding.objects.filter(inspection=inspection, item__code="ramp").exists()


def test_the_mystery_shopper_links_a_file_filed_at_that_office(
    personas, mystery_checklist, catalogue, counter_ready
):
    from daftar.cases import services as cases
    from daftar.cases.tests.fixtures import FORM, pdf
    from daftar.catalogue.choices import Channel

    file = cases.file_open(
        actor=Actor.for_user(personas.operator_a),
        service=catalogue.service,
        channel=Channel.OFFICE,
        citizen=personas.citizen,
        form_data=FORM,
        documents={"deed": pdf()},
        office=counter_ready,
        operator=personas.operator_a,
    )
    visit = inspections.inspection_schedule(
        actor=Actor.for_user(personas.supervisor),
        office=personas.office_b,
        kind=InspectionKind.MYSTERY_SHOPPER,
        scheduled_on=timezone.localdate(),
    )
    actor = Actor.for_user(visit.inspector)
    visit = inspections.inspection_check_in(actor=actor, inspection=visit)
    with pytest.raises(InvalidInput) as raised:
        inspections.inspection_link_mystery_file(
            actor=actor, inspection=visit, tracking_code=file.tracking_code
        )
    assert raised.value.code == SupervisionErrorCode.MYSTERY_FILE_NOT_AT_OFFICE
    answer_all(visit.inspector, visit)
    with pytest.raises(InvalidInput):  # no file linked yet
        inspections.inspection_submit(actor=actor, inspection=visit)
    assert visit.checklist.template.for_mystery_shopper
    assert file.office == counter_ready


# --- the office's side --------------------------------------------------------------------------


@pytest.fixture
def finding(personas, inspection):
    inspection = answer_all(personas.inspector, inspection, {"no-cash": AnswerResult.PARTIAL})
    inspections.inspection_submit(actor=Actor.for_user(personas.inspector), inspection=inspection)
    return Finding.objects.get(inspection=inspection)


def test_the_manager_responds_before_the_deadline(personas, finding):
    finding = inspections.finding_respond(
        actor=Actor.for_user(personas.manager_a), finding=finding, response="صندوق برداشته شد"
    )
    assert finding.status == FindingStatus.RESPONDED


def test_a_response_after_the_deadline_is_refused_and_changes_nothing(personas, finding):
    Finding.objects.filter(pk=finding.pk).update(
        respond_by=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(Conflict) as raised:
        inspections.finding_respond(
            actor=Actor.for_user(personas.manager_a), finding=finding, response="دیر"
        )
    assert raised.value.code == SupervisionErrorCode.RESPONSE_DEADLINE_PASSED
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN
    assert finding.response == ""


def test_operators_and_other_managers_cannot_respond(personas, finding):
    from daftar.accounts.choices import Role
    from daftar.accounts.tests.factories import UserFactory
    from daftar.offices.choices import StaffRole
    from daftar.offices.tests.factories import OfficeStaffFactory

    manager_b = UserFactory(username="manager_b", roles=[Role.OFFICE_MANAGER])
    OfficeStaffFactory(office=personas.office_b, user=manager_b, role=StaffRole.MANAGER)
    for persona in (personas.operator_a, manager_b, personas.inspector):
        with pytest.raises(Forbidden):
            inspections.finding_respond(
                actor=Actor.for_user(persona), finding=finding, response="پاسخ"
            )


def test_a_corrective_action_needs_a_deadline_after_today_and_a_follow_up_checks_it(
    personas, finding, inspector2
):
    manager = Actor.for_user(personas.manager_a)
    with pytest.raises(InvalidInput) as raised:
        inspections.corrective_action_agree(
            actor=manager, finding=finding, description="نصب کارتخوان", due_on=timezone.localdate()
        )
    assert raised.value.code == SupervisionErrorCode.ACTION_DUE_NOT_FUTURE
    action = inspections.corrective_action_agree(
        actor=manager,
        finding=finding,
        description="نصب کارتخوان",
        due_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    follow_up = inspections.inspection_schedule(
        actor=Actor.for_user(personas.supervisor),
        office=personas.office_a,
        kind=InspectionKind.FOLLOW_UP,
        scheduled_on=timezone.localdate(),
        follow_up_of=finding.inspection,
    )
    assert follow_up.inspector == inspector2  # the rotation applies to follow-ups too
    actor = Actor.for_user(inspector2)
    follow_up = inspections.inspection_check_in(actor=actor, inspection=follow_up)
    with pytest.raises(InvalidInput):
        inspections.inspection_submit(actor=actor, inspection=follow_up)
    inspections.corrective_action_verify(
        actor=actor, inspection=follow_up, action=action, done=True
    )
    report = inspections.inspection_submit(actor=actor, inspection=follow_up)
    assert report.score == Decimal(100)
    action.refresh_from_db()
    finding.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert finding.status == FindingStatus.RESOLVED


def test_a_false_self_declaration_is_a_finding_of_its_own(personas, inspection):
    from daftar.supervision.models import GradingPeriod, SelfDeclaration

    today = timezone.localdate()
    period = GradingPeriod.objects.create(
        code="1405-H2",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=150),
        declare_by=today,
    )
    declaration = SelfDeclaration.objects.create(
        office=personas.office_a,
        period=period,
        staff_count=4,
        certified_staff_count=3,
        counters=2,
        weekly_hours=44,
        equipment={"scanner": True},
        accessibility={"ramp": True},
        declared_by=personas.manager_a,
        declared_at=timezone.now(),
    )
    inspection = answer_all(personas.inspector, inspection, {"ramp": AnswerResult.NON_COMPLIANT})
    inspections.inspection_submit(actor=Actor.for_user(personas.inspector), inspection=inspection)
    false = Finding.objects.get(inspection=inspection, kind=FindingKind.FALSE_DECLARATION)
    assert false.severity == "major"
    declaration.refresh_from_db()
    assert declaration.found_false


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_tabs_submitting_at_once_make_exactly_one_report(personas, inspection):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    inspection = answer_all(personas.inspector, inspection)
    results: list[object] = []
    barrier = threading.Barrier(2)

    def submit():
        barrier.wait()
        try:
            inspections.inspection_submit(
                actor=Actor.for_user(personas.inspector),
                inspection=Inspection.objects.get(pk=inspection.pk),
            )
            results.append("ok")
        except Conflict as error:
            results.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(map(str, results)) == sorted(["ok", str(SupervisionErrorCode.INSPECTION_CLOSED)])
    assert InspectionReport.objects.filter(inspection=inspection).count() == 1
