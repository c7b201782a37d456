"""Transparency services: the portal's daily aggregates: one row per day and key, rebuilt by a job
for the days that changed; the public portal reads only these.

`aggregates_build` is the one writer. It reads the sources only through their apps' selectors
(cases, treasury, offices, supervision), buckets every event on its Tehran calendar day, and
for each day to rebuild deletes that day's rows and inserts the new ones in one transaction
(so a reader sees a day either before or after, never half). The Jalali months the rebuilt
days fall in are then rolled up again from the day tables, one transaction per month. The
run is recorded (`AggregateBuild`) with an audit entry.

Which days: an explicit list (`days=`), every day from the first source event to today
(`full=True`, or the first run), or — the nightly default — the days touched by source rows
changed since the previous run's watermark: the submission and closing days of files updated
since, the days of ratings, call-backs, payments, refunds, complaints and inspections recorded
since, the days of queue tickets issued, called or finished since, and the uptime days from
the watermark's day before on (uptime rows carry no time of change). A re-run with nothing
changed rebuilds nothing; rebuilding a day twice writes the same rows (idempotent). A source
row deleted outright is not seen by the incremental run: a full run (`manage.py
build_aggregates --all`) picks it up.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from daftar.appointments.choices import TicketStatus
from daftar.appointments.selectors import queue as queue_reads
from daftar.audit.services import audit_record
from daftar.cases import selectors as cases
from daftar.core.actors import Actor
from daftar.core.jalali import TEHRAN, from_jalali, tehran_date, to_jalali
from daftar.offices import selectors as offices
from daftar.supervision.selectors import complaints as complaint_reads
from daftar.supervision.selectors import inspections as inspection_reads
from daftar.transparency.models import (
    AggregateBuild,
    CollectionDay,
    CollectionMonth,
    DistrictMonth,
    FileDay,
    FileMonth,
    OfficeDay,
)
from daftar.transparency.services.common import STREAM
from daftar.treasury import selectors as treasury

CHUNK_DAYS = 31  # days read from the sources per round (bounds the memory of a full build)
APPROVED_STATE = "closed"  # a file that reached "closed" went through approval and delivery
REJECTED_STATE = "rejected"
CANCELLED_STATE = "cancelled"

FILE_COUNTERS = (
    "submitted",
    "completed",
    "approved",
    "rejected",
    "cancelled",
    "within_sla",
    "breached",
    "ratings",
    "rating_sum",
    "rating_1",
    "rating_2",
    "rating_3",
    "rating_4",
    "rating_5",
    "callbacks",
)
FILE_KEY = ("service_id", "domain_id", "department_id", "office_id", "district_id", "channel")
COLLECTION_COUNTERS = ("payments", "rials", "refunds", "refunded_rials")
OFFICE_COUNTERS = (
    "complaints_received",
    "complaints_upheld",
    "uptime_observed_seconds",
    "uptime_online_seconds",
    "inspections",
    "tickets_issued",
    "tickets_called",
    "tickets_served",
)
QUEUE_HISTOGRAMS = ("wait_minutes", "service_minutes")


def month_start(day: datetime.date) -> datetime.date:
    """The first day of the Jalali month `day` falls in."""
    jalali = to_jalali(day)
    return from_jalali(jalali.year, jalali.month, 1)


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The Tehran calendar day as a half-open [start, end) range of aware datetimes."""
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=TEHRAN)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return start, end.replace(tzinfo=TEHRAN)


def day_ranges(days: Iterable[datetime.date]) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """Consecutive days merged into as few [start, end) datetime ranges as possible."""
    ranges: list[list] = []
    previous = None
    for day in sorted(set(days)):
        start, end = day_bounds(day)
        if previous is not None and day == previous + datetime.timedelta(days=1):
            ranges[-1][1] = end
        else:
            ranges.append([start, end])
        previous = day
    return [(start, end) for start, end in ranges]


