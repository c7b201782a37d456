"""The shell: language, direction, health, readiness and error pages."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from daftar.core.views import error_500

pytestmark = pytest.mark.django_db


def test_home_is_persian_and_right_to_left_by_default_whatever_the_browser_says(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    assert response["Content-Language"] == "fa"


def test_switching_to_english_gives_left_to_right_pages(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "bootstrap.min.css" in html
    assert "Staff sign-in" in html


def test_pages_load_nothing_from_outside_the_app(client):
    html = client.get("/").content.decode()
    for tag_start in ('<script src="http', '<link rel="stylesheet" href="http'):
        assert tag_start not in html


def test_healthz_answers_without_sign_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_checks_database_and_queue(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "queue": "ok"}


def test_readyz_reports_an_unreachable_queue(client, monkeypatch):
    from huey.contrib.djhuey import HUEY

    def broken():
        raise ConnectionError("queue down")

    monkeypatch.setattr(HUEY.storage, "queue_size", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["queue"] == "error: ConnectionError"


def test_unknown_pages_get_a_persian_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "صفحه پیدا نشد" in response.content.decode()


def test_unknown_pages_get_an_english_404_after_switching(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_500_page_follows_the_language():
    with translation.override("en"):
        response = error_500(RequestFactory().get("/"))
    assert response.status_code == 500
    assert 'dir="ltr"' in response.content.decode()
    assert "Something went wrong" in response.content.decode()
    with translation.override("fa"):
        response = error_500(RequestFactory().get("/"))
    assert 'dir="rtl"' in response.content.decode()
    assert "خطایی" in response.content.decode()


def test_security_headers_are_sent(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Request-ID"]


def test_a_form_posted_without_its_csrf_token_gets_the_translated_403_page():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:citizen_login"), {"national_code": "0499370899", "mobile": "09121234567"}
    )
    assert response.status_code == 403
    assert 'data-testid="csrf-failed"' in response.content.decode()
    assert '<html lang="fa" dir="rtl">' in response.content.decode()


def test_the_admin_is_right_to_left_in_persian(client, personas):
    client.force_login(personas.admin)
    assert 'dir="rtl"' in client.get("/admin/").content.decode()
