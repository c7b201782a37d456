"""Who may reach every URL of the project: one row per URL name, requested as every persona.

Each row names the personas who reach the URL (answer `ok`, 200 unless said) and what everyone
else gets (`deny`: 404 by default, because a user who may not see a page or an object is told it
does not exist, STYLE habit 5). A signed-out visitor (`anonymous`) is sent to the staff sign-in
page (`LOGIN`), or from the citizens' pages to the citizen sign-in (`CITIZEN_LOGIN`), unless the
row says otherwise. The objects in the URLs belong to someone other than
most personas (see `tests/access_world.py`): the file and the licence application are
`other_citizen`'s, the file was taken at office_a by operator_a for reviewer's department.

A row requests with GET, or with an empty POST when the URL takes only POST (`POST`); each
request runs in a savepoint that is rolled back, so no request changes what the next one sees.
`MISSING` in a row's note means the world holds no such object (the row then shows only the
role gate in front of the lookup). The table must list every URL name of the URLconf: a new URL
fails `test_every_url_is_in_the_access_table` until it has a row. The admin site is covered as
a group by `test_only_the_system_admin_reaches_the_admin_site`.

`list=True` marks list pages and list endpoints; `tests/test_query_counts.py` requires a
query-count test for each of them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access_world import build_world, url_kwargs

PERSONAS = [
    "citizen",
    "other_citizen",
    "operator_a",
    "operator_b",
    "manager_a",
    "reviewer",
    "treasury",
    "inspector",
    "supervisor",
    "committee",
    "council",
    "auditor",
    "catalogue_admin",
    "admin",
]
ANONYMOUS = "anonymous"
EVERYONE = " ".join([*PERSONAS, ANONYMOUS])
STAFF = " ".join(p for p in PERSONAS if p not in {"citizen", "other_citizen"})
LOGIN = "login"  # a 302 to the (staff) sign-in page
CITIZEN_LOGIN = "citizen-login"  # a 302 to the citizen sign-in: the citizens' pages
REDIRECT = 302  # a 302 anywhere else (after a form, or to the next step)
GET, POST = "GET", "POST"


@dataclass(frozen=True)
class Row:
    name: str
    who: str = ""  # the personas answered `ok`, space-separated
    ok: int | str = 200
    deny: int | str = 404
    anon: int | str = LOGIN
    method: str = GET
    other: dict = field(default_factory=dict)  # persona -> answer, where a row has a third
    is_list: bool = False
    note: str = ""

    def expected(self, persona: str) -> int | str:
        if persona in self.other:
            return self.other[persona]
        if persona == ANONYMOUS:
            return self.ok if ANONYMOUS in self.who.split() else self.anon
        return self.ok if persona in self.who.split() else self.deny


def public(name: str, *, ok: int | str = 200, method: str = GET, **kw) -> Row:
    """A page every persona and a signed-out visitor gets the same answer from."""
    return Row(name, who=EVERYONE, ok=ok, method=method, **kw)


def api(name: str, *, ok: int = 200, method: str = GET, **kw) -> Row:
    """An API operation: a browser session (any persona or none) changes nothing."""
    return public(name, ok=ok, method=method, **kw)


TABLE: list[Row] = [
    # core
    public("core:home"),
    public("healthz"),
    public("readyz"),
    public("set_language", ok=REDIRECT),
    # accounts
    Row("accounts:staff_login", who=ANONYMOUS, deny=REDIRECT, note="signed in: to the dashboard"),
    public("accounts:citizen_login"),
    public("accounts:citizen_login_verify", ok=CITIZEN_LOGIN, note="no code pending: to step 1"),
    Row("accounts:logout", who=" ".join(PERSONAS), ok=REDIRECT, method=POST),
    Row("accounts:dashboard", who=" ".join(PERSONAS), anon=CITIZEN_LOGIN),
    Row("accounts:totp_setup", who=STAFF, note="citizens have no authenticator to set up"),
    Row("accounts:staff_authenticators", who="admin", is_list=True),
    Row("accounts:staff_enrolment_code_issue", who="admin", method=POST),
    Row("accounts:staff_authenticator_reset", who="admin"),
    # governance: the bylaw
    public("governance:bylaw"),
    public("governance:versions", is_list=True),
    public("governance:version"),
    public("governance:article"),
    public("governance:compare"),
    public("governance:compare_json", ok=400, note="no versions named: 400"),
    Row("governance:merge", who="committee", ok=REDIRECT, note="nothing to merge: to compare"),
    Row("governance:draft_create", who="committee"),
    Row("governance:draft_edit", note="the version in force is no draft: 404 for all"),
    Row("governance:article_new", note="the version in force is no draft: 404 for all"),
    Row("governance:article_edit", note="the version in force is no draft: 404 for all"),
    Row("governance:draft_submit", method=POST, note="the version in force is no draft"),
    Row("governance:version_adopt", note="the version in force is no draft: 404 for all"),
    # governance: decisions
    public("governance:decisions", is_list=True),
    public("governance:decision"),
    Row(
        "governance:decision_draft",
        who="committee council",
        note="the council oversees read-only: /committee/ lists drafts to it",
    ),
    Row("governance:committee", who="committee", is_list=True),
    Row("governance:decision_new", who="committee"),
    Row("governance:decision_edit", who="committee"),
    Row("governance:decision_vote", who="committee", ok=REDIRECT, method=POST),
    Row("governance:decision_close", who="committee", ok=REDIRECT, method=POST),
    Row("governance:meeting_create", who="committee"),
    Row("partner_authorisations", who="committee", is_list=True),
    # offices
    public("offices:finder", is_list=True),
    public("offices:detail"),
    Row("offices:manage", who="committee"),
    public("offices:licence_verify"),
    Row("offices:licence_document", who="manager_a inspector committee council auditor admin"),
    Row(
        "offices:my_office",
        who="operator_a operator_b manager_a",
        note="the page of the office each works at",
    ),
    Row("offices:terminals", who="admin", is_list=True),
    Row("offices:terminal_rotate", who="admin", method=POST),
    Row("partners", who="admin", is_list=True),
    Row("partner_revoke", who="admin", ok=REDIRECT, method=POST),
    # licensing: public and applicant
    public("licensing:calls", is_list=True),
    public("licensing:call"),
    public("licensing:publication_json", ok=404, note="nothing published yet"),
    public("licensing:publication_csv", ok=404, note="nothing published yet"),
    Row(
        "licensing:apply",
        who="citizen",
        other={"other_citizen": REDIRECT},
        note="one who applied already is sent to their application",
        anon=CITIZEN_LOGIN,
    ),
    Row("licensing:my_application", who="other_citizen", anon=CITIZEN_LOGIN),
    Row(
        "licensing:my_document_upload",
        who="other_citizen",
        ok=REDIRECT,
        method=POST,
        anon=CITIZEN_LOGIN,
    ),
    Row(
        "licensing:my_objection", who="other_citizen", ok=REDIRECT, method=POST, anon=CITIZEN_LOGIN
    ),
    Row("licensing:document", who="other_citizen reviewer committee"),
    # licensing: staff
    Row("licensing:staff", who="reviewer committee", is_list=True),
    Row("licensing:call_create", who="committee"),
    Row("licensing:manage", who="reviewer committee"),
    Row("licensing:call_edit", note="an open call is no longer edited: 404 for all"),
    Row("licensing:quotas", who="reviewer committee"),
    Row("licensing:call_open", who="committee", ok=REDIRECT, method=POST),
    Row("licensing:call_step", who="committee", ok=REDIRECT, method=POST),
    Row("licensing:applications", who="reviewer committee", is_list=True),
    Row("licensing:application", who="reviewer committee"),
    Row("licensing:document_review", who="reviewer committee", ok=REDIRECT, method=POST),
    Row("licensing:scores", who="reviewer committee", note="a score import form, not a list"),
    Row("licensing:publish", who="committee", note="the preview: only those who may publish"),
    Row("licensing:objections", who="reviewer committee", is_list=True),
    Row("licensing:objection_rule", method=POST, note="MISSING objection"),
    Row("licensing:awards", who="reviewer committee", is_list=True),
    Row("licensing:agreement_licence", note="MISSING agreement"),
    # catalogue
    public("catalogue:services", is_list=True),
    public("catalogue:service"),
    public("catalogue:quote", method=POST),
    # catalogue administration (issue 17): the catalogue team only
    Row("catalogue:manage", who="catalogue_admin", is_list=True),
    Row("catalogue:draft_start", who="catalogue_admin", ok=400, method=POST, note="no code: 400"),
    Row("catalogue:draft_edit", who="catalogue_admin"),
    Row("catalogue:draft_field", who="catalogue_admin", ok=400, method=POST, note="empty: 400"),
    Row("catalogue:draft_field_remove", who="catalogue_admin", ok=REDIRECT, method=POST),
    Row("catalogue:draft_document", who="catalogue_admin", ok=400, method=POST),
    Row("catalogue:draft_document_remove", who="catalogue_admin", ok=REDIRECT, method=POST),
    Row("catalogue:draft_preview", who="catalogue_admin"),
    Row(
        "catalogue:draft_publish",
        who="catalogue_admin",
        ok=REDIRECT,
        method=POST,
        note="the draft is incomplete: back to the preview",
    ),
    Row("catalogue:draft_discard", who="catalogue_admin", ok=REDIRECT, method=POST),
    Row("catalogue:tariff_new", who="catalogue_admin"),
    Row("catalogue:tariff_draft", who="catalogue_admin"),
    Row("catalogue:tariff_send", who="catalogue_admin", ok=REDIRECT, method=POST),
    Row("catalogue:tariff_apply", who="catalogue_admin", ok=REDIRECT, method=POST),
    Row("catalogue:tariff_withdraw", who="catalogue_admin", ok=REDIRECT, method=POST),
    # cases: the citizen's and the staff's side of a file
    Row("cases:apply", who="citizen other_citizen", anon=CITIZEN_LOGIN),
    Row(
        "cases:inbox",
        who=" ".join(PERSONAS),
        is_list=True,
        note="each sees their own",
        anon=CITIZEN_LOGIN,
    ),
    Row(
        "cases:file",
        who="other_citizen operator_a manager_a reviewer supervisor council auditor",
        anon=CITIZEN_LOGIN,
    ),
    Row(
        "cases:action",
        who="other_citizen operator_a manager_a reviewer supervisor council auditor",
        ok=REDIRECT,
        method=POST,
        note="those who see the file are sent back to it (refused with a message)",
        anon=CITIZEN_LOGIN,
    ),
    Row(
        "cases:correct",
        who="other_citizen operator_a manager_a reviewer supervisor council auditor",
        ok=REDIRECT,
        method=POST,
        anon=CITIZEN_LOGIN,
    ),
    Row(
        "cases:rate",
        who="other_citizen operator_a manager_a reviewer supervisor council auditor",
        ok=REDIRECT,
        method=POST,
        anon=CITIZEN_LOGIN,
    ),
    Row(
        "cases:receipt",
        who="other_citizen operator_a manager_a reviewer supervisor council auditor",
        anon=CITIZEN_LOGIN,
    ),
    Row(
        "cases:attachment",
        who="other_citizen operator_a manager_a reviewer supervisor council auditor",
        anon=CITIZEN_LOGIN,
    ),
    public("cases:track"),
    Row("cases:callback_done", method=POST, note="MISSING call-back"),
    # cases: the counter (operator_b's office T0601 is not licensed: the page says so)
    Row("cases:counter", who="operator_a operator_b manager_a", is_list=True),
    Row("cases:counter_consent", who="operator_a operator_b manager_a", ok=REDIRECT),
    Row("cases:counter_reclaim", who="operator_a operator_b manager_a"),
    Row("cases:counter_reclaim_code", who="operator_a operator_b manager_a", ok=REDIRECT),
    Row("cases:counter_file", note="no citizen at the counter: 404 for all"),
    # treasury
    Row(
        "treasury:payment_receipt",
        who="other_citizen operator_a manager_a council auditor",
        anon=CITIZEN_LOGIN,
        note="a payment of another file, or none, is 404 too (test_payment_receipt…)",
    ),
    Row("treasury:pay_online", who="other_citizen", ok=REDIRECT, method=POST, anon=CITIZEN_LOGIN),
    Row("treasury:pay_at_counter", who="operator_a manager_a", anon=CITIZEN_LOGIN),
    public("treasury:gateway_sim", ok=404, note="MISSING payment token"),
    public("treasury:gateway_callback", ok=403, note="unsigned: refused"),
    public("treasury:receipt_verify", note="the receipt of the paid file"),
    Row("treasury:dashboard", who="treasury"),
    Row("treasury:reconciliation", who="treasury", is_list=True),
    Row("treasury:day", note="no statement imported for the day: 404 for all"),
    Row("treasury:close_day", who="treasury", ok=REDIRECT, method=POST),
    Row("treasury:resolve", method=POST, note="MISSING statement line"),
    Row("treasury:slip", who="treasury"),
    Row("treasury:settlements", who="treasury", is_list=True),
    Row("treasury:settlement_preview", who="treasury", note="no period given: the form"),
    Row("treasury:settlement", who="treasury", note="with the bank file: the officers' page"),
    Row("treasury:refunds", who="treasury", is_list=True),
    Row("treasury:refund_preview", who="treasury", note="the file is unpaid: says why not"),
    Row("treasury:penalties", who="treasury", is_list=True),
    Row("treasury:summary", who="treasury council auditor"),
    Row("treasury:office_statement", who="manager_a", is_list=True),
    # supervision: inspections (the objects are MISSING here: only the role gates show;
    # object-level access is tested in daftar/supervision/tests/test_inspections_views.py)
    Row("supervision:my_inspections", who="inspector", is_list=True),
    Row("supervision:inspection_conflicts", who="inspector"),
    Row("supervision:inspection_plan", who="supervisor committee council auditor", is_list=True),
    Row("supervision:inspection_new", who="supervisor"),
    Row(
        "supervision:inspection_reports",
        who="inspector supervisor committee council auditor",
        is_list=True,
    ),
    Row("supervision:inspection", note="MISSING inspection"),
    Row("supervision:inspection_check_in", method=POST, note="MISSING inspection"),
    Row("supervision:inspection_answer", method=POST, note="MISSING inspection"),
    Row("supervision:inspection_submit", method=POST, note="MISSING inspection"),
    Row("supervision:inspection_mystery_file", method=POST, note="MISSING inspection"),
    Row("supervision:inspection_action", method=POST, note="MISSING inspection"),
    Row("supervision:inspection_correct", method=POST, note="MISSING inspection"),
    Row("supervision:inspection_photo", note="MISSING inspection"),
    Row("supervision:checklists", who="supervisor", is_list=True),
    Row("supervision:checklist_version", note="MISSING version"),
    Row("supervision:office_inspections", who="manager_a", is_list=True),
    Row("supervision:finding", note="MISSING finding"),
    # supervision: complaints (one complaint's pages are requested with a MISSING code here;
    # who reaches a real one is daftar/supervision/tests/test_complaints_views.py's table)
    Row(
        "supervision:my_complaints",
        who="citizen other_citizen",
        anon=CITIZEN_LOGIN,
        is_list=True,
        note="each sees their own",
    ),
    Row("supervision:complaint_new", who="citizen other_citizen", anon=CITIZEN_LOGIN),
    public("supervision:complaint_track"),
    Row("supervision:complaint", anon=CITIZEN_LOGIN, note="MISSING complaint"),
    Row("supervision:complaint_appeal", method=POST, anon=CITIZEN_LOGIN, note="MISSING complaint"),
    Row("supervision:complaint_reopen", method=POST, anon=CITIZEN_LOGIN, note="MISSING complaint"),
    Row("supervision:complaint_rate", method=POST, anon=CITIZEN_LOGIN, note="MISSING complaint"),
    Row("supervision:complaint_queue", who="supervisor committee council auditor", is_list=True),
    Row("supervision:complaint_counter", who="operator_a operator_b manager_a"),
    Row(
        "supervision:complaint_counter_consent",
        who="operator_a operator_b manager_a",
        ok=REDIRECT,
        note="no consent code asked for yet: back to step 1",
    ),
    Row("supervision:complaint_office", who="manager_a", is_list=True),
    Row("supervision:complaint_appeals", who="committee", is_list=True),
    Row("supervision:complaint_rules", who="supervisor"),
    Row("supervision:complaint_act", method=POST, note="MISSING complaint"),
    # supervision: sanctions, the ladder and the overview (no sanction or ladder in the world)
    Row("supervision:sanctions", who="supervisor committee council auditor", is_list=True),
    Row("supervision:sanctions_to_decide", who="committee", is_list=True),
    Row("supervision:my_sanctions", who="manager_a", is_list=True),
    Row("supervision:fines_to_record", who="treasury", is_list=True),
    Row("supervision:fine_record", method=POST, note="MISSING sanction"),
    Row("supervision:sanction_new", who="supervisor", is_list=True, note="no ladder: says so"),
    Row("supervision:sanction", note="MISSING sanction"),
    Row("supervision:sanction_withdraw", method=POST, note="MISSING sanction"),
    Row("supervision:sanction_decide", method=POST, note="MISSING sanction"),
    Row("supervision:sanction_appeal", method=POST, note="MISSING sanction"),
    Row("supervision:sanction_appeal_decide", method=POST, note="MISSING sanction"),
    Row("supervision:ladder", who="supervisor committee council auditor"),
    Row(
        "supervision:ladder_draft",
        who="supervisor",
        ok=REDIRECT,
        method=POST,
        note="no ladder in force: back to the ladder, saying so",
    ),
    Row("supervision:ladder_terms", method=POST, note="MISSING ladder"),
    Row("supervision:ladder_adopt", method=POST, note="MISSING ladder"),
    Row("supervision:ladder_step_add", method=POST, note="MISSING ladder"),
    Row("supervision:ladder_step_remove", method=POST, note="MISSING ladder"),
    Row("supervision:overview", who="supervisor committee council auditor"),
    # supervision: self-declaration and grading
    public("supervision:grading_formula", note="the formula explained: public"),
    public("supervision:grading_inputs", ok=404, note="MISSING graded period"),
    Row("supervision:grading_formula_manage", who="supervisor"),
    Row("supervision:grading_declare", who="manager_a", note="no period open: says so"),
    Row("supervision:grading_my", who="manager_a", note="the manager's own office"),
    Row("supervision:grading_object", method=POST, note="office_a has no grade: 404 for all"),
    Row("supervision:grading_periods", who="supervisor committee council auditor", is_list=True),
    Row("supervision:grading_objections", who="supervisor committee council auditor", is_list=True),
    Row("supervision:grading_period", is_list=True, note="MISSING period: 404 for all"),
    Row("supervision:grading_run", method=POST, note="MISSING period"),
    # audit
    Row("audit:verify", who="auditor admin", note="admin: a superuser holds every permission"),
    Row("audit:export", who="auditor admin"),
    public("audit:verifier", note="the independent verifier: anyone may check the log"),
    public("audit:checkpoint_index", is_list=True),
    public("audit:checkpoint_latest", ok=404, note="no checkpoint signed yet"),
    public("audit:checkpoint_file", ok=404, note="MISSING checkpoint"),
    # the API (partner operations are checked signed in `test_a_partner_app_reaches_...`)
    api("api:openapi-json"),
    api("api:openapi-view"),
    api("api:api-root", ok=404),
    api("api:list_versions", is_list=True),
    api("api:get_version"),
    api("api:get_article"),
    api("api:list_decisions", is_list=True),
    api("api:get_decision"),
    api("api:list_districts", is_list=True),
    api("api:list_offices", is_list=True),
    api("api:get_office"),
    api("api:heartbeat", ok=400, method=POST, note="no terminal headers"),
    api("api:list_calls", is_list=True),
    api("api:get_call"),
    api("api:get_quotas"),
    api("api:get_ranking", ok=404, note="nothing published yet"),
    api("api:list_services", ok=401, is_list=True),
    api("api:get_service", ok=401),
    api("api:quote", ok=401, method=POST),
    api("api:request_consent", ok=401, method=POST),
    api("api:create_file", ok=401, method=POST),
    api("api:add_attachment", ok=401, method=POST),
    api("api:submit_file", ok=401, method=POST),
    api("api:get_file", ok=401),
    api("api:take_action", ok=401, method=POST),
    api("api:rate_file", ok=401, method=POST),
    api("api:start_payment", ok=401, method=POST),
    api("api:get_receipt", ok=401),
    # supervision: complaints (the partner API)
    api("api:create_complaint", ok=401, method=POST),
    api("api:get_complaint", ok=401),
    # transparency: the public portal (no sign-in; read from the daily aggregates)
    public("transparency:portal"),
    public("transparency:portal_services"),
    public("transparency:portal_districts"),
    # transparency: council reports (the overseeing roles only; the world holds no report)
    Row("transparency:council_reports", who="supervisor committee council auditor", is_list=True),
    Row("transparency:council_report_new", who="supervisor committee council auditor"),
    Row("transparency:council_report_row", note="MISSING report: 404 for all"),
    Row("transparency:council_report_pdf", note="MISSING report: 404 for all"),
    # transparency: issued documents (the world's is the receipt of the paid file)
    Row(
        "transparency:document_pdf",
        who="other_citizen operator_a manager_a treasury council auditor",
    ),
    Row(
        "transparency:document_revoke",
        who="treasury",
        ok=REDIRECT,
        method=POST,
        note="a receipt: the treasury revokes it; no reason: back to the receipts page",
    ),
    Row("transparency:receipts", who="treasury", is_list=True),
    Row("transparency:templates", who="catalogue_admin admin", is_list=True),
    Row("transparency:template_new", who="catalogue_admin admin"),
    public("transparency:verify"),
    api("api:document_verification"),
    # transparency: open data (public; the world has published nothing: the files are 404)
    public("transparency:opendata_index", note="datasets not published yet: says so"),
    public("transparency:opendata_dictionary"),
    public("transparency:opendata_catalogue", note="an empty catalogue"),
    public("transparency:opendata_latest", ok=404, note="nothing published yet"),
    public("transparency:opendata_past", ok=404, note="nothing published that day"),
    # treasury: real providers (issue 17) — the step that posts the PSP's token to its page
    public("treasury:gateway_redirect", ok=404, note="MISSING payment token"),
    # the working calendar (issue 17 item 4): official holidays, office hours and closures
    Row("offices:holidays", who="catalogue_admin admin", is_list=True),
    Row(
        "offices:holiday_remove",
        who="catalogue_admin admin",
        ok=REDIRECT,
        method=POST,
        note="no holiday that day: the page says so",
    ),
    Row("offices:hours", who="manager_a supervisor", note="office_a: its manager"),
    Row(
        "offices:closure_remove",
        who="manager_a supervisor",
        ok=REDIRECT,
        method=POST,
        note="no closure that day: the page says so",
    ),
    # people and roles (issue 17 item 5): the system administrator's staff accounts, the
    # training unit's certifications (the supervisor), office managers' staff proposals
    Row("people:list", who="admin", is_list=True),
    Row("people:create", who="admin"),
    Row("people:person", who="admin", note="operator_a's account"),
    Row("people:deactivate", who="admin", ok=REDIRECT, method=POST, note="no reason: back"),
    Row("people:reactivate", who="admin", ok=REDIRECT, method=POST, note="already active"),
    Row("people:password", who="admin", method=POST, note="the new password, shown once"),
    Row("people:second_factor", who="admin", ok=REDIRECT, method=POST, note="no reason: back"),
    Row("people:certifications", who="supervisor", is_list=True),
    Row("people:certification_new", who="supervisor"),
    Row("people:proposals", who="supervisor manager_a", is_list=True),
    Row("people:proposal_new", who="manager_a"),
    Row("people:proposal", who="supervisor manager_a", note="manager_a's office's proposal"),
    Row("people:proposal_approve", who="supervisor", ok=400, method=POST, note="no username"),
    Row("people:proposal_reject", who="supervisor", ok=400, method=POST, note="no reason"),
    # staff leave (ADR 0036): office managers only, their own office's
    Row("people:leave", who="manager_a", is_list=True),
    Row(
        "people:leave_cancel",
        method=POST,
        note="MISSING: the world holds no leave; the manager's own leave and another office's "
        "are in daftar/offices/tests/test_leave_views.py",
    ),
    # workflow editor (issue 17): the catalogue team only; the world's permit workflow has a
    # published v1 (the service's) and a draft v2 (tests/access_world.py)
    Row("workflow:list", who="catalogue_admin", is_list=True),
    Row("workflow:new", who="catalogue_admin"),
    Row(
        "workflow:draft_new",
        who="catalogue_admin",
        ok=REDIRECT,
        method=POST,
        note="a draft exists: back to the list, saying so",
    ),
    Row("workflow:version", who="catalogue_admin", note="the draft v2"),
    Row("workflow:version_svg", who="catalogue_admin"),
    Row("workflow:publish", who="catalogue_admin", ok=REDIRECT, method=POST),
    Row("workflow:state_new", who="catalogue_admin"),
    Row("workflow:state_edit", who="catalogue_admin"),
    Row("workflow:state_delete", who="catalogue_admin", ok=REDIRECT, method=POST),
    Row("workflow:action_new", who="catalogue_admin"),
    Row("workflow:action_edit", who="catalogue_admin"),
    Row("workflow:action_delete", who="catalogue_admin", ok=REDIRECT, method=POST),
    # cases: assignment within a department (issue 17): the head of the department handling
    # the file only, who is no persona
    Row(
        "cases:assign",
        method=POST,
        anon=CITIZEN_LOGIN,
        note="only the department's head: 404 for all",
    ),
    # catalogue: withdrawing (or offering again) a service through a draft (issue 17)
    Row("catalogue:draft_offer", who="catalogue_admin", ok=400, method=POST, note="empty: 400"),
    # treasury: the PSP's transaction book (issue 17, ADR 0028); the officer reads, the auditor too
    Row("treasury:psp_transactions", who="treasury auditor", is_list=True),
    Row("treasury:psp_transaction", note="MISSING transaction: 404 for all"),
    # appointments: booking (issue 18 part 2); the world's booking code is MISSING
    Row("appointments:mine", who="citizen other_citizen", anon=CITIZEN_LOGIN, is_list=True),
    Row("appointments:book", who="citizen other_citizen", anon=CITIZEN_LOGIN, note="1st step"),
    Row("appointments:no_show_rule", who="supervisor admin"),
    Row("appointments:qr", anon=404, note="an unsigned token: 404 for all"),
    Row("appointments:detail", anon=CITIZEN_LOGIN, note="MISSING"),
    Row("appointments:cancel", anon=CITIZEN_LOGIN, method=POST, note="MISSING"),
    Row("appointments:move", anon=CITIZEN_LOGIN, note="MISSING"),
    api("api:appointment_slots", ok=401, is_list=True),
    api("api:appointment_create", ok=401, method=POST),
    api("api:appointment_get", ok=401),
    api("api:appointment_cancel", ok=401, method=POST),
    # the office's queue (issue 18, part 3): each office's own staff run their office's queue;
    # the world's walk-in ticket at office_a is called to counter 1
    Row(
        "appointments:queue",
        who="operator_a operator_b manager_a",
        is_list=True,
        note="the queue of the office each works at",
    ),
    Row(
        "appointments:queue_check_in",
        who="operator_a operator_b manager_a",
        ok=400,
        method=POST,
        note="no code: the page with the Persian error",
    ),
    Row(
        "appointments:queue_walk_in",
        who="operator_a operator_b manager_a",
        ok=400,
        method=POST,
        note="no service: the page with the error",
    ),
    Row(
        "appointments:queue_call",
        who="operator_a operator_b manager_a",
        ok=REDIRECT,
        method=POST,
        note="office_a: counter 1 busy; office_b: no one waiting — back to the screen, saying so",
    ),
    Row(
        "appointments:queue_recall",
        who="operator_a manager_a",
        ok=REDIRECT,
        method=POST,
        note="office_a's ticket: operator_b (office_b) gets 404",
    ),
    Row("appointments:queue_served", who="operator_a manager_a", ok=REDIRECT, method=POST),
    Row("appointments:queue_no_show", who="operator_a manager_a", ok=REDIRECT, method=POST),
    public("appointments:queue_display", is_list=True, note="ticket and counter numbers only"),
    public("appointments:queue_display_board", is_list=True),
    # open311: GeoReport v2 (issue 18), public like the API; a session changes nothing
    api("open311:discovery"),
    api("open311:services", is_list=True),
    api("open311:service", ok=404, note="no Open311 service in the world"),
    api("open311:requests", is_list=True),
    api("open311:request", ok=404, note="no report in the world"),
    api("open311:token", ok=404, note="no report in the world"),
    # open311: the catalogue team's page (issue 18): the catalogue team and FAVA, 404 for others
    Row("open311_manage:mappings", who="catalogue_admin admin", is_list=True),
    Row("open311_manage:new", who="catalogue_admin admin"),
    Row("open311_manage:edit", who="catalogue_admin admin", ok=404, note="MISSING mapping"),
    Row(
        "open311_manage:listing",
        who="catalogue_admin admin",
        ok=404,
        method=POST,
        note="MISSING mapping: the role gate answers first",
    ),
]


def url_names() -> set[str]:
    """Every named URL of the URLconf except the admin site's, namespaced."""

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                joined = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                yield from walk(pattern.url_patterns, joined)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return {name for name in walk(get_resolver().url_patterns) if not name.startswith("admin:")}