def aggregates_build(
    *,
    actor: Actor,
    days: Iterable[datetime.date] | None = None,
    full: bool = False,
) -> AggregateBuild:
    """Rebuild the aggregates of `days`, of every day (`full`), or of the days whose sources
    changed since the last run (neither). One transaction per day and per month rolled up, so
    not `@transaction.atomic` as a whole; the run row and its audit entry are written together
    at the end. Returns the run."""
    started = timezone.now()
    today = tehran_date(started)
    last = AggregateBuild.objects.filter(finished_at__isnull=False).order_by("-started_at").first()
    if days is not None:
        mode = AggregateBuild.Mode.DAYS
        chosen = {tehran_date(day) for day in days}
    elif full or last is None:
        mode = AggregateBuild.Mode.FULL
        chosen = _every_day(today)
    else:
        mode = AggregateBuild.Mode.INCREMENTAL
        chosen = _days_changed_since(last.watermark)
    ordered = sorted(chosen)
    rows = 0
    for index in range(0, len(ordered), CHUNK_DAYS):
        rows += _rebuild_days(ordered[index : index + CHUNK_DAYS])
    if mode == AggregateBuild.Mode.FULL:
        _forget_days_outside(ordered)
    months = sorted({month_start(day) for day in ordered})
    if mode == AggregateBuild.Mode.FULL:
        _forget_months_outside(months)
    for month in months:
        rows += _roll_up_month(month)
    with transaction.atomic():
        run = AggregateBuild.objects.create(
            mode=mode,
            started_at=started,
            finished_at=timezone.now(),
            watermark=started,
            days=[day.isoformat() for day in ordered],
            day_count=len(ordered),
            rows_written=rows,
            actor_label=actor.label,
        )
        audit_record(
            actor=actor,
            action="aggregates.build",
            stream=STREAM,
            obj=run,
            summary=f"aggregates rebuilt for {len(ordered)} days ({mode})",
            after={
                "mode": mode,
                "days": len(ordered),
                "first": ordered[0].isoformat() if ordered else None,
                "last": ordered[-1].isoformat() if ordered else None,
                "rows": rows,
            },
        )
    return run


def _every_day(today: datetime.date) -> set[datetime.date]:
    firsts = [
        cases.files_first_submitted_at(),
        treasury.payments_first_confirmed_at(),
        complaint_reads.complaints_first_received_at(),
        inspection_reads.inspections_first_submitted_at(),
    ]
    starts = [tehran_date(moment) for moment in firsts if moment is not None]
    for first_day in (offices.uptime_first_day(), queue_reads.tickets_first_day()):
        if first_day is not None:
            starts.append(first_day)
    if not starts:
        return set()
    first = min(starts)
    return {first + datetime.timedelta(days=n) for n in range((today - first).days + 1)}


def _days_changed_since(since: datetime.datetime) -> set[datetime.date]:
    moments = [
        *cases.file_moments_changed_since(since),
        *treasury.treasury_moments_changed_since(since),
        *complaint_reads.complaint_moments_changed_since(since),
        *inspection_reads.inspection_moments_changed_since(since),
    ]
    days = {tehran_date(moment) for moment in moments}
    days |= queue_reads.ticket_days_changed_since(since)
    # Uptime rows are written for a day after it ends and carry no time of change: the days
    # from the one before the watermark's on are read again (an unchanged day rebuilds the same).
    first_uptime = tehran_date(since) - datetime.timedelta(days=1)
    today = tehran_date(timezone.now())
    if first_uptime <= today:
        days |= {row[0] for row in offices.uptime_days_for_aggregates(first_uptime, today)}
    return days


def _rebuild_days(days: list[datetime.date]) -> int:
    """Read the sources for `days` once, then replace each day's rows in its own transaction."""
    if not days:
        return 0
    ranges = day_ranges(days)
    wanted = set(days)
    files = _file_rows(ranges, wanted)
    collections = _collection_rows(ranges, wanted)
    office_days = _office_rows(ranges, wanted, days)
    written = 0
    for day in days:
        file_rows = [
            FileDay(day=day, completion_days=_histogram(counts.pop("_hist")), **key, **counts)
            for key, counts in _keyed(files.get(day, {}), FILE_KEY)
        ]
        collection_rows = [
            CollectionDay(day=day, **key, **counts)
            for key, counts in _keyed(
                collections.get(day, {}), ("channel", "office_id", "district_id")
            )
        ]
        office_rows = [
            OfficeDay(day=day, **key, **_with_histograms(counts))
            for key, counts in _keyed(office_days.get(day, {}), ("office_id", "district_id"))
        ]
        with transaction.atomic():
            FileDay.objects.filter(day=day).delete()
            CollectionDay.objects.filter(day=day).delete()
            OfficeDay.objects.filter(day=day).delete()
            FileDay.objects.bulk_create(file_rows, batch_size=2000)
            CollectionDay.objects.bulk_create(collection_rows, batch_size=2000)
            OfficeDay.objects.bulk_create(office_rows, batch_size=2000)
        written += len(file_rows) + len(collection_rows) + len(office_rows)
    return written


