"""Every list page and list endpoint reads a constant number of queries, however many rows it
shows (STYLE habit 7).

Each test builds a few rows, counts the queries of one request, builds more rows, counts again
and asserts the two counts are equal and that the new rows are shown. `LIST_URLS` names every
list URL of the project with the test that proves its count: a test of this module (registered
with `@counts`) or an older test elsewhere that follows the same recipe. The list of list URLs
is kept honest from two sides: the access table (`tests/test_access.py`) makes every URL of the
project declare whether it is a list, and `test_every_list_url_has_a_query_count_test` fails
when a list has no count test or when an API operation named `list_*` is not declared a list.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from daftar.catalogue.models import Service
from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind

# URL name -> the test that proves its query count is constant ("module::function").
LIST_URLS: dict[str, str] = {
    "catalogue:manage": "daftar.catalogue.tests.test_administration::"
    "test_the_catalogue_team_list_reads_a_constant_number_of_queries",
    "cases:inbox": "daftar.cases.tests.test_views::"
    "test_the_reviewer_inbox_is_sorted_by_deadline_with_a_constant_query_count",
    "governance:decisions": "daftar.governance.tests.test_views::"
    "test_the_decision_list_filters_by_year_and_type_with_a_constant_query_count",
    "offices:finder": "daftar.offices.tests.test_views::"
    "test_the_finder_query_count_does_not_grow_with_offices",
    "licensing:applications": "daftar.licensing.tests.test_views_staff::"
    "test_the_application_list_uses_a_constant_number_of_queries",
    # supervision: complaints
    **dict.fromkeys(
        (
            "supervision:my_complaints",
            "supervision:complaint_queue",
            "supervision:complaint_office",
            "supervision:complaint_appeals",
        ),
        "daftar.supervision.tests.test_complaints_views::"
        "test_the_complaint_lists_have_a_constant_query_count",
    ),
    # supervision: sanctions
    **dict.fromkeys(
        (
            "supervision:sanctions",
            "supervision:sanctions_to_decide",
            "supervision:my_sanctions",
            "supervision:fines_to_record",
        ),
        "daftar.supervision.tests.test_sanctions_views::"
        "test_the_sanction_lists_read_a_constant_number_of_queries",
    ),
    "supervision:sanction_new": "daftar.supervision.tests.test_sanctions_views::"
    "test_the_proposal_sources_read_a_constant_number_of_queries",
    "supervision:grading_periods": "daftar.supervision.tests.test_grading_views::"
    "test_the_periods_and_objections_lists_read_a_constant_number_of_queries",
    "supervision:grading_objections": "daftar.supervision.tests.test_grading_views::"
    "test_the_periods_and_objections_lists_read_a_constant_number_of_queries",
    "supervision:grading_period": "daftar.supervision.tests.test_grading_views::"
    "test_the_period_page_reads_a_constant_number_of_queries",
    # people and roles (issue 17 item 5)
    "people:list": "daftar.offices.tests.test_people_views::"
    "test_the_people_list_has_a_constant_query_count",
    "people:certifications": "daftar.offices.tests.test_people_views::"
    "test_the_certification_list_has_a_constant_query_count",
    "people:proposals": "daftar.offices.tests.test_people_views::"
    "test_the_proposal_lists_have_a_constant_query_count",
}


def counts(*url_names: str) -> Callable:
    """Register the decorated test as the query-count proof of `url_names`."""

    def register(test: Callable) -> Callable:
        for name in url_names:
            LIST_URLS[name] = f"{__name__}::{test.__name__}"
        return test

    return register


def assert_constant(fetch: Callable[[], object], grow: Callable[[], None]):
    """Fetch once to warm per-process caches, count one fetch, grow the rows, count again.
    Returns the two answers so the caller can assert the new rows are shown."""
    fetch()
    with CaptureQueriesContext(connection) as few:
        first = fetch()
    grow()
    with CaptureQueriesContext(connection) as more:
        second = fetch()
    assert len(more) == len(few), "\n".join(q["sql"] for q in more.captured_queries)
    return first, second


def _more_office_services(catalogue, n: int, *, start: int = 0) -> list[Service]:
    """`n` more services of the catalogue's domain, offered at offices and to partner apps,
    each with a field, a document and a tariff in force."""
    from daftar.cases.tests.fixtures import TARIFF_SPLITS
    from daftar.catalogue.models import FormField, RequiredDocument
    from daftar.catalogue.services import tariff_set

    made = []
    for i in range(start, start + n):
        service = Service.objects.create(
            code=f"bp-extra-{i}",
            title_fa=f"خدمت {i}",
            title_en=f"Service {i}",
            domain=catalogue.domain,
            department=catalogue.department,
            channel_office=True,
            channel_web=True,
            channel_partner=True,
            sla_days=5,
            workflow=catalogue.service.workflow,
        )
        FormField.objects.create(
            service=service, name="area_m2", label_fa="مساحت", label_en="Area", order=1
        )
        RequiredDocument.objects.create(
            service=service, code="deed", title_fa="سند", title_en="Deed", mandatory=True
        )
        tariff_set(
            actor=Actor.system("test"),
            service=service,
            decision=catalogue.service.tariffs.first().decision,
            effective_from=datetime.date(2025, 3, 21),
            formula="1_000_000",
            splits=TARIFF_SPLITS,
        )
        made.append(service)
    return made


@counts("cases:counter")
def test_the_counter_lists_the_offices_services_with_a_constant_query_count(
    client, personas, catalogue, counter_ready
):
    """It once cost three queries per service (licence, certified staff, authorisation)."""
    client.force_login(personas.operator_a)
    first, second = assert_constant(
        lambda: client.get(reverse("cases:counter")).content.decode(),
        lambda: _more_office_services(catalogue, 10),
    )
    assert 'value="bp-file-open"' in first
    assert 'value="bp-extra-0"' not in first
    for i in range(10):
        assert f'value="bp-extra-{i}"' in second


def test_the_counter_offers_only_services_the_office_may_deliver(
    client, personas, catalogue, counter_ready
):
    from daftar.catalogue.models import ServiceDomain

    other_domain = ServiceDomain.objects.create(
        code="parking", name_fa="پارکینگ", name_en="Parking", department=catalogue.department
    )
    (extra,) = _more_office_services(catalogue, 1)
    extra.domain = other_domain  # no certified staff and no authorisation for this domain
    extra.save()
    client.force_login(personas.operator_a)
    page = client.get(reverse("cases:counter")).content.decode()
    assert 'value="bp-file-open"' in page
    assert 'value="bp-extra-0"' not in page


def _signed(partner_key):
    from daftar.api.testing import SignedClient

    return SignedClient(partner_key)


@pytest.fixture
def partner_key(trusted_partner):
    return trusted_partner()[1]


@counts("api:list_services")
def test_the_api_service_list_has_a_constant_query_count(catalogue, partner_key):
    """It once cost one query per service for the tariff in force."""
    signed = _signed(partner_key)
    first, second = assert_constant(
        lambda: signed.get("/api/v1/services").json(),
        lambda: _more_office_services(catalogue, 8),
    )
    assert [s["code"] for s in first] == ["bp-file-open"]
    assert len(second) == 9
    assert all(s["fee_formula"] for s in second)
    assert {s["fee_decision"] for s in second} == {first[0]["fee_decision"]}


def assert_rows_constant(client, url: str, grow: Callable[[], list[str]], *, json: bool = False):
    """`assert_constant` for a page or endpoint at `url`: `grow` adds rows and returns a text
    each new row shows (a code, a name); each must be absent before and shown after."""

    def fetch():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response.content.decode() if not json else response.content.decode("unicode_escape")

    shown: list[str] = []
    first, second = assert_constant(fetch, lambda: shown.extend(grow()))
    assert shown, "grow() added nothing to look for"
    for text in shown:
        assert text not in first, text
        assert text in second, text


@counts("catalogue:services")
def test_the_catalogue_page_has_a_constant_query_count(client, catalogue):
    assert_rows_constant(
        client,
        reverse("catalogue:services"),
        lambda: [s.code for s in _more_office_services(catalogue, 6)],
    )


@counts("api:list_districts")
def test_the_api_district_list_has_a_constant_query_count(client, db):
    from daftar.offices.tests.factories import DistrictFactory, SubDistrictFactory

    def grow():
        made = []
        for number in range(11, 15):
            district = DistrictFactory(number=number)
            SubDistrictFactory(district=district, number=1)
            SubDistrictFactory(district=district, number=2)
            made.append(f'"number": {number}')
        return made

    DistrictFactory(number=1)
    assert_rows_constant(client, "/api/v1/districts", grow)


@counts("api:list_offices")
def test_the_api_office_list_has_a_constant_query_count(client, personas):
    from daftar.offices.tests.factories import OfficeFactory

    def grow():
        offices = [
            OfficeFactory(code=f"T01{n:02d}", district=personas.office_a.district)
            for n in range(20, 25)
        ]
        return [office.code for office in offices]

    assert_rows_constant(client, "/api/v1/offices", grow)


@counts("governance:versions", "api:list_versions")
def test_the_bylaw_version_lists_have_a_constant_query_count(db, client, in_force, committee):
    from daftar.governance.tests.factories import VersionFactory, add_article

    def grow():
        made = []
        for number in range(2, 6):
            version = VersionFactory(
                bylaw=in_force.bylaw, number=number, label_fa=f"پیش‌نویس {number}x"
            )
            add_article(version, 1, "متن")
            made.append(f"پیش‌نویس {number}x")
        return made

    client.force_login(committee.secretary)  # the committee sees drafts too
    assert_rows_constant(client, reverse("governance:versions"), grow)
    assert_rows_constant(client, "/api/v1/bylaw/versions", lambda: grow_more(in_force), json=True)


def grow_more(in_force) -> list[str]:
    from daftar.governance.tests.factories import VersionFactory

    return [
        VersionFactory(bylaw=in_force.bylaw, number=n, label_fa=f"نسخه {n}y").label_fa
        for n in range(10, 14)
    ]


@counts("api:list_decisions")
def test_the_api_decision_list_has_a_constant_query_count(db, client, in_force, adopt_decision):
    def grow():
        return [adopt_decision(DecisionKind.TARIFF, f"تعرفه شماره {n}z").subject for n in range(4)]

    adopt_decision(DecisionKind.TARIFF, "تعرفه نخست")
    assert_rows_constant(client, "/api/v1/decisions", grow, json=True)


@counts("licensing:calls", "api:list_calls", "licensing:staff")
def test_the_call_lists_have_a_constant_query_count(
    db, client, committee, in_force, adopt_decision
):
    from daftar.licensing.tests import factories

    factories.districts()
    decision = adopt_decision(DecisionKind.LICENCE, "فراخوان")
    codes = iter(range(2, 30))

    def grow():
        made = []
        for _ in range(3):
            code = f"1405-{next(codes)}"
            factories.open_it(
                factories.draft_call(committee.secretary, code=code), committee.secretary, decision
            )
            made.append(code)
        return made

    factories.open_it(factories.draft_call(committee.secretary), committee.secretary, decision)
    assert_rows_constant(client, reverse("licensing:calls"), grow)
    assert_rows_constant(client, "/api/v1/licensing/calls", grow)
    client.force_login(committee.secretary)
    assert_rows_constant(client, reverse("licensing:staff"), grow)


@counts("accounts:staff_authenticators")
def test_the_staff_authenticator_list_has_a_constant_query_count(client, personas):
    from daftar.accounts.choices import Role
    from daftar.accounts.tests.factories import UserFactory

    def grow():
        return [
            UserFactory(username=f"clerk{n}", roles=[Role.OFFICE_OPERATOR]).username
            for n in range(5)
        ]

    client.force_login(personas.admin)
    assert_rows_constant(client, reverse("accounts:staff_authenticators"), grow)


@counts("offices:terminals")
def test_the_terminal_board_has_a_constant_query_count(client, personas):
    """The board lists every office with its last heartbeat, and flags the silent ones."""
    from daftar.offices.tests.factories import OfficeFactory

    codes = iter(range(40, 99))

    def grow():
        return [
            OfficeFactory(code=f"T05{next(codes)}", district=personas.office_a.district).code
            for _ in range(4)
        ]

    client.force_login(personas.admin)
    assert_rows_constant(client, reverse("offices:terminals"), grow)


@counts("partners", "partner_authorisations")
def test_the_partner_app_lists_have_a_constant_query_count(client, personas, committee):
    from daftar.api.services import partner_create

    names = iter(range(100))

    def grow():
        return [
            partner_create(
                actor=Actor.system("test"), name=f"App {next(names)}q", scopes=["catalogue"]
            )[0].name
            for _ in range(4)
        ]

    grow()
    client.force_login(personas.admin)
    assert_rows_constant(client, reverse("partners"), grow)
    client.force_login(committee.secretary)
    assert_rows_constant(client, reverse("partner_authorisations"), grow)


@counts("governance:committee")
def test_the_committee_page_has_a_constant_query_count(db, client, committee, in_force):
    from daftar.licensing.tests import factories

    def grow():
        made = []
        for _ in range(3):
            draft = factories.draft_decision(committee, in_force)
            made.append(reverse("governance:decision_draft", args=[draft.pk]))
        return made

    grow()
    client.force_login(committee.secretary)
    assert_rows_constant(client, reverse("governance:committee"), grow)


@counts("audit:checkpoint_index")
def test_the_checkpoint_index_has_a_constant_query_count(
    client, personas, settings, tmp_path, django_capture_on_commit_callbacks
):
    from daftar.audit.services import checkpoint_create
    from daftar.offices.tests.factories import DistrictFactory

    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "published-checkpoints"
    numbers = iter(range(30, 60))

    def grow():
        made = []
        for _ in range(3):
            from daftar.offices import services as offices

            offices.office_register(  # something new in the log for the checkpoint to sign
                actor=Actor.system("test"),
                code=f"T09{next(numbers)}",
                name="دفتر",
                district=DistrictFactory(),
            )
            with django_capture_on_commit_callbacks(execute=True):
                made.append(reverse("audit:checkpoint_file", args=[checkpoint_create().number]))
        return made

    grow()
    assert_rows_constant(client, reverse("audit:checkpoint_index"), grow)


def test_every_list_url_has_a_query_count_test():
    from tests.test_access import TABLE, url_names

    declared = {row.name for row in TABLE if row.is_list}
    api_lists = {name for name in url_names() if name.startswith("api:list_")}
    assert api_lists <= declared, f"API list operations not declared lists: {api_lists - declared}"
    missing = sorted(declared - set(LIST_URLS))
    assert not missing, f"list URLs without a query-count test: {missing}"
    for name, where in LIST_URLS.items():
        assert name in declared, f"{name} has a count test but is not a list in the table"
        module, function = where.split("::")
        assert callable(getattr(importlib.import_module(module), function, None)), where


@counts("treasury:penalties", "treasury:office_statement")
def test_the_penalty_lists_have_a_constant_query_count(
    client, personas, counter_ready, adopt_decision
):
    from daftar.treasury import services as treasury

    reasons = iter(range(100))

    def grow():
        made = []
        for _ in range(3):
            reason = f"مغایرت شماره {next(reasons)}p"
            treasury.penalty_record(
                actor=Actor.for_user(personas.treasury),
                office=counter_ready,
                amount=100_000,
                reason=reason,
                decision=adopt_decision(DecisionKind.SANCTION, reason),
            )
            made.append(reason)
        return made

    grow()
    client.force_login(personas.treasury)
    assert_rows_constant(client, reverse("treasury:penalties"), grow)
    client.force_login(personas.manager_a)
    assert_rows_constant(client, reverse("treasury:office_statement"), grow)


@counts("treasury:reconciliation")
def test_the_reconciliation_days_have_a_constant_query_count(client, personas):
    from django.utils import timezone

    from daftar.treasury import services as treasury
    from daftar.treasury.models import Account
    from daftar.treasury.tests.conftest import TREASURY_SHEBA, statement_csv

    Account.objects.create(
        code="bank:treasury", name_fa="خزانه", name_en="Treasury", kind="bank", sheba=TREASURY_SHEBA
    )
    back = iter(range(1, 13))

    def grow():
        made = []
        for _ in range(3):
            day = timezone.localdate() - datetime.timedelta(days=next(back))
            data = statement_csv([(1_000, f"WHO-{day}")], day=day)
            treasury.statement_import(actor=Actor.system("x"), data=data, format="csv")
            made.append(f'data-day="{day.isoformat()}"')
        return made

    grow()
    client.force_login(personas.treasury)
    assert_rows_constant(client, reverse("treasury:reconciliation"), grow)


@counts("treasury:settlements")
def test_the_settlement_list_has_a_constant_query_count(client, personas):
    from django.utils import timezone

    from daftar.treasury import services as treasury

    back = iter(range(1, 30))

    def grow():
        made = []
        for _ in range(3):
            day = timezone.localdate() - datetime.timedelta(days=next(back))
            settlement = treasury.settlement_run(
                actor=Actor.system("test"), period_start=day, period_end=day
            )
            made.append(reverse("treasury:settlement", args=[settlement.pk]))
        return made

    grow()
    client.force_login(personas.treasury)
    assert_rows_constant(client, reverse("treasury:settlements"), grow)


@counts("treasury:refunds")
def test_the_refund_list_has_a_constant_query_count(client, personas, catalogue):
    from daftar.cases import services as cases
    from daftar.cases.tests.fixtures import open_file
    from daftar.treasury import services as treasury

    slips = iter(range(100))

    def grow():
        made = []
        for _ in range(3):
            file = open_file(personas, catalogue)
            treasury.payment_record_slip(
                actor=Actor.for_user(personas.treasury),
                file=file,
                bank_reference=f"S-{next(slips)}",
                amount=file.amount,
            )
            file = cases.file_apply_action(
                actor=Actor.for_user(personas.reviewer),
                file=file,
                action="reject",
                reason="خارج از طرح",
            )
            refund = treasury.refund_request(actor=Actor.system("x"), file=file, reason="رد پرونده")
            made.append(f'data-refund="{refund.pk}"')
        return made

    grow()
    client.force_login(personas.treasury)
    assert_rows_constant(client, reverse("treasury:refunds"), grow)


@counts("licensing:objections")
def test_the_objection_list_has_a_constant_query_count(db, client, personas, committee, in_force):
    from daftar.licensing import services as licensing
    from daftar.licensing.tests import factories

    factories.districts()
    decision = factories.adopted_decision(committee, in_force, kind=DecisionKind.LICENCE)
    call = factories.open_it(
        factories.draft_call(committee.secretary), committee.secretary, decision
    )
    people = [{"score": str(60 + n), "districts": [4, 2]} for n in range(7)]
    call, applications, _publication = factories.published_call(
        call, committee, personas.reviewer, people
    )
    waiting = iter(applications)

    def grow():
        made = []
        for _ in range(3):
            application = next(waiting)
            objection = licensing.objection_file(
                actor=Actor.for_user(application.applicant),
                application=application,
                text="نمره اشتباه است.",
            )
            made.append(f'data-objection="{objection.application.code}"')
        return made

    grow()
    client.force_login(committee.secretary)
    assert_rows_constant(client, reverse("licensing:objections", args=[call.code]), grow)


@counts("licensing:awards")
def test_the_award_list_has_a_constant_query_count(db, client, personas, committee, in_force):
    from daftar.licensing import services as licensing
    from daftar.licensing.services.awards import Award
    from daftar.licensing.tests import factories

    factories.districts()
    decision = factories.adopted_decision(committee, in_force, kind=DecisionKind.LICENCE)
    call = factories.open_it(
        factories.draft_call(committee.secretary), committee.secretary, decision
    )
    people = [
        {"score": "95", "districts": [4, 2]},
        {"score": "90", "districts": [4, 2]},
        {"score": "85", "districts": [4, 2]},  # 4 is full: 2
        {"score": "80", "districts": [1]},
    ]
    call, apps, _publication = factories.published_call(call, committee, personas.reviewer, people)
    factories.close_objections(call, committee.secretary)
    call.refresh_from_db()
    batches = iter(
        [
            [Award(apps[0].code, 4)],
            [Award(apps[1].code, 4), Award(apps[2].code, 2), Award(apps[3].code, 1)],
        ]
    )

    def grow():
        awards = next(batches)
        licensing.agreements_award(
            actor=Actor.for_user(committee.secretary),
            call=call,
            decision=decision,
            awards=awards,
            setup_deadline=decision.decided_on + datetime.timedelta(days=180),
        )
        return [f'data-agreement="{award.code}"' for award in awards]

    grow()
    client.force_login(committee.secretary)
    assert_rows_constant(client, reverse("licensing:awards", args=[call.code]), grow)


@counts("cases:inbox")
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"deadline": "overdue"},
        {"deadline": "due_soon"},
        {"deadline": "on_time"},
        {"state": "in_review", "deadline": "overdue"},
    ],
    ids=["all", "overdue", "due_soon", "on_time", "state_and_overdue"],
)
def test_the_reviewer_queue_filtered_or_searched_reads_a_constant_number_of_queries(
    client, personas, catalogue, query
):
    """Each filter and the search are conditions on the one query of the page; the deadlines
    shown on each row read the holidays once for the page, not once per row."""
    from django.utils import timezone

    from daftar.cases import services
    from daftar.cases.models import File
    from daftar.cases.tests.fixtures import open_file
    from daftar.core.calendar import add_working_days

    now = timezone.now()
    dues = [
        now - datetime.timedelta(days=3),
        add_working_days(now, 1),
        add_working_days(now, 6),
    ]

    def grow():
        for due in dues:
            file = open_file(personas, catalogue)
            services.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")
            File.objects.filter(pk=file.pk).update(state_due_at=due, due_at=due)

    grow()
    client.force_login(personas.reviewer)
    url = f"{reverse('cases:inbox')}?{'&'.join(f'{k}={v}' for k, v in query.items())}"
    first, second = assert_constant(lambda: client.get(url).content.decode(), grow)
    assert second.count("data-file=") == 2 * first.count("data-file=") > 0


def test_the_reviewer_queue_searched_reads_a_constant_number_of_queries(
    client, personas, catalogue
):
    from daftar.cases import services
    from daftar.cases.tests.fixtures import open_file

    def grow():
        for _ in range(3):
            file = open_file(personas, catalogue)
            services.file_apply_action(actor=Actor.system("treasury"), file=file, action="pay")

    grow()
    client.force_login(personas.reviewer)
    found = client.post(reverse("cases:inbox"), {"q": personas.citizen.national_code})
    url = found["Location"]
    first, second = assert_constant(lambda: client.get(url).content.decode(), grow)
    assert first.count("data-file=") == 3
    assert second.count("data-file=") == 6


# --- supervision: inspections ----------------------------------------------------------------
_INSPECTIONS = "daftar.supervision.tests.test_inspections_views::"
LIST_URLS.update(
    {
        "supervision:my_inspections": _INSPECTIONS
        + "test_the_inspectors_day_has_a_constant_query_count",
        "supervision:inspection_plan": _INSPECTIONS + "test_the_plan_has_a_constant_query_count",
        "supervision:inspection_reports": _INSPECTIONS
        + "test_the_reports_list_has_a_constant_query_count",
        "supervision:checklists": _INSPECTIONS
        + "test_the_checklists_list_has_a_constant_query_count",
        "supervision:office_inspections": _INSPECTIONS
        + "test_the_office_reports_have_a_constant_query_count",
    }
)


# --- transparency: council reports -------------------------------------------------------------
LIST_URLS["transparency:council_reports"] = (
    "daftar.transparency.tests.test_reports_views::"
    "test_the_list_reads_the_same_number_of_queries_however_many_reports"
)


# --- the working calendar: the year's official holidays -----------------------------------------
@counts("offices:holidays")
def test_the_holidays_page_reads_the_same_number_of_queries_however_many_holidays(client, personas):
    from daftar.core.jalali import jalali_year_bounds
    from daftar.core.models import Holiday

    client.force_login(personas.catalogue_admin)
    first_day, _last = jalali_year_bounds(1406)
    url = reverse("offices:holidays") + "?year=1406"

    def grow():
        for n in range(5):
            Holiday.objects.create(date=first_day + datetime.timedelta(days=n), name_fa=f"روز {n}")

    first, second = assert_constant(lambda: client.get(url).content.decode(), grow)
    assert second.count("data-holiday=") == first.count("data-holiday=") + 5


# --- workflow editor (issue 17) ---------------------------------------------------------------
@counts("workflow:list")
def test_the_workflow_list_reads_a_constant_number_of_queries(client, personas):
    from daftar.workflow.definitions import DEFINITIONS, workflow_install

    client.force_login(personas.catalogue_admin)
    workflow_install("bill")
    first, second = assert_constant(
        lambda: client.get(reverse("workflow:list")).content.decode(),
        lambda: [workflow_install(code) for code in sorted(DEFINITIONS) for _ in range(2)],
    )
    assert 'data-workflow="bill"' in first
    assert 'data-workflow="permit"' not in first
    assert 'data-workflow="permit"' in second
    assert 'data-workflow="certificate"' in second


# --- transparency: the treasury's receipts ------------------------------------------------------
@counts("transparency:receipts")
def test_the_receipts_page_reads_the_same_number_of_queries_however_many_receipts(
    client, personas, catalogue, django_capture_on_commit_callbacks
):
    from daftar.cases.tests.fixtures import open_file
    from daftar.core.actors import Actor
    from daftar.treasury import services as treasury

    def paid(n: int) -> None:
        for _ in range(n):
            file = open_file(personas, catalogue)
            with django_capture_on_commit_callbacks(execute=True):
                treasury.payment_record_slip(
                    actor=Actor.for_user(personas.treasury),
                    file=file,
                    bank_reference=f"S-{file.pk}",
                    amount=file.amount,
                )

    paid(1)
    client.force_login(personas.treasury)
    url = reverse("transparency:receipts")
    first, second = assert_constant(lambda: client.get(url).content.decode(), lambda: paid(3))
    assert second.count("data-document=") == first.count("data-document=") + 3


# --- transparency: the services' outcome document templates --------------------------------------
@counts("transparency:templates")
def test_the_templates_page_reads_the_same_number_of_queries_however_many_services(
    client, personas, catalogue
):
    from daftar.catalogue.models import Service

    client.force_login(personas.catalogue_admin)

    def grow():
        for n in range(3):
            copy = Service.objects.get(pk=catalogue.service.pk)
            copy.pk = None
            copy.code = f"copy-{n}"
            copy.save()

    first, second = assert_constant(
        lambda: client.get(reverse("transparency:templates")).content.decode(), grow
    )
    assert second.count("data-service=") == first.count("data-service=") + 3


# --- treasury: the PSP's transaction book (issue 17, ADR 0028) ---------------------------------
@counts("treasury:psp_transactions")
def test_the_psp_transaction_book_reads_a_constant_number_of_queries(client, personas, catalogue):
    from daftar.treasury.tests.test_psp_book import psp_transaction_for

    def grow():
        return [psp_transaction_for(personas, catalogue)[1].reference for _ in range(3)]

    grow()
    client.force_login(personas.treasury)
    assert_rows_constant(client, reverse("treasury:psp_transactions"), grow)
    assert_rows_constant(client, reverse("treasury:psp_transactions") + "?state=started", grow)


# --- appointments: booking (issue 18 part 2) -----------------------------------------------------
@counts("appointments:mine")
def test_my_appointments_read_the_same_number_of_queries_however_many(
    client, personas, catalogue, counter_ready
):
    from daftar.appointments.services.booking import appointment_book
    from daftar.appointments.tests.booking_fixtures import CLOSE, OPEN, at
    from daftar.offices.hours import tehran_today
    from daftar.offices.services import office_set_hours

    office_set_hours(
        actor=Actor.system("test"),
        office=counter_ready,
        hours=[(weekday, OPEN, CLOSE) for weekday in range(7)],
    )
    days = iter(range(1, 10))

    def grow(n: int = 3) -> None:
        for _ in range(n):
            day = tehran_today() + datetime.timedelta(days=next(days))
            appointment_book(
                actor=Actor.for_user(personas.citizen),
                citizen=personas.citizen,
                office=counter_ready,
                service=catalogue.service,
                starts_at=at(day, 9),
            )

    grow(1)
    client.force_login(personas.citizen)
    url = reverse("appointments:mine")
    first, second = assert_constant(lambda: client.get(url).content.decode(), grow)
    assert second.count("/appointments/") > first.count("/appointments/")


@counts("api:appointment_slots")
def test_the_api_slot_list_reads_the_same_number_of_queries_however_many_booked(
    personas, catalogue, counter_ready, trusted_partner
):
    from daftar.api.testing import SignedClient
    from daftar.appointments.services.booking import appointment_book
    from daftar.appointments.tests.booking_fixtures import CLOSE, OPEN, at
    from daftar.offices.hours import tehran_today
    from daftar.offices.services import office_set_hours

    office_set_hours(
        actor=Actor.system("test"),
        office=counter_ready,
        hours=[(weekday, OPEN, CLOSE) for weekday in range(7)],
    )
    day = tehran_today() + datetime.timedelta(days=2)
    citizens = iter([personas.citizen, personas.other_citizen])

    def grow() -> None:
        citizen = next(citizens)
        appointment_book(
            actor=Actor.for_user(citizen),
            citizen=citizen,
            office=counter_ready,
            service=catalogue.service,
            starts_at=at(day, 9 if citizen == personas.citizen else 10),
        )

    _app, key = trusted_partner(scopes=("appointments",))
    url = (
        f"/api/v1/appointments/slots?office={counter_ready.code}"
        f"&service={catalogue.service.code}&day={day.isoformat()}"
    )
    grow()
    first, second = assert_constant(lambda: SignedClient(key).get(url).json(), grow)
    assert len(second["slots"]) == len(first["slots"]) - 1


# --- the office's queue (issue 18, part 3) --------------------------------------------------
@counts("appointments:queue", "appointments:queue_display", "appointments:queue_display_board")
def test_the_queue_pages_read_a_constant_number_of_queries(client, personas, catalogue):
    from daftar.appointments.services.queue import ticket_call_next, ticket_walk_in

    operator = Actor.for_user(personas.operator_a)
    office = personas.office_a
    office.counters = 9
    office.save(update_fields=["counters"])

    def grow(n: int = 3):
        for _ in range(n):
            ticket_walk_in(actor=operator, office=office, service=catalogue.service)

    def call(counter: int):
        ticket_call_next(actor=operator, office=office, counter=counter)

    grow(2)
    call(1)
    client.force_login(personas.operator_a)
    screen = reverse("appointments:queue")
    first, second = assert_constant(lambda: client.get(screen).content.decode(), grow)
    assert second.count("ح-") == first.count("ح-") + 3  # walk-ins, as the page shows them
    grow(6)
    counter = iter(range(2, 9))
    for name in ("appointments:queue_display", "appointments:queue_display_board"):
        url = reverse(name, kwargs={"code": office.code})
        first, second = assert_constant(
            lambda url=url: client.get(url).content.decode(),
            lambda: [call(next(counter)) for _ in range(3)],
        )
        assert second.count("<bdi") == min(first.count("<bdi") + 3, 6)


# --- Open311 GeoReport v2 (issue 18): the service list and the request list ----------------------
LIST_URLS["open311:services"] = (
    "daftar.open311.tests.test_lists::test_the_service_list_has_a_constant_query_count"
)
LIST_URLS["open311:requests"] = (
    "daftar.open311.tests.test_lists::test_the_request_list_has_a_constant_query_count"
)
LIST_URLS["open311_manage:mappings"] = (
    "daftar.open311.tests.test_manage::test_the_list_reads_a_constant_number_of_queries"
)


# --- staff leave (ADR 0036): the manager's leave page with appointments' over-capacity warning ----
@counts("people:leave")
def test_the_staff_leave_page_reads_a_constant_number_of_queries(
    client, personas, catalogue, counter_ready
):
    from daftar.appointments.services.booking import appointment_book
    from daftar.appointments.tests.booking_fixtures import CLOSE, OPEN, at
    from daftar.offices.hours import tehran_today
    from daftar.offices.services import office_set_hours, staff_leave_record
    from daftar.offices.tests.factories import OfficeStaffFactory

    office = counter_ready
    office_set_hours(
        actor=Actor.system("test"), office=office, hours=[(d, OPEN, CLOSE) for d in range(7)]
    )
    today = tehran_today()
    days = [today + datetime.timedelta(days=n) for n in (1, 2)]
    for day in days:
        appointment_book(
            actor=Actor.for_user(personas.citizen),
            citizen=personas.citizen,
            office=office,
            service=catalogue.service,
            starts_at=at(day, 9),
        )
    manager = Actor.for_user(personas.manager_a)
    operator = personas.operator_a.office_posts.get(left_on__isnull=True)
    staff_leave_record(
        actor=manager, post=operator, first_day=days[0], last_day=days[0], reason="sick"
    )
    offsets = iter(range(3, 30))

    def grow() -> None:
        staff_leave_record(  # the second booked day is now over capacity too
            actor=manager, post=operator, first_day=days[1], last_day=days[1], reason="annual"
        )
        for _ in range(3):
            first = today + datetime.timedelta(days=next(offsets))
            staff_leave_record(
                actor=manager,
                post=OfficeStaffFactory(office=office),
                first_day=first,
                last_day=first + datetime.timedelta(days=2),
                reason="training",
            )

    client.force_login(personas.manager_a)
    url = reverse("people:leave")
    first, second = assert_constant(lambda: client.get(url).content.decode(), grow)
    assert second.count("data-leave=") == first.count("data-leave=") + 4
    assert second.count("data-day=") == first.count("data-day=") + 1 == 2
