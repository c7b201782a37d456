"""Applications: one per person per call, rules with reasons, documents and their review."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from daftar.core.actors import Actor
from daftar.core.errors import Conflict, Forbidden, InvalidInput
from daftar.licensing import services
from daftar.licensing.choices import ApplicationStatus, DocumentKind, DocumentStatus
from daftar.licensing.models import Application, ApplicationDocument
from daftar.licensing.tests import factories


@pytest.fixture(autouse=True)
def _english():
    """These tests read the English wording of messages (the Persian is in the catalogue)."""
    from django.utils import translation

    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def test_a_citizen_applies_and_gets_an_applicant_code_with_every_rule_recorded(personas, open_call):
    # given an open call and a citizen who meets every rule
    # when they apply with their districts, technical manager and mandatory documents
    application = factories.apply(open_call, personas.citizen)
    # then the application is numbered, documents await review and each rule's result is stored
    assert application.code == "A1405-0001"
    assert application.national_code == personas.citizen.national_code
    assert application.status == ApplicationStatus.SUBMITTED
    assert [p.district.number for p in application.preferences.all()] == [4, 2]
    outcomes = {(c.rule, c.params.get("kind")): c.outcome for c in application.checks.all()}
    assert outcomes[("applicant_age", None)] == "pass"
    assert outcomes[("document", "identity")] == "pending"
    second = factories.apply(open_call, personas.other_citizen)
    assert second.code == "A1405-0002"


def test_uploaded_documents_are_stored_under_random_names(personas, open_call):
    application = factories.apply(open_call, personas.citizen)
    document = application.documents.get(kind=DocumentKind.IDENTITY)
    assert document.file.name.startswith("licensing/1405-1/")
    assert "identity" not in document.file.name
    assert document.content_type == "application/pdf"
    assert default_storage.exists(document.file.name)


def test_a_person_cannot_apply_twice_to_the_same_call(personas, open_call):
    first = factories.apply(open_call, personas.citizen)
    with pytest.raises(Conflict) as caught:
        factories.apply(open_call, personas.citizen, districts=[1])
    assert caught.value.code == "duplicate_application"
    assert first.code in caught.value.render("en")
    assert Application.objects.filter(call=open_call).count() == 1


def test_the_database_refuses_a_second_application_by_the_same_national_code(personas, open_call):
    first = factories.apply(open_call, personas.citizen)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            call=open_call,
            seq=99,
            code="A1405-0099",
            submitted_at=first.submitted_at,
            national_code=first.national_code,
            first_name="x",
            last_name="y",
            birth_date=first.birth_date,
            degree_level="bachelor",
            degree_field="law",
            experience_years=1,
            clean_record_declared=True,
            tm_national_code=first.tm_national_code,
            tm_first_name="x",
            tm_last_name="y",
            tm_birth_date=first.tm_birth_date,
            tm_degree_field="law",
        )


def test_an_ineligible_applicant_is_refused_with_a_reason_for_every_failed_rule(
    personas, open_call
):
    # given an applicant too young, with an unaccepted field, a too-old technical manager,
    # no clean-record declaration and a missing mandatory document
    opens = open_call.registration_opens
    with pytest.raises(services.Ineligible) as caught:
        factories.apply(
            open_call,
            personas.citizen,
            birth_date=factories.years_before(opens, 24),
            degree_field="law",
            tm_birth_date=factories.years_before(opens, 61),
            clean_record_declared=False,
            docs=factories.documents(DocumentKind.IDENTITY),
        )
    # then the refusal names each failed rule, in English and in Persian, and nothing is stored
    error = caught.value
    assert error.code == "ineligible"
    reasons = [str(r) for r in error.reasons]
    assert len(reasons) == 5
    english = error.render("en")
    assert "24 years old" in english
    assert "Law" in english
    assert "technical manager is 61" in english
    assert "criminal record" in english
    assert "Degree certificate" in english
    assert error.as_dict()["message"]["fa"]  # rendered lazily, in each language
    assert not Application.objects.exists()
    assert not ApplicationDocument.objects.exists()


def test_a_degree_not_accepted_by_the_call_is_a_failed_rule(personas, open_call):
    with pytest.raises(services.Ineligible) as caught:
        factories.apply(open_call, personas.citizen, degree_level="diploma")
    assert "High-school diploma does not qualify" in caught.value.render("en")


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"tm_national_code": "1234567890"}, "tm_national_code", "national_code_checksum"),
        ({"tm_national_code": "11111111"}, "tm_national_code", "national_code_length"),
        ({"districts": []}, "districts", "required"),
        ({"districts": [4, 4]}, "districts", "duplicate_district"),
        ({"districts": [3]}, "districts", "district_without_quota"),
        ({"districts": [1, 2, 4, 6]}, "districts", "too_many_districts"),
        ({"experience_years": 70}, "experience_years", "out_of_range"),
        ({"first_name": " "}, "first_name", "required"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(
    personas, open_call, overrides, field, code
):
    with pytest.raises(InvalidInput) as caught:
        factories.apply(open_call, personas.citizen, **overrides)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert not Application.objects.exists()


def test_the_technical_manager_must_be_another_person(personas, open_call):
    with pytest.raises(InvalidInput) as caught:
        factories.apply(
            open_call, personas.citizen, tm_national_code=personas.citizen.national_code
        )
    assert caught.value.code == "tm_is_applicant"


def test_a_document_that_is_not_a_pdf_or_image_is_refused_whatever_its_name(personas, open_call):
    fake = SimpleUploadedFile("degree.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    docs = {DocumentKind.IDENTITY: factories.pdf(), DocumentKind.DEGREE: fake}
    with pytest.raises(InvalidInput) as caught:
        factories.apply(open_call, personas.citizen, docs=docs)
    assert (caught.value.field, caught.value.code) == ("document_degree", "file_type")
    assert not Application.objects.exists()


def test_only_signed_in_citizens_apply(personas, open_call):
    with pytest.raises(Forbidden):
        factories.apply(open_call, personas.reviewer)


def test_applications_are_refused_outside_the_registration_window(personas, open_call):
    with pytest.raises(Conflict) as caught:
        factories.apply(
            open_call,
            personas.citizen,
            today=open_call.registration_closes + datetime.timedelta(days=1),
        )
    assert caught.value.code == "registration_closed"
    with pytest.raises(Conflict) as caught:
        factories.apply(
            open_call,
            personas.citizen,
            today=open_call.registration_opens - datetime.timedelta(days=1),
        )
    assert caught.value.code == "registration_not_open"


def test_a_draft_call_takes_no_applications(personas, draft_call):
    with pytest.raises(Conflict) as caught:
        factories.apply(draft_call, personas.citizen)
    assert caught.value.code == "call_wrong_state"


def test_accepting_every_mandatory_document_makes_the_application_eligible(
    personas, open_call, reviewer
):
    application = factories.apply(open_call, personas.citizen)
    factories.accept_all(application, reviewer)
    assert application.status == ApplicationStatus.ELIGIBLE
    assert {c.outcome for c in application.checks.all()} == {"pass"}


def test_a_rejected_document_makes_it_ineligible_with_the_reviewers_reason(
    personas, open_call, reviewer
):
    application = factories.apply(open_call, personas.citizen)
    degree = application.documents.get(kind=DocumentKind.DEGREE)
    services.document_review(
        actor=Actor.for_user(reviewer), document=degree, accepted=False, reason="مدرک ناخوانا است"
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INELIGIBLE
    failed = application.checks.get(outcome="fail")
    assert "مدرک ناخوانا است" in failed.reason


def test_a_rejection_without_a_reason_is_refused(personas, open_call, reviewer):
    application = factories.apply(open_call, personas.citizen)
    document = application.documents.first()
    with pytest.raises(InvalidInput) as caught:
        services.document_review(
            actor=Actor.for_user(reviewer), document=document, accepted=False, reason=" "
        )
    assert caught.value.field == "reason"
    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING


def test_only_reviewers_and_the_committee_secretary_review_documents(
    personas, committee, open_call
):
    application = factories.apply(open_call, personas.citizen)
    document = application.documents.first()
    for outsider in (personas.citizen, personas.operator_a, committee.planning):
        with pytest.raises(Forbidden):
            services.document_review(
                actor=Actor.for_user(outsider), document=document, accepted=True
            )
    services.document_review(
        actor=Actor.for_user(committee.secretary), document=document, accepted=True
    )


def test_the_applicant_replaces_a_rejected_document_while_registration_is_open(
    personas, open_call, reviewer
):
    application = factories.apply(open_call, personas.citizen)
    degree = application.documents.get(kind=DocumentKind.DEGREE)
    services.document_review(
        actor=Actor.for_user(reviewer), document=degree, accepted=False, reason="ناخوانا"
    )
    services.application_document_upload(
        actor=Actor.for_user(personas.citizen),
        application=application,
        kind=DocumentKind.DEGREE,
        upload=factories.pdf("new.pdf"),
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.documents.filter(kind=DocumentKind.DEGREE).count() == 2
    assert application.documents.get(kind=DocumentKind.DEGREE, current=True).status == "pending"
    with pytest.raises(Conflict):
        services.document_review(actor=Actor.for_user(reviewer), document=degree, accepted=True)


def test_another_person_cannot_upload_to_an_application(personas, open_call):
    application = factories.apply(open_call, personas.citizen)
    with pytest.raises(Forbidden):
        services.application_document_upload(
            actor=Actor.for_user(personas.other_citizen),
            application=application,
            kind=DocumentKind.DEGREE,
            upload=factories.pdf(),
        )
