"""The sanction pages: each role's path through them, bad input refused on the form with
nothing changed, objects outside the user's reach answered 404, constant query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from daftar.governance.choices import DecisionKind
from daftar.supervision.choices import (
    ComplaintRuling,
    FindingStatus,
    SanctionStatus,
    Severity,
)
from daftar.supervision.models import Sanction, SanctionLadder
from daftar.supervision.tests import sanctions_fixtures
from daftar.supervision.tests.sanctions_fixtures import (
    impose,
    make_complaint,
    make_finding,
    propose,
)
from daftar.treasury.models import Penalty

article = sanctions_fixtures.article
ladder = sanctions_fixtures.ladder
sanction_decision = sanctions_fixtures.sanction_decision

pytestmark = pytest.mark.django_db


def _count(client, url):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def assert_constant(client, url, grow):
    few, _ = _count(client, url)
    grow()
    more, response = _count(client, url)
    assert few == more, f"{url}: {few} queries, then {more}"
    return response


# --- the unit proposes ---------------------------------------------------------------------


def test_the_supervisor_proposes_from_an_upheld_complaint(client, personas, ladder):
    complaint = make_complaint(personas.office_a, severity=Severity.MAJOR)
    client.force_login(personas.supervisor)
    page = client.get(reverse("supervision:sanction_new"))
    assert f"?complaint={complaint.pk}" in page.content.decode()
    preview = client.get(reverse("supervision:sanction_new"), {"complaint": complaint.pk})
    assert "۲۰۰٬۰۰۰٬۰۰۰" in preview.content.decode()
    empty = client.post(reverse("supervision:sanction_new"), {"complaint": complaint.pk})
    assert empty.status_code == 200
    assert 'data-testid="form-errors"' in empty.content.decode() or "invalid-feedback" in (
        empty.content.decode()
    )
    assert not Sanction.objects.exists()
    done = client.post(
        reverse("supervision:sanction_new"),
        {"complaint": complaint.pk, "reason": "دریافت مبلغ اضافه از شهروند"},
    )
    sanction = Sanction.objects.get()
    assert done.url == reverse("supervision:sanction", args=[sanction.pk])
    assert sanction.status == SanctionStatus.PROPOSED


def test_a_second_proposal_is_refused_on_the_form(client, personas, ladder):
    complaint = make_complaint(personas.office_a)
    propose(personas, complaint=complaint)
    client.force_login(personas.supervisor)
    response = client.post(
        reverse("supervision:sanction_new"), {"complaint": complaint.pk, "reason": "دوباره"}
    )
    assert response.status_code == 200
    assert "پیشنهاد" in response.content.decode()
    assert Sanction.objects.count() == 1


# --- the committee decides -----------------------------------------------------------------


def test_the_secretary_records_the_decision_and_bad_input_changes_nothing(
    client, personas, ladder, sanction_decision, adopt_decision
):
    sanction = propose(personas)
    tariff = adopt_decision(DecisionKind.TARIFF, "تعرفه")
    client.force_login(personas.committee)
    queue = client.get(reverse("supervision:sanctions_to_decide"))
    assert f'data-sanction="{sanction.pk}"' in queue.content.decode()
    page = client.get(reverse("supervision:sanction", args=[sanction.pk]))
    assert 'data-testid="decide-form"' in page.content.decode()
    url = reverse("supervision:sanction_decide", args=[sanction.pk])
    for data in ({"outcome": "impose"}, {"outcome": "impose", "decision": tariff.pk}):
        response = client.post(url, data)
        assert response.status_code == 200
        assert "invalid-feedback" in response.content.decode()
        sanction.refresh_from_db()
        assert sanction.status == SanctionStatus.PROPOSED
    response = client.post(url, {"outcome": "impose", "decision": sanction_decision.pk})
    assert response.status_code == 302
    sanction.refresh_from_db()
    assert sanction.status == SanctionStatus.IMPOSED


def test_a_committee_member_who_is_not_the_secretary_sees_no_form(
    client, personas, ladder, committee, sanction_decision
):
    sanction = propose(personas)
    client.force_login(committee.planning)
    page = client.get(reverse("supervision:sanction", args=[sanction.pk]))
    assert 'data-testid="decide-form"' not in page.content.decode()
    client.post(
        reverse("supervision:sanction_decide", args=[sanction.pk]),
        {"outcome": "impose", "decision": sanction_decision.pk},
    )
    sanction.refresh_from_db()
    assert sanction.status == SanctionStatus.PROPOSED


# --- the manager, the treasury -------------------------------------------------------------


def test_the_manager_sees_the_sanction_and_appeals_once(
    client, personas, ladder, sanction_decision
):
    sanction = impose(personas, propose(personas), sanction_decision)
    client.force_login(personas.manager_a)
    mine = client.get(reverse("supervision:my_sanctions"))
    assert f'data-sanction="{sanction.pk}"' in mine.content.decode()
    url = reverse("supervision:sanction_appeal", args=[sanction.pk])
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200
    sanction.refresh_from_db()
    assert sanction.status == SanctionStatus.IMPOSED
    assert client.post(url, {"reason": "دفتر آن روز تعطیل بود"}).status_code == 302
    sanction.refresh_from_db()
    assert sanction.status == SanctionStatus.APPEALED
    again = client.post(url, {"reason": "دوباره"})
    assert again.status_code == 200
    assert "فقط یک بار" in again.content.decode()


def test_a_proposal_and_another_office_sanction_are_404_to_the_manager(
    client, personas, ladder, sanction_decision
):
    proposed = propose(personas)
    other = impose(personas, propose(personas, office=personas.office_b), sanction_decision)
    client.force_login(personas.manager_a)
    for sanction in (proposed, other):
        assert client.get(reverse("supervision:sanction", args=[sanction.pk])).status_code == 404
    client.force_login(personas.operator_a)
    assert client.get(reverse("supervision:sanction", args=[other.pk])).status_code == 404


def test_the_treasury_officer_records_the_fine(client, personas, ladder, sanction_decision):
    sanction = impose(personas, propose(personas, severity=Severity.MAJOR), sanction_decision)
    client.force_login(personas.treasury)
    page = client.get(reverse("supervision:fines_to_record"))
    assert f'data-sanction="{sanction.pk}"' in page.content.decode()
    response = client.post(reverse("supervision:fine_record", args=[sanction.pk]))
    assert response.status_code == 302
    assert Penalty.objects.get().amount == 200_000_000


# --- the ladder page -------------------------------------------------------------------------


def test_the_supervisor_drafts_a_new_version_and_it_is_adopted_by_a_policy_decision(
    client, personas, ladder, adopt_decision
):
    client.force_login(personas.supervisor)
    assert client.post(reverse("supervision:ladder_draft")).status_code == 302
    draft = SanctionLadder.objects.get(status="draft")
    client.post(
        reverse("supervision:ladder_terms", args=[draft.pk]),
        {"window_days": 180, "appeal_days": 7},
    )
    draft.refresh_from_db()
    assert (draft.window_days, draft.appeal_days) == (180, 7)
    policy = adopt_decision(DecisionKind.POLICY, "نسخه دوم نردبان")
    client.post(reverse("supervision:ladder_adopt", args=[draft.pk]), {"decision": policy.pk})
    draft.refresh_from_db()
    assert draft.status == "adopted"
    page = client.get(reverse("supervision:ladder"))
    assert 'data-testid="ladder-in-force"' in page.content.decode()


# --- the office's public record ------------------------------------------------------------


def test_the_office_page_shows_its_imposed_sanctions_without_personal_data(
    client, personas, ladder, sanction_decision
):
    imposed = impose(personas, propose(personas), sanction_decision)
    proposed = propose(personas, severity=Severity.MAJOR)
    page = client.get(reverse("offices:detail", args=[personas.office_a.code]))
    html = page.content.decode()
    assert 'data-testid="supervision-record"' in html
    assert imposed.decision.get_absolute_url() in html
    assert "ماده ۱۲" in html
    assert "اخطار کتبی" in html
    assert imposed.reason not in html  # the unit's reasons are not public
    assert proposed.get_kind_display() not in html.split('data-testid="public-sanctions"')[1]


# --- query counts ----------------------------------------------------------------------------


def test_the_sanction_lists_read_a_constant_number_of_queries(
    client, personas, ladder, sanction_decision
):
    def grow():
        for office in (personas.office_a, personas.office_b):
            impose(personas, propose(personas, office=office), sanction_decision)
            impose(personas, propose(personas, office=office), sanction_decision)
            propose(personas, office=office)

    grow()
    client.force_login(personas.council)
    response = assert_constant(client, reverse("supervision:sanctions"), grow)
    assert response.content.decode().count("data-sanction=") == 12
    client.force_login(personas.committee)
    assert_constant(client, reverse("supervision:sanctions_to_decide"), grow)
    client.force_login(personas.manager_a)
    assert_constant(client, reverse("supervision:my_sanctions"), grow)
    client.force_login(personas.treasury)
    assert_constant(client, reverse("supervision:fines_to_record"), grow)


def test_the_proposal_sources_read_a_constant_number_of_queries(client, personas, ladder):
    def grow():
        for office in (personas.office_a, personas.office_b):
            make_complaint(office, ruling=ComplaintRuling.PARTLY_UPHELD)
            make_finding(office, personas.inspector, status=FindingStatus.RESPONDED)

    grow()
    client.force_login(personas.supervisor)
    response = assert_constant(client, reverse("supervision:sanction_new"), grow)
    assert response.content.decode().count("?complaint=") == 4


def test_an_office_page_with_a_record_reads_a_constant_number_of_queries(
    client, personas, ladder, sanction_decision
):
    def grow():
        impose(personas, propose(personas), sanction_decision)

    grow()
    assert_constant(client, reverse("offices:detail", args=[personas.office_a.code]), grow)


def test_withdrawing_from_the_page(client, personas, ladder):
    sanction = propose(personas)
    client.force_login(personas.supervisor)
    url = reverse("supervision:sanction_withdraw", args=[sanction.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "منبع اشتباه بود"}).status_code == 302
    sanction.refresh_from_db()
    assert sanction.status == SanctionStatus.WITHDRAWN


# --- the role homes --------------------------------------------------------------------------


def test_the_homes_count_the_work_on_sanctions(client, personas, ladder, sanction_decision):
    from daftar.accounts.choices import Role
    from daftar.core.homes import role_home

    def tiles(role, user):
        return {tile.key: tile.count for tile in role_home(role, user).tiles}

    assert "fines-to-record" not in tiles(Role.TREASURY_OFFICER, personas.treasury)
    assert "sanctions-appealable" not in tiles(Role.OFFICE_MANAGER, personas.manager_a)
    propose(personas)
    impose(personas, propose(personas, severity=Severity.MAJOR), sanction_decision)
    assert tiles(Role.COMMITTEE_MEMBER, personas.committee)["sanctions-to-decide"] == 1
    assert tiles(Role.SUPERVISOR, personas.supervisor)["sanctions-proposed"] == 1
    assert tiles(Role.TREASURY_OFFICER, personas.treasury)["fines-to-record"] == 1
    assert tiles(Role.OFFICE_MANAGER, personas.manager_a)["sanctions-appealable"] == 1
    client.force_login(personas.manager_a)
    assert client.get(reverse("supervision:my_sanctions")).status_code == 200


def test_the_supervisor_adds_and_removes_steps_of_a_draft(client, personas, ladder, article):
    client.force_login(personas.supervisor)
    client.post(reverse("supervision:ladder_draft"))
    draft = SanctionLadder.objects.get(status="draft")
    assert 'data-testid="step-form"' in client.get(reverse("supervision:ladder")).content.decode()
    url = reverse("supervision:ladder_step_add", args=[draft.pk])
    # a second warning for minor violations with no earlier sanction repeats step 1: refused
    client.post(
        url,
        {"kind": "warning", "min_severity": "minor", "min_prior": 0, "article": article.pk},
    )
    assert draft.steps.count() == 6
    client.post(
        url,
        {
            "kind": "fine",
            "min_severity": "minor",
            "min_prior": 1,
            "fine_amount": 10_000_000,
            "article": article.pk,
        },
    )
    assert list(draft.steps.order_by("order").values_list("kind", "min_prior"))[:3] == [
        ("warning", 0),
        ("fine", 1),
        ("fine", 2),
    ]
    client.post(reverse("supervision:ladder_step_remove", args=[draft.pk, 2]))
    assert draft.steps.count() == 6
    ladder.refresh_from_db()
    assert ladder.steps.count() == 6  # the ladder in force never changed
