"""The daily aggregates: every figure the portal reads agrees exactly with a fresh count of the
raw tables; the build is incremental and idempotent; reads never touch the files table."""

from __future__ import annotations

import datetime
import math
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from daftar.audit.models import AuditEntry
from daftar.cases.models import CallbackTask, File, Rating
from daftar.core.actors import Actor
from daftar.core.errors import InvalidInput
from daftar.core.jalali import from_jalali, tehran_date, to_jalali
from daftar.offices.models import District, OfficeUptimeDay
from daftar.supervision.choices import UPHELD_RULINGS
from daftar.supervision.models import Complaint, Inspection
from daftar.transparency.error_codes import TransparencyErrorCode
from daftar.transparency.models import (
    AggregateBuild,
    CollectionDay,
    CollectionMonth,
    DistrictMonth,
    FileDay,
    FileMonth,
    OfficeDay,
)
from daftar.transparency.selectors import aggregates as portal
from daftar.transparency.services.aggregates import aggregates_build
from daftar.transparency.tests.aggregates_fixtures import DAYS, tehran, world  # noqa: F401
from daftar.treasury.choices import COLLECTED, RefundStatus
from daftar.treasury.models import Payment, Refund

SYSTEM = Actor.system("aggregates")
HUNDRED = Decimal(100)

# Whole months only; partial months at both ends; everything; each with and without a district.
PERIODS = [
    (from_jalali(1405, 6, 1), from_jalali(1405, 7, 30)),
    (from_jalali(1405, 6, 20), from_jalali(1405, 7, 9)),
    (from_jalali(1405, 5, 1), from_jalali(1405, 8, 30)),
]
FILTERS = [
    portal.PortalFilter(start, end, district) for start, end in PERIODS for district in (None, 1, 6)
]


# --- the fresh count, from the raw tables ----------------------------------------------------


def _within(f, moment) -> bool:
    return moment is not None and f.start <= tehran_date(moment) <= f.end


def _district_of(office) -> int | None:
    return office.district.number if office is not None else None


def _here(f, office) -> bool:
    return f.district is None or _district_of(office) == f.district


def _completed(file: File) -> bool:
    return file.closed_at is not None and file.state.code in ("closed", "rejected")


def _month(moment) -> tuple[int, int]:
    jalali = to_jalali(tehran_date(moment))
    return jalali.year, jalali.month