def _keyed(groups: dict, names: tuple[str, ...]):
    for key, counts in sorted(groups.items(), key=lambda item: repr(item[0])):
        yield dict(zip(names, key, strict=True)), counts


def _histogram(counter: Counter) -> dict[str, int]:
    return {str(days): count for days, count in sorted(counter.items())}


def _with_histograms(counts: dict) -> dict:
    """An office or district row's counts with its queue histograms as stored (JSON)."""
    return {
        name: _histogram(value) if name in QUEUE_HISTOGRAMS else value
        for name, value in counts.items()
    }


def _office_counts() -> dict:
    counts: dict = dict.fromkeys(OFFICE_COUNTERS, 0)
    for name in QUEUE_HISTOGRAMS:
        counts[name] = Counter()
    return counts


def _minutes(start: datetime.datetime, end: datetime.datetime) -> int:
    """Whole minutes from `start` to `end`, rounded up (a wait of 15:00 is 15, of 15:01 is 16)."""
    return math.ceil(max((end - start).total_seconds(), 0) / 60)


def _file_counts() -> dict:
    counts: dict = dict.fromkeys(FILE_COUNTERS, 0)
    counts["_hist"] = Counter()
    return counts


def _file_rows(ranges, wanted: set[datetime.date]) -> dict:
    """day → file key → counters (with "_hist": whole days to completion → files)."""
    by_day: dict = defaultdict(lambda: defaultdict(_file_counts))
    for row in cases.files_for_aggregates(ranges):
        key = row[:6]
        submitted_at, closed_at, due_at, state = row[6:]
        day = tehran_date(submitted_at)
        if day in wanted:
            by_day[day][key]["submitted"] += 1
        if closed_at is None:
            continue
        day = tehran_date(closed_at)
        if day not in wanted:
            continue
        counts = by_day[day][key]
        if state == CANCELLED_STATE:
            counts["cancelled"] += 1
            continue
        counts["completed"] += 1
        counts["rejected" if state == REJECTED_STATE else "approved"] += 1
        in_time = due_at is None or closed_at <= due_at
        counts["within_sla" if in_time else "breached"] += 1
        counts["_hist"][(closed_at - submitted_at).days] += 1
    for created_at, score, *key in cases.ratings_for_aggregates(ranges):
        day = tehran_date(created_at)
        if day in wanted:
            counts = by_day[day][tuple(key)]
            counts["ratings"] += 1
            counts["rating_sum"] += score
            counts[f"rating_{score}"] += 1
    for created_at, *key in cases.callbacks_for_aggregates(ranges):
        day = tehran_date(created_at)
        if day in wanted:
            by_day[day][tuple(key)]["callbacks"] += 1
    return by_day


def _collection_rows(ranges, wanted: set[datetime.date]) -> dict:
    by_day: dict = defaultdict(lambda: defaultdict(lambda: dict.fromkeys(COLLECTION_COUNTERS, 0)))
    for confirmed_at, *key, amount in treasury.payments_collected_for_aggregates(ranges):
        day = tehran_date(confirmed_at)
        if day in wanted:
            counts = by_day[day][tuple(key)]
            counts["payments"] += 1
            counts["rials"] += amount
    for paid_at, *key, amount in treasury.refunds_paid_for_aggregates(ranges):
        day = tehran_date(paid_at)
        if day in wanted:
            counts = by_day[day][tuple(key)]
            counts["refunds"] += 1
            counts["refunded_rials"] += amount
    return by_day


