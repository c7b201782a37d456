"""Transparency selectors: the portal's daily aggregates: one row per day and key, rebuilt by a job
for the days that changed; the public portal reads only these.

Every selector answers from the aggregate tables (never from files): a period's whole Jalali
months from the monthly roll-ups, its partial first and last months from the day tables, so
each selector is one or two queries whatever the number of files. Percentiles are exact
(nearest rank over the completion-time histograms): the p-th percentile of n files is the
smallest number of whole days d such that at least ⌈p·n⌉ files completed within d days (the
median is the lower median for an even n).
"""

from __future__ import annotations

import datetime
import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from daftar.core.digits import to_persian_digits
from daftar.core.errors import InvalidInput
from daftar.core.jalali import from_jalali, is_persian, jalali_month_name, tehran_date, to_jalali
from daftar.offices.selectors import districts_with_active_offices
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
from daftar.treasury.selectors import channel_label

DISTRICTS = range(1, 23)  # Tehran's 22 municipal districts
MAX_PERIOD_DAYS = 5 * 366  # a longer period is refused (the portal shows up to five years)
INDICATORS = ("files", "sla", "satisfaction", "waiting", "availability", "offices_per_100k")
HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")
TWO_DECIMALS = Decimal("0.01")


# --- the period ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortalFilter:
    start: datetime.date
    end: datetime.date
    district: int | None  # district number 1..22, None for the whole city


# The calendar arithmetic here is pure and the same few months recur on every page: cached, it
# was a fifth of a portal page's time (jdatetime conversions), now a dictionary lookup.
@functools.lru_cache(maxsize=4096)
def _month_after(month: datetime.date) -> datetime.date:
    jalali = to_jalali(month)
    if jalali.month == 12:
        return from_jalali(jalali.year + 1, 1, 1)
    return from_jalali(jalali.year, jalali.month + 1, 1)


@functools.lru_cache(maxsize=4096)
def _jalali(day: datetime.date):
    return to_jalali(day)


@functools.lru_cache(maxsize=4096)
def _month_of(day: datetime.date) -> datetime.date:
    jalali = to_jalali(day)
    return from_jalali(jalali.year, jalali.month, 1)


def portal_filter(start=None, end=None, district=None) -> PortalFilter:
    """A validated period and district. Without dates: the last twelve whole Jalali months
    (before the current one). Refused with a clear error: a start after the end, an end after
    today, a period longer than five years, a district other than 1..22."""
    today = tehran_date(timezone.now())
    if start is None and end is None:
        this_month = _month_of(today)
        end = this_month - datetime.timedelta(days=1)
        start = _month_of(end)
        for _month in range(11):
            start = _month_of(start - datetime.timedelta(days=1))
    elif start is None or end is None:
        raise InvalidInput(
            gettext_lazy("Give both the first and the last day of the period."),
            code=TransparencyErrorCode.PERIOD_INVALID,
            field="start" if start is None else "end",
        )
    if start > end:
        raise InvalidInput(
            gettext_lazy("The period starts after it ends: give its first day, then its last."),
            code=TransparencyErrorCode.PERIOD_INVALID,
            field="start",
        )
    if end > today:
        raise InvalidInput(
            gettext_lazy(
                "The period must end today or earlier: figures of the future do not exist yet."
            ),
            code=TransparencyErrorCode.PERIOD_IN_FUTURE,
            field="end",
        )
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise InvalidInput(
            gettext_lazy("The period is too long: choose at most %(years)s years."),
            code=TransparencyErrorCode.PERIOD_TOO_LONG,
            field="start",
            params={"years": 5},
        )
    if district is not None:
        if isinstance(district, bool) or not isinstance(district, int):
            district = int(district) if str(district).isdigit() else 0
        if district not in DISTRICTS:
            raise InvalidInput(
                gettext_lazy("Tehran has districts 1 to 22; there is no district %(district)s."),
                code=TransparencyErrorCode.DISTRICT_UNKNOWN,
                field="district",
                params={"district": district},
            )
    return PortalFilter(start=start, end=end, district=district)


