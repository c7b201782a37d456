"""The world the access table (`tests/test_access.py`) requests every URL in: one of each kind
of object, owned by someone other than most personas, so that a persona who may not see an
object is seen to get 404 (STYLE habit 5) and one who may is seen to reach it.

Owners: the file and the licence application belong to `other_citizen`; the file was opened
at office_a's counter by operator_a for the building-permits department (reviewer's); so
`citizen`, `operator_b` and every other role are outsiders to it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from daftar.catalogue.choices import Channel
from daftar.core.actors import Actor


@dataclass
class World:
    file_code: str
    attachment: int
    paid_file_code: str  # a second file of other_citizen's, paid by card at office_a
    payment: int
    receipt_code: str
    settlement: int
    version: int
    article: int
    decision_year: int
    decision_seq: int
    decision_draft: int
    office: str
    other_office: str
    licence: str
    licence_code: str
    terminal: int
    call: str
    application: int
    application_document: int
    staff_user: int
    partner: int
    service: str
    today: str
    partner_key: str
    document: str = ""  # the paid file's receipt document (transparency)
    document_code: str = ""
    staff_proposal: int = 0  # people: manager_a's proposal of a new operator for office_a
    service_draft: int = 0  # catalogue administration: a new service's draft
    tariff_draft: int = 0  # catalogue administration: a tariff change not yet sent
    queue_ticket: int = 0  # the queue (issue 18): a walk-in at office_a called to counter 1


def build_world(
    personas, catalogue, counter_ready, committee, in_force, adopt_decision, trusted_partner
) -> World:
    from daftar.cases import services as cases
    from daftar.cases.tests.fixtures import FORM, pdf
    from daftar.governance.choices import DecisionKind
    from daftar.licensing.tests import factories as licensing
    from daftar.offices import services as offices
    from daftar.treasury.models import Account
    from daftar.treasury.services import payment_record_pos, settlement_run

    Account.objects.get_or_create(
        code="bank:treasury",
        defaults={
            "name_fa": "حساب خزانه واحد",
            "name_en": "Single treasury account",
            "kind": "bank",
            "sheba": "IR820540102680020817909002",
        },
    )
    file = cases.file_open(
        actor=Actor.for_user(personas.operator_a),
        service=catalogue.service,
        channel=Channel.OFFICE,
        citizen=personas.other_citizen,
        form_data=FORM,
        documents={"deed": pdf()},
        office=counter_ready,
        operator=personas.operator_a,
    )
    decision = adopt_decision(DecisionKind.TARIFF, "مصوبه عمومی")
    draft = licensing.draft_decision(committee, in_force)
    terminal, _secret = offices.terminal_register(
        actor=Actor.system("test"), office=counter_ready, code="POS-1"
    )
    paid = cases.file_open(
        actor=Actor.for_user(personas.operator_a),
        service=catalogue.service,
        channel=Channel.OFFICE,
        citizen=personas.other_citizen,
        form_data=FORM,
        documents={"deed": pdf()},
        office=counter_ready,
        operator=personas.operator_a,
    )
    receipt = payment_record_pos(
        actor=Actor.for_user(personas.operator_a),
        file=paid,
        terminal=terminal,
        pos_reference="ACCESS-1",
        amount=paid.amount,
    )
    from daftar.transparency.services.documents import receipt_documents_issue

    (document,) = receipt_documents_issue(actor=Actor.system("test"), file=paid)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    settlement = settlement_run(  # a settled period (only past days can be settled)
        actor=Actor.system("test"), period_start=yesterday, period_end=yesterday
    )
    licence_decision = adopt_decision(DecisionKind.LICENCE, "فراخوان")
    licensing.districts()
    call = licensing.open_it(
        licensing.draft_call(committee.secretary), committee.secretary, licence_decision
    )
    application = licensing.apply(call, personas.other_citizen)
    app, key = trusted_partner(scopes=("catalogue", "files", "payments"))
    # --- people and roles (issue 17 item 5): a staff proposal of manager_a's office ----------
    from daftar.offices.services import staff_proposal_submit

    staff_proposal = staff_proposal_submit(
        actor=Actor.for_user(personas.manager_a),
        first_name="رضا",
        last_name="محمدی",
        national_code="0013542419",
        mobile="09121234567",
        staff_role="operator",
    )
    # --- end people and roles ----------------------------------------------------------------
    # --- catalogue administration (issue 17): a new service's draft, a tariff draft ---------
    from daftar.catalogue import services as catalogue_admin

    service_draft = catalogue_admin.service_draft_start(
        actor=Actor.for_user(personas.catalogue_admin), code="world-new-service"
    )
    tariff_draft = catalogue_admin.tariff_draft_save(
        actor=Actor.for_user(personas.catalogue_admin),
        service=catalogue.service,
        formula="1_000_000 + 12_000 * area_m2",
        description_fa="یک میلیون ریال و برای هر متر ۱۲ هزار ریال",
        description_en="",
        splits=[{"beneficiary": "revenue:building-permit-duty", "basis_points": 10_000}],
        samples=[{"area_m2": "100"}],
        effective_from=timezone.localdate() + datetime.timedelta(days=30),
    )
    _build_workflow_draft(personas, catalogue)  # workflow editor (issue 17)
    queue_ticket = _build_queue_ticket(personas, catalogue, counter_ready)  # queue (issue 18)
    return World(
        file_code=file.tracking_code,
        attachment=file.attachments.first().pk,
        paid_file_code=paid.tracking_code,
        payment=receipt.payment.pk,
        receipt_code=receipt.verification_code,
        settlement=settlement.pk,
        version=in_force.number,
        article=in_force.articles.order_by("number").first().number,
        decision_year=decision.year,
        decision_seq=decision.seq,
        decision_draft=draft.pk,
        office=counter_ready.code,
        other_office=personas.office_b.code,
        licence=counter_ready.licences.first().number,
        licence_code=counter_ready.licences.first().verification_code,
        terminal=terminal.pk,
        call=call.code,
        application=application.pk,
        application_document=application.documents.first().pk,
        staff_user=personas.operator_a.pk,
        partner=app.pk,
        service=catalogue.service.code,
        today=timezone.localdate().isoformat(),
        partner_key=key,
        document=document.number,
        document_code=document.verification_code,
        staff_proposal=staff_proposal.pk,
        service_draft=service_draft.pk,
        tariff_draft=tariff_draft.pk,
        queue_ticket=queue_ticket,
    )


MISSING = 999_999  # an id no object has: for rows whose object the world does not build


def _core_url_kwargs(world: World) -> dict[str, dict]:
    """The URL arguments of every URL name that takes any, pointing into `world`."""
    file = {"tracking_code": world.file_code}
    version = {"number": world.version}
    call = {"code": world.call}
    return {
        "accounts:staff_enrolment_code_issue": {"pk": world.staff_user},
        "accounts:staff_authenticator_reset": {"pk": world.staff_user},
        "governance:version": version,
        "governance:article": {**version, "article": world.article},
        "governance:draft_edit": version,
        "governance:article_new": version,
        "governance:article_edit": {**version, "article": world.article},
        "governance:draft_submit": version,
        "governance:version_adopt": version,
        "governance:decision": {"year": world.decision_year, "seq": world.decision_seq},
        "governance:decision_draft": {"pk": world.decision_draft},
        "governance:decision_edit": {"pk": world.decision_draft},
        "governance:decision_vote": {"pk": world.decision_draft},
        "governance:decision_close": {"pk": world.decision_draft},
        "offices:detail": {"code": world.office},
        "offices:manage": {"code": world.office},
        "offices:licence_verify": {"code": world.licence_code},
        "offices:licence_document": {"number": world.licence},
        "offices:terminal_rotate": {"pk": world.terminal},
        "licensing:call": call,
        "licensing:publication_json": {**call, "number": 1},
        "licensing:publication_csv": {**call, "number": 1},
        "licensing:apply": call,
        "licensing:my_application": call,
        "licensing:my_document_upload": call,
        "licensing:my_objection": call,
        "licensing:document": {"pk": world.application_document},
        "licensing:manage": call,
        "licensing:call_edit": call,
        "licensing:quotas": call,
        "licensing:call_open": call,
        "licensing:call_step": {**call, "step": "close-registration"},
        "licensing:applications": call,
        "licensing:application": {"pk": world.application},
        "licensing:document_review": {"pk": world.application_document},
        "licensing:scores": call,
        "licensing:publish": call,
        "licensing:objections": call,
        "licensing:objection_rule": {"pk": MISSING},
        "licensing:awards": call,
        "licensing:agreement_licence": {"pk": MISSING},
        "catalogue:service": {"code": world.service},
        "catalogue:quote": {"code": world.service},
        "cases:apply": {"code": world.service},
        "cases:file": file,
        "cases:action": file,
        "cases:correct": file,
        "cases:rate": file,
        "cases:receipt": file,
        "cases:attachment": {**file, "pk": world.attachment},
        "treasury:payment_receipt": {"tracking_code": world.paid_file_code, "pk": world.payment},
        "cases:callback_done": {"pk": MISSING},
        "cases:counter_file": {"code": world.service},
        "treasury:pay_online": file,
        "treasury:pay_at_counter": file,
        "treasury:gateway_sim": {"token": "unknown"},
        "treasury:receipt_verify": {"code": world.receipt_code},
        "treasury:day": {"day": world.today},
        "treasury:close_day": {"day": world.today},
        "treasury:resolve": {"pk": MISSING},
        "treasury:settlement": {"pk": world.settlement},
        "treasury:refund_preview": file,
        "audit:checkpoint_file": {"number": MISSING},
        "partner_revoke": {"pk": world.partner},
        "api:get_version": version,
        "api:get_article": {**version, "article": world.article},
        "api:get_decision": {"year": world.decision_year, "seq": world.decision_seq},
        "api:get_office": {"code": world.office},
        "api:get_call": call,
        "api:get_quotas": call,
        "api:get_ranking": call,
        "api:get_service": {"code": world.service},
        "api:add_attachment": {"code": world.file_code},
        "api:submit_file": {"code": world.file_code},
        "api:get_file": {"code": world.file_code},
        "api:take_action": {"code": world.file_code, "action": "pay"},
        "api:rate_file": {"code": world.file_code},
        "api:start_payment": {"code": world.file_code},
        "api:get_receipt": {"code": world.file_code},
        # supervision: complaints
        "supervision:complaint": {"code": str(MISSING)},
        "supervision:complaint_appeal": {"code": str(MISSING)},
        "supervision:complaint_reopen": {"code": str(MISSING)},
        "supervision:complaint_rate": {"code": str(MISSING)},
        "supervision:complaint_act": {"code": str(MISSING)},
        "api:get_complaint": {"code": str(MISSING)},
        # supervision: grading (the world grades no period)
        "supervision:grading_period": {"code": "MISSING"},
        "supervision:grading_run": {"code": "MISSING"},
        "supervision:grading_inputs": {"code": "MISSING"},
    }


# --- supervision: inspections (the objects are MISSING: see tests/test_access.py) ---------------
_INSPECTION = {"pk": MISSING}
_INSPECTIONS_KWARGS = {
    "supervision:inspection": _INSPECTION,
    "supervision:inspection_check_in": _INSPECTION,
    "supervision:inspection_answer": {"pk": MISSING, "item": MISSING},
    "supervision:inspection_submit": _INSPECTION,
    "supervision:inspection_mystery_file": _INSPECTION,
    "supervision:inspection_action": {"pk": MISSING, "action": MISSING},
    "supervision:inspection_correct": _INSPECTION,
    "supervision:inspection_photo": {"pk": MISSING, "photo": MISSING},
    "supervision:checklist_version": {"pk": MISSING},
    "supervision:finding": {"pk": MISSING},
}

# --- supervision: sanctions (the world holds no sanction and no ladder: MISSING) -------------
_SANCTIONS_KWARGS = {
    name: {"pk": MISSING}
    for name in (
        "supervision:sanction",
        "supervision:sanction_withdraw",
        "supervision:sanction_decide",
        "supervision:sanction_appeal",
        "supervision:sanction_appeal_decide",
        "supervision:fine_record",
        "supervision:ladder_terms",
        "supervision:ladder_adopt",
        "supervision:ladder_step_add",
    )
}
_SANCTIONS_KWARGS["supervision:ladder_step_remove"] = {"pk": MISSING, "order": 1}

# --- transparency: open data (nothing published in the world) ---------------------------------
_OPEN_DATA_KWARGS = {
    "transparency:opendata_latest": {"slug": "files", "fmt": "csv"},
    "transparency:opendata_past": {"slug": "files", "day": "2026-01-01", "fmt": "csv"},
}

# --- transparency: council reports (the world holds no report: MISSING) ------------------------
_COUNCIL_REPORTS_KWARGS = {
    "transparency:council_report_row": {"pk": MISSING},
    "transparency:council_report_pdf": {"pk": MISSING},
}


def _documents_kwargs(world: World) -> dict[str, dict]:
    """Transparency: the documents citizens receive (the paid file's receipt document)."""
    return {
        "transparency:document_pdf": {"number": world.document},
        "transparency:document_revoke": {"number": world.document},
        "transparency:template_new": {"code": world.service},
        "transparency:verify": {"code": world.document_code},
        "api:document_verification": {"code": world.document_code},
    }


# real providers (issue 17): the redirect to the PSP's page, for a token nobody started
_PROVIDERS_KWARGS = {"treasury:gateway_redirect": {"token": "unknown"}}


def _people_kwargs(world: World) -> dict[str, dict]:
    """People and roles: operator_a's account, manager_a's office's staff proposal."""
    person = {"pk": world.staff_user}
    proposal = {"pk": world.staff_proposal}
    return {
        "people:person": person,
        "people:deactivate": person,
        "people:reactivate": person,
        "people:password": person,
        "people:second_factor": person,
        "people:proposal": proposal,
        "people:proposal_approve": proposal,
        "people:proposal_reject": proposal,
        "people:leave_cancel": {"pk": MISSING},  # staff leave (ADR 0036): none in the world
    }


def url_kwargs(world: World) -> dict[str, dict]:
    """Every named URL's kwargs in the world: the core table, then each area's."""
    return {
        **_core_url_kwargs(world),
        **_INSPECTIONS_KWARGS,
        **_SANCTIONS_KWARGS,
        **_OPEN_DATA_KWARGS,
        **_COUNCIL_REPORTS_KWARGS,
        **_documents_kwargs(world),
        **_PROVIDERS_KWARGS,
        **_calendar_kwargs(world),
        **_BOOKING_KWARGS,
        **_queue_kwargs(world),
        **_OPEN311_KWARGS,
    }


# --- the working calendar (issue 17 item 4): no holiday or closure that day in the world ----------
def _calendar_kwargs(world: World) -> dict[str, dict]:
    return {
        "offices:holiday_remove": {"day": world.today},
        "offices:hours": {"code": world.office},
        "offices:closure_remove": {"code": world.office, "day": world.today},
        **_people_kwargs(world),
        **_catalogue_admin_kwargs(world),
    }


def _catalogue_admin_kwargs(world: World) -> dict[str, dict]:
    """Catalogue administration (issue 17): the world's service draft and tariff draft."""
    draft = {"pk": world.service_draft}
    tariff = {"pk": world.tariff_draft}
    return {
        "catalogue:draft_edit": draft,
        "catalogue:draft_field": draft,
        "catalogue:draft_field_remove": draft,
        "catalogue:draft_document": draft,
        "catalogue:draft_document_remove": draft,
        "catalogue:draft_preview": draft,
        "catalogue:draft_publish": draft,
        "catalogue:draft_discard": draft,
        "catalogue:tariff_new": {"code": world.service},
        "catalogue:tariff_draft": tariff,
        "catalogue:tariff_send": tariff,
        "catalogue:tariff_apply": tariff,
        "catalogue:tariff_withdraw": tariff,
        **_WORKFLOW_KWARGS,
        "cases:assign": {"tracking_code": world.file_code},  # assignment (issue 17)
        "catalogue:draft_offer": draft,  # withdrawing a service through a draft (issue 17)
        "treasury:psp_transaction": {"pk": MISSING},  # the PSP's book: none in the world
    }


# --- workflow editor (issue 17): a draft v2 of the service's permit workflow -----------------
def _build_workflow_draft(personas, catalogue) -> None:
    from daftar.workflow.services import workflow_draft_create

    published = catalogue.service.workflow
    workflow_draft_create(
        actor=Actor.for_user(personas.catalogue_admin),
        workflow=published.workflow,
        source=published,
    )


_WORKFLOW_DRAFT = {"code": "permit", "number": 2}
_WORKFLOW_KWARGS = {
    "workflow:draft_new": {"code": "permit"},
    "workflow:version": _WORKFLOW_DRAFT,
    "workflow:version_svg": _WORKFLOW_DRAFT,
    "workflow:publish": _WORKFLOW_DRAFT,
    "workflow:state_new": _WORKFLOW_DRAFT,
    "workflow:state_edit": {**_WORKFLOW_DRAFT, "state": "in_review"},
    "workflow:state_delete": {**_WORKFLOW_DRAFT, "state": "in_review"},
    "workflow:action_new": _WORKFLOW_DRAFT,
    "workflow:action_edit": {**_WORKFLOW_DRAFT, "state": "in_review", "action": "approve"},
    "workflow:action_delete": {**_WORKFLOW_DRAFT, "state": "in_review", "action": "approve"},
}


# --- appointments: booking (issue 18 part 2): no booking in the world (MISSING) ----------------
_BOOKING_KWARGS = {
    "appointments:qr": {"token": str(MISSING)},
    "appointments:detail": {"code": str(MISSING)},
    "appointments:cancel": {"code": str(MISSING)},
    "appointments:move": {"code": str(MISSING)},
    "api:appointment_get": {"code": str(MISSING)},
    "api:appointment_cancel": {"code": str(MISSING)},
}


# --- the office's queue (issue 18, part 3): a walk-in ticket at office_a called to counter 1 ----
def _build_queue_ticket(personas, catalogue, office) -> int:
    from daftar.appointments.services.queue import ticket_call_next, ticket_walk_in

    operator = Actor.for_user(personas.operator_a)
    ticket = ticket_walk_in(actor=operator, office=office, service=catalogue.service)
    ticket_call_next(actor=operator, office=office, counter=1)
    return ticket.pk


def _queue_kwargs(world: World) -> dict[str, dict]:
    ticket = {"pk": world.queue_ticket}
    return {
        "appointments:queue_recall": ticket,
        "appointments:queue_served": ticket,
        "appointments:queue_no_show": ticket,
        "appointments:queue_display": {"code": world.office},
        "appointments:queue_display_board": {"code": world.office},
    }


# --- Open311 GeoReport v2 (issue 18): every path names its format; no report in the world -----
_OPEN311_KWARGS = {
    "open311:discovery": {"fmt": "json"},
    "open311:services": {"fmt": "xml"},
    "open311:service": {"service_code": "missing", "fmt": "json"},
    "open311:requests": {"fmt": "json"},
    "open311:request": {"service_request_id": "999999999999", "fmt": "xml"},
    "open311:token": {"token": "0123456789abcdef", "fmt": "json"},
    # the catalogue team's Open311 page: no mapping in the world
    "open311_manage:edit": {"code": "missing"},
    "open311_manage:listing": {"code": "missing"},
}
