"""Complaint services: rules by decision, filing from each channel, linking, SLA dates, triage,
evidence, ruling, appeal, reopen, satisfaction and the escalation sweep."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.calendar import add_working_days
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.core.tracking import normalize_tracking_code, verhoeff_valid
from daftar.governance.choices import DecisionKind
from daftar.notifications.models import SmsMessage
from daftar.supervision.choices import (
    AppealOutcome,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintRuling,
    ComplaintStatus,
    RuleStatus,
    Severity,
)
from daftar.supervision.error_codes import SupervisionErrorCode
from daftar.supervision.models import Complaint, ComplaintLink, ComplaintRule
from daftar.supervision.services import complaints as services
from daftar.supervision.tests import complaints_fixtures as fx
from daftar.supervision.tests.complaints_fixtures import draft_rules, file_portal

complaint_rules, citizen_file = fx.complaint_rules, fx.citizen_file  # fixtures

pytestmark = pytest.mark.django_db


def sup(personas):
    return Actor.for_user(personas.supervisor)


def investigating(personas, complaint):
    return services.complaint_take(actor=sup(personas), complaint=complaint)


def ruled(personas, complaint, in_force, ruling=ComplaintRuling.UPHELD):
    investigating(personas, complaint)
    article = in_force.articles.order_by("number").first()
    return services.complaint_rule_on(
        actor=sup(personas),
        complaint=complaint,
        ruling=ruling,
        reasons="کارمند رفتار نادرست داشت.",
        citations=[(article, None)],
    )


# --- rules ------------------------------------------------------------------------------------


def test_rules_are_adopted_by_a_policy_decision_and_supersede_the_previous_set(
    personas, complaint_rules, adopt_decision
):
    assert all(rule.status == RuleStatus.ADOPTED for rule in complaint_rules)
    [draft] = draft_rules(
        personas.supervisor, {ComplaintCategory.DELAY: (1, 5, False, Severity.MAJOR)}
    )
    services.complaint_rules_adopt(
        actor=sup(personas), decision=adopt_decision(DecisionKind.POLICY, "دوم"), rules=[draft]
    )
    delay = ComplaintRule.objects.filter(category=ComplaintCategory.DELAY)
    assert delay.get(status=RuleStatus.ADOPTED).pk == draft.pk
    assert delay.filter(status=RuleStatus.SUPERSEDED).count() == 1


def test_an_adopted_rule_is_frozen(personas, complaint_rules):
    with pytest.raises(Conflict) as error:
        services.complaint_rule_draft(
            actor=sup(personas),
            category=ComplaintCategory.DELAY,
            triage_days=1,
            resolve_days=2,
            rule=complaint_rules[0],
        )
    assert error.value.code == SupervisionErrorCode.RULES_FROZEN


def test_rules_need_a_policy_decision(personas, adopt_decision):
    drafts = draft_rules(personas.supervisor)
    with pytest.raises(InvalidInput):
        services.complaint_rules_adopt(
            actor=sup(personas), decision=adopt_decision(DecisionKind.TARIFF), rules=drafts
        )
    assert not ComplaintRule.objects.filter(status=RuleStatus.ADOPTED).exists()


def test_only_the_supervision_unit_drafts_rules(personas):
    with pytest.raises(Forbidden):
        services.complaint_rule_draft(
            actor=Actor.for_user(personas.manager_a),
            category=ComplaintCategory.DELAY,
            triage_days=1,
            resolve_days=2,
        )


# --- filing -----------------------------------------------------------------------------------


def test_a_citizen_files_about_an_office_with_sla_dates_a_code_and_an_sms(
    personas, complaint_rules
):
    complaint = file_portal(personas.citizen, office=personas.office_a)
    assert complaint.status == ComplaintStatus.RECEIVED
    assert complaint.complainant == personas.citizen
    assert complaint.tracking_code.startswith("0")
    assert verhoeff_valid(complaint.tracking_code)
    assert complaint.triage_due_at == add_working_days(complaint.received_at, 3)
    assert complaint.due_at == add_working_days(complaint.received_at, 15)
    [sms] = SmsMessage.objects.filter(purpose="complaint_update")
    assert sms.to == personas.citizen.mobile
    assert complaint.events.filter(kind="filed", public=True).exists()


def test_a_complaint_code_is_never_a_valid_file_code(personas, complaint_rules):
    complaint = file_portal(personas.citizen, office=personas.office_a)
    with pytest.raises(ValidationError):  # a file's code never starts with 0
        normalize_tracking_code(complaint.tracking_code)


def test_a_citizen_files_about_their_own_file_and_its_operator(
    personas, complaint_rules, citizen_file
):
    complaint = file_portal(personas.citizen, file=citizen_file, staff_member=personas.operator_a)
    assert complaint.office == citizen_file.office
    assert complaint.staff_member == personas.operator_a


def test_another_citizens_file_is_refused_and_nothing_saved(
    personas, complaint_rules, citizen_file
):
    with pytest.raises(InvalidInput) as error:
        file_portal(personas.other_citizen, file=citizen_file)
    assert error.value.code == SupervisionErrorCode.FILE_NOT_YOURS
    assert "فایل" in error.value.render("fa") or error.value.render("fa")
    assert not Complaint.objects.exists()


def test_the_staff_member_must_be_the_files_operator(personas, complaint_rules, citizen_file):
    with pytest.raises(InvalidInput) as error:
        file_portal(personas.citizen, file=citizen_file, staff_member=personas.operator_b)
    assert error.value.code == SupervisionErrorCode.STAFF_NOT_ON_FILE


def test_a_complaint_names_an_office_or_a_file(personas, complaint_rules):
    with pytest.raises(InvalidInput) as error:
        file_portal(personas.citizen)
    assert error.value.code == SupervisionErrorCode.COMPLAINT_SUBJECT_REQUIRED


def test_a_description_is_required(personas, complaint_rules):
    with pytest.raises(InvalidInput) as error:
        file_portal(personas.citizen, office=personas.office_a, description="   ")
    assert error.value.field == "description"


def test_no_complaint_without_a_rule_in_force(personas):
    with pytest.raises(Conflict) as error:
        file_portal(personas.citizen, office=personas.office_a)
    assert error.value.code == SupervisionErrorCode.NO_COMPLAINT_RULE


def test_a_bribe_may_be_reported_anonymously_with_a_mobile_for_updates(personas, complaint_rules):
    complaint = file_portal(
        personas.citizen,
        office=personas.office_a,
        category=ComplaintCategory.BRIBE,
        anonymous=True,
        contact_mobile="09351234567",
    )
    assert complaint.anonymous
    assert complaint.complainant is None
    assert complaint.contact_mobile == "09351234567"
    assert SmsMessage.objects.get(purpose="complaint_update").to == "+989351234567"


def test_rudeness_may_not_be_anonymous(personas, complaint_rules):
    with pytest.raises(InvalidInput) as error:
        file_portal(personas.citizen, office=personas.office_a, anonymous=True)
    assert error.value.code == SupervisionErrorCode.ANONYMOUS_NOT_ALLOWED


def test_an_operator_files_at_the_counter_for_a_citizen(personas, complaint_rules, counter_ready):
    complaint = services.complaint_file(
        actor=Actor.for_user(personas.operator_a),
        channel=ComplaintChannel.COUNTER,
        category=ComplaintCategory.DELAY,
        description="پرونده دیر انجام شد.",
        complainant=personas.citizen,
        office=personas.office_b,
    )
    assert complaint.office == personas.office_b
    assert complaint.filed_by == "operator_a"


def test_an_office_without_a_licence_takes_no_complaint(personas, complaint_rules):
    with pytest.raises(Conflict) as error:
        services.complaint_file(
            actor=Actor.for_user(personas.operator_b),
            channel=ComplaintChannel.COUNTER,
            category=ComplaintCategory.DELAY,
            description="x",
            complainant=personas.citizen,
        )
    assert error.value.code == SupervisionErrorCode.OFFICE_NOT_OPERABLE


def test_the_audit_entry_masks_the_national_code(personas, complaint_rules):
    complaint = file_portal(personas.citizen, office=personas.office_a)
    entry = AuditEntry.objects.get(action="complaint.filed", object_id=str(complaint.pk))
    assert personas.citizen.national_code not in entry.summary


def test_repeated_complaints_are_linked_both_ways(personas, complaint_rules, citizen_file):
    first = file_portal(personas.citizen, file=citizen_file, staff_member=personas.operator_a)
    second = file_portal(personas.other_citizen, office=personas.office_a)
    third = file_portal(personas.citizen, file=citizen_file, staff_member=personas.operator_a)
    assert ComplaintLink.objects.get(complaint=second, related=first).reason == "office"
    assert ComplaintLink.objects.get(complaint=first, related=second).reason == "office"
    assert ComplaintLink.objects.get(complaint=third, related=first).reason == "staff_member"
    assert ComplaintLink.objects.filter(complaint=third).count() == 2


def test_old_closed_complaints_are_not_linked(personas, complaint_rules):
    old = file_portal(personas.citizen, office=personas.office_a)
    Complaint.objects.filter(pk=old.pk).update(
        status=ComplaintStatus.CLOSED, received_at=timezone.now() - datetime.timedelta(days=200)
    )
    new = file_portal(personas.citizen, office=personas.office_a)
    assert not ComplaintLink.objects.filter(complaint=new).exists()


# --- triage, evidence, ruling -----------------------------------------------------------------


def test_the_supervisor_takes_a_complaint(personas, complaint_rules):
    complaint = investigating(personas, file_portal(personas.citizen, office=personas.office_a))
    assert complaint.status == ComplaintStatus.INVESTIGATING
    assert complaint.handler == personas.supervisor


def test_only_the_supervision_unit_triages(personas, complaint_rules):
    complaint = file_portal(personas.citizen, office=personas.office_a)
    with pytest.raises(Forbidden):
        services.complaint_take(actor=Actor.for_user(personas.manager_a), complaint=complaint)


def test_evidence_from_the_files_timeline_and_the_audit_log(
    personas, complaint_rules, citizen_file
):
    complaint = investigating(personas, file_portal(personas.citizen, file=citizen_file))
    event = citizen_file.events.order_by("pk").first()
    evidence = services.complaint_evidence_add(
        actor=sup(personas), complaint=complaint, source="file_event", reference=str(event.pk)
    )
    assert evidence.summary
    entry = AuditEntry.objects.filter(object_type="cases.file", object_id=str(citizen_file.pk))
    evidence = services.complaint_evidence_add(
        actor=sup(personas),
        complaint=complaint,
        source="audit_entry",
        reference=str(entry.first().pk),
    )
    assert evidence.summary.startswith("file.")
    services.complaint_evidence_add(
        actor=sup(personas), complaint=complaint, source="note", note="با مدیر دفتر تماس گرفتم."
    )
    assert complaint.evidence.count() == 3
    assert not complaint.events.filter(kind="evidence", public=True).exists()


def test_evidence_from_another_file_is_refused(personas, complaint_rules, citizen_file, catalogue):
    complaint = investigating(personas, file_portal(personas.citizen, office=personas.office_b))
    event = citizen_file.events.order_by("pk").first()
    with pytest.raises(InvalidInput) as error:
        services.complaint_evidence_add(
            actor=sup(personas), complaint=complaint, source="file_event", reference=str(event.pk)
        )
    assert error.value.code == SupervisionErrorCode.EVIDENCE_NOT_FOUND
    assert not complaint.evidence.exists()


def test_a_ruling_needs_reasons(personas, complaint_rules, in_force):
    complaint = investigating(personas, file_portal(personas.citizen, office=personas.office_a))
    with pytest.raises(InvalidInput) as error:
        services.complaint_rule_on(
            actor=sup(personas), complaint=complaint, ruling=ComplaintRuling.REJECTED, reasons=""
        )
    assert error.value.field == "reasons"
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.INVESTIGATING


def test_an_upheld_ruling_cites_an_article(personas, complaint_rules, in_force):
    complaint = investigating(personas, file_portal(personas.citizen, office=personas.office_a))
    with pytest.raises(InvalidInput) as error:
        services.complaint_rule_on(
            actor=sup(personas), complaint=complaint, ruling=ComplaintRuling.UPHELD, reasons="x"
        )
    assert error.value.code == SupervisionErrorCode.CITATION_REQUIRED


def test_an_upheld_ruling_takes_the_rules_severity_and_sends_an_sms(
    personas, complaint_rules, in_force
):
    complaint = file_portal(
        personas.citizen, office=personas.office_a, category=ComplaintCategory.OVERCHARGING
    )
    complaint = ruled(personas, complaint, in_force)
    assert complaint.status == ComplaintStatus.RULED
    assert complaint.severity == Severity.MAJOR
    assert complaint.citations.count() == 1
    assert SmsMessage.objects.filter(purpose="complaint_update").count() == 2


def test_the_supervisor_may_change_the_severity(personas, complaint_rules, in_force):
    complaint = investigating(personas, file_portal(personas.citizen, office=personas.office_a))
    complaint = services.complaint_rule_on(
        actor=sup(personas),
        complaint=complaint,
        ruling=ComplaintRuling.PARTLY_UPHELD,
        reasons="x",
        citations=[(in_force.articles.first(), None)],
        severity=Severity.CRITICAL,
    )
    assert complaint.severity == Severity.CRITICAL


def test_a_rejected_ruling_has_no_severity(personas, complaint_rules, in_force):
    complaint = ruled(
        personas,
        file_portal(personas.citizen, office=personas.office_a),
        in_force,
        ComplaintRuling.REJECTED,
    )
    assert complaint.severity == ""


# --- appeal, reopen, satisfaction -------------------------------------------------------------


def test_the_complainant_appeals_once(personas, complaint_rules, in_force):
    complaint = ruled(personas, file_portal(personas.citizen, office=personas.office_a), in_force)
    services.complaint_appeal(
        actor=Actor.for_user(personas.citizen), complaint=complaint, reason="قانع نشدم."
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.APPEALED
    with pytest.raises(Conflict) as error:
        services.complaint_appeal(
            actor=Actor.for_user(personas.citizen), complaint=complaint, reason="باز هم"
        )
    assert error.value.code == SupervisionErrorCode.APPEAL_ALREADY_FILED


def test_no_appeal_after_the_deadline(personas, complaint_rules, in_force):
    complaint = ruled(personas, file_portal(personas.citizen, office=personas.office_a), in_force)
    Complaint.objects.filter(pk=complaint.pk).update(
        ruled_at=timezone.now() - datetime.timedelta(days=30)
    )
    with pytest.raises(Conflict) as error:
        services.complaint_appeal(
            actor=Actor.for_user(personas.citizen), complaint=complaint, reason="دیر"
        )
    assert error.value.code == SupervisionErrorCode.APPEAL_DEADLINE_PASSED
    assert "۱۰" in error.value.render("fa") or error.value.render("fa")
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RULED


def test_only_the_complainant_appeals(personas, complaint_rules, in_force):
    complaint = ruled(personas, file_portal(personas.citizen, office=personas.office_a), in_force)
    with pytest.raises(Forbidden):
        services.complaint_appeal(
            actor=Actor.for_user(personas.other_citizen), complaint=complaint, reason="x"
        )


def test_the_committee_secretary_decides_an_appeal_by_a_complaint_ruling_decision(
    personas, committee, complaint_rules, in_force, adopt_decision
):
    complaint = ruled(personas, file_portal(personas.citizen, office=personas.office_a), in_force)
    services.complaint_appeal(
        actor=Actor.for_user(personas.citizen), complaint=complaint, reason="x"
    )
    with pytest.raises(InvalidInput):  # a policy decision does not decide appeals
        services.complaint_appeal_decide(
            actor=Actor.for_user(committee.secretary),
            complaint=complaint,
            outcome=AppealOutcome.UPHELD,
            decision=adopt_decision(DecisionKind.POLICY),
        )
    with pytest.raises(Forbidden):
        services.complaint_appeal_decide(
            actor=Actor.for_user(committee.planning),
            complaint=complaint,
            outcome=AppealOutcome.UPHELD,
            decision=adopt_decision(DecisionKind.COMPLAINT_RULING),
        )
    appeal = services.complaint_appeal_decide(
        actor=Actor.for_user(committee.secretary),
        complaint=complaint,
        outcome=AppealOutcome.UPHELD,
        decision=adopt_decision(DecisionKind.COMPLAINT_RULING, "رأی شکایت"),
    )
    assert appeal.outcome == AppealOutcome.UPHELD
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED
    assert complaint.closed_at


def test_reopen_within_thirty_days_at_most_twice(personas, complaint_rules, in_force):
    complaint = file_portal(personas.citizen, office=personas.office_a)
    citizen = Actor.for_user(personas.citizen)
    for _time in range(2):
        complaint = ruled(personas, complaint, in_force)
        complaint = services.complaint_reopen(actor=citizen, complaint=complaint, reason="باز")
        assert complaint.status == ComplaintStatus.INVESTIGATING
        assert complaint.ruling == ""
    complaint = ruled(personas, complaint, in_force)
    with pytest.raises(Conflict) as error:
        services.complaint_reopen(actor=citizen, complaint=complaint, reason="سوم")
    assert error.value.code == SupervisionErrorCode.REOPEN_LIMIT


def test_no_reopen_after_thirty_days(personas, complaint_rules, in_force):
    complaint = ruled(personas, file_portal(personas.citizen, office=personas.office_a), in_force)
    Complaint.objects.filter(pk=complaint.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=31)
    )
    with pytest.raises(Conflict) as error:
        services.complaint_reopen(
            actor=Actor.for_user(personas.citizen), complaint=complaint, reason="x"
        )
    assert error.value.code == SupervisionErrorCode.REOPEN_WINDOW_PASSED


def test_satisfaction_once_from_one_to_five_after_the_ruling(personas, complaint_rules, in_force):
    complaint = file_portal(personas.citizen, office=personas.office_a)
    citizen = Actor.for_user(personas.citizen)
    with pytest.raises(Conflict):
        services.complaint_rate(actor=citizen, complaint=complaint, score=5)
    complaint = ruled(personas, complaint, in_force)
    with pytest.raises(InvalidInput):
        services.complaint_rate(actor=citizen, complaint=complaint, score=6)
    services.complaint_rate(actor=citizen, complaint=complaint, score=4)
    with pytest.raises(Conflict) as error:
        services.complaint_rate(actor=citizen, complaint=complaint, score=3)
    assert error.value.code == SupervisionErrorCode.RATED_ALREADY
    complaint.refresh_from_db()
    assert complaint.satisfaction == 4


# --- the escalation sweep ---------------------------------------------------------------------


def test_the_sweep_escalates_late_triage_and_late_rulings_and_closes_old_rulings(
    personas, complaint_rules, in_force
):
    late_triage = file_portal(personas.citizen, office=personas.office_a)
    late_ruling = investigating(personas, file_portal(personas.citizen, office=personas.office_a))
    old_ruling = ruled(personas, file_portal(personas.citizen, office=personas.office_a), in_force)
    on_time = file_portal(personas.citizen, office=personas.office_a)
    past = timezone.now() - datetime.timedelta(hours=1)
    Complaint.objects.filter(pk=late_triage.pk).update(triage_due_at=past)
    Complaint.objects.filter(pk=late_ruling.pk).update(due_at=past)
    Complaint.objects.filter(pk=old_ruling.pk).update(
        ruled_at=timezone.now() - datetime.timedelta(days=40)
    )
    assert services.complaints_escalate(actor=Actor.system("complaints")) == 3
    levels = dict(Complaint.objects.values_list("pk", "escalation_level"))
    assert (levels[late_triage.pk], levels[late_ruling.pk], levels[on_time.pk]) == (1, 2, 0)
    assert Complaint.objects.get(pk=old_ruling.pk).status == ComplaintStatus.CLOSED
    assert services.complaints_escalate(actor=Actor.system("complaints")) == 0
