"""The open datasets: what each one holds (its columns, which is the data dictionary), how its
rows are read (from the daily aggregate tables, and from the registry and supervision through
their selectors) and which of its cells are suppressed.

Every column is described here once, in Persian and English with its type and unit; the data
dictionary, the CSV header, the JSON rows and the index page are all made from these lists, so
a column cannot be published without its meaning (a test checks the files against them).
Nothing of a person is read: the aggregates hold counts only, the registry rows hold offices
(businesses) and no licensee, and complaints are read as counts per day, district and category.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Sum

from daftar.offices.selectors import offices_public_register
from daftar.supervision.selectors.complaints import complaint_counts_by_day
from daftar.supervision.selectors.grading import grades_public_rows
from daftar.transparency.models import CollectionDay, FileDay, OfficeDay
from daftar.transparency.selectors.opendata.suppression import suppress

SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # date | integer | decimal | string | list
    fa: str
    en: str
    unit: str = ""


@dataclass(frozen=True)
class Dataset:
    slug: str
    title_fa: str
    title_en: str
    description_fa: str
    description_en: str
    columns: tuple[Column, ...]
    rows: Callable[[datetime.date], list[dict]]
    counts: tuple[str, ...] = ()
    bases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    margins: tuple[tuple[str, ...], ...] = ()
    parts: tuple[tuple[str, ...], ...] = ()
    daily: bool = True  # has a `day` column (its publication covers a range of days)

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def suppresses(self) -> bool:
        return bool(self.counts)


@dataclass(frozen=True)
class Table:
    """A dataset's rows for one publication day, with the cells left blank in each row."""

    dataset: Dataset
    on: datetime.date
    rows: list[dict]
    blank: list[set[str]]

    @property
    def first_day(self) -> datetime.date | None:
        return min(row["day"] for row in self.rows) if self.dataset.daily and self.rows else None

    @property
    def last_day(self) -> datetime.date | None:
        return max(row["day"] for row in self.rows) if self.dataset.daily and self.rows else None

    @property
    def suppressed_cells(self) -> int:
        return sum(len(cells) for cells in self.blank)

    def published_rows(self) -> list[dict]:
        """The rows as published: blank cells None, and the `suppressed` column naming them."""
        out = []
        for row, blank in zip(self.rows, self.blank, strict=True):
            published = {
                name: (None if name in blank else row.get(name))
                for name in self.dataset.column_names
                if name != SUPPRESSED
            }
            if self.dataset.suppresses:
                published[SUPPRESSED] = sorted(blank)
            out.append(published)
        return out


# --- the columns shared by several datasets ---------------------------------------------------

DAY = Column(
    "day",
    "date",
    "روز (به وقت تهران، میلادی، به قالب YYYY-MM-DD)",
    "Day (Tehran time, ISO 8601)",
    "date",
)
SERVICE = Column("service", "string", "کد خدمت در فهرست خدمات", "Service code in the catalogue")
SERVICE_TITLE = Column("service_title_fa", "string", "عنوان خدمت", "Service title (Persian)")
DOMAIN = Column("domain", "string", "کد حوزهٔ خدمت", "Service domain code")
DEPARTMENT = Column("department", "string", "کد معاونت رسیدگی‌کننده", "Department code")
DISTRICT = Column(
    "district",
    "integer",
    "شمارهٔ منطقهٔ شهرداری (۱ تا ۲۲)؛ خالی یعنی غیرحضوری و بدون دفتر",
    "Municipal district number (1–22); empty for remote requests without an office",
)
CHANNEL = Column(
    "channel",
    "string",
    "مجرای ثبت: office (دفتر)، web (درگاه شهروندی)، partner (برنامهٔ همکار)",
    "Channel: office, web (citizen portal) or partner (partner app)",
)
SUPPRESSED_COLUMN = Column(
    SUPPRESSED,
    "list",
    "نام ستون‌هایی از این سطر که برای حفظ حریم شهروندان خالی مانده‌اند (کمتر از ۵ مورد یا "
    "مکمل آن‌ها)؛ در CSV با فاصله جدا شده‌اند",
    "Names of this row's cells left blank to protect citizens (fewer than 5 cases, or their "
    "complement); space-separated in CSV",
)


