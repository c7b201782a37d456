"""Files move only through the workflow engine, by the right people, in the right order."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.cases import services
from daftar.cases.models import CallbackTask, File, FileEvent
from daftar.cases.services.files import FormInvalid
from daftar.cases.tests.fixtures import pdf
from daftar.catalogue.choices import Channel
from daftar.core.actors import Actor
from daftar.core.calendar import REST_WEEKDAYS, TEHRAN
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.models import Holiday
from daftar.core.tracking import normalize_tracking_code

pytestmark = pytest.mark.django_db
FORM = {"area_m2": "۱۲۰٫۵", "zone": "1"}


def _draft(personas, catalogue, **extra):
    return services.file_create(
        actor=Actor.for_user(personas.citizen),
        service=catalogue.service,
        channel=Channel.WEB,
        citizen=personas.citizen,
        form_data={**FORM, **extra},
    )


def _submitted(personas, catalogue, django_capture_on_commit_callbacks=None):
    file = _draft(personas, catalogue)
    services.attachment_add(
        actor=Actor.for_user(personas.citizen), file=file, document="deed", upload=pdf()
    )
    return services.file_submit(actor=Actor.for_user(personas.citizen), file=file)


def _in_review(personas, catalogue):
    file = _submitted(personas, catalogue)
    return services.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")


def test_a_citizen_files_online_and_the_file_is_priced_and_billed(
    personas, catalogue, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        file = _submitted(personas, catalogue)
    assert re.fullmatch(r"[1-9]\d{11}", file.tracking_code)
    assert file.form_data == {"area_m2": "120.50", "zone": 1}
    assert file.state.code == "awaiting_payment"
    assert file.amount == 1_000_000 + 10_000 * 120.5
    # online: the office's share goes to the main revenue head
    assert file.price_parts == {"revenue:building-permit-duty": 2_205_000}
    assert file.tariff.version == 1
    assert file.due_at > file.submitted_at
    assert [e.action for e in file.events.order_by("pk")] == [
        "create",
        "deed",
        "submit",
        "issue_bill",
    ]
    assert AuditEntry.objects.filter(object_id=str(file.pk), action="file.submit").exists()
    assert sms_outbox
    # in Persian digits, grouped as on the citizen's pages ('۱۲۳۴-۵۶۷۸-۹۰۱۲'); the tracking
    # page takes them back as typed
    body = sms_outbox[-1]["body"]
    assert normalize_tracking_code(body.split("پرونده ")[1].split(":")[0]) == file.tracking_code
    assert not any(digit in body for digit in "0123456789")


def test_bad_form_data_is_refused_field_by_field_and_nothing_is_created(personas, catalogue):
    with pytest.raises(FormInvalid) as caught:
        services.file_create(
            actor=Actor.for_user(personas.citizen),
            service=catalogue.service,
            channel=Channel.WEB,
            citizen=personas.citizen,
            form_data={"area_m2": "-5", "zone": "9", "owner": "1111111111", "colour": "red"},
        )
    assert set(caught.value.errors) == {"area_m2", "zone", "owner", "colour"}
    assert not File.objects.exists()


def test_a_forbidden_channel_is_refused(personas, catalogue):
    catalogue.service.channel_web = False
    catalogue.service.save()
    with pytest.raises(InvalidInput) as caught:
        _draft(personas, catalogue)
    assert caught.value.code == "channel_not_allowed"


def test_submission_without_a_mandatory_document_is_refused_and_the_file_stays_a_draft(
    personas, catalogue
):
    file = _draft(personas, catalogue)
    with pytest.raises(InvalidInput) as caught:
        services.file_submit(actor=Actor.for_user(personas.citizen), file=file)
    assert caught.value.code == "document_missing"
    assert caught.value.field == "deed"
    file.refresh_from_db()
    assert file.state.code == "draft"
    assert file.amount == 0


def test_a_disguised_upload_is_refused(personas, catalogue):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = _draft(personas, catalogue)
    with pytest.raises(InvalidInput) as caught:
        services.attachment_add(
            actor=Actor.for_user(personas.citizen),
            file=file,
            document="deed",
            upload=SimpleUploadedFile("deed.pdf", b"<html>not a pdf"),
        )
    assert caught.value.code == "file_type"
    assert not file.attachments.exists()


def test_a_reviewer_of_the_department_approves_after_payment(personas, catalogue):
    file = _in_review(personas, catalogue)
    assert file.state.code == "in_review"
    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )
    assert file.state.code == "approved"


def test_the_citizen_cannot_approve_their_own_file(personas, catalogue):
    file = _in_review(personas, catalogue)
    with pytest.raises(Forbidden):
        services.file_apply_action(
            actor=Actor.for_user(personas.citizen), file=file, action="approve"
        )
    file.refresh_from_db()
    assert file.state.code == "in_review"


def test_a_reviewer_of_another_department_cannot_act(personas, catalogue):
    from daftar.accounts.tests.factories import UserFactory
    from daftar.catalogue.models import DepartmentMember

    stranger = UserFactory(username="transport_reviewer", roles=["department_reviewer"])
    DepartmentMember.objects.create(department=catalogue.other_department, user=stranger)
    file = _in_review(personas, catalogue)
    with pytest.raises(Forbidden):
        services.file_apply_action(actor=Actor.for_user(stranger), file=file, action="approve")


def test_an_action_not_allowed_from_the_current_status_is_refused(personas, catalogue):
    file = _submitted(personas, catalogue)  # awaiting payment
    with pytest.raises(Conflict) as caught:
        services.file_apply_action(
            actor=Actor.for_user(personas.reviewer), file=file, action="approve"
        )
    assert caught.value.code == "action_not_allowed"


def test_a_correction_request_needs_a_reason_and_the_citizen_resubmits(personas, catalogue):
    file = _in_review(personas, catalogue)
    with pytest.raises(InvalidInput) as caught:
        services.file_apply_action(
            actor=Actor.for_user(personas.reviewer), file=file, action="request_correction"
        )
    assert caught.value.field == "reason"
    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer),
        file=file,
        action="request_correction",
        reason="نقشه ناخواناست",
    )
    services.file_update_form(
        actor=Actor.for_user(personas.citizen), file=file, form_data={"area_m2": "130", "zone": "2"}
    )
    services.attachment_add(
        actor=Actor.for_user(personas.citizen), file=file, document="map", upload=pdf()
    )
    file = services.file_apply_action(
        actor=Actor.for_user(personas.citizen), file=file, action="resubmit"
    )
    assert file.state.code == "in_review"
    event = FileEvent.objects.get(file=file, action="request_correction")
    assert event.reason == "نقشه ناخواناست"
    assert event.public


def test_form_data_cannot_change_while_under_review(personas, catalogue):
    file = _in_review(personas, catalogue)
    with pytest.raises(Conflict):
        services.file_update_form(actor=Actor.for_user(personas.citizen), file=file, form_data=FORM)


def test_the_price_is_the_tariff_in_force_at_submission(personas, catalogue, adopt_decision):
    from daftar.catalogue.services import tariff_set
    from daftar.governance.choices import DecisionKind

    file = _submitted(personas, catalogue)
    tariff_set(
        actor=Actor.system("test"),
        service=catalogue.service,
        decision=adopt_decision(DecisionKind.TARIFF, "تعرفه جدید"),
        effective_from=timezone.localdate() + datetime.timedelta(days=1),
        formula="9_000_000",
        splits=[{"beneficiary": "revenue:x-head", "basis_points": 10_000}],
    )
    file.refresh_from_db()
    assert file.amount == 2_205_000
    assert file.tariff.version == 1


def test_the_sla_deadline_counts_working_days_across_a_holiday(personas, catalogue):
    file = _in_review(personas, catalogue)
    entered = file.state_entered_at.astimezone(TEHRAN).date()
    before = file.state_due_at
    # The first working day after the file entered review (a Friday is a rest day already).
    first_working = entered + datetime.timedelta(days=1)
    while first_working.weekday() in REST_WEEKDAYS:
        first_working += datetime.timedelta(days=1)
    Holiday.objects.create(date=first_working, name_fa="تعطیل")
    again = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="schedule_visit"
    )
    again = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer),
        file=again,
        action="record_visit",
        reason="بازدید انجام شد",
    )
    assert again.state.code == "in_review"
    assert again.state_due_at > before


def test_the_sweep_marks_breaches_and_escalates_to_the_head(personas, catalogue):
    file = _in_review(personas, catalogue)
    later = file.state_due_at + datetime.timedelta(minutes=1)
    assert services.sla_sweep(now=later).marked == 1
    file.refresh_from_db()
    assert file.breached_at == later
    assert file.assignee == catalogue.head
    assert file.events.filter(kind="sla_breach").exists()
    assert services.sla_sweep(now=later).marked == 0  # once only


def test_rating_after_closure_below_four_opens_a_callback(personas, catalogue):
    file = _in_review(personas, catalogue)
    with pytest.raises(Conflict):
        services.file_rate(actor=Actor.for_user(personas.citizen), file=file, score=2)
    for action in ("approve", "deliver", "close"):
        file = services.file_apply_action(
            actor=Actor.for_user(personas.reviewer), file=file, action=action
        )
    with pytest.raises(Forbidden):
        services.file_rate(actor=Actor.for_user(personas.other_citizen), file=file, score=5)
    with pytest.raises(InvalidInput):
        services.file_rate(actor=Actor.for_user(personas.citizen), file=file, score=6)
    services.file_rate(actor=Actor.for_user(personas.citizen), file=file, score=3, comment="دیر شد")
    assert CallbackTask.objects.filter(file=file, status="open").exists()
    with pytest.raises(Conflict):
        services.file_rate(actor=Actor.for_user(personas.citizen), file=file, score=5)


def test_an_operator_takes_a_file_at_the_counter_with_the_office_fee_share(
    personas, catalogue, counter_ready
):
    file = services.file_create(
        actor=Actor.for_user(personas.operator_a),
        service=catalogue.service,
        channel=Channel.OFFICE,
        citizen=personas.citizen,
        form_data=FORM,
        office=counter_ready,
        operator=personas.operator_a,
    )
    services.attachment_add(
        actor=Actor.for_user(personas.operator_a), file=file, document="deed", upload=pdf()
    )
    file = services.file_submit(actor=Actor.for_user(personas.operator_a), file=file)
    assert file.price_parts == {"revenue:building-permit-duty": 1_874_250, "office_fee": 330_750}
    assert sum(file.price_parts.values()) == file.amount


def test_an_office_not_authorised_for_the_domain_cannot_take_the_file(personas, catalogue):
    with pytest.raises(Conflict) as caught:
        services.file_create(
            actor=Actor.for_user(personas.operator_a),
            service=catalogue.service,
            channel=Channel.OFFICE,
            citizen=personas.citizen,
            form_data=FORM,
            office=personas.office_a,
            operator=personas.operator_a,
        )
    assert caught.value.code == "office_not_authorised"


def test_an_operator_cannot_open_files_for_another_office(personas, catalogue, counter_ready):
    with pytest.raises(Forbidden):
        services.file_create(
            actor=Actor.for_user(personas.operator_b),
            service=catalogue.service,
            channel=Channel.OFFICE,
            citizen=personas.citizen,
            form_data=FORM,
            office=counter_ready,
            operator=personas.operator_b,
        )


def test_the_office_records_the_call_back_after_a_low_rating(personas, catalogue, counter_ready):
    file = services.file_open(
        actor=Actor.for_user(personas.operator_a),
        service=catalogue.service,
        channel=Channel.OFFICE,
        citizen=personas.citizen,
        form_data=FORM,
        documents={"deed": pdf()},
        office=counter_ready,
        operator=personas.operator_a,
    )
    file = services.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")
    for action in ("approve", "deliver", "close"):
        actor = personas.operator_a if action == "deliver" else personas.reviewer
        file = services.file_apply_action(actor=Actor.for_user(actor), file=file, action=action)
    services.file_rate(actor=Actor.for_user(personas.citizen), file=file, score=2)
    task = CallbackTask.objects.get(file=file)
    assert task.office == counter_ready
    with pytest.raises(Forbidden):
        services.callback_done(
            actor=Actor.for_user(personas.operator_b), task=task, note="تماس گرفتم"
        )
    with pytest.raises(InvalidInput):
        services.callback_done(actor=Actor.for_user(personas.operator_a), task=task, note=" ")
    services.callback_done(
        actor=Actor.for_user(personas.operator_a), task=task, note="مشکل صف توضیح داده شد"
    )
    task.refresh_from_db()
    assert task.status == "done"


def test_identical_documents_share_one_stored_copy(personas, catalogue):
    first = _draft(personas, catalogue)
    second = _draft(personas, catalogue)
    a = services.attachment_add(
        actor=Actor.for_user(personas.citizen), file=first, document="deed", upload=pdf()
    )
    b = services.attachment_add(
        actor=Actor.for_user(personas.citizen), file=second, document="deed", upload=pdf()
    )
    assert a.stored_as == b.stored_as
    assert a.sha256 == b.sha256


def test_the_department_queue_copy_follows_the_status_and_orders_the_inbox(personas, catalogue):
    from daftar.cases import selectors

    waiting = _submitted(personas, catalogue)
    assert not waiting.in_department
    first, second = _in_review(personas, catalogue), _in_review(personas, catalogue)
    assert first.in_department
    assert second.in_department
    later = second.state_due_at + datetime.timedelta(hours=1)
    File.objects.filter(pk=first.pk).update(state_due_at=later)
    assert list(selectors.inbox(personas.reviewer)) == [second, first]  # least time left first
    approved = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=first, action="approve"
    )
    assert not approved.in_department
    assert list(selectors.inbox(personas.reviewer)) == [second]
    stored = File.objects.get(pk=first.pk)
    assert stored.in_department == stored.state.in_department


def test_the_timeline_names_a_person_by_full_name_and_a_job_or_partner_by_its_label(
    personas, catalogue
):
    file = _in_review(personas, catalogue)
    file = services.file_apply_action(
        actor=Actor.for_user(personas.reviewer), file=file, action="approve"
    )
    by_action = dict(FileEvent.objects.filter(file=file).values_list("action", "actor_label"))
    reviewer = personas.reviewer
    assert by_action["approve"] == (reviewer.get_full_name() or reviewer.get_username())
    assert by_action["pay"] == "system:treasury"
    assert by_action["issue_bill"] == "system:intake"
    # the audit log keeps the username, as it always did
    audited = AuditEntry.objects.filter(action="file.approve").get()
    assert (audited.actor_id, audited.actor_label) == (reviewer.pk, reviewer.get_username())


def test_a_cases_service_refuses_a_bare_user_or_a_label_string(personas, catalogue):
    file = _in_review(personas, catalogue)
    for untyped in (personas.reviewer, "system:treasury"):
        with pytest.raises(TypeError, match="expected an Actor"):
            services.file_apply_action(actor=untyped, file=file, action="approve")
    file.refresh_from_db()
    assert file.state.code == "in_review"
