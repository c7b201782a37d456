"""Transparency models: the portal's daily aggregates: one row per day and key, rebuilt by a job
for the days that changed; the public portal reads only these.

Every figure is an integer count or a sum of integers (rials, seconds, scores), on the Tehran
calendar day of the event it counts, so any period's figure is an exact sum of days and the
median and 90th percentile of completion times are exact (from the per-day histograms).

- `FileDay`: files by day × service × department × office (null for remote channels) ×
  channel, with the service's domain and the office's district denormalised (null = remote).
  `submitted` counts on the day of submission; `completed`, `approved`, `rejected`,
  `cancelled`, `within_sla`, `breached` and the `completion_days` histogram on the day the
  file closed; ratings on the day they were given; call-backs on the day they were asked.
- `CollectionDay`: collections by day × payment channel × office/district: payments
  confirmed that day (count, rials) and refunds paid that day (count, rials).
- `OfficeDay`: per office per day: complaints received and upheld, terminal uptime (seconds
  of opening hours observed and seconds with a heartbeat), inspections submitted, and the
  queue (`QueueCounts`): tickets issued, called and served on the ticket's day, with the
  histograms of minutes waited (issued → called) and minutes at the counter (called → served).
- `FileMonth`, `CollectionMonth`, `DistrictMonth`: the same sums per Jalali month and
  district (no office), rolled up from the day tables for every month a build touched: the
  portal answers whole months from these (a year is a few hundred rows, whatever the number of
  files) and only a period's partial edge months from the day tables.
- `AggregateBuild`: one row per build run: which days it rebuilt and its watermark.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = [
    "AggregateBuild",
    "CollectionDay",
    "CollectionMonth",
    "DistrictMonth",
    "FileDay",
    "FileMonth",
    "OfficeDay",
]


class FileCounts(models.Model):
    """The counts a row of files carries, by day (`FileDay`) or by month (`FileMonth`)."""

    submitted = models.PositiveIntegerField(_("submitted"), default=0)
    completed = models.PositiveIntegerField(_("completed (approved or rejected)"), default=0)
    approved = models.PositiveIntegerField(_("approved"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    cancelled = models.PositiveIntegerField(_("cancelled"), default=0)
    within_sla = models.PositiveIntegerField(_("completed within the deadline"), default=0)
    breached = models.PositiveIntegerField(_("completed after the deadline"), default=0)
    # {"<whole days from submission to completion>": count}, over the `completed` files.
    completion_days = models.JSONField(_("completion times (days: files)"), default=dict)
    ratings = models.PositiveIntegerField(_("ratings"), default=0)
    rating_sum = models.PositiveIntegerField(_("sum of scores"), default=0)
    rating_1 = models.PositiveIntegerField(_("ratings of 1"), default=0)
    rating_2 = models.PositiveIntegerField(_("ratings of 2"), default=0)
    rating_3 = models.PositiveIntegerField(_("ratings of 3"), default=0)
    rating_4 = models.PositiveIntegerField(_("ratings of 4"), default=0)
    rating_5 = models.PositiveIntegerField(_("ratings of 5"), default=0)
    callbacks = models.PositiveIntegerField(_("call-backs asked"), default=0)

    class Meta:
        abstract = True


class CollectionCounts(models.Model):
    """The sums a row of collections carries, by day or by month."""

    payments = models.PositiveIntegerField(_("payments collected"), default=0)
    rials = models.BigIntegerField(_("rials collected"), default=0)
    refunds = models.PositiveIntegerField(_("refunds paid"), default=0)
    refunded_rials = models.BigIntegerField(_("rials refunded"), default=0)

    class Meta:
        abstract = True


class QueueCounts(models.Model):
    """The office queue's counts, by office and day (`OfficeDay`) or district and month
    (`DistrictMonth`). Minutes are whole minutes rounded up, so "waited at most 15 minutes" is
    exactly the histogram's entries 0 to 15."""

    tickets_issued = models.PositiveIntegerField(_("queue tickets issued"), default=0)
    tickets_called = models.PositiveIntegerField(_("queue tickets called"), default=0)
    tickets_served = models.PositiveIntegerField(_("queue tickets served"), default=0)
    # {"<minutes from ticket to call, rounded up>": tickets}, over the called tickets.
    wait_minutes = models.JSONField(_("waits (minutes: tickets)"), default=dict)
    # {"<minutes from call to served, rounded up>": tickets}, over the served tickets.
    service_minutes = models.JSONField(_("times at the counter (minutes: tickets)"), default=dict)

    class Meta:
        abstract = True