def _split(
    f: PortalFilter,
) -> tuple[tuple[datetime.date, ...], tuple[tuple[datetime.date, datetime.date], ...]]:
    """The period's whole Jalali months (their first days) and its partial edges (day ranges)."""
    return _split_period(f.start, f.end)


@functools.lru_cache(maxsize=512)
def _split_period(start: datetime.date, end: datetime.date):
    months: list[datetime.date] = []
    edges: list[tuple[datetime.date, datetime.date]] = []
    month = _month_of(start)
    while month <= end:
        following = _month_after(month)
        first, last = max(month, start), min(following - datetime.timedelta(days=1), end)
        if first == month and last == following - datetime.timedelta(days=1):
            months.append(month)
        else:
            edges.append((first, last))
        month = following
    return tuple(months), tuple(edges)


def _in_period(f: PortalFilter, month_model, day_model):
    """Querysets of the period's whole months and of its edge days (None when there are none),
    narrowed to the filter's district."""
    months, edges = _split(f)
    where = {"district__number": f.district} if f.district is not None else {}
    whole = month_model.objects.filter(month__in=months, **where) if months else None
    partial = None
    if edges:
        days = Q(pk__in=[])
        for first, last in edges:
            days |= Q(day__range=(first, last))
        partial = day_model.objects.filter(days, **where)
    return whole, partial


def _summed(f: PortalFilter, month_model, day_model, keys: tuple[str, ...], sums: tuple[str, ...]):
    """Rows {key…, sum…} of the period, grouped by `keys` (one query per table used)."""
    totals: dict = {}
    whole, partial = _in_period(f, month_model, day_model)
    annotations = {name: Sum(name) for name in sums}
    for queryset in (whole, partial):
        if queryset is None:
            continue
        grouped = (
            queryset.values(*keys).annotate(**annotations).order_by()
            if keys
            else [queryset.aggregate(**annotations)]  # no key: one row of sums, no GROUP BY
        )
        for row in grouped:
            key = tuple(row[name] for name in keys)
            into = totals.setdefault(
                key, {name: row[name] for name in keys} | dict.fromkeys(sums, 0)
            )
            for name in sums:
                into[name] += row[name] or 0
    return list(totals.values())


def _localised(fa: str, en: str) -> str:
    return fa if is_persian(get_language()) else (en or fa)


def _month_label(month: datetime.date) -> str:
    return _month_label_in(month, get_language())


@functools.lru_cache(maxsize=1024)
def _month_label_in(month: datetime.date, language: str | None) -> str:
    jalali = to_jalali(month)
    year = to_persian_digits(str(jalali.year)) if is_persian(language) else str(jalali.year)
    return f"{jalali_month_name(jalali.month, language)} {year}"


def _months_of(f: PortalFilter) -> list[datetime.date]:
    """The first day of every Jalali month the period touches, in order."""
    months, edges = _split(f)
    return sorted({*months, *(_month_of(first) for first, _last in edges)})


def _percent(part: int, whole: int, places: Decimal = ONE_DECIMAL) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(places, rounding=ROUND_HALF_UP)


def _ratio(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP)


# --- service mix -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    key: str
    label: str
    count: int
    percent: Decimal


def shares(counts: list[tuple[str, str, int]]) -> list[Share]:
    """(key, label, count) as shares whose percents (one decimal) sum to exactly 100.0 when
    any count is positive: each gets the floor of its exact quota in tenths, and the tenths
    left go to the largest remainders (ties: the larger count, then the key)."""
    total = sum(count for _key, _label, count in counts)
    if not total:
        return [Share(key, label, count, Decimal("0.0")) for key, label, count in counts]
    quotas = [Fraction(count * 1000, total) for _key, _label, count in counts]
    tenths = [math.floor(quota) for quota in quotas]
    order = sorted(
        range(len(counts)),
        key=lambda i: (-(quotas[i] - tenths[i]), -counts[i][2], counts[i][0]),
    )
    for i in order[: 1000 - sum(tenths)]:
        tenths[i] += 1
    return [
        Share(key, label, count, Decimal(tenth) / 10)
        for (key, label, count), tenth in zip(counts, tenths, strict=True)
    ]


