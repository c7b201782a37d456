import pytest
from django.urls import reverse
from django.utils import translation

from daftar.audit.streams import stream_labels

pytestmark = pytest.mark.django_db


def test_streams_are_named_by_what_they_record_never_by_their_key(personas, catalogue):
    department = catalogue.service.department
    office = personas.office_a
    names = ["treasury", f"department:{department.code}", f"office:{office.code}", "odd:thing"]
    with translation.override("fa"):
        labels = stream_labels(names)
    assert labels["treasury"] == "خزانه"
    assert labels[f"department:{department.code}"] == f"معاونت: {department.name_fa}"
    assert labels[f"office:{office.code}"] == f"دفتر {office.code} — {office.name}"
    assert labels["odd:thing"] == "odd:thing"  # a key nobody named is shown, not hidden
    with translation.override("en"):
        assert stream_labels(["treasury"]) == {"treasury": "Treasury"}


def test_the_verification_page_shows_stream_labels(client, personas, catalogue, counter_ready):
    from daftar.cases.tests.fixtures import open_file

    open_file(personas, catalogue, office=counter_ready)
    client.force_login(personas.auditor)
    page = client.get(reverse("audit:verify"), HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    assert f"دفتر {personas.office_a.code} — {personas.office_a.name}" in page
    assert f'<span class="ltr-value">office:{personas.office_a.code}</span>' not in page


def test_anyone_downloads_the_independent_verifier_the_page_links(client, personas):
    from daftar.audit.views import VERIFIER

    response = client.get(reverse("audit:verifier"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="verify_audit_export.py"'
    assert response.content == VERIFIER.read_bytes()
    client.force_login(personas.auditor)
    page = client.get(reverse("audit:verify")).content.decode()
    assert f'href="{reverse("audit:verifier")}"' in page
    assert "docs/verify_audit_export.py" not in page  # a reader has no repository
