"""File pages: the portal, inboxes, the file page and its actions, tracking, the counter, and
the access matrix (personas × pages)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from daftar.cases import services
from daftar.cases.models import File
from daftar.cases.tests.fixtures import FORM, PDF, open_file, pdf
from daftar.catalogue.choices import Channel
from daftar.core.actors import Actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def file(personas, catalogue):
    created = open_file(personas, catalogue)
    return services.file_apply_action(actor=Actor.system("treasury"), file=created, action="pay")


def _upload(name="deed.pdf", content=PDF):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_citizen_applies_online_through_the_portal(client, personas, catalogue):
    client.force_login(personas.citizen)
    response = client.post(
        reverse("cases:apply", args=["bp-file-open"]), {**FORM, "doc_deed": _upload()}
    )
    assert response.status_code == 302
    created = File.objects.get()
    assert response.url == created.get_absolute_url()
    assert created.state.code == "awaiting_payment"


def test_the_portal_shows_every_field_error_and_creates_nothing(client, personas, catalogue):
    client.force_login(personas.citizen)
    response = client.post(
        reverse("cases:apply", args=["bp-file-open"]), {"area_m2": "abc", "zone": "7"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_area_m2_errors"' in html
    assert 'id="id_zone_errors"' in html
    assert not File.objects.exists()


def test_a_missing_document_is_shown_on_its_field(client, personas, catalogue):
    client.force_login(personas.citizen)
    response = client.post(reverse("cases:apply", args=["bp-file-open"]), FORM)
    assert 'id="id_doc_deed_errors"' in response.content.decode()
    assert not File.objects.exists()


def test_staff_cannot_use_the_citizen_portal(client, personas, catalogue):
    client.force_login(personas.operator_a)
    assert client.get(reverse("cases:apply", args=["bp-file-open"])).status_code == 404


ACCESS = {
    # persona: may see the citizen's web file of the urban-planning department?
    "citizen": True,
    "other_citizen": False,
    "operator_a": False,
    "operator_b": False,
    "manager_a": False,
    "reviewer": True,
    "treasury": False,
    "inspector": False,
    "supervisor": True,  # investigates complaints on the file itself
    "committee": False,
    "council": True,
    "auditor": True,
    "catalogue_admin": False,
    "admin": False,
}


@pytest.mark.parametrize(("persona", "allowed"), ACCESS.items())
def test_who_may_see_a_file_and_its_documents(client, personas, file, persona, allowed):
    client.force_login(getattr(personas, persona))
    page = client.get(file.get_absolute_url())
    document = client.get(
        reverse("cases:attachment", args=[file.tracking_code, file.attachments.get().pk])
    )
    assert page.status_code == (200 if allowed else 404)
    assert document.status_code == (200 if allowed else 404)


def test_the_document_is_served_privately_with_its_true_type(client, personas, file):
    client.force_login(personas.citizen)
    response = client.get(
        reverse("cases:attachment", args=[file.tracking_code, file.attachments.get().pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF


def test_the_reviewer_approves_from_the_file_page(client, personas, file):
    client.force_login(personas.reviewer)
    page = client.get(file.get_absolute_url()).content.decode()
    assert 'data-action="approve"' in page
    client.post(reverse("cases:action", args=[file.tracking_code]), {"action": "approve"})
    file.refresh_from_db()
    assert file.state.code == "approved"


def test_the_citizen_sees_no_review_actions_and_cannot_post_them(client, personas, file):
    client.force_login(personas.citizen)
    page = client.get(file.get_absolute_url()).content.decode()
    assert 'data-action="approve"' not in page
    client.post(reverse("cases:action", args=[file.tracking_code]), {"action": "approve"})
    file.refresh_from_db()
    assert file.state.code == "in_review"


def test_the_citizen_answers_a_correction_request(client, personas, file):
    services.file_apply_action(
        actor=Actor.for_user(personas.reviewer),
        file=file,
        action="request_correction",
        reason="نقشه لازم است",
    )
    client.force_login(personas.citizen)
    page = client.get(file.get_absolute_url()).content.decode()
    assert 'data-testid="correction-form"' in page
    assert "نقشه لازم است" in page
    client.post(
        reverse("cases:correct", args=[file.tracking_code]),
        {"area_m2": "125", "zone": "2", "doc_map": _upload("map.pdf")},
    )
    file.refresh_from_db()
    assert file.state.code == "in_review"
    assert file.form_data["zone"] == 2


def test_public_tracking_needs_both_codes_and_reveals_only_the_status(client, file, personas):
    response = client.post(
        reverse("cases:track"),
        {
            "tracking_code": "-".join(re.findall(r"\d{4}", file.tracking_code)),
            "national_code": personas.citizen.national_code,
        },
    )
    html = response.content.decode()
    assert 'data-testid="track-result"' in html
    assert personas.citizen.mobile[-4:] not in html
    wrong = client.post(
        reverse("cases:track"), {"tracking_code": file.tracking_code, "national_code": "0499370899"}
    )
    assert 'data-testid="track-result"' not in wrong.content.decode()


def test_public_tracking_is_rate_limited(client, file):
    for _ in range(30):
        client.post(reverse("cases:track"), {"tracking_code": "1", "national_code": "1"})
    response = client.post(
        reverse("cases:track"), {"tracking_code": file.tracking_code, "national_code": "0499370899"}
    )
    assert response.status_code == 429


def test_the_reviewer_inbox_is_sorted_by_deadline_with_a_constant_query_count(
    client, personas, catalogue, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        created = services.file_open(
            actor=Actor.for_user(personas.citizen),
            service=catalogue.service,
            channel=Channel.WEB,
            citizen=personas.citizen,
            form_data=FORM,
            documents={"deed": pdf()},
        )
        services.file_apply_action(actor=Actor.system("treasury"), file=created, action="pay")
    client.force_login(personas.reviewer)
    with django_assert_max_num_queries(12), CaptureQueriesContext(connection) as few:
        first = client.get(reverse("cases:inbox")).content.decode()
    for _ in range(4):
        created = services.file_open(
            actor=Actor.for_user(personas.citizen),
            service=catalogue.service,
            channel=Channel.WEB,
            citizen=personas.citizen,
            form_data=FORM,
            documents={"deed": pdf()},
        )
        services.file_apply_action(actor=Actor.system("treasury"), file=created, action="pay")
    with django_assert_max_num_queries(12), CaptureQueriesContext(connection) as more:
        second = client.get(reverse("cases:inbox")).content.decode()
    assert len(few) == len(more)  # the rows carry what they show: no query per row
    assert first.count("data-file=") == 3
    assert second.count("data-file=") == 7
    codes = re.findall(r'data-file="(\d+)"', second)
    dues = [File.objects.get(tracking_code=c).state_due_at for c in codes]
    assert dues == sorted(dues)
    for code in codes:  # each row links to its file's page
        assert f'href="{reverse("cases:file", kwargs={"tracking_code": code})}"' in second
    first_file = File.objects.get(tracking_code=codes[0])
    assert first_file.service.title in second
    assert first_file.state.name in second


def test_a_file_url_is_its_reversed_url_under_any_script_prefix(file):
    from django.urls import set_script_prefix

    assert file.get_absolute_url() == reverse(
        "cases:file", kwargs={"tracking_code": file.tracking_code}
    )
    odd = File(tracking_code="A B/?")  # quoted as reverse() quotes it
    assert odd.get_absolute_url() == "/files/A%20B%2F%3F/"
    set_script_prefix("/daftar/")
    try:
        assert file.get_absolute_url() == f"/daftar/files/{file.tracking_code}/"
        assert file.get_absolute_url() == reverse(
            "cases:file", kwargs={"tracking_code": file.tracking_code}
        )
    finally:
        set_script_prefix("/")


def test_the_status_filter_is_read_once_per_process_and_forgotten_when_a_state_changes(
    personas, catalogue, settings, django_assert_num_queries
):
    from daftar.workflow.models import WorkflowState
    from daftar.workflow.selectors import forget_workflow_states, workflow_state_choices

    settings.WORKFLOW_STATE_CACHE_SECONDS = 300
    forget_workflow_states()
    with django_assert_num_queries(1):
        choices = workflow_state_choices()
    assert (
        "awaiting_payment",
        *WorkflowState.objects.filter(code="awaiting_payment")
        .values_list("name_fa", "name_en")
        .first(),
    ) in choices
    assert choices == sorted(set(choices))  # one row per state, whatever the versions
    with django_assert_num_queries(0):
        assert workflow_state_choices() == choices
    state = WorkflowState.objects.get(code="awaiting_payment")
    state.name_en = "Waiting for the fee"
    state.save()
    refreshed = workflow_state_choices()
    assert ("awaiting_payment", state.name_fa, "Waiting for the fee") in refreshed
    settings.WORKFLOW_STATE_CACHE_SECONDS = 0
    forget_workflow_states()


def test_an_operator_inbox_shows_only_their_office(client, personas, catalogue, counter_ready):
    services.file_open(
        actor=Actor.for_user(personas.operator_a),
        service=catalogue.service,
        channel=Channel.OFFICE,
        citizen=personas.citizen,
        form_data=FORM,
        documents={"deed": pdf()},
        office=counter_ready,
        operator=personas.operator_a,
    )
    client.force_login(personas.operator_a)
    assert client.get(reverse("cases:inbox")).content.decode().count("data-file=") == 1
    client.force_login(personas.operator_b)
    assert client.get(reverse("cases:inbox")).content.decode().count("data-file=") == 0


def test_the_counter_identifies_the_citizen_by_consent_code_and_prints_a_receipt(
    client, personas, catalogue, counter_ready, sms_outbox, django_capture_on_commit_callbacks
):
    client.force_login(personas.operator_a)
    with django_capture_on_commit_callbacks(execute=True):
        start = client.post(
            reverse("cases:counter"),
            {
                "national_code": "0499370899",
                "mobile": "09121234567",
                "first_name": "نرگس",
                "last_name": "امینی",
                "service": "bp-file-open",
                "identity_checked": "on",
            },
        )
    assert start.status_code == 302
    code = re.search(r"\d{6}", sms_outbox[-1]["body"]).group(0)
    consent = client.post(reverse("cases:counter_consent"), {"code": code})
    assert consent.url == reverse("cases:counter_file", args=["bp-file-open"])
    response = client.post(
        reverse("cases:counter_file", args=["bp-file-open"]), {**FORM, "doc_deed": _upload()}
    )
    assert response.status_code == 302
    created = File.objects.get(national_code="0499370899")
    assert created.office == counter_ready
    assert created.citizen_name == "نرگس امینی"
    receipt = client.get(response.url).content.decode()
    assert created.tracking_code[:4] in receipt
    assert "<svg" in receipt


def test_a_wrong_consent_code_stops_the_counter(
    client, personas, catalogue, counter_ready, django_capture_on_commit_callbacks
):
    client.force_login(personas.operator_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cases:counter"),
            {
                "national_code": "0499370899",
                "mobile": "09121234567",
                "service": "bp-file-open",
                "identity_checked": "on",
            },
        )
    response = client.post(reverse("cases:counter_consent"), {"code": "000000"})
    assert response.status_code == 200
    assert client.get(reverse("cases:counter_file", args=["bp-file-open"])).status_code == 404


def test_the_catalogue_shows_a_service_with_its_tariff_and_calculates_a_fee(client, catalogue):
    page = client.get(reverse("catalogue:service", args=["bp-file-open"])).content.decode()
    assert 'data-testid="calculator"' in page
    assert 'data-testid="formula"' not in page  # visitors read the plain words, not the formula
    quote = client.post(
        reverse("catalogue:quote", args=["bp-file-open"]), {"area_m2": "۱۰۰", "zone": "2"}
    )
    assert "۱٬۵۰۰٬۰۰۰" in quote.content.decode()  # 1,000,000 + 5,000 × 100
    bad = client.post(reverse("catalogue:quote", args=["bp-file-open"]), {"area_m2": "x"})
    assert "text-danger" in bad.content.decode()
