"""Transparency models: open data: the published datasets, each file's SHA-256 and its catalogue
entry.

A `Publication` is one file of one dataset in one format, published for one day (the data runs
up to and including that day). Its bytes live in the open-data directory (outside the
database, like the audit checkpoints): the row records where, how big, how many rows, which
days it covers and its SHA-256, which the audit log records too, so a downloaded file can be
checked against the log years later. Re-publishing a day with the same content changes
nothing; a day re-published with other content (late edits rebuilt into the aggregates)
replaces the day's files and the audit log keeps both sets of hashes.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["Publication"]


class Publication(models.Model):
    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"

    dataset = models.CharField(_("dataset"), max_length=20)  # a slug of DATASETS
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    published_on = models.DateField(_("data up to (Tehran day)"))
    first_day = models.DateField(_("first day covered"), null=True, blank=True)
    last_day = models.DateField(_("last day covered"), null=True, blank=True)
    row_count = models.PositiveIntegerField(_("rows"))
    suppressed_cells = models.PositiveIntegerField(_("cells suppressed"), default=0)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    path = models.CharField(_("file (relative to the open-data directory)"), max_length=200)
    created_at = models.DateTimeField(_("published at"))
    actor_label = models.CharField(_("published by"), max_length=150)

    class Meta:
        verbose_name = _("open-data publication")
        verbose_name_plural = _("open-data publications")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "format", "published_on"],
                name="publication_one_per_dataset_format_day",
            ),
            models.CheckConstraint(
                condition=Q(first_day__isnull=True) | Q(first_day__lte=models.F("last_day")),
                name="publication_days_in_order",
            ),
        ]
        indexes = [
            models.Index(
                fields=["dataset", "format", "-published_on"], name="publication_latest_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dataset}.{self.format} {self.published_on}"
