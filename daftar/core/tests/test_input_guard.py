"""Input no view can handle is refused at the edge (daftar.core.input_guard): control
characters with 400, bodies over the limit with 413 — a page in the user's language on the
web, the error envelope on the API — and nothing is changed."""

from __future__ import annotations

import json

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from daftar.core.middleware import RequestGuardMiddleware

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/services/?q=%00",
        "/offices/T01%0001/",
        "/receipts/verify/AB%00C/",
        "/gateway-sim/ab%00c/",
        "/files/?state=x%00y",
        "/track/?code=1%01",
        "/decisions/?year=%7F",
    ],
)
def test_a_control_character_in_a_pages_address_or_query_gets_a_persian_400_page(personas, url):
    client = Client()
    client.force_login(personas.operator_a)
    response = client.get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'lang="fa"' in page
    assert "مجاز نیست" in page  # "… a character that is not allowed"


def test_the_400_page_follows_the_language_the_user_chose():
    client = Client()
    client.cookies["daftar_language"] = "en"
    response = client.get("/services/?q=%00")
    assert response.status_code == 400
    assert "not allowed" in response.content.decode()


def test_a_form_with_a_null_byte_is_refused_and_changes_nothing(personas):
    from daftar.api.models import PartnerApp

    client = Client()
    client.force_login(personas.admin)
    response = client.post(
        "/fava/partners/", {"name": "Bad\x00App", "scopes": ["files"], "requests_per_minute": "60"}
    )
    assert response.status_code == 400
    assert "مجاز نیست" in response.content.decode()
    assert not PartnerApp.objects.exists()


def test_text_with_line_breaks_and_tabs_is_not_a_control_character(personas):
    client = Client()
    client.force_login(personas.operator_a)
    assert client.get("/services/?q=a%09b%0Ac").status_code == 200


def test_a_body_over_a_pages_limit_gets_a_persian_413_page(settings, personas):
    settings.REQUEST_MAX_BYTES = 1024
    client = Client()
    client.force_login(personas.operator_a)
    response = client.post("/counter/", {"national_code": "1" * 4000})
    assert response.status_code == 413
    page = response.content.decode()
    assert 'lang="fa"' in page
    assert "۵" in page  # "each document at most 5 MB", in Persian digits


def test_the_bank_statement_import_has_its_own_larger_limit(settings, personas):
    settings.REQUEST_MAX_BYTES = 1024
    client = Client()
    client.force_login(personas.treasury)
    response = client.post("/treasury/reconciliation/", {"note": "x" * 4000})
    assert response.status_code != 413
    settings.REQUEST_MAX_BYTES_FOR_URL = {"treasury:reconciliation": 2048}
    assert client.post("/treasury/reconciliation/", {"note": "x" * 4000}).status_code == 413


def test_a_number_too_large_for_the_database_is_the_requests_fault():
    middleware = RequestGuardMiddleware(lambda request: HttpResponse())
    page = middleware.process_exception(RequestFactory().get("/x/"), OverflowError("x"))
    assert page.status_code == 400
    api = middleware.process_exception(RequestFactory().get("/api/v1/x"), OverflowError("x"))
    assert api.status_code == 400
    assert json.loads(api.content)["error"]["code"] == "number_too_large"
    assert middleware.process_exception(RequestFactory().get("/x/"), ValueError("x")) is None


def test_django_refusing_a_body_later_answers_413_not_a_bare_400(rf):
    from django.core.exceptions import RequestDataTooBig

    from daftar.core.input_guard import bad_request

    request = rf.post("/api/v1/files", b"x" * 10, content_type="application/json")
    response = bad_request(request, RequestDataTooBig("too big"))
    assert response.status_code == 413
    assert json.loads(response.content)["error"]["code"] == "request_too_large"


def test_an_overlong_username_at_the_staff_sign_in_is_a_failed_sign_in_not_a_server_error(db):
    """Django's sign-in form does not check the username's length; django-axes recorded it
    in a 255-character column and PostgreSQL refused (500)."""
    from axes.models import AccessAttempt

    response = Client().post(
        "/accounts/staff/sign-in/", {"username": "ي" * 300, "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "ي" * 150