FILES_UNIT = "پرونده (files)"


# --- row readers --------------------------------------------------------------------------------


def _file_days(on: datetime.date, *keys: str, **sums: str):
    """FileDay rows up to `on`, summed over offices for the given keys (one grouped query)."""
    return (
        FileDay.objects.filter(day__lte=on)
        .values(*keys)
        .annotate(**{name: Sum(source) for name, source in sums.items()})
        .order_by(*keys)
    )


FILE_KEYS = {
    "day": "day",
    "service": "service__code",
    "service_title_fa": "service__title_fa",
    "domain": "domain__code",
    "department": "department__code",
    "district": "district__number",
    "channel": "channel",
}


def _keyed(values: dict, keys: dict[str, str]) -> dict:
    return {name: values[source] for name, source in keys.items()}


def files_rows(on: datetime.date) -> list[dict]:
    measures = {m: m for m in ("submitted", "completed", "within_sla", "breached")}
    rows = []
    for values in _file_days(on, *FILE_KEYS.values(), **{f"n_{m}": m for m in measures}):
        row = _keyed(values, FILE_KEYS) | {m: values[f"n_{m}"] for m in measures}
        if row["submitted"] or row["completed"]:
            rows.append(row)
    return _ordered(rows, FILE_KEYS)


def sla_rows(on: datetime.date) -> list[dict]:
    histogram: dict[tuple, int] = {}
    for day, service, department, days in (
        FileDay.objects.filter(day__lte=on, completed__gt=0)
        .order_by()
        .values_list("day", "service__code", "department__code", "completion_days")
    ):
        for elapsed, files in days.items():
            key = (day, service, department, int(elapsed))
            histogram[key] = histogram.get(key, 0) + files
    return [
        {"day": day, "service": s, "department": d, "completion_days": e, "completed": n}
        for (day, s, d, e), n in sorted(histogram.items())
        if n
    ]


RATING_MEASURES = ("ratings", "rating_1", "rating_2", "rating_3", "rating_4", "rating_5")


def ratings_rows(on: datetime.date) -> list[dict]:
    keys = {k: v for k, v in FILE_KEYS.items() if k != "service_title_fa"}
    measures = (*RATING_MEASURES, "rating_sum", "callbacks")
    rows = []
    for values in _file_days(on, *keys.values(), **{f"n_{m}": m for m in measures}):
        row = _keyed(values, keys) | {m: values[f"n_{m}"] for m in measures}
        if row["ratings"] or row["callbacks"]:
            rows.append(row)
    return _ordered(rows, keys)


def collections_rows(on: datetime.date) -> list[dict]:
    keys = {"day": "day", "channel": "channel", "district": "district__number"}
    measures = ("payments", "rials", "refunds", "refunded_rials")
    rows = []
    for values in (
        CollectionDay.objects.filter(day__lte=on)
        .values(*keys.values())
        .annotate(**{f"n_{m}": Sum(m) for m in measures})
        .order_by(*keys.values())
    ):
        row = _keyed(values, keys) | {m: values[f"n_{m}"] for m in measures}
        if row["payments"] or row["refunds"]:
            rows.append(row)
    return _ordered(rows, keys)


def waiting_rows(on: datetime.date) -> list[dict]:
    """Queue tickets called per day × district × whole minutes waited (rounded up), summed
    over the district's offices from their day rows' histograms."""
    histogram: dict[tuple, int] = {}
    for day, district, minutes in (
        OfficeDay.objects.filter(day__lte=on, tickets_called__gt=0)
        .order_by()
        .values_list("day", "district__number", "wait_minutes")
    ):
        for waited, called in minutes.items():
            key = (day, district, int(waited))
            histogram[key] = histogram.get(key, 0) + called
    return [
        {"day": day, "district": district, "wait_minutes": waited, "called": n}
        for (day, district, waited), n in sorted(histogram.items())
        if n
    ]


