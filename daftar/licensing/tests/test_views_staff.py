"""Staff pages: drafting and opening calls, review, scores, publication, objections, awards;
access for every persona and query counts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from daftar.accounts.tests.factories import CitizenFactory
from daftar.core.actors import Actor
from daftar.licensing import services
from daftar.licensing.choices import AgreementStatus, ApplicationStatus, CallStatus
from daftar.licensing.models import Agreement, Application, Call
from daftar.licensing.tests import factories
from daftar.licensing.tests.factories import jalali

pytestmark = pytest.mark.django_db


# --- staff ---------------------------------------------------------------------------------------


STAFF_PAGES = [
    "licensing:manage",
    "licensing:quotas",
    "licensing:applications",
    "licensing:scores",
    "licensing:objections",
    "licensing:awards",
]


@pytest.mark.parametrize("persona", ["citizen", "operator_a", "manager_a", "treasury", "council"])
def test_staff_pages_are_not_found_for_everyone_else(client, personas, open_call, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("licensing:staff")).status_code == 404
    for name in STAFF_PAGES:
        assert client.get(reverse(name, args=[open_call.code])).status_code == 404, name
    assert client.get(reverse("licensing:call_create")).status_code == 404


def test_staff_pages_open_for_reviewers_and_the_committee(client, personas, committee, open_call):
    for user in (personas.reviewer, committee.planning):
        client.force_login(user)
        assert client.get(reverse("licensing:staff")).status_code == 200
        for name in STAFF_PAGES:
            assert client.get(reverse(name, args=[open_call.code])).status_code == 200, name


def test_the_committee_drafts_sets_quotas_and_opens_a_call_through_the_pages(
    client, committee, districts, licence_decision
):
    client.force_login(committee.planning)
    times = factories.timetable()
    data = {
        "code": "1405-3",
        "title": "فراخوان سوم",
        "people_per_office": "100000",
        "max_preferences": "3",
        **{name: jalali(day) for name, day in times.items()},
        "applicant_min_age": "27",
        "applicant_max_age": "55",
        "degree_levels": ["bachelor", "master"],
        "tm_min_age": "25",
        "tm_max_age": "55",
        "clean_record_required": "on",
        "exam_weight": "1",
        "points_master": "۵",
        "experience_points_per_year": "1",
        "experience_points_cap": "10",
        "pass_mark": "50",
        "mandatory_documents": ["identity", "degree"],
        "optional_documents": ["experience"],
    }
    response = client.post(reverse("licensing:call_create"), data)
    assert response.status_code == 302, response.content.decode()
    call = Call.objects.get(code="1405-3")
    assert call.degree_points == {"master": "5.00"}
    assert call.required_documents.get(kind="experience").mandatory is False
    quotas = {f"district_{q.district.number}": "0" for q in call.quotas.select_related("district")}
    quotas["district_4"] = "2"
    response = client.post(reverse("licensing:quotas", args=[call.code]), quotas)
    assert response.status_code == 302
    assert call.quotas.get(district__number=4).quota == 2
    response = client.post(
        reverse("licensing:call_open", args=[call.code]), {"decision": licence_decision.pk}
    )
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
    # the quotas page no longer accepts changes
    response = client.post(reverse("licensing:quotas", args=[call.code]), quotas)
    assert response.status_code == 404


def test_a_reviewer_reviews_documents_through_the_page(client, personas, open_call, reviewer):
    application = factories.apply(open_call, personas.citizen)
    client.force_login(reviewer)
    page = client.get(reverse("licensing:application", args=[application.pk])).content.decode()
    assert 'data-document="identity"' in page
    for document in application.documents.all():
        client.post(reverse("licensing:document_review", args=[document.pk]), {"verdict": "accept"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE
    # a rejection without reason is refused with a message, and changes nothing
    document = application.documents.first()
    response = client.post(
        reverse("licensing:document_review", args=[document.pk]), {"verdict": "reject"}, follow=True
    )
    assert 'class="alert alert-danger"' in response.content.decode()
    document.refresh_from_db()
    assert document.status == "accepted"


def test_the_application_list_uses_a_constant_number_of_queries(
    client, open_call, reviewer, django_assert_max_num_queries
):
    for _ in range(3):
        factories.apply(open_call)
    client.force_login(reviewer)
    url = reverse("licensing:applications", args=[open_call.code])
    with django_assert_max_num_queries(12) as small:
        page = client.get(url)
    assert page.content.decode().count("data-application=") == 3
    for _ in range(12):
        factories.apply(open_call, districts=[1, 2, 4])
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count("data-application=") == 15
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url + "?status=submitted&page=1")


def test_the_call_list_uses_a_constant_number_of_queries(
    client, committee, districts, licence_decision, django_assert_max_num_queries
):
    for n in range(1, 4):
        factories.open_it(
            factories.draft_call(committee.secretary, code=f"1405-{n}"),
            committee.secretary,
            licence_decision,
        )
    with django_assert_max_num_queries(3):
        page = client.get(reverse("licensing:calls"))
    assert page.content.decode().count("data-call=") == 3


def test_scores_are_imported_through_the_page_with_a_report_of_bad_rows(
    client, open_call, committee, reviewer
):
    applications = [factories.apply(open_call) for _ in range(2)]
    for application in applications:
        factories.accept_all(application, reviewer)
    factories.close_registration(open_call, committee.secretary)
    client.force_login(reviewer)
    url = reverse("licensing:scores", args=[open_call.code])
    bad = f"applicant_code,score\n{applications[0].code},88\n{applications[1].code},120\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        url, {"action": "import", "file": SimpleUploadedFile("s.csv", bad.encode())}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-line="3"' in html
    assert not Application.objects.filter(exam_score__isnull=False).exists()
    good = f"applicant_code,score\n{applications[0].code},88\n{applications[1].code},absent\n"
    response = client.post(
        url, {"action": "import", "file": SimpleUploadedFile("s.csv", good.encode())}
    )
    assert response.status_code == 302
    response = client.post(url, {"code": applications[0].code, "score": "۹۱٫۵"})
    assert response.status_code == 302
    applications[0].refresh_from_db()
    assert str(applications[0].exam_score) == "91.50"


def test_the_committee_publishes_rules_on_objections_and_awards_through_the_pages(
    client, open_call, committee, reviewer, licence_decision
):
    call, apps = factories.scored_call(
        open_call,
        committee,
        reviewer,
        [{"score": "90", "districts": [4]}, {"score": "80", "districts": [4]}],
    )
    client.force_login(committee.secretary)
    preview = client.get(reverse("licensing:publish", args=[call.code])).content.decode()
    assert apps[0].code in preview
    assert client.post(reverse("licensing:publish", args=[call.code])).status_code == 302
    objection = services.objection_file(
        actor=Actor.for_user(apps[1].applicant), application=apps[1], text="x"
    )
    page = client.get(reverse("licensing:objections", args=[call.code])).content.decode()
    assert f'data-objection="{apps[1].code}"' in page
    response = client.post(
        reverse("licensing:objection_rule", args=[objection.pk]),
        {"outcome": "upheld", "reason": "بازبینی شد", "corrected_score": "95"},
    )
    assert response.status_code == 302
    assert call.publications.count() == 2
    factories.close_objections(call, committee.secretary)
    page = client.get(reverse("licensing:awards", args=[call.code])).content.decode()
    assert f'value="{apps[1].code}:4"' in page
    response = client.post(
        reverse("licensing:awards", args=[call.code]),
        {
            "decision": licence_decision.pk,
            "setup_deadline": jalali(licence_decision.decided_on + datetime.timedelta(days=180)),
            "awards": [f"{apps[1].code}:4", f"{apps[0].code}:4"],
        },
    )
    assert response.status_code == 302
    assert Agreement.objects.count() == 2
    agreement = Agreement.objects.get(application=apps[1])
    response = client.post(
        reverse("licensing:agreement_licence", args=[agreement.pk]),
        {
            "decision": licence_decision.pk,
            "office_code": "T0477",
            "office_name": "دفتر تازه",
            "address": "تهران، تهرانپارس",
            "issued_on": jalali(agreement.awarded_on + datetime.timedelta(days=5)),
            "term_years": "3",
            "open_office": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    agreement.refresh_from_db()
    assert agreement.office.code == "T0477"
    # the applicant sees the agreement on their page
    client.force_login(apps[1].applicant)
    mine = client.get(reverse("licensing:my_application", args=[call.code])).content.decode()
    assert 'data-testid="agreement"' in mine


@pytest.fixture
def two_for_district_one(open_call, committee, reviewer):
    """Two applicants ranked for district 1 (one place); objections closed."""
    call, apps, _publication = factories.published_call(
        open_call,
        committee,
        reviewer,
        [{"score": "90", "districts": [1]}, {"score": "80", "districts": [1]}],
    )
    factories.close_objections(call, committee.secretary)
    return call, apps


def test_an_award_beyond_the_quota_through_the_page_is_refused_with_the_reason(
    client, two_for_district_one, committee, licence_decision
):
    call, apps = two_for_district_one
    client.force_login(committee.secretary)
    response = client.post(
        reverse("licensing:awards", args=[call.code]),
        {
            "decision": licence_decision.pk,
            "setup_deadline": jalali(licence_decision.decided_on + datetime.timedelta(days=180)),
            "awards": [f"{apps[0].code}:1", f"{apps[1].code}:1"],
        },
    )
    assert response.status_code == 200
    assert 'data-testid="form-errors"' in response.content.decode()
    assert not Agreement.objects.exists()


def test_a_citizen_without_an_application_gets_404_on_my_application(client, open_call):
    client.force_login(CitizenFactory())
    assert client.get(reverse("licensing:my_application", args=[open_call.code])).status_code == 404


def test_after_a_lapse_the_pages_show_it_and_offer_the_freed_place(
    client, two_for_district_one, committee, licence_decision
):
    call, apps = two_for_district_one
    (agreement,) = services.agreements_award(
        actor=Actor.for_user(committee.secretary),
        call=call,
        decision=licence_decision,
        awards=[services.Award(apps[0].code, 1)],
        setup_deadline=licence_decision.decided_on + datetime.timedelta(days=10),
    )
    # the daily job, as the consumer runs it
    from daftar.licensing.tasks import lapse_agreements_past_deadline

    lapse_agreements_past_deadline.call_local()  # the deadline was 20 days ago
    agreement.refresh_from_db()
    assert agreement.status == "lapsed"

    client.force_login(committee.secretary)
    html = client.get(reverse("licensing:awards", args=[call.code])).content.decode()
    with translation.override("fa"):
        assert str(AgreementStatus.LAPSED.label) in html
    assert f'value="{apps[1].code}:1"' in html  # the next-ranked applicant may be awarded
    assert f'value="{apps[0].code}:1"' not in html
    assert reverse("licensing:agreement_licence", args=[agreement.pk]) not in html

    client.force_login(apps[0].applicant)
    mine = client.get(reverse("licensing:my_application", args=[call.code])).content.decode()
    assert 'class="alert alert-warning mt-3" data-testid="agreement"' in mine