class FileDay(FileCounts):
    day = models.DateField(_("day (Tehran)"))
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("service"),
    )
    domain = models.ForeignKey(
        "catalogue.ServiceDomain",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("service domain"),
    )
    department = models.ForeignKey(
        "catalogue.Department",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("department"),
    )
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("office"),
    )
    district = models.ForeignKey(
        "offices.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("district"),
    )
    channel = models.CharField(_("channel"), max_length=10)

    class Meta:
        verbose_name = _("files of a day")
        verbose_name_plural = _("files by day")
        constraints = [
            models.CheckConstraint(
                condition=Q(completed=models.F("approved") + models.F("rejected")),
                name="fileday_completed_is_approved_plus_rejected",
            ),
            models.CheckConstraint(
                condition=Q(completed=models.F("within_sla") + models.F("breached")),
                name="fileday_completed_is_within_plus_breached",
            ),
        ]
        indexes = [
            models.Index(fields=["day", "district"], name="fileday_day_idx"),
            models.Index(fields=["office", "day"], name="fileday_office_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.service_id} {self.office_id} {self.channel}"


class CollectionDay(CollectionCounts):
    day = models.DateField(_("day (Tehran)"))
    channel = models.CharField(_("payment channel"), max_length=10)
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("office"),
    )
    district = models.ForeignKey(
        "offices.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("district"),
    )

    class Meta:
        verbose_name = _("collections of a day")
        verbose_name_plural = _("collections by day")
        indexes = [models.Index(fields=["day", "district"], name="collectionday_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.channel} {self.office_id}"


class OfficeDay(QueueCounts):
    day = models.DateField(_("day (Tehran)"))
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("office"),
    )
    district = models.ForeignKey(
        "offices.District",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("district"),
    )
    complaints_received = models.PositiveIntegerField(_("complaints received"), default=0)
    complaints_upheld = models.PositiveIntegerField(_("complaints upheld"), default=0)
    uptime_observed_seconds = models.PositiveIntegerField(
        _("opening hours observed (seconds)"), default=0
    )
    uptime_online_seconds = models.PositiveIntegerField(
        _("opening hours online (seconds)"), default=0
    )
    inspections = models.PositiveIntegerField(_("inspections"), default=0)

    class Meta:
        verbose_name = _("an office's day")
        verbose_name_plural = _("offices by day")
        constraints = [
            models.UniqueConstraint(fields=["office", "day"], name="officeday_one_per_office_day"),
            models.CheckConstraint(
                condition=Q(uptime_online_seconds__lte=models.F("uptime_observed_seconds")),
                name="officeday_online_within_observed",
            ),
            models.CheckConstraint(
                condition=Q(tickets_called__lte=models.F("tickets_issued"))
                & Q(tickets_served__lte=models.F("tickets_called")),
                name="officeday_served_within_called_within_issued",
            ),
        ]
        indexes = [models.Index(fields=["day", "district"], name="officeday_day_idx")]

    def __str__(self) -> str:
        return f"{self.office_id} {self.day}"


class AggregateBuild(models.Model):
    class Mode(models.TextChoices):
        FULL = "full", _("Every day")
        INCREMENTAL = "incremental", _("Days that changed")
        DAYS = "days", _("Chosen days")

    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Sources changed after this instant are rebuilt by the next incremental run.
    watermark = models.DateTimeField(_("sources read up to"))
    days = models.JSONField(_("days rebuilt"), default=list)  # ISO dates, ascending
    day_count = models.PositiveIntegerField(_("days rebuilt (count)"), default=0)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    actor_label = models.CharField(_("run by"), max_length=150)

    class Meta:
        verbose_name = _("aggregate build")
        verbose_name_plural = _("aggregate builds")
        indexes = [models.Index(fields=["-started_at"], name="aggregatebuild_started_idx")]

    def __str__(self) -> str:
        return f"{self.mode} {self.started_at:%Y-%m-%d %H:%M}"


class FileMonth(FileCounts):
    """`FileDay` summed over a Jalali month, by service × department × district × channel."""

    month = models.DateField(_("first day of the Jalali month"))
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("service"),
    )
    domain = models.ForeignKey(
        "catalogue.ServiceDomain",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("service domain"),
    )
    department = models.ForeignKey(
        "catalogue.Department",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("department"),
    )
    district = models.ForeignKey(
        "offices.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("district"),
    )
    channel = models.CharField(_("channel"), max_length=10)

    class Meta:
        verbose_name = _("files of a month")
        verbose_name_plural = _("files by month")
        indexes = [models.Index(fields=["month", "district"], name="filemonth_month_idx")]

    def __str__(self) -> str:
        return f"{self.month} {self.service_id} {self.district_id} {self.channel}"


class CollectionMonth(CollectionCounts):
    """`CollectionDay` summed over a Jalali month, by payment channel × district."""

    month = models.DateField(_("first day of the Jalali month"))
    channel = models.CharField(_("payment channel"), max_length=10)
    district = models.ForeignKey(
        "offices.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("district"),
    )

    class Meta:
        verbose_name = _("collections of a month")
        verbose_name_plural = _("collections by month")
        indexes = [models.Index(fields=["month", "district"], name="collectionmonth_month_idx")]

    def __str__(self) -> str:
        return f"{self.month} {self.channel} {self.district_id}"


class DistrictMonth(QueueCounts):
    """`OfficeDay` summed over a Jalali month and the offices of a district."""

    month = models.DateField(_("first day of the Jalali month"))
    district = models.ForeignKey(
        "offices.District",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("district"),
    )
    complaints_received = models.PositiveIntegerField(_("complaints received"), default=0)
    complaints_upheld = models.PositiveIntegerField(_("complaints upheld"), default=0)
    uptime_observed_seconds = models.BigIntegerField(
        _("opening hours observed (seconds)"), default=0
    )
    uptime_online_seconds = models.BigIntegerField(_("opening hours online (seconds)"), default=0)
    inspections = models.PositiveIntegerField(_("inspections"), default=0)

    class Meta:
        verbose_name = _("a district's month")
        verbose_name_plural = _("districts by month")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "month"], name="districtmonth_one_per_district_month"
            ),
        ]
        indexes = [models.Index(fields=["month"], name="districtmonth_month_idx")]

    def __str__(self) -> str:
        return f"{self.district_id} {self.month}"
