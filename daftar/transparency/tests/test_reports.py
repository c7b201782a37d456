"""Council reports: who may request one, bad periods, the job (progress, failure, audit), the
cut-off checkpoint, the figures read from the aggregates, and determinism."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from daftar.audit.models import AuditEntry
from daftar.core.actors import Actor
from daftar.core.errors import Forbidden, InvalidInput
from daftar.core.jalali import TEHRAN
from daftar.transparency.error_codes import TransparencyErrorCode
from daftar.transparency.models import CouncilReport, ReportKind, ReportStatus, ReportStep
from daftar.transparency.selectors import reports as selectors
from daftar.transparency.services import reports as services
from daftar.transparency.tests import reports_fixtures as fx

report_world = fx.report_world  # fixture
pytestmark = pytest.mark.django_db

START, END = fx.PERIOD


def request(user, start=START, end=END, **kwargs):
    return services.council_report_request(
        actor=Actor.for_user(user), start=start, end=end, **kwargs
    )


# --- who may ask ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["council", "committee", "auditor", "supervisor"])
def test_the_overseeing_roles_may_request_a_report(personas, name):
    report = request(getattr(personas, name))

    assert report.status == ReportStatus.QUEUED
    assert report.progress == 0
    assert report.requested_by == getattr(personas, name)
    assert report.kind == ReportKind.ON_DEMAND


@pytest.mark.parametrize(
    "name", ["citizen", "operator_a", "manager_a", "reviewer", "treasury", "inspector", "admin"]
)
def test_other_roles_may_not_request_a_report_and_nothing_is_queued(personas, name):
    with pytest.raises(Forbidden) as refused:
        request(getattr(personas, name))

    assert refused.value.code == TransparencyErrorCode.REPORT_NOT_ALLOWED
    assert not CouncilReport.objects.exists()


# --- bad periods ------------------------------------------------------------------------------


def yesterday() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "end", "code", "field"),
    [
        (END, START, TransparencyErrorCode.REPORT_PERIOD_REVERSED, "end"),
        (START, None, TransparencyErrorCode.REPORT_PERIOD_FUTURE, "end"),
        (START, "far", TransparencyErrorCode.REPORT_PERIOD_FUTURE, "end"),
        (datetime.date(2024, 1, 1), END, TransparencyErrorCode.REPORT_PERIOD_TOO_LONG, "start"),
    ],
    ids=["reversed", "ends-today", "ends-in-the-future", "longer-than-a-year"],
)
def test_a_bad_period_is_refused_in_persian_and_nothing_is_queued(
    personas, start, end, code, field, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    end = {None: today, "far": today + datetime.timedelta(days=30)}.get(end, end)
    if code == TransparencyErrorCode.REPORT_PERIOD_FUTURE:
        start = today - datetime.timedelta(days=10)
    entries = AuditEntry.objects.count()

    with django_capture_on_commit_callbacks() as queued, pytest.raises(InvalidInput) as refused:
        request(personas.council, start=start, end=end)

    assert refused.value.code == code
    assert refused.value.field == field
    assert refused.value.render("fa") != refused.value.render("en")  # said in Persian
    assert not CouncilReport.objects.exists()
    assert AuditEntry.objects.count() == entries
    assert queued == []


def test_a_period_of_exactly_a_leap_year_ending_yesterday_is_accepted(personas):
    end = yesterday()
    report = request(personas.auditor, start=end - datetime.timedelta(days=365), end=end)

    assert report.period_end == end


# --- the request ------------------------------------------------------------------------------


def test_a_request_is_audited_and_queues_the_job_on_commit(
    personas, django_capture_on_commit_callbacks, monkeypatch
):
    ran = []
    monkeypatch.setattr(
        services, "council_report_generate", lambda **kwargs: ran.append(kwargs) or None
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = request(personas.council)

    entry = AuditEntry.objects.get(action="transparency.report_requested")
    assert entry.stream == "transparency"
    assert entry.actor_label == personas.council.username
    assert entry.object_id == str(report.pk)
    assert len(callbacks) == 1  # the job, enqueued when the request commits


# --- the job ----------------------------------------------------------------------------------


def run_job(personas, django_capture_on_commit_callbacks) -> CouncilReport:
    with django_capture_on_commit_callbacks(execute=True):
        report = request(personas.council)
    report.refresh_from_db()
    return report


def test_the_job_computes_the_figures_step_by_step_and_stores_the_pdf(
    personas, report_world, django_capture_on_commit_callbacks, monkeypatch
):
    seen: list[tuple[str, int]] = []
    original = services._progress

    def spy(report_id, step, progress):
        seen.append((step, progress))
        original(report_id, step, progress)

    monkeypatch.setattr(services, "_progress", spy)

    report = run_job(personas, django_capture_on_commit_callbacks)

    assert report.status == ReportStatus.DONE
    assert report.progress == 100
    assert report.step == ReportStep.FINISHED
    assert [step for step, _ in seen] == [
        ReportStep.FILES,
        ReportStep.SUPERVISION,
        ReportStep.TREASURY,
        ReportStep.GOVERNANCE,
        ReportStep.PDF,
    ]
    progresses = [progress for _, progress in seen]
    assert progresses == sorted(progresses)
    assert progresses[-1] < 100
    content = default_storage.open(report.pdf_name, "rb").read()
    assert content.startswith(b"%PDF")
    assert report.pdf_size == len(content)
    import hashlib

    assert report.pdf_sha256 == hashlib.sha256(content).hexdigest()
    assert report.figures_sha256 == selectors.figures_digest(report.figures)
    entry = AuditEntry.objects.get(action="transparency.report_generated")
    assert report.pdf_sha256 in entry.summary


def test_the_figures_come_from_the_period_only(
    personas, report_world, django_capture_on_commit_callbacks, adopt_decision
):
    from daftar.governance.choices import DecisionKind

    adopt_decision(DecisionKind.POLICY, subject="خارج از دوره", day=datetime.date(2026, 3, 1))

    report = run_job(personas, django_capture_on_commit_callbacks)

    figures = report.figures
    assert figures["period"] == {"start": START.isoformat(), "end": END.isoformat()}
    mix = figures["files"]["service_mix"]
    assert sum(row["count"] for row in mix) == 2  # both files of December 2025
    assert sum(float(row["percent"]) for row in mix) == 100.0
    subjects = [row["subject"] for row in figures["governance"]["decisions"]]
    assert "خارج از دوره" not in subjects
    assert all(
        START.isoformat() <= row["decided_on"] <= END.isoformat()
        for row in figures["governance"]["decisions"]
    )
    assert set(figures["treasury"]) >= {"collected", "deposited", "settled", "refunded"}
    assert set(figures["supervision"]) == {"inspections", "findings", "complaints", "sanctions"}
    # Plain JSON: it survives a round trip unchanged (no floats, no Decimals).
    assert json.loads(json.dumps(figures)) == figures


def test_a_failing_job_leaves_the_report_failed_with_its_reason_and_audited(
    personas, report_world, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("the font is missing")

    monkeypatch.setattr(services, "render_council_report", broken)

    report = run_job(personas, django_capture_on_commit_callbacks)

    assert report.status == ReportStatus.FAILED
    assert "the font is missing" in report.failure
    assert report.pdf_name == ""
    assert report.pdf_sha256 == ""
    assert AuditEntry.objects.filter(action="transparency.report_failed").count() == 1
    assert not AuditEntry.objects.filter(action="transparency.report_generated").exists()


def test_a_job_delivered_twice_changes_nothing_the_second_time(
    personas, report_world, django_capture_on_commit_callbacks
):
    report = run_job(personas, django_capture_on_commit_callbacks)

    again = services.council_report_generate(report_id=report.pk)

    assert again.pdf_sha256 == report.pdf_sha256
    assert AuditEntry.objects.filter(action="transparency.report_generated").count() == 1


# --- the cut-off ------------------------------------------------------------------------------


def test_the_cut_off_is_the_latest_checkpoint_signed_by_the_period_end(
    personas, report_world, django_capture_on_commit_callbacks, monkeypatch, settings, tmp_path
):
    from daftar.audit.services import checkpoint_create

    settings.AUDIT_CHECKPOINT_DIR = tmp_path
    signed = []
    for moment in (
        datetime.datetime(2026, 1, 15, 3, 0, tzinfo=TEHRAN),  # inside the period
        datetime.datetime(2026, 1, 31, 23, 30, tzinfo=TEHRAN),  # its last evening
        datetime.datetime(2026, 2, 1, 0, 30, tzinfo=TEHRAN),  # after it
    ):
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        signed.append(checkpoint_create())
    monkeypatch.undo()

    report = run_job(personas, django_capture_on_commit_callbacks)

    assert report.cutoff_number == signed[1].number
    assert report.cutoff_merkle_root == signed[1].merkle_root
    assert report.figures["cutoff"]["number"] == signed[1].number


def test_without_any_checkpoint_the_report_says_so(
    personas, report_world, django_capture_on_commit_callbacks
):
    report = run_job(personas, django_capture_on_commit_callbacks)

    assert report.cutoff_number is None
    assert report.figures["cutoff"] is None


# --- determinism --------------------------------------------------------------------------------


def test_regenerating_the_same_period_gives_exactly_the_same_figures_and_pdf(
    personas, report_world, django_capture_on_commit_callbacks
):
    first = run_job(personas, django_capture_on_commit_callbacks)
    second = run_job(personas, django_capture_on_commit_callbacks)

    assert first.pk != second.pk
    assert second.figures == first.figures
    assert json.dumps(second.figures, sort_keys=True) == json.dumps(first.figures, sort_keys=True)
    assert second.figures_sha256 == first.figures_sha256
    # With the same number and generation time, the bytes are the same too.
    from daftar.transparency.reports_pdf import render_council_report

    at = datetime.datetime(2026, 2, 2, 9, 0, tzinfo=datetime.UTC)
    once = render_council_report(
        number=7, figures=first.figures, digest=first.figures_sha256, created_at=at
    )
    twice = render_council_report(
        number=7, figures=second.figures, digest=second.figures_sha256, created_at=at
    )
    assert once == twice


# --- the quarterly job --------------------------------------------------------------------------


def test_the_quarterly_job_asks_once_for_the_last_quarter(personas):
    today = datetime.date(2026, 4, 25)  # 5 Ordibehesht 1405: the last quarter is Dey–Esfand 1404

    report = services.council_report_request_quarterly(today=today)

    assert report.kind == ReportKind.QUARTERLY
    assert report.period_start == datetime.date(2025, 12, 22)  # 1 Dey 1404
    assert report.period_end == datetime.date(2026, 3, 20)  # 29 Esfand 1404
    assert report.requested_by is None
    assert report.requested_by_label == "system:council-reports"
    assert services.council_report_request_quarterly(today=today) is None
    assert CouncilReport.objects.count() == 1


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        (datetime.date(2026, 3, 21), (1405, 1, 1), (1405, 3, 31)),  # 1 Farvardin
        (datetime.date(2026, 9, 22), (1405, 4, 1), (1405, 6, 31)),  # 31 Shahrivar
        (datetime.date(2027, 3, 20), (1405, 10, 1), (1405, 12, 29)),  # 29 Esfand
    ],
)
def test_a_quarter_is_three_jalali_months(day, first, last):
    from daftar.core.jalali import from_jalali

    quarter = selectors.quarter_of(day)

    assert quarter.starts_on == from_jalali(*first)
    assert quarter.ends_on == from_jalali(*last)


# --- the demo ---------------------------------------------------------------------------------


def test_the_demo_seeds_one_finished_quarterly_report_once(personas):
    from daftar.transparency.demo.reports import seed

    class Ctx:
        lines: list[str] = []

        def log(self, line: str) -> None:
            self.lines.append(line)

    ctx = Ctx()
    seed(ctx)
    seed(ctx)

    report = CouncilReport.objects.get()
    assert report.kind == ReportKind.QUARTERLY
    assert report.status == ReportStatus.DONE
    assert report.pdf_sha256
    assert "already" in ctx.lines[-1]


def test_two_quarterly_runs_racing_make_one_report(personas, monkeypatch):
    today = datetime.date(2026, 4, 25)
    first = services.council_report_request_quarterly(today=today)
    # The second run does not see the first one's row (as if both checked at the same time).
    real_filter = CouncilReport.objects.filter
    monkeypatch.setattr(CouncilReport.objects, "filter", lambda **kw: real_filter(pk=-1))

    second = services.council_report_request_quarterly(today=today)

    assert second is None
    assert list(CouncilReport.objects.all()) == [first]