def service_mix(f: PortalFilter) -> list[Share]:
    """Files submitted in the period by service domain, largest first, with exact shares."""
    rows = _summed(
        f,
        FileMonth,
        FileDay,
        ("domain__code", "domain__name_fa", "domain__name_en"),
        ("submitted",),
    )
    counts = [
        (
            row["domain__code"],
            _localised(row["domain__name_fa"], row["domain__name_en"]),
            row["submitted"],
        )
        for row in rows
        if row["submitted"]
    ]
    counts.sort(key=lambda item: (-item[2], item[0]))
    return shares(counts)


# --- files per month -------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthRow:
    year: int
    month: int
    label: str
    submitted: int
    completed: int


def _month_key(row: dict) -> datetime.date:
    return row["month"] if "month" in row else _month_of(row["day"])


def _by_month(f: PortalFilter, month_model, day_model, sums: tuple[str, ...], **where) -> dict:
    """Month (its first day) → sums, for every month of the period (zeros where none)."""
    totals = {month: dict.fromkeys(sums, 0) for month in _months_of(f)}
    whole, partial = _in_period(f, month_model, day_model)
    annotations = {name: Sum(name) for name in sums}
    for queryset, key in ((whole, "month"), (partial, "day")):
        if queryset is None:
            continue
        for row in queryset.filter(**where).values(key).annotate(**annotations).order_by():
            into = totals[_month_key(row)]
            for name in sums:
                into[name] += row[name] or 0
    return totals


def files_per_month(f: PortalFilter) -> list[MonthRow]:
    """Files submitted and completed (approved or rejected) in each Jalali month."""
    totals = _by_month(f, FileMonth, FileDay, ("submitted", "completed"))
    rows = []
    for month, sums in totals.items():
        jalali = _jalali(month)
        rows.append(MonthRow(jalali.year, jalali.month, _month_label(month), **sums))
    return rows


# --- completion times ------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeRow:
    key: str
    label: str
    department: str
    completed: int
    median_days: int | None
    p90_days: int | None


def percentile(histogram: Counter, fraction: Fraction) -> int | None:
    """Nearest rank: the smallest d with at least ⌈fraction·n⌉ of the n values ≤ d."""
    n = sum(histogram.values())
    if not n:
        return None
    rank = max(1, math.ceil(fraction * n))
    seen = 0
    for days in sorted(histogram):
        seen += histogram[days]
        if seen >= rank:
            return days
    return None  # unreachable: the ranks are within n


def _histograms(f: PortalFilter, keys: tuple[str, ...]) -> dict:
    """Key → (labels, Counter of whole days to completion), over the period (no SQL sums:
    the histograms are merged here; a year is a few hundred monthly rows)."""
    merged: dict = {}
    whole, partial = _in_period(f, FileMonth, FileDay)
    for queryset in (whole, partial):
        if queryset is None:
            continue
        for row in queryset.filter(completed__gt=0).values(*keys, "completion_days"):
            key = tuple(row[name] for name in keys)
            counter = merged.setdefault(key, Counter())
            for days, n in row["completion_days"].items():
                counter[int(days)] += n
    return merged


def completion_times(f: PortalFilter) -> list[TimeRow]:
    """Per service (with its department): files completed, median and 90th percentile days."""
    keys = (
        "service__code",
        "service__title_fa",
        "service__title_en",
        "department__name_fa",
        "department__name_en",
    )
    rows = [
        TimeRow(
            key=code,
            label=_localised(title_fa, title_en),
            department=_localised(dept_fa, dept_en),
            completed=sum(counter.values()),
            median_days=percentile(counter, Fraction(1, 2)),
            p90_days=percentile(counter, Fraction(9, 10)),
        )
        for (code, title_fa, title_en, dept_fa, dept_en), counter in _histograms(f, keys).items()
    ]
    return sorted(rows, key=lambda row: (row.department, row.label))