def complaints_rows(on: datetime.date) -> list[dict]:
    return complaint_counts_by_day(None, on)


def grades_rows(on: datetime.date) -> list[dict]:
    return [row for row in grades_public_rows() if row["period_ends_on"] <= on]


def offices_rows(on: datetime.date) -> list[dict]:
    latest = {row["office"]: row for row in grades_rows(on)}  # ordered by period: last wins
    rows = []
    for office in offices_public_register():
        grade = latest.get(office["code"])
        rows.append(
            {
                "code": office["code"],
                "name": office["name"],
                "district": office["district"],
                "district_name_fa": office["district_name_fa"],
                "status": office["status"],
                "licence_number": office["licence_number"],
                "licence_issued_on": office["licence_issued_on"],
                "licence_expires_on": office["licence_expires_on"],
                "latest_grade": grade["grade"] if grade else None,
                "latest_grade_period": grade["period"] if grade else None,
            }
        )
    return rows


def _ordered(rows: list[dict], keys) -> list[dict]:
    """Rows in key order with None (remote: no district) first, the same on every database."""

    def key(row: dict) -> tuple:
        return tuple((row[k] is not None, row[k] or 0) if k == "district" else row[k] for k in keys)

    return sorted(rows, key=key)


# --- the datasets --------------------------------------------------------------------------------

COUNT = "integer"

DATASETS: dict[str, Dataset] = {}


def _register(dataset: Dataset) -> None:
    DATASETS[dataset.slug] = dataset


_register(
    Dataset(
        slug="files",
        title_fa="پرونده‌ها به تفکیک روز، خدمت، منطقه و مجرا",
        title_en="Files by day, service, district and channel",
        description_fa=(
            "شمار پرونده‌های ثبت‌شده و تکمیل‌شده در هر روز برای هر خدمت، منطقه و مجرای ثبت، "
            "و از پرونده‌های تکمیل‌شده شمار آن‌هایی که در مهلت یا پس از مهلت تمام شدند."
        ),
        description_en=(
            "Files submitted and completed each day per service, district and channel, and of "
            "the completed files how many finished within and after their deadline."
        ),
        columns=(
            DAY,
            SERVICE,
            SERVICE_TITLE,
            DOMAIN,
            DEPARTMENT,
            DISTRICT,
            CHANNEL,
            Column(
                "submitted",
                COUNT,
                "پرونده‌های ثبت‌شده در این روز",
                "Files submitted on the day",
                FILES_UNIT,
            ),
            Column(
                "completed",
                COUNT,
                "پرونده‌هایی که در این روز به پایان رسیدند (تأیید یا رد)",
                "Files completed on the day (approved or rejected)",
                FILES_UNIT,
            ),
            Column(
                "within_sla",
                COUNT,
                "از پرونده‌های تکمیل‌شده، آن‌هایی که در مهلت مقرر تمام شدند",
                "Of the completed files, those finished within their deadline",
                FILES_UNIT,
            ),
            Column(
                "breached",
                COUNT,
                "از پرونده‌های تکمیل‌شده، آن‌هایی که پس از مهلت مقرر تمام شدند",
                "Of the completed files, those finished after their deadline",
                FILES_UNIT,
            ),
            SUPPRESSED_COLUMN,
        ),
        rows=files_rows,
        counts=("submitted", "completed", "within_sla", "breached"),
        bases={"within_sla": ("completed",), "breached": ("completed",)},
        margins=(
            ("day",),
            ("day", "domain"),
            ("day", "domain", "district"),
            ("day", "department"),
            ("day", "department", "district"),
            ("day", "district"),
            ("day", "channel"),
            ("day", "district", "channel"),
            ("day", "service"),
        ),
        parts=(("within_sla", "breached"),),
    )
)

