"""Public pages and the applicant's pages: calls, results files, applying, access."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daftar.core.actors import Actor
from daftar.licensing import services
from daftar.licensing.choices import DocumentKind
from daftar.licensing.models import Application, Objection
from daftar.licensing.tests import factories
from daftar.licensing.tests.factories import jalali

pytestmark = pytest.mark.django_db


def _form(call, **overrides) -> dict:
    opens = call.registration_opens
    values = {
        "first_name": "مریم",
        "last_name": "کریمی",
        "birth_date": jalali(factories.years_before(opens, 35)),
        "degree_level": "master",
        "degree_field": "civil_engineering",
        "experience_years": "۵",
        "tm_national_code": factories.tm_national_code(),
        "tm_first_name": "رضا",
        "tm_last_name": "نوری",
        "tm_birth_date": jalali(factories.years_before(opens, 40)),
        "tm_degree_field": "architecture",
        "clean_record_declared": "on",
        "district_1": "4",
        "district_2": "2",
        "document_identity": factories.pdf("id.pdf"),
        "document_degree": factories.pdf("degree.pdf"),
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


# --- public --------------------------------------------------------------------------------------


def test_the_public_sees_open_calls_but_not_drafts(client, open_call, committee, districts):
    factories.draft_call(committee.secretary, code="1405-2")
    html = client.get(reverse("licensing:calls")).content.decode()
    assert 'data-call="1405-1"' in html
    assert 'data-call="1405-2"' not in html
    assert client.get("/calls/1405-2/").status_code == 404
    client.force_login(committee.planning)
    assert client.get("/calls/1405-2/").status_code == 200


def test_the_call_page_shows_every_public_figure_and_no_personal_data(
    client, open_call, committee, reviewer
):
    call, apps, publication = factories.published_call(
        open_call,
        committee,
        reviewer,
        [{"score": "90", "districts": [4, 2]}, {"score": "70", "districts": [2]}],
    )
    html = client.get(call.get_absolute_url()).content.decode()
    assert 'data-district="4"' in html
    assert apps[0].code in html
    for application in apps:
        assert application.last_name not in html
        assert application.national_code not in html
    assert reverse("licensing:publication_json", args=[call.code, 1]) in html
    download = client.get(reverse("licensing:publication_json", args=[call.code, 1]))
    assert download.content.decode() == publication.content
    assert download["X-Content-SHA256"] == publication.sha256
    assert "attachment" in download["Content-Disposition"]
    csv_text = client.get(
        reverse("licensing:publication_csv", args=[call.code, 1])
    ).content.decode()
    assert csv_text.splitlines()[0].startswith("rank,applicant_code")
    assert apps[0].code in csv_text.splitlines()[1]
    assert client.get(reverse("licensing:publication_json", args=[call.code, 9])).status_code == 404


# --- applicants ----------------------------------------------------------------------------------


def test_a_citizen_applies_through_the_page_and_follows_the_application(
    client, personas, open_call
):
    client.force_login(personas.citizen)
    assert client.get(reverse("licensing:apply", args=[open_call.code])).status_code == 200
    response = client.post(reverse("licensing:apply", args=[open_call.code]), _form(open_call))
    assert response.status_code == 302
    application = Application.objects.get(national_code=personas.citizen.national_code)
    assert application.degree_level == "master"
    assert application.experience_years == 5
    page = client.get(response.url).content.decode()
    assert application.code in page
    assert 'data-rule="applicant_age" data-outcome="pass"' in page
    assert 'data-document="identity"' in page
    # a second visit to the form leads back to the application
    again = client.get(reverse("licensing:apply", args=[open_call.code]))
    assert again.status_code == 302


def test_an_ineligible_applicant_sees_every_reason_on_the_form_and_nothing_is_stored(
    client, personas, open_call
):
    client.force_login(personas.citizen)
    response = client.post(
        reverse("licensing:apply", args=[open_call.code]),
        _form(
            open_call,
            degree_field="law",
            clean_record_declared=None,
            document_degree=None,
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="form-errors"' in html
    assert html.count("<div>") >= 3  # one line per failed rule
    assert not Application.objects.exists()


def test_an_invalid_technical_manager_code_is_shown_on_its_field(client, personas, open_call):
    client.force_login(personas.citizen)
    response = client.post(
        reverse("licensing:apply", args=[open_call.code]),
        _form(open_call, tm_national_code="1234567890"),
    )
    assert response.status_code == 200
    assert 'id="id_tm_national_code_errors"' in response.content.decode()
    assert not Application.objects.exists()


def test_staff_and_outsiders_cannot_use_the_application_form(client, personas, open_call):
    for user in (personas.reviewer, personas.operator_a):
        client.force_login(user)
        assert client.get(reverse("licensing:apply", args=[open_call.code])).status_code == 404


def test_an_applicant_cannot_see_another_applicants_application_or_documents(
    client, personas, open_call
):
    mine = factories.apply(open_call, personas.citizen)
    document = mine.documents.first()
    client.force_login(personas.other_citizen)
    assert client.get(reverse("licensing:my_application", args=[open_call.code])).status_code == 404
    assert client.get(reverse("licensing:document", args=[document.pk])).status_code == 404
    assert client.get(reverse("licensing:application", args=[mine.pk])).status_code == 404
    client.force_login(personas.citizen)
    response = client.get(reverse("licensing:document", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("citizen", True),
        ("reviewer", True),
        ("committee", True),
        ("other_citizen", False),
        ("operator_a", False),
        ("manager_a", False),
        ("treasury", False),
        ("inspector", False),
        ("council", False),
        ("auditor", False),
    ],
)
def test_documents_are_served_only_to_the_applicant_reviewers_and_the_committee(
    client, personas, committee, open_call, persona, allowed
):
    document = factories.apply(open_call, personas.citizen).documents.first()
    client.force_login(getattr(personas, persona))
    response = client.get(reverse("licensing:document", args=[document.pk]))
    assert response.status_code == (200 if allowed else 404)


def test_the_applicant_replaces_a_document_and_objects_through_the_page(
    client, personas, open_call, committee, reviewer
):
    application = factories.apply(open_call, personas.citizen)
    client.force_login(personas.citizen)
    response = client.post(
        reverse("licensing:my_document_upload", args=[open_call.code]),
        {"kind": "experience", "file": factories.pdf("cv.pdf")},
    )
    assert response.status_code == 302
    assert application.documents.filter(kind=DocumentKind.EXPERIENCE).exists()
    # objections are refused before results are published, and change nothing
    client.post(reverse("licensing:my_objection", args=[open_call.code]), {"text": "x"})
    assert not Objection.objects.exists()


def test_the_applicant_sees_the_reviewers_reason_for_a_rejected_document(
    client, personas, open_call, reviewer
):
    application = factories.apply(open_call, personas.citizen)
    services.document_review(
        actor=Actor.for_user(reviewer),
        document=application.documents.get(kind=DocumentKind.DEGREE),
        accepted=False,
        reason="تصویر مدرک ناخواناست",
    )
    client.force_login(personas.citizen)
    page = client.get(reverse("licensing:my_application", args=[open_call.code])).content.decode()
    assert "تصویر مدرک ناخواناست" in page
    assert 'data-rule="document" data-outcome="fail"' in page
    assert 'data-testid="upload-form"' in page  # a replacement can still be uploaded


def test_the_call_page_uses_a_constant_number_of_queries(
    client, open_call, committee, reviewer, licence_decision, django_assert_max_num_queries
):
    small, _apps, _publication = factories.published_call(
        open_call, committee, reviewer, [{"score": "90"}]
    )
    with django_assert_max_num_queries(25) as few:
        client.get(small.get_absolute_url())
    big = factories.open_it(
        factories.draft_call(committee.secretary, code="1405-2", quotas={1: 2, 2: 3, 4: 4, 6: 1}),
        committee.secretary,
        licence_decision,
    )
    people = [{"score": str(60 + n), "districts": [1, 2, 4, 6][n % 4 :][:2]} for n in range(8)]
    big, _apps, _publication = factories.published_call(big, committee, reviewer, people)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(big.get_absolute_url())