def completion_times_by_department(f: PortalFilter) -> list[TimeRow]:
    """Per department: files completed, median and 90th percentile days."""
    keys = ("department__code", "department__name_fa", "department__name_en")
    rows = [
        TimeRow(
            key=code,
            label=_localised(name_fa, name_en),
            department=_localised(name_fa, name_en),
            completed=sum(counter.values()),
            median_days=percentile(counter, Fraction(1, 2)),
            p90_days=percentile(counter, Fraction(9, 10)),
        )
        for (code, name_fa, name_en), counter in _histograms(f, keys).items()
    ]
    return sorted(rows, key=lambda row: row.label)


# --- SLA adherence ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SlaRow:
    key: str
    label: str
    completed: int
    within_sla: int
    percent: Decimal | None


def sla_adherence(f: PortalFilter) -> list[SlaRow]:
    """Per department, then a total row (key "total"): files completed in the period, those
    completed by their deadline, and the share (one decimal; None without completed files)."""
    rows = _summed(
        f,
        FileMonth,
        FileDay,
        ("department__code", "department__name_fa", "department__name_en"),
        ("completed", "within_sla"),
    )
    result = sorted(
        (
            SlaRow(
                key=row["department__code"],
                label=_localised(row["department__name_fa"], row["department__name_en"]),
                completed=row["completed"],
                within_sla=row["within_sla"],
                percent=_percent(row["within_sla"], row["completed"]),
            )
            for row in rows
            if row["completed"]
        ),
        key=lambda row: row.label,
    )
    completed = sum(row.completed for row in result)
    within = sum(row.within_sla for row in result)
    result.append(
        SlaRow("total", _("All departments"), completed, within, _percent(within, completed))
    )
    return result


# --- satisfaction ----------------------------------------------------------------------------

SCORES = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Satisfaction:
    ratings: int
    average: Decimal | None  # two decimals
    distribution: dict[int, int] = field(default_factory=dict)  # score → ratings
    callbacks: int = 0


def satisfaction(f: PortalFilter) -> Satisfaction:
    """Citizens' ratings in the period: how many, their average, each score's count, and the
    call-backs asked after a low rating."""
    names = ("ratings", "rating_sum", "callbacks", *(f"rating_{score}" for score in SCORES))
    totals = _summed(f, FileMonth, FileDay, (), names)
    row = totals[0] if totals else dict.fromkeys(names, 0)
    return Satisfaction(
        ratings=row["ratings"],
        average=_ratio(row["rating_sum"], row["ratings"]),
        distribution={score: row[f"rating_{score}"] for score in SCORES},
        callbacks=row["callbacks"],
    )


# --- complaints ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintMonthRow:
    year: int
    month: int
    label: str
    received: int
    upheld: int


def complaints_summary(f: PortalFilter) -> list[ComplaintMonthRow]:
    """Complaints about offices received, and upheld (wholly or partly), in each month."""
    totals = _by_month(f, DistrictMonth, OfficeDay, ("complaints_received", "complaints_upheld"))
    rows = []
    for month, sums in totals.items():
        jalali = _jalali(month)
        rows.append(
            ComplaintMonthRow(
                jalali.year,
                jalali.month,
                _month_label(month),
                received=sums["complaints_received"],
                upheld=sums["complaints_upheld"],
            )
        )
    return rows


# --- terminal availability -------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictValue:
    number: int
    name: str
    value: Decimal | None  # percent, one decimal; None when nothing was observed
    observed_hours: int