_register(
    Dataset(
        slug="sla",
        title_fa="زمان تکمیل پرونده‌ها (توزیع روزها)",
        title_en="Completion times of files (distribution of days)",
        description_fa=(
            "برای هر روز و خدمت، شمار پرونده‌هایی که با n روز فاصله از ثبت تا پایان تکمیل شدند؛ "
            "میانه و صدک نودم زمان تکمیل هر دوره از همین توزیع به‌دست می‌آید."
        ),
        description_en=(
            "For each day and service, how many files were completed n days after they were "
            "submitted; the median and 90th percentile of any period come from this distribution."
        ),
        columns=(
            DAY,
            SERVICE,
            DEPARTMENT,
            Column(
                "completion_days",
                "integer",
                "روزهای تقویمی کامل از ثبت تا پایان پرونده",
                "Whole calendar days from submission to completion",
                "روز (days)",
            ),
            Column(
                "completed",
                COUNT,
                "پرونده‌هایی که در این روز با این زمان تکمیل شدند",
                "Files completed on the day taking that many days",
                FILES_UNIT,
            ),
            SUPPRESSED_COLUMN,
        ),
        rows=sla_rows,
        counts=("completed",),
        margins=(("day",), ("day", "department"), ("day", "service")),
    )
)

_register(
    Dataset(
        slug="ratings",
        title_fa="امتیاز شهروندان به خدمات",
        title_en="Citizens' ratings of the service",
        description_fa=(
            "شمار امتیازهای ۱ تا ۵ که شهروندان پس از پایان پرونده دادند، جمع امتیازها و "
            "درخواست‌های تماس (امتیاز کمتر از ۴)، به تفکیک روز، خدمت، منطقه و مجرا."
        ),
        description_en=(
            "Ratings of 1 to 5 citizens gave after their file closed, their sum, and the "
            "call-backs asked (ratings below 4), per day, service, district and channel."
        ),
        columns=(
            DAY,
            SERVICE,
            DOMAIN,
            DEPARTMENT,
            DISTRICT,
            CHANNEL,
            Column("ratings", COUNT, "شمار امتیازها", "Ratings given", "امتیاز (ratings)"),
            *(
                Column(
                    f"rating_{n}",
                    COUNT,
                    f"شمار امتیازهای {'۰۱۲۳۴۵'[n]}",
                    f"Ratings of {n}",
                    "امتیاز (ratings)",
                )
                for n in range(1, 6)
            ),
            Column(
                "rating_sum",
                COUNT,
                "جمع امتیازها (میانگین = جمع ÷ شمار)",
                "Sum of the scores (average = sum ÷ ratings)",
                "امتیاز (points)",
            ),
            Column(
                "callbacks",
                COUNT,
                "درخواست‌های تماس پس از امتیاز کمتر از ۴",
                "Call-backs asked after a rating below 4",
                "درخواست (requests)",
            ),
            SUPPRESSED_COLUMN,
        ),
        rows=ratings_rows,
        counts=(*RATING_MEASURES, "callbacks"),
        bases={"rating_sum": RATING_MEASURES, **dict.fromkeys(RATING_MEASURES[1:], ("ratings",))},
        margins=(
            ("day",),
            ("day", "domain"),
            ("day", "department"),
            ("day", "district"),
            ("day", "channel"),
            ("day", "service"),
        ),
        parts=(RATING_MEASURES[1:],),
    )
)

