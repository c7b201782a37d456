"""Council report pages: the list (live rows, constant queries), the request form (Jalali
dates, Persian errors), the PDF download, and 404 for everyone who may not see reports."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from daftar.core.actors import Actor
from daftar.core.jalali import to_jalali
from daftar.transparency.models import CouncilReport, ReportStatus
from daftar.transparency.services import reports as services
from daftar.transparency.tests import reports_fixtures as fx

report_world = fx.report_world  # fixture
pytestmark = pytest.mark.django_db

LIST = reverse("transparency:council_reports")
NEW = reverse("transparency:council_report_new")
OVERSEERS = ["council", "committee", "auditor", "supervisor"]
OTHERS = ["citizen", "operator_a", "manager_a", "reviewer", "treasury", "inspector", "admin"]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def jalali(day: datetime.date) -> str:
    j = to_jalali(day)
    return f"{j.year}/{j.month:02d}/{j.day:02d}"


@pytest.fixture
def done_report(personas, report_world, django_capture_on_commit_callbacks) -> CouncilReport:
    start, end = fx.PERIOD
    with django_capture_on_commit_callbacks(execute=True):
        report = services.council_report_request(
            actor=Actor.for_user(personas.council), start=start, end=end
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    return report


def queued(personas, n: int = 1) -> list[CouncilReport]:
    start, end = fx.PERIOD
    return [
        services.council_report_request(
            actor=Actor.for_user(personas.auditor), start=start, end=end
        )
        for _ in range(n)
    ]


# --- list -------------------------------------------------------------------------------------


def test_the_list_shows_a_queued_report_polling_itself_and_a_ready_one_with_its_hashes(
    personas, done_report
):
    waiting = queued(personas)[0]

    html = client_for(personas.council).get(LIST).content.decode()

    row = reverse("transparency:council_report_row", args=[waiting.pk])
    assert f'hx-get="{row}"' in html
    assert 'hx-trigger="every 2s"' in html
    assert "در نوبت" in html  # queued, in Persian
    assert reverse("transparency:council_report_pdf", args=[done_report.pk]) in html
    assert done_report.figures_sha256 in html
    assert done_report.pdf_sha256 in html
    # The ready report's row does not poll.
    done_row = reverse("transparency:council_report_row", args=[done_report.pk])
    assert f'hx-get="{done_row}"' not in html


def test_the_list_reads_the_same_number_of_queries_however_many_reports(personas):
    client = client_for(personas.council)
    queued(personas, 1)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    queued(personas, 5)
    with CaptureQueriesContext(connection) as more:
        response = client.get(LIST)

    assert response.status_code == 200
    assert len(few) == len(more)


def test_the_row_answers_the_poll_with_the_report_as_it_is_now(personas):
    report = queued(personas)[0]
    client = client_for(personas.committee)
    url = reverse("transparency:council_report_row", args=[report.pk])

    html = client.get(url).content.decode()

    assert f'data-report="{report.pk}"' in html
    assert 'data-status="queued"' in html
    assert 'value="0"' in html  # the progress bar


# --- request ----------------------------------------------------------------------------------


def test_the_form_offers_the_last_quarter_in_jalali_dates(personas):
    from daftar.transparency.selectors.reports import quarter_last_ended

    quarter = quarter_last_ended()

    html = client_for(personas.supervisor).get(NEW).content.decode()

    assert jalali(quarter.starts_on) in html
    assert jalali(quarter.ends_on) in html


def test_a_council_member_requests_a_report_and_is_sent_to_the_list(
    personas, report_world, django_capture_on_commit_callbacks
):
    start, end = fx.PERIOD
    client = client_for(personas.council)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, {"start": jalali(start), "end": jalali(end)})

    report = CouncilReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?new={report.pk}"
    assert (report.period_start, report.period_end) == (start, end)
    assert report.status == ReportStatus.DONE  # the test queue runs the job at once


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("1404/11/10", "1404/09/01", "پایان دوره پیش از آغاز آن است."),
        ("1402/01/01", "1404/01/01", "هر گزارش حداکثر یک سال"),
        ("1404/13/01", "1404/09/01", "تقویم هجری شمسی"),
        ("", "1404/09/01", "تکمیل این فیلد الزامی است."),
    ],
    ids=["reversed", "too-long", "not-a-date", "missing"],
)
def test_a_bad_request_shows_a_persian_error_and_queues_nothing(personas, start, end, message):
    response = client_for(personas.council).post(NEW, {"start": start, "end": end})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CouncilReport.objects.exists()


def test_a_period_that_has_not_ended_is_refused_on_the_form(personas):
    today = timezone.localdate()

    response = client_for(personas.council).post(
        NEW, {"start": jalali(today - datetime.timedelta(days=5)), "end": jalali(today)}
    )

    assert "دوره باید پیش از امروز پایان یابد" in response.content.decode()
    assert not CouncilReport.objects.exists()


# --- download and access ------------------------------------------------------------------------


@pytest.mark.parametrize("name", OVERSEERS)
def test_the_overseeing_roles_download_the_pdf(personas, done_report, name):
    url = reverse("transparency:council_report_pdf", args=[done_report.pk])

    response = client_for(getattr(personas, name)).get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    import hashlib

    assert hashlib.sha256(content).hexdigest() == done_report.pdf_sha256


@pytest.mark.parametrize("name", OTHERS)
def test_everyone_else_finds_no_report_pages_at_all(personas, done_report, name):
    client = client_for(getattr(personas, name))
    pk = done_report.pk

    for url in (
        LIST,
        NEW,
        reverse("transparency:council_report_row", args=[pk]),
        reverse("transparency:council_report_pdf", args=[pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(NEW, {"start": "1404/09/01", "end": "1404/09/30"}).status_code == 404
    assert CouncilReport.objects.count() == 1


def test_a_report_not_ready_has_no_pdf_yet(personas):
    report = queued(personas)[0]

    response = client_for(personas.council).get(
        reverse("transparency:council_report_pdf", args=[report.pk])
    )

    assert response.status_code == 404


def test_an_unknown_report_is_404(personas):
    assert (
        client_for(personas.council)
        .get(reverse("transparency:council_report_row", args=[999999]))
        .status_code
        == 404
    )


def test_the_council_home_has_the_reports_tile_and_the_request_action(personas, done_report):
    html = client_for(personas.council).get(reverse("accounts:dashboard")).content.decode()

    assert LIST in html
    assert NEW in html