def terminal_availability(f: PortalFilter) -> list[DistrictValue]:
    """Per district: the share of its offices' opening hours with a terminal online."""
    rows = _summed(
        f,
        DistrictMonth,
        OfficeDay,
        ("district__number", "district__name_fa", "district__name_en"),
        ("uptime_observed_seconds", "uptime_online_seconds"),
    )
    result = [
        DistrictValue(
            number=row["district__number"],
            name=_localised(row["district__name_fa"], row["district__name_en"]),
            value=_percent(row["uptime_online_seconds"], row["uptime_observed_seconds"]),
            observed_hours=row["uptime_observed_seconds"] // 3600,
        )
        for row in rows
        if row["uptime_observed_seconds"]
    ]
    return sorted(result, key=lambda row: row.number)


# --- collections -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CollectionRow:
    year: int
    month: int
    label: str
    channel: str
    channel_label: str
    payments: int
    rials: int
    refunds: int
    refunded_rials: int


def collections(f: PortalFilter) -> list[CollectionRow]:
    """Per month and payment channel: payments collected into the treasury account (count,
    rials) and refunds paid out. A district narrows them to its offices' payments."""
    sums = ("payments", "rials", "refunds", "refunded_rials")
    totals: dict = defaultdict(lambda: dict.fromkeys(sums, 0))
    whole, partial = _in_period(f, CollectionMonth, CollectionDay)
    annotations = {name: Sum(name) for name in sums}
    for queryset, key in ((whole, "month"), (partial, "day")):
        if queryset is None:
            continue
        for row in queryset.values(key, "channel").annotate(**annotations).order_by():
            into = totals[(_month_key(row), row["channel"])]
            for name in sums:
                into[name] += row[name] or 0
    rows = []
    for (month, channel), values in sorted(totals.items()):
        jalali = _jalali(month)
        rows.append(
            CollectionRow(
                jalali.year,
                jalali.month,
                _month_label(month),
                channel,
                channel_label(channel),
                **values,
            )
        )
    return rows


# --- offices per district --------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictRow:
    number: int
    name: str
    population: int | None
    active_offices: int
    per_100k: Decimal | None  # two decimals; None without a population


def offices_per_district() -> list[DistrictRow]:
    """Every district: its population, its active offices and offices per 100,000 people."""
    return [
        DistrictRow(
            number=district.number,
            name=district.name,
            population=district.population,
            active_offices=district.active,
            per_100k=_ratio(district.active * 100_000, district.population or 0),
        )
        for district in districts_with_active_offices()
    ]


# --- one indicator per district (the map) ----------------------------------------------------


def district_indicator(f: PortalFilter, indicator: str) -> dict[int, Decimal | None]:
    """District number → the indicator's value for the map (the filter's district is ignored:
    the map shows all of them). files: files submitted at the district's offices; sla: percent
    completed in time; satisfaction: average score; waiting: percent of queue tickets called
    within the target (selectors.waiting); availability: percent online; offices_per_100k.
    None where there is nothing to measure."""
    return {number: value for number, (value, _base) in district_figures(f, indicator).items()}


def district_figures(f: PortalFilter, indicator: str) -> dict[int, tuple[Decimal | None, int]]:
    """District number → (the indicator's value, the count it is computed from: files
    submitted, files completed, ratings or tickets called; 0 for the indicators not counted
    from citizens)."""
    if indicator not in INDICATORS:
        raise InvalidInput(
            gettext_lazy("There is no indicator %(indicator)s for the map."),
            code=TransparencyErrorCode.INDICATOR_UNKNOWN,
            field="indicator",
            params={"indicator": str(indicator)[:40]},
        )
    values: dict[int, tuple[Decimal | None, int]] = dict.fromkeys(DISTRICTS, (None, 0))
    city = PortalFilter(f.start, f.end, None)
    if indicator == "offices_per_100k":
        values.update({row.number: (row.per_100k, 0) for row in offices_per_district()})
        return values
    if indicator == "availability":
        values.update({row.number: (row.value, 0) for row in terminal_availability(city)})
        return values
    if indicator == "waiting":
        # selectors.waiting builds on this module, so it is imported here, not at the top
        from daftar.transparency.selectors.waiting import district_waiting_figures

        values.update(district_waiting_figures(city))
        return values
    sums = {"files": ("submitted",), "sla": ("completed", "within_sla")}.get(
        indicator, ("ratings", "rating_sum")
    )
    for row in _summed(city, FileMonth, FileDay, ("district__number",), sums):
        number = row["district__number"]
        if number is None:
            continue  # remote files belong to no district
        if indicator == "files":
            values[number] = (Decimal(row["submitted"]), row["submitted"])
        elif indicator == "sla":
            values[number] = (_percent(row["within_sla"], row["completed"]), row["completed"])
        else:
            values[number] = (_ratio(row["rating_sum"], row["ratings"]), row["ratings"])
    return values