def _percent(part, whole):
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _ratio(part, whole):
    if not whole:
        return None
    return (Decimal(part) / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _nearest_rank(values: list[int], fraction: float) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def _files():
    return list(
        File.objects.select_related(
            "state", "office__district", "service__domain", "department"
        ).order_by("pk")
    )


def recount(f) -> dict:
    """Every portal figure for `f`, counted afresh from files, ratings, call-backs, payments,
    refunds, complaints and uptime rows."""
    files = [file for file in _files() if _here(f, file.office)]
    submitted = [file for file in files if _within(f, file.submitted_at)]
    completed = [file for file in files if _completed(file) and _within(f, file.closed_at)]
    mix = Counter(file.service.domain.code for file in submitted)
    per_month = defaultdict(lambda: [0, 0])
    for file in submitted:
        per_month[_month(file.submitted_at)][0] += 1
    for file in completed:
        per_month[_month(file.closed_at)][1] += 1
    times = defaultdict(list)
    times_by_department = defaultdict(list)
    sla = defaultdict(lambda: [0, 0])
    for file in completed:
        days = (file.closed_at - file.submitted_at).days
        times[file.service.code].append(days)
        times_by_department[file.department.code].append(days)
        sla[file.department.code][0] += 1
        sla[file.department.code][1] += file.closed_at <= file.due_at
    ratings = [
        rating
        for rating in Rating.objects.select_related("file__office__district")
        if _here(f, rating.file.office) and _within(f, rating.created_at)
    ]
    callbacks = [
        task
        for task in CallbackTask.objects.select_related("file__office__district")
        if _here(f, task.file.office) and _within(f, task.created_at)
    ]
    complaints = defaultdict(lambda: [0, 0])
    for complaint in Complaint.objects.filter(office__isnull=False).select_related(
        "office__district"
    ):
        if not _here(f, complaint.office):
            continue
        if _within(f, complaint.received_at):
            complaints[_month(complaint.received_at)][0] += 1
        if complaint.ruling in UPHELD_RULINGS and _within(f, complaint.ruled_at):
            complaints[_month(complaint.ruled_at)][1] += 1
    uptime = defaultdict(lambda: [0, 0])
    for row in OfficeUptimeDay.objects.select_related("office__district"):
        if _here(f, row.office) and f.start <= row.day <= f.end:
            uptime[row.office.district.number][0] += row.slots_open
            uptime[row.office.district.number][1] += row.slots_up
    money = defaultdict(lambda: [0, 0, 0, 0])
    for payment in Payment.objects.filter(status__in=COLLECTED).select_related("office__district"):
        if _here(f, payment.office) and _within(f, payment.confirmed_at):
            money[(_month(payment.confirmed_at), payment.channel)][0] += 1
            money[(_month(payment.confirmed_at), payment.channel)][1] += payment.amount
    for refund in Refund.objects.filter(status=RefundStatus.PAID).select_related(
        "payment__office__district"
    ):
        if _here(f, refund.payment.office) and _within(f, refund.paid_at):
            money[(_month(refund.paid_at), refund.payment.channel)][2] += 1
            money[(_month(refund.paid_at), refund.payment.channel)][3] += refund.amount
    return {
        "mix": dict(mix),
        "per_month": {key: tuple(value) for key, value in per_month.items()},
        "times": {
            code: (len(v), _nearest_rank(v, 0.5), _nearest_rank(v, 0.9))
            for code, v in times.items()
        },
        "times_by_department": {
            code: (len(v), _nearest_rank(v, 0.5), _nearest_rank(v, 0.9))
            for code, v in times_by_department.items()
        },
        "sla": {code: (c, w, _percent(w, c)) for code, (c, w) in sla.items()},
        "sla_total": (
            sum(c for c, _w in sla.values()),
            sum(w for _c, w in sla.values()),
        ),
        "ratings": len(ratings),
        "average": _ratio(sum(r.score for r in ratings), len(ratings)),
        "distribution": {s: sum(r.score == s for r in ratings) for s in range(1, 6)},
        "callbacks": len(callbacks),
        "complaints": {key: tuple(value) for key, value in complaints.items()},
        "availability": {n: _percent(up, open_) for n, (open_, up) in uptime.items()},
        "collections": {key: tuple(value) for key, value in money.items()},
    }


def figures(f) -> dict:
    """The same figures as the portal's selectors give them."""
    sla = portal.sla_adherence(f)
    happy = portal.satisfaction(f)
    return {
        "mix": {share.key: share.count for share in portal.service_mix(f)},
        "per_month": {
            (row.year, row.month): (row.submitted, row.completed)
            for row in portal.files_per_month(f)
            if row.submitted or row.completed
        },
        "times": {
            row.key: (row.completed, row.median_days, row.p90_days)
            for row in portal.completion_times(f)
        },
        "times_by_department": {
            row.key: (row.completed, row.median_days, row.p90_days)
            for row in portal.completion_times_by_department(f)
        },
        "sla": {
            row.key: (row.completed, row.within_sla, row.percent)
            for row in sla
            if row.key != "total"
        },
        "sla_total": (sla[-1].completed, sla[-1].within_sla),
        "ratings": happy.ratings,
        "average": happy.average,
        "distribution": happy.distribution,
        "callbacks": happy.callbacks,
        "complaints": {
            (row.year, row.month): (row.received, row.upheld)
            for row in portal.complaints_summary(f)
            if row.received or row.upheld
        },
        "availability": {row.number: row.value for row in portal.terminal_availability(f)},
        "collections": {
            ((row.year, row.month), row.channel): (
                row.payments,
                row.rials,
                row.refunds,
                row.refunded_rials,
            )
            for row in portal.collections(f)
        },
    }


# --- exactness -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_portal_figure_equals_a_fresh_count_of_the_raw_tables(world):  # noqa: F811
    # Given a varied world, when the aggregates are built
    aggregates_build(actor=SYSTEM)
    # then for whole months, partial months and both, city-wide and per district, every
    # selector's figures equal a count made afresh from the source tables
    for f in FILTERS:
        expected = recount(f)
        assert expected["mix"], f"{f}: no files in the period would prove nothing"
        assert expected["per_month"], f
        assert figures(f) == expected, f


@pytest.mark.django_db
def test_the_service_mix_always_sums_to_exactly_one_hundred_percent(world):  # noqa: F811
    aggregates_build(actor=SYSTEM)
    for f in FILTERS:
        mix = portal.service_mix(f)
        assert sum(share.percent for share in mix) == Decimal("100.0")
        assert all(share.percent == share.percent.quantize(Decimal("0.1")) for share in mix)


def test_largest_remainders_give_thirds_a_hundred_percent_and_the_tie_to_the_first_key():
    shares = portal.shares([("a", "A", 1), ("b", "B", 1), ("c", "C", 1)])
    assert [share.percent for share in shares] == [
        Decimal("33.4"),
        Decimal("33.3"),
        Decimal("33.3"),
    ]
    assert portal.shares([("a", "A", 0)])[0].percent == Decimal("0.0")


@pytest.mark.django_db
def test_a_file_submitted_a_second_before_tehran_midnight_counts_on_the_day_before(world):  # noqa: F811
    aggregates_build(actor=SYSTEM)
    last_of_shahrivar, first_of_mehr = from_jalali(1405, 6, 31), from_jalali(1405, 7, 1)
    before, after = world.midnight_before, world.midnight_after
    assert tehran_date(before.submitted_at) == last_of_shahrivar
    assert tehran_date(after.submitted_at) == first_of_mehr
    day_of = {
        day: sum(
            FileDay.objects.filter(
                day=day, service=world.services[1], office=world.offices[1]
            ).values_list("submitted", flat=True)
        )
        for day in (last_of_shahrivar, first_of_mehr)
    }
    expected = {
        day: File.objects.filter(
            service=world.services[1],
            office=world.offices[1],
            submitted_at__gte=tehran(day, 0),
            submitted_at__lt=tehran(day + datetime.timedelta(days=1), 0),
        ).count()
        for day in (last_of_shahrivar, first_of_mehr)
    }
    assert day_of == expected
    assert all(day_of.values())
    # and the month of the day before holds the file submitted a second before midnight
    shahrivar_end = portal.PortalFilter(last_of_shahrivar, last_of_shahrivar, 6)
    in_district_6 = File.objects.filter(
        office__district__number=6,
        submitted_at__gte=tehran(last_of_shahrivar, 0),
        submitted_at__lt=tehran(first_of_mehr, 0),
    )
    assert before in in_district_6
    assert portal.files_per_month(shahrivar_end)[0].submitted == in_district_6.count()


@pytest.mark.django_db
def test_the_office_record_and_the_map_agree_with_a_fresh_count(world):  # noqa: F811
    aggregates_build(actor=SYSTEM)
    f = portal.PortalFilter(from_jalali(1405, 6, 1), from_jalali(1405, 8, 30), None)
    office = world.offices[0]
    record = portal.office_record(office, f)
    files = [file for file in _files() if file.office_id == office.pk]
    completed = [file for file in files if _completed(file) and _within(f, file.closed_at)]
    ratings = [r for r in Rating.objects.filter(file__office=office) if _within(f, r.created_at)]
    uptime = OfficeUptimeDay.objects.filter(office=office)
    assert record.submitted == sum(_within(f, file.submitted_at) for file in files)
    assert record.completed == len(completed)
    assert record.within_sla == sum(file.closed_at <= file.due_at for file in completed)
    assert record.ratings == len(ratings)
    assert record.average == _ratio(sum(r.score for r in ratings), len(ratings))
    assert record.availability == _percent(
        sum(u.slots_up for u in uptime), sum(u.slots_open for u in uptime)
    )
    assert [(m.year, m.month) for m in record.months] == [(1405, 6), (1405, 7), (1405, 8)]
    assert sum(m.submitted for m in record.months) == record.submitted

    by_district = portal.district_indicator(f, "files")
    for number in (1, 6, 12):
        assert by_district[number] == sum(
            _within(f, file.submitted_at) and _district_of(file.office) == number
            for file in _files()
        )
    assert by_district[22] is None
    sla = portal.district_indicator(f, "sla")
    one = portal.PortalFilter(f.start, f.end, 1)
    completed, within = recount(one)["sla_total"]
    assert completed
    assert sla[1] == _percent(within, completed)
    assert portal.district_indicator(f, "availability")[1] == recount(one)["availability"][1]
    per_100k = portal.district_indicator(f, "offices_per_100k")
    active = District.objects.get(number=1).offices.filter(status="active").count()
    assert per_100k[1] == _ratio(active * 100_000, 300_000)


# --- incremental, idempotent -----------------------------------------------------------------


def _snapshot() -> dict:
    tables = (FileDay, CollectionDay, OfficeDay, FileMonth, CollectionMonth, DistrictMonth)
    return {
        model.__name__: sorted(
            tuple(sorted((k, str(v)) for k, v in row.items() if k != "id"))
            for row in model.objects.values()
        )
        for model in tables
    }


@pytest.mark.django_db
def test_a_second_build_with_nothing_changed_rebuilds_nothing_and_changes_nothing(world):  # noqa: F811
    first = aggregates_build(actor=SYSTEM)
    assert first.mode == AggregateBuild.Mode.FULL
    assert first.day_count > 0
    before = _snapshot()
    second = aggregates_build(actor=SYSTEM)
    assert second.mode == AggregateBuild.Mode.INCREMENTAL
    assert second.days == []
    assert _snapshot() == before
    # and rebuilding every day again writes exactly the same rows
    aggregates_build(actor=SYSTEM, full=True)
    assert _snapshot() == before


@pytest.mark.django_db
def test_closing_one_file_rebuilds_only_its_submission_and_closing_days(world):  # noqa: F811
    aggregates_build(actor=SYSTEM)
    # Given an open file, when it is closed (rejected) four days after its submission
    file = next(f for f in world.files[1:] if f.closed_at is None and f.office is not None)
    file.closed_at = file.submitted_at + datetime.timedelta(days=4)
    file.state = file.workflow_version.states.get(code="rejected")
    file.save()
    run = aggregates_build(actor=SYSTEM)
    # then the next build rebuilds exactly those two days
    expected = sorted({tehran_date(file.submitted_at), tehran_date(file.closed_at)})
    assert run.days == [day.isoformat() for day in expected]
    # and the figures take the change in
    f = portal.PortalFilter(from_jalali(1405, 5, 1), from_jalali(1405, 8, 30), None)
    assert figures(f) == recount(f)


@pytest.mark.django_db
def test_small_edits_after_a_build_are_picked_up_by_the_next_one(world):  # noqa: F811
    aggregates_build(actor=SYSTEM)
    f = portal.PortalFilter(from_jalali(1405, 5, 1), from_jalali(1405, 8, 30), None)
    ratings_before = portal.satisfaction(f).ratings
    # a new rating today, and a payment confirmed now
    file = next(f for f in world.files if f.closed_at and not hasattr(f, "rating"))
    Rating.objects.create(file=file, score=5)
    today = portal.PortalFilter(tehran_date(timezone.now()), tehran_date(timezone.now()), None)
    run = aggregates_build(actor=SYSTEM)
    assert run.days == [tehran_date(timezone.now()).isoformat()]
    assert portal.satisfaction(today).ratings == 1
    assert portal.satisfaction(f).ratings == ratings_before


@pytest.mark.django_db
def test_a_build_is_recorded_with_an_audit_entry(world):  # noqa: F811
    run = aggregates_build(actor=SYSTEM)
    entry = AuditEntry.objects.filter(action="aggregates.build").latest("pk")
    assert entry.stream == "transparency"
    assert entry.object_id == str(run.pk)
    assert run.finished_at is not None
    assert run.rows_written > 0
    assert portal.aggregates_fresh_until() == tehran_date(run.watermark) - datetime.timedelta(
        days=1
    )


@pytest.mark.django_db
def test_chosen_days_are_rebuilt_alone_by_the_command(world, capsys):  # noqa: F811
    call_command("build_aggregates", "--all")
    call_command("build_aggregates", "--day", DAYS[2].isoformat())
    run = AggregateBuild.objects.latest("started_at")
    assert run.mode == AggregateBuild.Mode.DAYS
    assert run.days == [DAYS[2].isoformat()]
    assert run.day_count == 1
    assert "1 days rebuilt" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_command_refuses_a_day_that_is_not_a_date(world):  # noqa: F811
    with pytest.raises(CommandError):
        call_command("build_aggregates", "--day", "1405-13-40")
    assert not AggregateBuild.objects.exists()


@pytest.mark.django_db
def test_the_nightly_job_builds_the_days_that_changed(world):  # noqa: F811
    from daftar.transparency.tasks.aggregates import build_aggregates

    assert build_aggregates.call_local() > 0
    assert build_aggregates.call_local() == 0


# --- reads never touch the files ------------------------------------------------------------


READS = [
    ("service_mix", lambda f: portal.service_mix(f)),
    ("files_per_month", lambda f: portal.files_per_month(f)),
    ("completion_times", lambda f: portal.completion_times(f)),
    ("completion_times_by_department", lambda f: portal.completion_times_by_department(f)),
    ("sla_adherence", lambda f: portal.sla_adherence(f)),
    ("satisfaction", lambda f: portal.satisfaction(f)),
    ("complaints_summary", lambda f: portal.complaints_summary(f)),
    ("terminal_availability", lambda f: portal.terminal_availability(f)),
    ("collections", lambda f: portal.collections(f)),
    ("offices_per_district", lambda f: portal.offices_per_district()),
    ("district_indicator", lambda f: portal.district_indicator(f, "sla")),
    ("fresh_until", lambda f: portal.aggregates_fresh_until()),
]


@pytest.mark.django_db
def test_each_read_is_at_most_two_queries_on_the_aggregate_tables(world):  # noqa: F811
    aggregates_build(actor=SYSTEM)
    for name, read in READS:
        for f in FILTERS:
            with CaptureQueriesContext(connection) as queries:
                read(f)
            assert len(queries) <= 2, (name, f, [q["sql"] for q in queries])
            for query in queries:
                for source in ("cases_", "treasury_", "supervision_"):
                    assert source not in query["sql"], (name, query["sql"])


@pytest.mark.django_db
def test_the_office_record_is_two_queries_whatever_the_period(world):  # noqa: F811
    aggregates_build(actor=SYSTEM)
    for start, end in PERIODS:
        with CaptureQueriesContext(connection) as queries:
            portal.office_record(world.offices[0], portal.PortalFilter(start, end, None))
        assert len(queries) == 2
        assert not any("cases_file" in q["sql"] for q in queries)


# --- bad input -------------------------------------------------------------------------------


def test_the_default_period_is_the_last_twelve_whole_jalali_months():
    f = portal.portal_filter()
    today = to_jalali(tehran_date(timezone.now()))
    first, last = to_jalali(f.start), to_jalali(f.end)
    assert first.day == 1
    assert (last.year, last.month) != (today.year, today.month)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    assert months == 12
    assert f.district is None
    assert f.end + datetime.timedelta(days=1) == from_jalali(today.year, today.month, 1)


@pytest.mark.parametrize(
    ("start", "end", "district", "code"),
    [
        (datetime.date(2026, 5, 2), datetime.date(2026, 5, 1), None, "period_invalid"),
        (datetime.date(2026, 5, 1), None, None, "period_invalid"),
        (datetime.date(2026, 5, 1), datetime.date(2099, 1, 1), None, "period_in_future"),
        (datetime.date(2000, 1, 1), datetime.date(2026, 5, 1), None, "period_too_long"),
        (datetime.date(2026, 5, 1), datetime.date(2026, 5, 2), 0, "district_unknown"),
        (datetime.date(2026, 5, 1), datetime.date(2026, 5, 2), 23, "district_unknown"),
        (datetime.date(2026, 5, 1), datetime.date(2026, 5, 2), "x", "district_unknown"),
    ],
)
def test_a_bad_period_or_district_is_refused_with_a_clear_persian_error(start, end, district, code):
    with pytest.raises(InvalidInput) as refused:
        portal.portal_filter(start, end, district)
    assert refused.value.code == TransparencyErrorCode(code)
    persian, english = refused.value.render("fa"), refused.value.render("en")
    assert persian
    assert persian != english
    assert any("\u0600" <= ch <= "\u06ff" for ch in persian)


def test_a_district_given_as_text_is_read_as_its_number():
    f = portal.portal_filter(datetime.date(2026, 5, 1), datetime.date(2026, 5, 2), "6")
    assert f.district == 6


@pytest.mark.django_db
def test_an_unknown_map_indicator_is_refused():
    f = portal.portal_filter()
    with pytest.raises(InvalidInput) as refused:
        portal.district_indicator(f, "<script>")
    assert refused.value.code == TransparencyErrorCode.INDICATOR_UNKNOWN
    with translation.override("fa"):
        assert "<script>" in str(refused.value.render("fa"))


@pytest.mark.django_db
def test_inspections_and_month_labels_are_counted_and_named_in_persian(world):  # noqa: F811
    aggregates_build(actor=SYSTEM)
    assert sum(OfficeDay.objects.values_list("inspections", flat=True)) == (
        Inspection.objects.filter(submitted_at__isnull=False).count()
    )
    f = portal.PortalFilter(from_jalali(1405, 6, 1), from_jalali(1405, 6, 31), None)
    with translation.override("fa"):
        assert portal.files_per_month(f)[0].label == "شهریور ۱۴۰۵"
    with translation.override("en"):
        assert portal.files_per_month(f)[0].label.endswith("1405")