_register(
    Dataset(
        slug="collections",
        title_fa="وصولی‌ها به حساب واحد خزانه",
        title_en="Collections into the single treasury account",
        description_fa=(
            "پرداخت‌های تأییدشده و مبلغ آن‌ها به ریال، و بازپرداخت‌ها، به تفکیک روز، "
            "روش پرداخت و منطقهٔ دفتر (خالی: پرداخت غیرحضوری)."
        ),
        description_en=(
            "Payments confirmed and their amount in rials, and refunds paid, per day, payment "
            "channel and the office's district (empty: paid remotely)."
        ),
        columns=(
            DAY,
            Column(
                "channel",
                "string",
                "روش پرداخت: pos (کارت در دفتر)، gateway (درگاه اینترنتی)، slip (فیش بانکی)",
                "Payment channel: pos (card at the office), gateway (online) or slip (bank slip)",
            ),
            DISTRICT,
            Column(
                "payments", COUNT, "پرداخت‌های تأییدشده", "Payments confirmed", "پرداخت (payments)"
            ),
            Column("rials", COUNT, "مبلغ پرداخت‌ها", "Amount collected", "ریال (IRR)"),
            Column(
                "refunds", COUNT, "بازپرداخت‌های انجام‌شده", "Refunds paid", "بازپرداخت (refunds)"
            ),
            Column("refunded_rials", COUNT, "مبلغ بازپرداخت‌ها", "Amount refunded", "ریال (IRR)"),
            SUPPRESSED_COLUMN,
        ),
        rows=collections_rows,
        counts=("payments", "refunds"),
        bases={"rials": ("payments",), "refunded_rials": ("refunds",)},
        margins=(("day",), ("day", "channel"), ("day", "district")),
    )
)

_register(
    Dataset(
        slug="offices",
        title_fa="دفاتر خدمات الکترونیک شهر",
        title_en="Electronic city-services offices",
        description_fa=(
            "فهرست دفاتر: کد، نام، منطقه، وضعیت، تاریخ صدور و پایان آخرین پروانه و آخرین "
            "رتبه. دفاتر کسب‌وکارند؛ هیچ دادهٔ شخصی (نام یا کد ملی دارندهٔ پروانه) منتشر نمی‌شود."
        ),
        description_en=(
            "The register of offices: code, name, district, status, their latest licence's "
            "dates and latest grade. Offices are businesses; no personal data (no licensee's "
            "name or national code) is published."
        ),
        columns=(
            Column("code", "string", "کد دفتر", "Office code"),
            Column("name", "string", "نام دفتر", "Office name"),
            Column("district", "integer", "شمارهٔ منطقهٔ شهرداری", "Municipal district number"),
            Column("district_name_fa", "string", "نام منطقه", "District name (Persian)"),
            Column(
                "status",
                "string",
                "وضعیت: pending (در انتظار)، active (فعال)، suspended (تعلیق)، revoked (لغو)، "
                "closed (بسته)",
                "Status: pending, active, suspended, revoked or closed",
            ),
            Column("licence_number", "string", "شمارهٔ آخرین پروانه", "Latest licence number"),
            Column(
                "licence_issued_on",
                "date",
                "تاریخ صدور آخرین پروانه",
                "Latest licence issued on",
                "date",
            ),
            Column(
                "licence_expires_on",
                "date",
                "تاریخ پایان آخرین پروانه",
                "Latest licence expires on",
                "date",
            ),
            Column(
                "latest_grade",
                "string",
                "آخرین رتبه (A تا E؛ A بهترین)",
                "Latest grade (A to E; A is best)",
            ),
            Column(
                "latest_grade_period", "string", "دورهٔ آخرین رتبه", "Period of the latest grade"
            ),
        ),
        rows=offices_rows,
        daily=False,
    )
)

_register(
    Dataset(
        slug="grades",
        title_fa="رتبه‌بندی دوره‌ای دفاتر",
        title_en="Periodic grades of offices",
        description_fa=(
            "رتبه و امتیاز هر دفتر در هر دورهٔ رتبه‌بندی؛ رتبه همان است که پس از رسیدگی به "
            "اعتراض برقرار است. ورودی‌های محاسبه در صفحهٔ روش رتبه‌بندی منتشر شده‌اند."
        ),
        description_en=(
            "Each office's grade and score in each grading period, as it stands after any "
            "objection. The inputs of the computation are published on the grading formula page."
        ),
        columns=(
            Column("period", "string", "کد دورهٔ رتبه‌بندی", "Grading period code"),
            Column("period_starts_on", "date", "آغاز دوره", "Period starts on", "date"),
            Column("period_ends_on", "date", "پایان دوره", "Period ends on", "date"),
            Column("office", "string", "کد دفتر", "Office code"),
            Column("grade", "string", "رتبه (A تا E)", "Grade (A to E)"),
            Column("score", "decimal", "امتیاز از ۱۰۰", "Score out of 100", "امتیاز (points)"),
        ),
        rows=grades_rows,
        daily=False,
    )
)