# --- one office's record ---------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeMonth:
    year: int
    month: int
    label: str
    submitted: int
    completed: int
    within_sla: int
    ratings: int
    average: Decimal | None
    availability: Decimal | None  # percent of opening hours online


@dataclass(frozen=True)
class OfficeRecord:
    office_id: int
    months: list[OfficeMonth]
    submitted: int
    completed: int
    within_sla: int
    sla_percent: Decimal | None
    ratings: int
    average: Decimal | None
    availability: Decimal | None


def office_record(office, f: PortalFilter) -> OfficeRecord:
    """An office's public record over the period, month by month and in total: files, SLA,
    satisfaction and terminal availability (two queries, on the office's day rows)."""
    file_sums = ("submitted", "completed", "within_sla", "ratings", "rating_sum")
    office_sums = ("uptime_observed_seconds", "uptime_online_seconds")
    months = {month: dict.fromkeys(file_sums + office_sums, 0) for month in _months_of(f)}
    in_period = {"office": office, "day__range": (f.start, f.end)}
    for model, sums in ((FileDay, file_sums), (OfficeDay, office_sums)):
        for row in (
            model.objects.filter(**in_period)
            .values("day")
            .annotate(**{name: Sum(name) for name in sums})
            .order_by()
        ):
            into = months[_month_of(row["day"])]
            for name in sums:
                into[name] += row[name] or 0
    rows = []
    for month, v in months.items():
        jalali = _jalali(month)
        rows.append(
            OfficeMonth(
                jalali.year,
                jalali.month,
                _month_label(month),
                submitted=v["submitted"],
                completed=v["completed"],
                within_sla=v["within_sla"],
                ratings=v["ratings"],
                average=_ratio(v["rating_sum"], v["ratings"]),
                availability=_percent(v["uptime_online_seconds"], v["uptime_observed_seconds"]),
            )
        )
    total = {name: sum(v[name] for v in months.values()) for name in file_sums + office_sums}
    return OfficeRecord(
        office_id=office.pk,
        months=rows,
        submitted=total["submitted"],
        completed=total["completed"],
        within_sla=total["within_sla"],
        sla_percent=_percent(total["within_sla"], total["completed"]),
        ratings=total["ratings"],
        average=_ratio(total["rating_sum"], total["ratings"]),
        availability=_percent(total["uptime_online_seconds"], total["uptime_observed_seconds"]),
    )


# --- freshness -------------------------------------------------------------------------------


def last_finished_build() -> AggregateBuild | None:
    """The latest build that finished: what the aggregate tables hold now."""
    return AggregateBuild.objects.filter(finished_at__isnull=False).order_by("-started_at").first()


def fresh_until(build: AggregateBuild | None) -> datetime.date | None:
    """The last whole Tehran day `build` counted (the day before its watermark)."""
    if build is None:
        return None
    return tehran_date(build.watermark) - datetime.timedelta(days=1)


def aggregates_fresh_until() -> datetime.date | None:
    """The last whole Tehran day the aggregates include (the day before the last build's
    watermark), or None before the first build."""
    return fresh_until(last_finished_build())


def aggregate_builds(limit: int = 20) -> list[AggregateBuild]:
    """The latest build runs, newest first (for the portal's "how fresh" note and admins)."""
    return list(AggregateBuild.objects.order_by("-started_at")[:limit])