def _office_rows(ranges, wanted: set[datetime.date], days: list[datetime.date]) -> dict:
    by_day: dict = defaultdict(lambda: defaultdict(_office_counts))
    received, upheld = complaint_reads.complaints_for_aggregates(ranges)
    for field, rows in (("complaints_received", received), ("complaints_upheld", upheld)):
        for at, office_id, district_id in rows:
            day = tehran_date(at)
            if day in wanted:
                by_day[day][(office_id, district_id)][field] += 1
    for at, office_id, district_id in inspection_reads.inspections_for_aggregates(ranges):
        day = tehran_date(at)
        if day in wanted:
            by_day[day][(office_id, district_id)]["inspections"] += 1
    slot = offices.UPTIME_SLOT_SECONDS
    for day, office_id, district_id, slots_open, slots_up in offices.uptime_days_for_aggregates(
        days[0], days[-1]
    ):
        if day in wanted:
            counts = by_day[day][(office_id, district_id)]
            counts["uptime_observed_seconds"] += slots_open * slot
            counts["uptime_online_seconds"] += slots_up * slot
    for (
        day,
        office_id,
        district_id,
        status,
        issued_at,
        called_at,
        finished_at,
    ) in queue_reads.tickets_for_aggregates(days[0], days[-1]):
        if day not in wanted:
            continue
        counts = by_day[day][(office_id, district_id)]
        counts["tickets_issued"] += 1
        if called_at is None:
            continue
        counts["tickets_called"] += 1
        counts["wait_minutes"][_minutes(issued_at, called_at)] += 1
        if status == TicketStatus.SERVED and finished_at is not None:
            counts["tickets_served"] += 1
            counts["service_minutes"][_minutes(called_at, finished_at)] += 1
    return by_day


def _forget_days_outside(days: list[datetime.date]) -> None:
    """A full build also drops rows of days before the first source event (none after today)."""
    with transaction.atomic():
        for model in (FileDay, CollectionDay, OfficeDay):
            stale = model.objects.all()
            if days:
                stale = stale.exclude(day__range=(days[0], days[-1]))
            stale.delete()


def _forget_months_outside(months: list[datetime.date]) -> None:
    with transaction.atomic():
        for model in (FileMonth, CollectionMonth, DistrictMonth):
            model.objects.exclude(month__in=months).delete()


def _roll_up_month(month: datetime.date) -> int:
    """Replace the month's roll-up rows with the sums of its days (one transaction)."""
    jalali = to_jalali(month)
    following = (
        from_jalali(jalali.year + 1, 1, 1)
        if jalali.month == 12
        else from_jalali(jalali.year, jalali.month + 1, 1)
    )
    within = {"day__gte": month, "day__lt": following}
    files: dict = defaultdict(_file_counts)
    for row in FileDay.objects.filter(**within).values_list(
        "service_id",
        "domain_id",
        "department_id",
        "district_id",
        "channel",
        "completion_days",
        *FILE_COUNTERS,
    ):
        counts = files[row[:5]]
        for name, value in zip(FILE_COUNTERS, row[6:], strict=True):
            counts[name] += value
        for days, n in row[5].items():
            counts["_hist"][int(days)] += n
    collections: dict = defaultdict(lambda: dict.fromkeys(COLLECTION_COUNTERS, 0))
    for row in CollectionDay.objects.filter(**within).values_list(
        "channel", "district_id", *COLLECTION_COUNTERS
    ):
        counts = collections[row[:2]]
        for name, value in zip(COLLECTION_COUNTERS, row[2:], strict=True):
            counts[name] += value
    districts: dict = defaultdict(_office_counts)
    for row in OfficeDay.objects.filter(**within).values_list(
        "district_id", *OFFICE_COUNTERS, *QUEUE_HISTOGRAMS
    ):
        counts = districts[row[:1]]
        sums = row[1 : 1 + len(OFFICE_COUNTERS)]
        for name, value in zip(OFFICE_COUNTERS, sums, strict=True):
            counts[name] += value
        for name, histogram in zip(QUEUE_HISTOGRAMS, row[1 + len(OFFICE_COUNTERS) :], strict=True):
            for minutes, n in histogram.items():
                counts[name][int(minutes)] += n
    month_key = ("service_id", "domain_id", "department_id", "district_id", "channel")
    file_rows = [
        FileMonth(month=month, completion_days=_histogram(counts.pop("_hist")), **key, **counts)
        for key, counts in _keyed(files, month_key)
    ]
    collection_rows = [
        CollectionMonth(month=month, **key, **counts)
        for key, counts in _keyed(collections, ("channel", "district_id"))
    ]
    district_rows = [
        DistrictMonth(month=month, **key, **_with_histograms(counts))
        for key, counts in _keyed(districts, ("district_id",))
    ]
    with transaction.atomic():
        for model in (FileMonth, CollectionMonth, DistrictMonth):
            model.objects.filter(month=month).delete()
        FileMonth.objects.bulk_create(file_rows, batch_size=2000)
        CollectionMonth.objects.bulk_create(collection_rows, batch_size=2000)
        DistrictMonth.objects.bulk_create(district_rows, batch_size=2000)
    return len(file_rows) + len(collection_rows) + len(district_rows)