_register(
    Dataset(
        slug="complaints",
        title_fa="شکایت‌ها از دفاتر",
        title_en="Complaints about offices",
        description_fa=(
            "شکایت‌های دریافت‌شده (در روز دریافت) و واردشناخته‌شده (در روز رأی) به تفکیک "
            "روز، منطقهٔ دفتر و موضوع."
        ),
        description_en=(
            "Complaints received (on the day they arrived) and upheld (on the day of the "
            "ruling) per day, the office's district and category."
        ),
        columns=(
            DAY,
            Column(
                "district",
                "integer",
                "منطقهٔ دفتری که از آن شکایت شده (خالی: بدون دفتر)",
                "District of the office complained about (empty: no office)",
            ),
            Column(
                "category",
                "string",
                "موضوع: overcharging، rudeness، delay، bribe، refusal، data_misuse، "
                "accessibility، other",
                "Category: overcharging, rudeness, delay, bribe, refusal, data_misuse, "
                "accessibility, other",
            ),
            Column(
                "received", COUNT, "شکایت‌های دریافت‌شده", "Complaints received", "شکایت (complaints)"
            ),
            Column(
                "upheld",
                COUNT,
                "شکایت‌هایی که در این روز وارد (یا تا حدی وارد) شناخته شدند",
                "Complaints ruled upheld (or partly upheld) on the day",
                "شکایت (complaints)",
            ),
            SUPPRESSED_COLUMN,
        ),
        rows=complaints_rows,
        counts=("received", "upheld"),
        margins=(("day",), ("day", "district"), ("day", "category")),
    )
)


_register(
    Dataset(
        slug="waiting",
        title_fa="انتظار در دفاتر",
        title_en="Waiting at the offices",
        description_fa=(
            "شمار شهروندانی که پس از گرفتن نوبت در صف دفتر به باجه فراخوانده شدند، به تفکیک "
            "روز، منطقهٔ دفتر و دقیقه‌های انتظار (از گرفتن نوبت تا فراخوانی، به دقیقهٔ کامل و "
            "گرد به بالا). میانه، صدک ۹۰ و سهم فراخوانده‌شدگان در ۱۵ دقیقه از همین جدول به دست "
            "می‌آید."
        ),
        description_en=(
            "Citizens called to a counter after taking a queue ticket at an office, per day, "
            "the office's district and minutes waited (from ticket to call, whole minutes "
            "rounded up). The median, the 90th percentile and the share called within 15 "
            "minutes follow from this table."
        ),
        columns=(
            DAY,
            Column("district", "integer", "شمارهٔ منطقهٔ شهرداری", "Municipal district number"),
            Column(
                "wait_minutes",
                COUNT,
                "دقیقه‌های انتظار از گرفتن نوبت تا فراخوانی (گرد به بالا)",
                "Minutes from ticket to call (rounded up)",
                "دقیقه (minutes)",
            ),
            Column(
                "called",
                COUNT,
                "شهروندانی که پس از این مدت انتظار فراخوانده شدند",
                "Citizens called after waiting that long",
                "نفر (citizens)",
            ),
            SUPPRESSED_COLUMN,
        ),
        rows=waiting_rows,
        counts=("called",),
        margins=(("day",), ("day", "district")),
    )
)


def dataset_get(slug: str) -> Dataset | None:
    return DATASETS.get(slug)


def dataset_table(dataset: Dataset, on: datetime.date) -> Table:
    """The dataset's rows for a publication of `on`, with the cells its suppression blanks."""
    rows = dataset.rows(on)
    blank = (
        suppress(
            rows,
            counts=dataset.counts,
            bases=dataset.bases,
            margins=dataset.margins,
            parts=dataset.parts,
        )
        if dataset.suppresses
        else [set() for _ in rows]
    )
    return Table(dataset=dataset, on=on, rows=rows, blank=blank)