def test_every_url_is_in_the_access_table():
    listed = [row.name for row in TABLE]
    assert len(listed) == len(set(listed)), "a URL name has two rows"
    missing = sorted(url_names() - set(listed))
    assert not missing, f"URLs without a row in the access table: {missing}"
    gone = sorted(set(listed) - url_names())
    assert not gone, f"rows for URLs that no longer exist: {gone}"
    for row in TABLE:
        unknown = set(row.who.split()) - {*PERSONAS, ANONYMOUS}
        assert not unknown, f"{row.name}: unknown personas {unknown}"


def _answer(response) -> int | str:
    if response.status_code == 302:
        if response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
            return LOGIN
        if response["Location"].startswith(resolve_url(settings.CITIZEN_LOGIN_URL)):
            return CITIZEN_LOGIN
        return REDIRECT
    return response.status_code


def _clients(personas) -> dict[str, Client]:
    clients = {ANONYMOUS: Client()}
    for name, user in personas.all().items():
        clients[name] = Client()
        clients[name].force_login(user)
    return clients


def _request(client: Client, method: str, url: str, **headers):
    """One request whose writes are rolled back and whose cookies are forgotten, so the world
    and the session are the same for the next (signing out included)."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        response = client.get(url, **headers) if method == GET else client.post(url, **headers)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


@pytest.fixture
def world(personas, catalogue, counter_ready, committee, in_force, adopt_decision, trusted_partner):
    return build_world(
        personas, catalogue, counter_ready, committee, in_force, adopt_decision, trusted_partner
    )


def test_every_url_answers_each_persona_as_the_access_table_says(world, personas):
    kwargs = url_kwargs(world)
    clients = _clients(personas)
    wrong = []
    for row in TABLE:
        url = reverse(row.name, kwargs=kwargs.get(row.name))
        for persona, client in clients.items():
            got = _answer(_request(client, row.method, url))
            if got != row.expected(persona):
                wrong.append(
                    f"{row.name:38} {persona:14} expected {row.expected(persona)!s:6} got {got}"
                )
    assert not wrong, "answers that differ from the table:\n" + "\n".join(wrong)


# The partner operations, signed by a partner app allowed the catalogue, files and payments
# scopes: files it did not open are not its to see, nor their payments (404, never 403: a
# refusal would tell it the tracking code exists).
PARTNER_ANSWERS = {
    "api:list_services": (GET, 200),
    "api:get_service": (GET, 200),
    "api:get_file": (GET, 404),
    "api:get_receipt": (GET, 404),
}


def test_a_partner_app_reaches_the_catalogue_but_not_files_it_did_not_open(world):
    from daftar.api.testing import signed_headers

    kwargs = url_kwargs(world)
    client = Client()
    wrong = []
    for name, (method, expected) in PARTNER_ANSWERS.items():
        url = reverse(name, kwargs=kwargs.get(name))
        headers = signed_headers(world.partner_key, method, url)
        got = _request(client, method, url, **headers).status_code
        if got != expected:
            wrong.append(f"{name}: expected {expected} got {got}")
    assert not wrong, wrong


def test_only_the_system_admin_reaches_the_admin_site(personas):
    """The admin index and every registered model's list, as a group."""
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    clients = _clients(personas)
    wrong = []
    for url in urls:
        for persona, client in clients.items():
            got = _answer(_request(client, GET, url))
            expected = {"admin": 200, ANONYMOUS: LOGIN}.get(persona, REDIRECT)
            if url == urls[0] and persona == ANONYMOUS:
                expected = REDIRECT  # the index goes to /admin/login/, which sends on to LOGIN
            if got != expected:
                wrong.append(f"{url} {persona}: expected {expected} got {got}")
    assert not wrong, "\n".join(wrong)
